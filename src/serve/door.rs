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
//!   is dropped first), so slow clients cannot use up threads or descriptors, and a
//!   bounded number being answered (others wait their turn);
//! - answers 405 itself to a request with a body (only GET and HEAD are served);
//! - hands each complete head, marked `Connection: close`, to tiny_http over a Unix socket
//!   in a private folder (`backend`), and copies the answer back.

use super::backend::Backend;
use super::lock;
use std::collections::VecDeque;
use std::io::{ErrorKind, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::os::unix::net::UnixStream;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// How long a client may take to send its request head.
const HEAD_TIMEOUT: Duration = Duration::from_secs(10);
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

/// Connections still sending their head, oldest first: id and the flag that tells it to
/// give up (no second descriptor per connection is needed for that).
struct Waiting {
    next: u64,
    list: VecDeque<(u64, Arc<AtomicBool>)>,
    cap: usize,
}

/// How many connections may be handed to tiny_http at once (each holds three
/// descriptors); the others wait for a turn.
struct Turns {
    busy: Mutex<usize>,
    freed: Condvar,
    cap: usize,
}

/// One connection's turn with tiny_http; given back when dropped.
struct Turn<'a>(&'a Turns);

impl Turns {
    fn new(cap: u64) -> Turns {
        Turns {
            busy: Mutex::new(0),
            freed: Condvar::new(),
            cap: cap as usize,
        }
    }

    fn take(&self, deadline: Instant) -> Option<Turn<'_>> {
        let mut busy = lock(&self.busy);
        while *busy >= self.cap {
            let left = deadline.checked_duration_since(Instant::now())?;
            busy = match self.freed.wait_timeout(busy, left) {
                Ok((guard, _)) => guard,
                Err(e) => e.into_inner().0,
            };
        }
        *busy += 1;
        Some(Turn(self))
    }
}

impl Drop for Turn<'_> {
    fn drop(&mut self) {
        *lock(&self.0.busy) -= 1;
        self.0.freed.notify_one();
    }
}

/// What every connection shares.
struct Door {
    waiting: Mutex<Waiting>,
    /// Turns for pages and files.
    turns: Turns,
    /// Turns for tabs waiting to reload (they hold theirs for up to 25 s): a pool of their
    /// own, so open tabs can never keep a page from being answered.
    waits: Turns,
    backend: Arc<Backend>,
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
    let spare = fd_limit.saturating_sub(48);
    let door = Arc::new(Door {
        waiting: Mutex::new(Waiting {
            next: 0,
            list: VecDeque::new(),
            cap: (spare / 4).clamp(4, 512) as usize,
        }),
        turns: Turns::new((spare / 4).clamp(8, 4096)),
        waits: Turns::new((spare / 8).clamp(4, 2048)),
        backend,
    });
    let mut told = false;
    loop {
        if stop() {
            return;
        }
        match listener.accept() {
            Ok((stream, _)) => {
                let door = door.clone();
                let spawned = std::thread::Builder::new()
                    .name("werkplaats-conn".into())
                    .spawn(move || connection(stream, &door));
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

/// One connection: its head within `HEAD_TIMEOUT`, then tiny_http's answer.
fn connection(mut client: TcpStream, door: &Door) {
    let dropped = Arc::new(AtomicBool::new(false));
    let id = {
        let mut w = lock(&door.waiting);
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
    lock(&door.waiting).list.retain(|(i, _)| *i != id);
    let Some(head) = head else {
        let _ = client.shutdown(Shutdown::Both);
        return;
    };
    let _ = client.set_write_timeout(Some(WRITE_TIMEOUT));
    if has_body(&head) {
        // Its body was not read, and only GET and HEAD are served: say so at once.
        let _ = client.write_all(
            b"HTTP/1.1 405 Method Not Allowed\r\nAllow: GET, HEAD\r\nContent-Length: 0\r\nConnection: close\r\nX-Content-Type-Options: nosniff\r\n\r\n",
        );
        let _ = client.shutdown(Shutdown::Both);
        return;
    }
    let deadline = Instant::now() + BACKEND_PATIENCE;
    let pool = if head.starts_with(format!("GET {}", super::inject::WAIT_PATH).as_bytes()) {
        &door.waits
    } else {
        &door.turns
    };
    let Some(_turn) = pool.take(deadline) else {
        let _ = client.write_all(BUSY);
        return;
    };
    // A server whose accept thread died just after our connect drops it unanswered: then
    // the same head (only GET and HEAD are served) goes to the one that takes over.
    while Instant::now() < deadline {
        let Some(mut upstream) = connect_patiently(&door.backend, deadline) else {
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
    let _ = client.write_all(BUSY);
}

const BUSY: &[u8] = b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\nX-Content-Type-Options: nosniff\r\n\r\n";

/// A `Content-Length` other than 0, or any `Transfer-Encoding`: the request has a body.
fn has_body(head: &[u8]) -> bool {
    head.split(|&b| b == b'\n').skip(1).any(|line| {
        let line = String::from_utf8_lossy(line).to_ascii_lowercase();
        let Some((name, value)) = line.split_once(':') else {
            return false;
        };
        match name.trim() {
            "transfer-encoding" => true,
            "content-length" => value.trim() != "0",
            _ => false,
        }
    })
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
        // Only the new bytes (and the three before them) can complete the blank line.
        let from = head.len().saturating_sub(3);
        head.extend_from_slice(&buf[..n]);
        if let Some(end) = head[from..].windows(4).position(|w| w == b"\r\n\r\n") {
            head.truncate(from + end + 2);
            return Some(close_after(&head));
        }
        // Still incomplete: a connection told to give up does so now (a slow drip of
        // bytes cannot keep it waiting past its turn).
        if head.len() > MAX_HEAD || dropped.load(Ordering::Relaxed) {
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
    use super::{close_after, has_body};

    #[test]
    fn a_body_is_seen_in_the_head() {
        assert!(has_body(b"POST / HTTP/1.1\r\nContent-Length: 5\r\n"));
        assert!(has_body(
            b"POST / HTTP/1.1\r\ntransfer-encoding: chunked\r\n"
        ));
        assert!(!has_body(b"POST / HTTP/1.1\r\nContent-Length: 0\r\n"));
        assert!(!has_body(b"GET / HTTP/1.1\r\nHost: x\r\n"));
    }

    #[test]
    fn every_request_is_marked_close() {
        let head = b"GET / HTTP/1.1\r\nHost: x\r\nconnection: keep-alive\r\nAccept: */*\r\n";
        assert_eq!(
            close_after(head),
            b"GET / HTTP/1.1\r\nHost: x\r\nAccept: */*\r\nConnection: close\r\n\r\n"
        );
    }
}
