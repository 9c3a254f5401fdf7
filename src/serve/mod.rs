//! `werkplaats serve`: builds the site in memory with the base URL rewritten to the local
//! address, serves it with tiny_http (one thread per request, so long-polling tabs never
//! starve page requests), watches `content/` and `themes/`, and after each rebuild swaps in
//! the complete new output with one pointer store, and only then wakes the waiting browser
//! tabs. A failed rebuild keeps the last good output and adds an overlay naming the problems.
//! `public/` is never touched; only paths in the output map are ever served.

mod http;
pub mod inject;
mod watch;

use crate::diagnostic::Diagnostic;
use crate::render::{Content, Output, Sink};
use crate::{BuildError, EnvError, Options};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::time::{Duration, Instant};

pub struct ServeOptions {
    pub options: Options,
    pub bind: String,
    pub port: u16,
    pub poll: bool,
}

/// One complete build, as served.
pub struct Snapshot {
    pub files: Arc<HashMap<String, Content>>,
    /// Problems of the last rebuild if it failed (then `files` is the last good build).
    pub errors: Vec<Diagnostic>,
    pub generation: u64,
}

/// The state shared by the server threads and the watcher.
pub struct Shared {
    snapshot: RwLock<Arc<Snapshot>>,
    generation: Mutex<u64>,
    changed: Condvar,
    pub stop: AtomicBool,
}

impl Shared {
    pub fn current(&self) -> Arc<Snapshot> {
        self.snapshot
            .read()
            .map(|s| s.clone())
            .unwrap_or_else(|e| e.into_inner().clone())
    }

    /// Puts a complete snapshot in place, then wakes every waiting tab.
    fn publish(&self, snapshot: Snapshot) {
        let generation = snapshot.generation;
        match self.snapshot.write() {
            Ok(mut slot) => *slot = Arc::new(snapshot),
            Err(e) => *e.into_inner() = Arc::new(snapshot),
        }
        let mut g = self.generation.lock().unwrap_or_else(|e| e.into_inner());
        *g = generation;
        self.changed.notify_all();
    }

    /// Waits until the generation differs from `since` (or `timeout` passes); returns it.
    pub fn wait(&self, since: u64, timeout: Duration) -> u64 {
        let deadline = Instant::now() + timeout;
        let mut g = self.generation.lock().unwrap_or_else(|e| e.into_inner());
        while *g == since && !self.stop.load(Ordering::Relaxed) {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            g = match self
                .changed
                .wait_timeout(g, left.min(Duration::from_millis(500)))
            {
                Ok((guard, _)) => guard,
                Err(e) => e.into_inner().0,
            };
        }
        *g
    }
}

/// Builds once, then serves until Ctrl-C. Environment problems (port in use) are errors.
pub fn serve(opts: ServeOptions) -> Result<(), EnvError> {
    let address = format!("{}:{}", opts.bind, opts.port);
    let server = tiny_http::Server::http(&address).map_err(|e| {
        EnvError(format!(
            "cannot listen on {address}: {e} (is another server using the port? try --port 0)"
        ))
    })?;
    let local = server
        .server_addr()
        .to_ip()
        .ok_or_else(|| EnvError("the server has no IP address".into()))?;
    let host = if local.ip().is_unspecified() {
        "127.0.0.1".to_string()
    } else {
        local.ip().to_string()
    };
    let base_url = format!("http://{host}:{}", local.port());
    let mut options = opts.options.clone();
    options.base_url = Some(base_url.clone());

    let shared = Arc::new(Shared {
        snapshot: RwLock::new(Arc::new(Snapshot {
            files: Arc::new(HashMap::new()),
            errors: Vec::new(),
            generation: 0,
        })),
        generation: Mutex::new(0),
        changed: Condvar::new(),
        stop: AtomicBool::new(false),
    });
    // Watch before the first build, so no save is missed; the watcher acts on what it saw
    // only once the first build is in place.
    let (ready, ready_rx) = std::sync::mpsc::channel();
    let _watcher = watch::start(&options, opts.poll, shared.clone(), ready_rx)?;
    rebuild(&options, &shared, 1, None)?;
    let _ = ready.send(());
    println!("serving {base_url}/ (Ctrl-C stops)");

    let server = Arc::new(server);
    {
        let shared = shared.clone();
        let server = server.clone();
        ctrlc::set_handler(move || {
            shared.stop.store(true, Ordering::Relaxed);
            shared.changed.notify_all();
            server.unblock();
        })
        .map_err(|e| EnvError(format!("cannot handle Ctrl-C: {e}")))?;
    }
    for request in server.incoming_requests() {
        if shared.stop.load(Ordering::Relaxed) {
            break;
        }
        let shared = shared.clone();
        std::thread::spawn(move || http::respond(request, &shared));
    }
    println!("stopped");
    Ok(())
}

/// Builds into memory and publishes the result as generation `generation`. On content
/// errors the last good files stay, with the errors for the overlay.
pub fn rebuild(
    options: &Options,
    shared: &Shared,
    generation: u64,
    changed: Option<&str>,
) -> Result<(), EnvError> {
    let started = Instant::now();
    let sink = Collect(Mutex::new(HashMap::new()));
    let result = crate::render_site(options, &sink);
    let previous = shared.current();
    let snapshot = match result {
        Ok((rendered, warnings)) => {
            for d in &warnings {
                eprint!("{}", d.human());
            }
            println!(
                "rebuilt{}: {} pages, {} feeds, {} files in {:.2} s",
                changed.map(|c| format!(" after {c}")).unwrap_or_default(),
                rendered.pages,
                rendered.feeds,
                rendered.files,
                started.elapsed().as_secs_f64()
            );
            let files = std::mem::take(&mut *sink.0.lock().unwrap_or_else(|e| e.into_inner()));
            Snapshot {
                files: Arc::new(files),
                errors: Vec::new(),
                generation,
            }
        }
        Err(BuildError::Content(diags)) => {
            for d in &diags {
                eprint!("{}", d.human());
            }
            let errors = diags.iter().filter(|d| d.is_error()).count();
            if previous.generation == 0 {
                eprintln!("{errors} error(s): nothing to serve until they are fixed");
            } else {
                eprintln!("{errors} error(s): still serving the last good version");
            }
            let files = previous.files.clone();
            Snapshot {
                files,
                errors: diags,
                generation,
            }
        }
        Err(BuildError::Env(message)) => {
            if generation == 1 {
                return Err(EnvError(message));
            }
            eprintln!("error: {message}");
            return Ok(());
        }
    };
    shared.publish(snapshot);
    Ok(())
}

/// Keeps the rendered files in memory.
struct Collect(Mutex<HashMap<String, Content>>);

impl Sink for Collect {
    fn put(&self, output: Output) {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(output.path, output.content);
    }
}
