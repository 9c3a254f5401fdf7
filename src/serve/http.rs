//! Answering one request from the current snapshot: only paths in the output map are
//! served (a request can never reach the file system by its own path), with the right
//! Content-Type, the 404 page with status 404, HEAD, CORS on feeds, 400 for what is not a
//! plain path, and the long-poll endpoint that tells tabs to reload.

use super::{Shared, inject};
use std::io::Cursor;
use std::time::Duration;
use tiny_http::{Header, Method, Request, Response, StatusCode};

/// How long a tab's reload request waits before it is answered anyway.
const WAIT: Duration = Duration::from_secs(25);

fn reply(request: Request, status: u16, content_type: &str, body: Vec<u8>, extra: &[(&str, &str)]) {
    let headers: Vec<Header> = [
        ("Content-Type", content_type),
        ("Cache-Control", "no-store"),
        ("X-Content-Type-Options", "nosniff"),
    ]
    .iter()
    .chain(extra)
    .filter_map(|(name, value)| Header::from_bytes(name.as_bytes(), value.as_bytes()).ok())
    .collect();
    let length = body.len();
    let response = Response::new(
        StatusCode(status),
        headers,
        Cursor::new(body),
        Some(length),
        None,
    );
    let _ = request.respond(response);
}

fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map_or("", |(_, e)| e);
    match ext {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "gif" => "image/gif",
        "ico" => "image/x-icon",
        "ics" => "text/calendar; charset=utf-8",
        "atom" => "application/atom+xml; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

/// The request target as a path in the output map, or `None` for anything that is not a
/// plain absolute path (bad percent-encoding, `..`, NUL, backslashes).
fn target(url: &str) -> Option<String> {
    // Absolute-form request lines (`GET http://host/path`) name the path after the host.
    let url = match url.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("/", |i| &rest[i..]),
        None => url,
    };
    let path = url.split(['?', '#']).next().unwrap_or("");
    if !path.starts_with('/') {
        return None;
    }
    let bytes = path.as_bytes();
    let bad_escape = bytes.iter().enumerate().any(|(i, &b)| {
        b == b'%'
            && !(bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit))
    });
    if bad_escape {
        return None;
    }
    let decoded = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .ok()?;
    let ok = decoded
        .split('/')
        .all(|seg| seg != ".." && seg != "." && !seg.contains(['\\', '\0']));
    ok.then(|| decoded.trim_start_matches('/').to_string())
}

/// The addresses `serve` answers for: the one it listens on, `localhost` and loopback,
/// each with its port. Anything else may be a page elsewhere that rebound its own name
/// to this address (DNS rebinding), and gets 421.
#[derive(Clone, Copy)]
pub struct Hosts {
    pub ip: std::net::IpAddr,
    pub port: u16,
}

impl Hosts {
    pub fn allows(&self, host: &str) -> bool {
        let host = host.trim().to_ascii_lowercase();
        let (name, port) = match host.rsplit_once(':') {
            Some((name, port)) if !port.contains(']') => (name.to_string(), port.parse().ok()),
            _ => (host.clone(), Some(80)),
        };
        if port != Some(self.port) {
            return false;
        }
        let bare = name.trim_start_matches('[').trim_end_matches(']');
        if bare == "localhost" {
            return true;
        }
        let Ok(ip) = bare.parse::<std::net::IpAddr>() else {
            return false;
        };
        // Listening on every address (`--bind 0.0.0.0`, for a phone on the same network):
        // any address of this machine, written as an address; never a name.
        ip.is_loopback() || ip == self.ip || self.ip.is_unspecified()
    }
}

pub fn respond(request: Request, shared: &Shared, hosts: Hosts) {
    let host = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("Host"))
        .map(|h| h.value.as_str().to_string());
    // An absolute-form target (`GET http://name/path`) names its host too (RFC 9112
    // §3.2.2): it must be ours as well.
    let named = request
        .url()
        .split_once("://")
        .map(|(_, rest)| rest.split('/').next().unwrap_or("").to_string());
    let foreign = |h: &Option<String>| !h.as_deref().is_some_and(|h| hosts.allows(h));
    if foreign(&host) || (named.is_some() && foreign(&named)) {
        let body = format!(
            "werkplaats serve answers only requests for http://127.0.0.1:{port}/ or http://localhost:{port}/, not for {}\n",
            host.as_deref().unwrap_or("a request without Host"),
            port = hosts.port
        );
        return reply(
            request,
            421,
            "text/plain; charset=utf-8",
            body.into_bytes(),
            &[],
        );
    }
    if !matches!(request.method(), Method::Get | Method::Head) {
        return reply(
            request,
            405,
            "text/plain; charset=utf-8",
            b"method not allowed\n".to_vec(),
            &[("Allow", "GET, HEAD")],
        );
    }
    let url = request.url().to_string();
    if url.starts_with(inject::WAIT_PATH) {
        let since = url
            .split_once("since=")
            .and_then(|(_, v)| v.split('&').next()?.parse::<u64>().ok())
            .unwrap_or(0);
        let generation = shared.wait(since, WAIT);
        return reply(
            request,
            200,
            "application/json",
            format!("{{\"generation\":{generation}}}").into_bytes(),
            &[],
        );
    }
    let Some(path) = target(&url) else {
        return reply(
            request,
            400,
            "text/plain; charset=utf-8",
            b"bad request\n".to_vec(),
            &[],
        );
    };
    let snapshot = shared.current();
    let state = match (&snapshot.site, snapshot.stale) {
        (None, _) => inject::State::NoSite,
        (Some(_), true) => inject::State::LastGood,
        (Some(_), false) => inject::State::Current,
    };
    let page = |html: &[u8], errors: &[crate::diagnostic::Diagnostic]| {
        inject::page(html, snapshot.generation, errors, state, snapshot.lang)
    };
    let key = if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.clone()
    };
    let site = snapshot.site.as_deref();
    let Some(found) = site.and_then(|s| s.get(&key)) else {
        // `/agenda` → `/agenda/` when that page exists.
        if site.is_some_and(|s| s.contains(&format!("{path}/index.html"))) {
            let location = format!("/{path}/");
            return reply(
                request,
                301,
                "text/plain; charset=utf-8",
                Vec::new(),
                &[("Location", &location)],
            );
        }
        let lang_404 = if path.starts_with("en/") {
            "en/404.html"
        } else {
            "404.html"
        };
        let body = match site.and_then(|s| s.get(lang_404).or_else(|| s.get("404.html"))) {
            Some(Ok(b)) => b.to_vec(),
            _ => NOT_FOUND.to_vec(),
        };
        let body = page(&body, &snapshot.errors);
        return reply(request, 404, "text/html; charset=utf-8", body, &[]);
    };
    let bytes = match found {
        Ok(bytes) => bytes,
        Err(problem) => {
            // This page's template fails: say so on the page itself.
            let mut errors = snapshot.errors.clone();
            if !errors.contains(&problem) {
                errors.insert(0, problem);
            }
            let body = page(BROKEN, &errors);
            return reply(request, 500, "text/html; charset=utf-8", body, &[]);
        }
    };
    let kind = content_type(&key);
    let body = if kind.starts_with("text/html") {
        page(&bytes, &snapshot.errors)
    } else {
        bytes.to_vec()
    };
    let feed = matches!(
        key.rsplit_once('.').map(|(_, e)| e),
        Some("ics" | "atom" | "json")
    );
    let cors: &[(&str, &str)] = if feed {
        &[("Access-Control-Allow-Origin", "*")]
    } else {
        &[]
    };
    reply(request, 200, kind, body, cors);
}

const NOT_FOUND: &[u8] = b"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found</title></head><body><h1>Not found</h1></body></html>";

const BROKEN: &[u8] = b"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Page not rendered</title></head><body><h1>This page could not be rendered</h1></body></html>";

#[cfg(test)]
mod tests {
    use super::{Hosts, target};

    #[test]
    fn only_our_own_host_names_are_answered() {
        let loopback = Hosts {
            ip: "127.0.0.1".parse().expect("ip"),
            port: 1111,
        };
        for ok in [
            "127.0.0.1:1111",
            "localhost:1111",
            "LOCALHOST:1111",
            "[::1]:1111",
        ] {
            assert!(loopback.allows(ok), "{ok}");
        }
        for bad in [
            "evil.example:1111",
            "127.0.0.1:2222",
            "localhost",
            "192.168.1.5:1111",
            "127.0.0.1.evil.example:1111",
            "",
        ] {
            assert!(!loopback.allows(bad), "{bad}");
        }
        let everywhere = Hosts {
            ip: "0.0.0.0".parse().expect("ip"),
            port: 80,
        };
        assert!(everywhere.allows("192.168.1.5"));
        assert!(!everywhere.allows("rebound.example"));
    }

    #[test]
    fn only_plain_paths_are_targets() {
        assert_eq!(target("/agenda/?x=1").as_deref(), Some("agenda/"));
        assert_eq!(target("/caf%C3%A9/").as_deref(), Some("café/"));
        assert_eq!(
            target("http://evil.example/etc/passwd").as_deref(),
            Some("etc/passwd")
        );
        for bad in [
            "/../etc/passwd",
            "/%2e%2e/etc",
            "/a/..%2f..%2fetc",
            "/a%5c..%5cb",
            "*",
            "/%ff",
            "/a/./b",
            "/x%00",
            "/%zz",
            "/a%2",
        ] {
            assert_eq!(target(bad), None, "{bad}");
        }
    }
}
