//! Watches `content/` and `themes/` as folders (editors save by renaming), ignoring editor
//! temporary and backup files, and rebuilds after a short quiet time (debounce). `--poll`
//! uses notify's polling watcher for file systems without change events.

use super::{Rebuilder, Shared};
use crate::load::is_ignored;
use crate::{EnvError, Options};
use notify::{EventKind, RecursiveMode, Watcher};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

/// How long to wait before rebuilding again when files could not be opened.
const RETRY: Duration = Duration::from_millis(500);

/// How long to wait for more changes before rebuilding.
const QUIET: Duration = Duration::from_millis(30);

pub struct Running {
    _watcher: Box<dyn Watcher + Send>,
}

pub fn start(
    options: &Options,
    poll: bool,
    shared: Arc<Shared>,
    ready: Receiver<Rebuilder>,
) -> Result<Running, EnvError> {
    let (tx, rx) = channel::<notify::Result<notify::Event>>();
    let mut watcher: Box<dyn Watcher + Send> = if poll {
        // Compare contents too: modification times may be whole seconds, so a quick save
        // of the same length would otherwise go unseen.
        let config = notify::Config::default()
            .with_poll_interval(Duration::from_millis(300))
            .with_compare_contents(true);
        Box::new(
            notify::PollWatcher::new(tx, config)
                .map_err(|e| EnvError(format!("cannot watch files: {e}")))?,
        )
    } else {
        Box::new(
            notify::recommended_watcher(tx)
                .map_err(|e| EnvError(format!("cannot watch files: {e}")))?,
        )
    };
    for folder in ["content", "themes"] {
        let path = options.root.join(folder);
        if path.is_dir() {
            watcher
                .watch(&path, RecursiveMode::Recursive)
                .map_err(|e| EnvError(format!("cannot watch {}: {e}", path.display())))?;
        }
    }
    std::thread::spawn(move || {
        if let Ok(rebuilder) = ready.recv() {
            run(rx, rebuilder, &shared);
        }
    });
    Ok(Running { _watcher: watcher })
}

/// The paths of a change worth a rebuild: not an access, not an editor's temporary file.
fn relevant(event: &notify::Event) -> Vec<PathBuf> {
    if matches!(event.kind, EventKind::Access(_)) {
        return Vec::new();
    }
    event
        .paths
        .iter()
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| !is_ignored(&n.to_string_lossy()))
        })
        .cloned()
        .collect()
}

fn run(
    rx: Receiver<notify::Result<notify::Event>>,
    mut rebuilder: Rebuilder,
    shared: &Arc<Shared>,
) {
    let mut retry = false;
    loop {
        // A rebuild that could not open files (out of descriptors) is tried again soon,
        // without waiting for another save.
        let first = if retry {
            match rx.recv_timeout(RETRY) {
                Ok(event) => Some(event),
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => None,
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => return,
            }
        } else {
            match rx.recv() {
                Ok(event) => Some(event),
                Err(_) => return,
            }
        };
        if shared.stop.load(std::sync::atomic::Ordering::Relaxed) {
            return;
        }
        let Some(first) = first else {
            let _ = rebuilder.rebuild(shared, Some("a retry"));
            retry = super::short_of_descriptors(&shared.current());
            continue;
        };
        let seen = std::time::Instant::now();
        let mut changed: Vec<PathBuf> = first.ok().as_ref().map(relevant).unwrap_or_default();
        // Drain what follows closely: one save is often several events.
        while let Ok(next) = rx.recv_timeout(QUIET) {
            changed.extend(next.ok().as_ref().map(relevant).unwrap_or_default());
        }
        if shared.stop.load(std::sync::atomic::Ordering::Relaxed) {
            return;
        }
        // Name the file that was saved, not a temporary one that is gone by now.
        let Some(saved) = changed.iter().find(|p| p.exists()).or(changed.first()) else {
            continue;
        };
        let shown = saved
            .strip_prefix(&rebuilder.options().root)
            .unwrap_or(saved)
            .display()
            .to_string();
        let shown = crate::diagnostic::terminal_safe(&shown).into_owned();
        crate::stage("watch: saw the save", seen);
        rebuilder.touched(changed);
        let _ = rebuilder.rebuild(shared, Some(&shown));
        retry = super::short_of_descriptors(&shared.current());
    }
}
