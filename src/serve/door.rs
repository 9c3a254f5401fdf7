//! The front door of `serve`: our own accept loop on the TCP port, in front of tiny_http.
//! tiny_http parses and answers every request, but on its own it has no header timeout,
//! no limit on connections, and its accept thread ends for good at the first error (such
//! as running out of file descriptors), leaving a process that looks healthy and answers
//! nothing. So the door:
//!
//! - raises the soft limit of open files to the hard limit at start;
//! - keeps accepting after `EMFILE`/`ENFILE` (it waits a moment and tries again);
//! - gives each connection 10 seconds to send its request head, and drops it otherwise;
//! - keeps at most a bounded number of connections waiting for their head (the oldest
//!   is dropped first), so slow clients cannot use up threads or descriptors;
//! - hands each complete head, marked `Connection: close`, to tiny_http over a Unix socket
//!   in a private folder, and copies the answer back;
//! - supervises tiny_http: if its accept thread dies, a new one listens at once.

use std::collections::VecDeque;
use std::io::{ErrorKind, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

/// How long a client may take to send its request head.
pub const HEAD_TIMEOUT: Duration = Duration::from_secs(10);
/// The largest request head accepted.
const MAX_HEAD: usize = 16 * 1024;
/// How long a complete request waits for tiny_http to take it.
const BACKEND_PATIENCE: Duration = Duration::from_secs(30);
/// How long an answer may take to start and to go on (tabs long-poll for 25 s).
const ANSWER_TIMEOUT: Duration = Duration::from_secs(60);
/// How long writing the answer to a client may stall.
const WRITE_TIMEOUT: Duration = Duration::from_secs(30);

/// Raises the soft limit of open files to the hard limit; returns the limit in force.
pub fn raise_fd_limit() -> u64 {
    rlimit::increase_nofile_limit(u64::MAX)
        .ok()
        .or_else(|| {
            rlimit::getrlimit(rlimit::Resource::NOFILE)
                .ok()
                .map(|l| l.0)
        })
        .unwrap_or(1024)
}

/// What answers one request (in a thread of its own).
pub type Handler = Arc<dyn Fn(tiny_http::Request) + Send + Sync>;

/// The private backend: tiny_http listening on a Unix socket that only this process's
/// user can reach (its folder is mode 0700), with a thread taking its requests. When
/// tiny_http's accept thread ends (an error, or a panic when descriptors run out), a new
/// server listens on a new socket and the door connects there.
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
        let dir = std::env::temp_dir().join(format!(
            "werkplaats-serve-{}-{}",
            std::process::id(),
            uuid::Uuid::new_v4().simple()
        ));
        std::fs::DirBuilder::new().mode(0o700).create(&dir)?;
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

    /// Ctrl-C: stop taking requests.
    pub fn stop(&self) {
        self.stopping.store(true, Ordering::SeqCst);
        self.now().1.unblock();
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

    fn connect(self: &Arc<Self>) -> std::io::Result<UnixStream> {
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

impl Drop for Backend {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn listen(path: &Path) -> std::io::Result<tiny_http::Server> {
    let listener = UnixListener::bind(path)?;
    tiny_http::Server::from_listener(listener, None)
        .map_err(|e| std::io::Error::other(e.to_string()))
}

/// Connections still sending their head, oldest first: id and the flag that tells it to
/// give up (no second descriptor per connection is needed for that).
struct Waiting {
    next: u64,
    list: VecDeque<(u64, Arc<AtomicBool>)>,
    cap: usize,
}

/// Accepts connections on `listener` for ever (until `stop` says so), each in a thread of
/// its own, and passes complete heads to `backend`.
pub fn run(
    listener: TcpListener,
    backend: Arc<Backend>,
    fd_limit: u64,
    stop: impl Fn() -> bool + Send + 'static,
) {
    // Keep well clear of the limit: the watcher, the rebuild and each answer (three
    // descriptors: the client, and both ends of the socket to tiny_http) need theirs.
    let cap = (fd_limit.saturating_sub(48) / 4).clamp(4, 512) as usize;
    let waiting = Arc::new(Mutex::new(Waiting {
        next: 0,
        list: VecDeque::new(),
        cap,
    }));
    let mut told = false;
    loop {
        if stop() {
            return;
        }
        match listener.accept() {
            Ok((stream, _)) => {
                let waiting = waiting.clone();
                let backend = backend.clone();
                let spawned = std::thread::Builder::new()
                    .name("werkplaats-conn".into())
                    .spawn(move || connection(stream, &waiting, &backend));
                if spawned.is_err() {
                    std::thread::sleep(Duration::from_millis(20));
                }
            }
            Err(e) => {
                // Out of descriptors (or memory): the connection waits in the kernel's
                // queue; try again shortly instead of giving up on the port.
                if !told {
                    eprintln!("serve: cannot accept a connection now ({e}); trying again");
                    told = true;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// One connection: its head within `HEAD_TIMEOUT`, then tiny_http's answer.
fn connection(mut client: TcpStream, waiting: &Mutex<Waiting>, backend: &Arc<Backend>) {
    let dropped = Arc::new(AtomicBool::new(false));
    let id = {
        let mut w = lock(waiting);
        let id = w.next;
        w.next += 1;
        // Too many waiting: the oldest gives up as soon as a read finds nothing more (a
        // client that sent its head at once still goes through).
        while w.list.len() >= w.cap {
            if let Some((_, oldest)) = w.list.pop_front() {
                oldest.store(true, Ordering::Relaxed);
            }
        }
        w.list.push_back((id, dropped.clone()));
        id
    };
    let head = read_head(&mut client, &dropped);
    lock(waiting).list.retain(|(i, _)| *i != id);
    let Some(head) = head else {
        let _ = client.shutdown(Shutdown::Both);
        return;
    };
    let _ = client.set_write_timeout(Some(WRITE_TIMEOUT));
    // A server whose accept thread died just after our connect drops it unanswered: then
    // the same head (only GET and HEAD are served) goes to the one that takes over.
    let deadline = Instant::now() + BACKEND_PATIENCE;
    while Instant::now() < deadline {
        let Some(mut upstream) = connect_patiently(backend, deadline) else {
            break;
        };
        // Long-polling tabs wait 25 s for their answer; nothing waits longer.
        let _ = upstream.set_read_timeout(Some(ANSWER_TIMEOUT));
        if upstream.write_all(&head).is_ok() && forward(&mut upstream, &mut client) > 0 {
            let _ = client.shutdown(Shutdown::Both);
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = client.write_all(
        b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\nX-Content-Type-Options: nosniff\r\n\r\n",
    );
}

/// Copies the answer to the client until the end (or an error); returns how many bytes
/// went through, so that an answer that never started can be asked for again.
fn forward(upstream: &mut UnixStream, client: &mut TcpStream) -> usize {
    let mut buf = vec![0u8; 64 * 1024];
    let mut sent = 0;
    loop {
        let n = match upstream.read(&mut buf) {
            Ok(0) => return sent,
            Ok(n) => n,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(_) => return sent,
        };
        if client.write_all(&buf[..n]).is_err() {
            // The client went away: nothing to ask again for.
            return sent + n.max(1);
        }
        sent += n;
    }
}

/// Connects to tiny_http, waiting a while if descriptors are short (they free up as other
/// answers finish); `None` only after `deadline`.
fn connect_patiently(backend: &Arc<Backend>, deadline: Instant) -> Option<UnixStream> {
    loop {
        match backend.connect() {
            Ok(stream) => return Some(stream),
            Err(_) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(50)),
            Err(_) => return None,
        }
    }
}

/// Reads up to the blank line that ends a request head, within `HEAD_TIMEOUT` in all;
/// returns the head with `Connection: close` (one request per connection, so no later
/// request can take its time). `None`: too slow, too large, or closed.
fn read_head(client: &mut TcpStream, dropped: &AtomicBool) -> Option<Vec<u8>> {
    let deadline = Instant::now() + HEAD_TIMEOUT;
    let mut head = Vec::with_capacity(1024);
    let mut buf = [0u8; 2048];
    loop {
        let left = deadline.checked_duration_since(Instant::now())?;
        if left.is_zero() {
            return None;
        }
        // Short waits, so a connection told to give up (too many waiting) does so soon.
        client
            .set_read_timeout(Some(left.min(Duration::from_millis(250))))
            .ok()?;
        let n = match client.read(&mut buf) {
            Ok(n) => n,
            // Nothing came: go on waiting, unless told to give up.
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                if dropped.load(Ordering::Relaxed) {
                    return None;
                }
                continue;
            }
            Err(_) => return None,
        };
        if n == 0 {
            return None;
        }
        head.extend_from_slice(&buf[..n]);
        if let Some(end) = head.windows(4).position(|w| w == b"\r\n\r\n") {
            head.truncate(end + 2);
            return Some(close_after(&head));
        }
        if head.len() > MAX_HEAD {
            return None;
        }
    }
}

/// The head (request line and header lines, each ending in CRLF) without any
/// `Connection` header, plus `Connection: close` and the blank line.
fn close_after(head: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(head.len() + 24);
    for line in head.split_inclusive(|&b| b == b'\n') {
        let is_connection = line
            .get(..11)
            .is_some_and(|l| l.eq_ignore_ascii_case(b"connection:"));
        if !is_connection {
            out.extend_from_slice(line);
        }
    }
    out.extend_from_slice(b"Connection: close\r\n\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::close_after;

    #[test]
    fn every_request_is_marked_close() {
        let head = b"GET / HTTP/1.1\r\nHost: x\r\nconnection: keep-alive\r\nAccept: */*\r\n";
        assert_eq!(
            close_after(head),
            b"GET / HTTP/1.1\r\nHost: x\r\nAccept: */*\r\nConnection: close\r\n\r\n"
        );
    }
}
