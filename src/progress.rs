//! What `build` is doing and how far it is, on a terminal (issue 16): the stage's name
//! and, while files are made, a bar of files done. Nothing is drawn in a pipe or in CI,
//! nor in the first second (a short build only prints its closing line).

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

struct Progress {
    bar: ProgressBar,
    started: Instant,
    shown: std::sync::atomic::AtomicBool,
}

static PROGRESS: OnceLock<Progress> = OnceLock::new();

/// How long a build runs before it shows its progress.
const QUIET_FOR: Duration = Duration::from_secs(1);

/// Shows progress from now on, if standard error is a terminal and `CI` is not set.
pub fn enable() {
    if !std::io::stderr().is_terminal() || std::env::var_os("CI").is_some() {
        return;
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
    bar.set_style(
        ProgressStyle::with_template("{spinner} {msg:<16} {wide_bar} {pos}/{len} {elapsed}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let _ = PROGRESS.set(Progress {
        bar,
        started: Instant::now(),
        shown: std::sync::atomic::AtomicBool::new(false),
    });
}

fn with(f: impl FnOnce(&ProgressBar)) {
    let Some(p) = PROGRESS.get() else {
        return;
    };
    if !p.shown.load(std::sync::atomic::Ordering::Relaxed) && p.started.elapsed() >= QUIET_FOR {
        p.shown.store(true, std::sync::atomic::Ordering::Relaxed);
        p.bar.set_draw_target(ProgressDrawTarget::stderr());
        p.bar.enable_steady_tick(Duration::from_millis(120));
    }
    f(&p.bar);
}

/// A stage begins (`load`, `parse`, `render`, …). Parts of a stage (`images: encode`)
/// and the search index, which is made beside the pages, leave the name as it is.
pub fn stage(name: &str) {
    if name.contains(':') || name == "search index" {
        return;
    }
    with(|bar| bar.set_message(name.to_string()));
}

/// `count` files are to be made.
pub fn files(count: usize) {
    with(|bar| {
        bar.set_length(count as u64);
        bar.set_position(0);
    });
}

/// One more file is made.
pub fn tick() {
    with(|bar| bar.inc(1));
}

/// The work is over: the bar goes, so the closing line stands alone.
pub fn finish() {
    if let Some(p) = PROGRESS.get() {
        p.bar.finish_and_clear();
    }
}
