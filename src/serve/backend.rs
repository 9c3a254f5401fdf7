//! The private backend of `serve`: tiny_http listening on a Unix socket that only this
//! process's user can reach (a folder of mode 0700 under `/tmp`), with a thread handing its
//! requests to the handler. When tiny_http's accept thread ends (an error, or a panic when
//! descriptors run out), a new server listens on a new socket and the door connects
//! there; the old one still answers the requests of its open connections.

use std::io::ErrorKind;
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use super::lock;

/// What answers one request (in a thread of its own).
pub type Handler = Arc<dyn Fn(tiny_http::Request) + Send + Sync>;

/// tiny_http behind a private socket, restarted when it stops accepting.
pub struct Backend {
    dir: PathBuf,
    generation: AtomicU64,
    /// The socket the door connects to now, and its server.
    current: RwLock<(PathBuf, Arc<tiny_http::Server>)>,
    restarting: Mutex<()>,
    handler: Handler,
    stopping: AtomicBool,
}

impl Backend {
    pub fn start(handler: Handler) -> std::io::Result<Arc<Backend>> {
        use std::os::unix::fs::DirBuilderExt;
        // Short: a socket path may be at most about 100 bytes (104 on macOS, whose
        // temporary folder alone is about 50).
        let base = Path::new("/tmp");
        let base = if base.is_dir() {
            base.to_path_buf()
        } else {
            std::env::temp_dir()
        };
        let uuid = uuid::Uuid::new_v4().simple().to_string();
        let dir = base.join(format!("wp-{}-{}", std::process::id(), &uuid[..8]));
        std::fs::DirBuilder::new().mode(0o700).create(&dir)?;
        remove_dead(&base, &dir);
        let path = dir.join("0.sock");
        let server = Arc::new(listen(&path)?);
        let backend = Arc::new(Backend {
            dir,
            generation: AtomicU64::new(0),
            current: RwLock::new((path.clone(), server.clone())),
            restarting: Mutex::new(()),
            handler,
            stopping: AtomicBool::new(false),
        });
        backend.take_requests(server, path);
        Ok(backend)
    }

    /// Ctrl-C: stop taking requests, and remove the private folder (threads still hold
    /// the backend, so it is never dropped).
    pub fn stop(&self) {
        self.stopping.store(true, Ordering::SeqCst);
        self.now().1.unblock();
        let _ = std::fs::remove_dir_all(&self.dir);
    }

    fn now(&self) -> (PathBuf, Arc<tiny_http::Server>) {
        self.current
            .read()
            .map(|c| c.clone())
            .unwrap_or_else(|e| e.into_inner().clone())
    }

    /// A thread that hands each request of `server` to the handler, and restarts the
    /// backend when the server stops delivering (its accept thread ended with an error).
    fn take_requests(self: &Arc<Self>, server: Arc<tiny_http::Server>, path: PathBuf) {
        let me = self.clone();
        std::thread::spawn(move || {
            loop {
                match server.recv_timeout(Duration::from_secs(60)) {
                    Ok(Some(request)) => {
                        let handler = me.handler.clone();
                        let spawned = std::thread::Builder::new()
                            .name("werkplaats-http".into())
                            .spawn(move || handler(request));
                        if spawned.is_err() {
                            std::thread::sleep(Duration::from_millis(20));
                        }
                    }
                    // Retired and quiet for a minute: its connections are all answered.
                    Ok(None) if me.now().0 != path => return,
                    Ok(None) => {}
                    Err(_) if me.stopping.load(Ordering::SeqCst) => return,
                    // The accept thread ended: a new server takes new connections, and
                    // this one still answers the requests of its open connections.
                    Err(_) => me.restart_if_current(&path),
                }
            }
        });
    }

    /// The server at `failed` no longer answers: listen again on a new socket, unless
    /// another thread did so already. Requests of the old server's open connections are
    /// still taken by its own thread.
    fn restart_if_current(self: &Arc<Self>, failed: &Path) {
        let _one = lock(&self.restarting);
        for _ in 0..100 {
            if self.now().0 != failed || self.stopping.load(Ordering::SeqCst) {
                return;
            }
            let n = self.generation.fetch_add(1, Ordering::SeqCst) + 1;
            let path = self.dir.join(format!("{n}.sock"));
            match listen(&path) {
                Ok(server) => {
                    eprintln!("serve: the request handler stopped; a new one took over");
                    let server = Arc::new(server);
                    *self.current.write().unwrap_or_else(|e| e.into_inner()) =
                        (path.clone(), server.clone());
                    let _ = std::fs::remove_file(failed);
                    self.take_requests(server, path);
                    return;
                }
                // Out of descriptors: answers that finish free some.
                Err(_) => std::thread::sleep(Duration::from_millis(100)),
            }
        }
    }

    pub fn connect(self: &Arc<Self>) -> std::io::Result<UnixStream> {
        let (path, _) = self.now();
        match UnixStream::connect(&path) {
            // Nobody listens there any more: tiny_http's accept thread has died.
            Err(e) if matches!(e.kind(), ErrorKind::ConnectionRefused | ErrorKind::NotFound) => {
                self.restart_if_current(&path);
                UnixStream::connect(self.now().0)
            }
            other => other,
        }
    }
}

/// Removes the folders of earlier `serve`s that were killed: their process is gone (seen
/// in `/proc`; where there is no `/proc`, nothing is removed). Only folders of this user
/// (the owner of `ours`) with our name pattern. (Connecting to their sockets to see if
/// they live could block on a busy one.)
fn remove_dead(base: &Path, ours: &Path) {
    use std::os::unix::fs::MetadataExt;
    let Ok(me) = std::fs::symlink_metadata(ours).map(|m| m.uid()) else {
        return;
    };
    let Ok(entries) = std::fs::read_dir(base) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        let Some((pid, tag)) = name.strip_prefix("wp-").and_then(|r| r.split_once('-')) else {
            continue;
        };
        let named_like_ours = !pid.is_empty()
            && pid.bytes().all(|b| b.is_ascii_digit())
            && tag.len() == 8
            && tag.bytes().all(|b| b.is_ascii_hexdigit());
        let path = entry.path();
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        if !named_like_ours || path == ours || !meta.is_dir() || meta.uid() != me {
            continue;
        }
        let proc = Path::new("/proc");
        let gone = proc.join("self").exists() && !proc.join(pid).exists();
        if gone {
            let _ = std::fs::remove_dir_all(&path);
        }
    }
}

fn listen(path: &Path) -> std::io::Result<tiny_http::Server> {
    let listener = UnixListener::bind(path)?;
    tiny_http::Server::from_listener(listener, None)
        .map_err(|e| std::io::Error::other(e.to_string()))
}
