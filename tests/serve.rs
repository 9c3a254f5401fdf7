//! `werkplaats serve` on port 0 over a temporary copy of the minimal fixture, spoken to with
//! raw HTTP on loopback. Every wait is bounded; the server is killed when a test ends.

mod common;
use common::{Site, git};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Server {
    child: Child,
    addr: String,
    site: Site,
    /// What serve printed on stderr so far.
    stderr: std::sync::Arc<std::sync::Mutex<String>>,
    /// What serve printed on stdout so far (its address, then a line per rebuild).
    stdout: std::sync::Arc<std::sync::Mutex<String>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start() -> Server {
    start_with(&[])
}

fn start_with(extra: &[&str]) -> Server {
    start_on(Site::new(&[]), extra)
}

fn start_on(site: Site, extra: &[&str]) -> Server {
    start_at(site, extra, None)
}

/// `serve`, with "now" fixed through `SOURCE_DATE_EPOCH` when `epoch` is given.
fn start_at(site: Site, extra: &[&str], epoch: Option<&str>) -> Server {
    spawn_serve(
        site,
        Command::new(env!("CARGO_BIN_EXE_werkplaats")),
        extra,
        epoch,
    )
}

/// `serve` in English with "now" fixed at 2026-11-21 11:00 UTC (as the clean builds the
/// byte-for-byte tests compare with), and the generation it serves first.
fn start_fixed(site: Site) -> (Server, u64) {
    let s = start_at(site, &["--messages", "en"], Some("1795258800"));
    let seen = generation(&s.addr, 0);
    (s, seen)
}

/// `serve` allowed only `nofile` open file descriptors (soft and hard), by `prlimit`.
fn start_limited(site: Site, nofile: u32) -> Server {
    let mut command = Command::new("prlimit");
    command
        .arg(format!("--nofile={nofile}:{nofile}"))
        .arg("--")
        .arg(env!("CARGO_BIN_EXE_werkplaats"));
    spawn_serve(site, command, &[], None)
}

fn spawn_serve(site: Site, mut command: Command, extra: &[&str], epoch: Option<&str>) -> Server {
    match epoch {
        Some(e) => command.env("SOURCE_DATE_EPOCH", e),
        None => command.env_remove("SOURCE_DATE_EPOCH"),
    };
    let mut child = command
        .args(["serve", "--root", ".", "--port", "0"])
        .args(extra)
        .current_dir(site.root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn serve");
    let stderr = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    {
        let pipe = child.stderr.take().expect("stderr");
        let stderr = stderr.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                if let Ok(mut s) = stderr.lock() {
                    s.push_str(&line);
                    s.push('\n');
                }
            }
        });
    }
    let pipe = child.stdout.take().expect("stdout");
    let (tx, rx) = std::sync::mpsc::channel();
    let stdout = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let printed = stdout.clone();
    std::thread::spawn(move || {
        for line in BufReader::new(pipe).lines().map_while(Result::ok) {
            if let Ok(mut s) = printed.lock() {
                s.push_str(&line);
                s.push('\n');
            }
            // "serving http://…/ (Ctrl-C stops)", or the same in Dutch.
            if let Some(at) = line.find("http://").filter(|_| line.contains("(Ctrl-C")) {
                let url = &line[at + "http://".len()..];
                let _ = tx.send(url.split('/').next().unwrap_or_default().to_string());
            }
        }
    });
    let addr = rx
        .recv_timeout(Duration::from_secs(60))
        .expect("serve prints its address");
    Server {
        child,
        addr,
        site,
        stderr,
        stdout,
    }
}

struct Reply {
    status: u16,
    headers: String,
    body: String,
}

/// Sends `request` as it is (a whole request head) and reads the reply.
fn raw(addr: &str, request: &str) -> Reply {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(40)))
        .expect("timeout");
    stream.write_all(request.as_bytes()).expect("send");
    let mut bytes = Vec::new();
    let _ = stream.read_to_end(&mut bytes);
    let split = bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or(bytes.len());
    let head = String::from_utf8_lossy(&bytes[..split]).to_string();
    let raw_body = bytes.get(split + 4..).unwrap_or_default();
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        dechunk(raw_body)
    } else {
        raw_body.to_vec()
    };
    let body = String::from_utf8_lossy(&body).to_string();
    Reply {
        status,
        headers: head.to_string(),
        body,
    }
}

/// The body of a chunked reply (tiny_http chunks large bodies).
fn dechunk(mut rest: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(line_end) = rest.windows(2).position(|w| w == b"\r\n") {
        let size = String::from_utf8_lossy(&rest[..line_end]).to_string();
        let Ok(n) = usize::from_str_radix(size.trim(), 16) else {
            break;
        };
        let tail = &rest[line_end + 2..];
        if n == 0 || tail.len() < n {
            break;
        }
        out.extend_from_slice(&tail[..n]);
        rest = tail[n..].strip_prefix(b"\r\n").unwrap_or(&tail[n..]);
    }
    out
}

fn get(addr: &str, path: &str) -> Reply {
    raw(
        addr,
        &format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"),
    )
}

/// Polls until `check` holds (at most 20 s).
fn eventually(what: &str, mut check: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        if check() {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("timed out waiting until {what}");
}

fn generation(addr: &str, since: u64) -> u64 {
    let reply = get(addr, &format!("/__werkplaats/wait?since={since}"));
    let v: serde_json::Value = serde_json::from_str(&reply.body).expect("json");
    v["generation"].as_u64().expect("generation")
}

#[test]
fn serves_pages_with_types_404_head_and_cors() {
    let s = start();
    let home = get(&s.addr, "/");
    assert_eq!(home.status, 200);
    assert!(
        home.headers
            .contains("Content-Type: text/html; charset=utf-8")
    );
    assert!(
        home.body.contains("/* werkplaats serve */"),
        "reload script injected"
    );
    assert!(
        home.body.contains(&format!("http://{}/en/", s.addr)),
        "base URL rewritten"
    );
    assert!(!s.site.root().join("public").exists(), "public/ untouched");
    for (path, kind) in [
        ("/style.css", "text/css"),
        ("/agenda.js", "text/javascript"),
        ("/agenda.ics", "text/calendar"),
        ("/agenda.atom", "application/atom+xml"),
        ("/agenda.json", "application/json"),
        ("/sitemap.xml", "application/xml"),
    ] {
        let r = get(&s.addr, path);
        assert_eq!(r.status, 200, "{path}");
        assert!(
            r.headers.contains(&format!("Content-Type: {kind}")),
            "{path}: {}",
            r.headers
        );
    }
    assert!(
        get(&s.addr, "/agenda.ics")
            .headers
            .contains("Access-Control-Allow-Origin: *")
    );
    assert!(
        !get(&s.addr, "/style.css")
            .headers
            .contains("Access-Control-Allow-Origin")
    );
    let missing = get(&s.addr, "/bestaat-niet/");
    assert_eq!(missing.status, 404);
    assert!(
        missing.body.contains("Pagina niet gevonden"),
        "the site's own 404 page"
    );
    assert_eq!(get(&s.addr, "/en/nothing").status, 404);
    let head = raw(
        &s.addr,
        &format!(
            "HEAD / HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            s.addr
        ),
    );
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty(), "HEAD has no body");
    let redirect = get(&s.addr, "/agenda");
    assert_eq!(redirect.status, 301);
    assert!(redirect.headers.contains("Location: /agenda/"));
    assert_eq!(get(&s.addr, "/agenda/open-dag/").status, 200);
    assert_eq!(get(&s.addr, "/media/").status, 404, "no directory listings");
}

#[test]
fn an_edit_rebuilds_and_signals_the_browser() {
    let s = start();
    let first = generation(&s.addr, 0);
    let waiter = {
        let addr = s.addr.clone();
        std::thread::spawn(move || generation(&addr, first))
    };
    std::thread::sleep(Duration::from_millis(300));
    let text = s
        .site
        .read("content/events/open-dag.nl.md")
        .replace("title: Open dag", "title: Open dag vernieuwd");
    s.site.write("content/events/open-dag.nl.md", text);
    let next = waiter.join().expect("waiter");
    assert!(next > first, "the waiting tab is told");
    // The signal comes after the new build is in place.
    assert!(
        get(&s.addr, "/agenda/open-dag/")
            .body
            .contains("<h1>Open dag vernieuwd</h1>")
    );
}

#[test]
fn broken_content_shows_an_overlay_and_fixing_clears_it() {
    let s = start();
    let good = s.site.read("content/events/open-dag.nl.md");
    s.site
        .write("content/events/open-dag.nl.md", "---\ntitle: [kapot\n---\n");
    eventually("the overlay appears", || {
        get(&s.addr, "/").body.contains("werkplaats-overlay")
    });
    let page = get(&s.addr, "/opleidingen/lassen/");
    assert_eq!(page.status, 200, "other pages keep serving");
    assert!(
        page.body.contains("content/events/open-dag.nl.md:2:8"),
        "names file, line and column"
    );
    // In the site's language, with the line, a caret and the help, as in the terminal.
    assert!(
        page.body
            .contains("De site kan niet worden gemaakt: 1 fout(en)"),
        "{}",
        page.body
    );
    assert!(page.body.contains("2 | title: [kapot"), "the line is shown");
    assert!(
        page.body.contains("tip: sluit hem op dezelfde regel"),
        "the help is shown"
    );
    assert!(
        get(&s.addr, "/agenda/open-dag/")
            .body
            .contains("<h1>Open dag</h1>"),
        "last good version"
    );
    s.site.write("content/events/open-dag.nl.md", good);
    eventually("the overlay clears", || {
        !get(&s.addr, "/").body.contains("werkplaats-overlay")
    });
}

#[test]
fn deleted_items_vanish_and_new_folders_are_seen() {
    let s = start();
    assert_eq!(get(&s.addr, "/opleidingen/lassen/").status, 200);
    s.site.remove("content/courses/lassen.nl.md");
    eventually("the deleted course is gone", || {
        get(&s.addr, "/opleidingen/lassen/").status == 404
    });
    s.site.write(
        "content/pages/nieuw/map/nieuw.nl.md",
        "---\ntitle: Nieuw\nsummary: x\n---\n",
    );
    eventually("a page in a new folder appears", || {
        get(&s.addr, "/nieuw/").status == 200
    });
    // Editor leftovers do not trigger anything or break the build.
    s.site.write("content/pages/.nieuw.nl.md.swp", "binary");
    s.site.write("content/pages/nieuw.nl.md~", "backup");
    std::thread::sleep(Duration::from_millis(500));
    assert!(!get(&s.addr, "/").body.contains("werkplaats-overlay"));
}

#[test]
fn requests_never_leak_files_outside_the_output() {
    let s = start();
    std::fs::write(s.site.root().join("geheim.txt"), "GEHEIM").expect("write");
    for target in [
        "/../geheim.txt",
        "/%2e%2e/geheim.txt",
        "/..%2fgeheim.txt",
        "/agenda/..%2f..%2fgeheim.txt",
        "/content/site.yaml",
        "http://evil.example/../geheim.txt",
        "/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "//etc/passwd",
        "/\\..\\geheim.txt",
    ] {
        let r = raw(
            &s.addr,
            &format!(
                "GET {target} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
                s.addr
            ),
        );
        assert!(
            !r.body.contains("GEHEIM") && !r.body.contains("root:"),
            "{target} leaked"
        );
        assert!(
            matches!(r.status, 400 | 404 | 421),
            "{target}: {}",
            r.status
        );
    }
    for malformed in [
        "NONSENSE\r\n\r\n".to_string(),
        "GET\r\n\r\n".to_string(),
        "GET / HTTP/9.9\r\n\r\n".to_string(),
        format!(
            "GET /%zz HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            s.addr
        ),
    ] {
        assert_eq!(raw(&s.addr, &malformed).status, 400, "{malformed:?}");
    }
    let post = format!(
        "POST / HTTP/1.1\r\nHost: {}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
        s.addr
    );
    assert_eq!(raw(&s.addr, &post).status, 405);
}

#[test]
fn many_open_tabs_do_not_starve_page_requests() {
    let s = start();
    let current = generation(&s.addr, 0);
    let mut tabs = Vec::new();
    for _ in 0..100 {
        let mut stream = TcpStream::connect(&s.addr).expect("connect");
        let request = format!(
            "GET /__werkplaats/wait?since={current} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            s.addr
        );
        stream.write_all(request.as_bytes()).expect("send");
        tabs.push(stream);
    }
    std::thread::sleep(Duration::from_millis(300));
    let started = Instant::now();
    let pages: Vec<_> = (0..20)
        .map(|i| {
            let addr = s.addr.clone();
            std::thread::spawn(move || get(&addr, if i % 2 == 0 { "/" } else { "/agenda/" }).status)
        })
        .collect();
    for p in pages {
        assert_eq!(p.join().expect("page"), 200);
    }
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "pages answered while 100 tabs wait"
    );
    // An edit wakes every tab.
    let text = s
        .site
        .read("content/pages/over.nl.md")
        .replace("Over ons", "Over ons (nieuw)");
    s.site.write("content/pages/over.nl.md", text);
    for mut tab in tabs {
        tab.set_read_timeout(Some(Duration::from_secs(30)))
            .expect("timeout");
        let mut reply = String::new();
        let _ = tab.read_to_string(&mut reply);
        assert!(reply.starts_with("HTTP/1.1 200"), "{reply}");
        assert!(
            !reply.contains(&format!("\"generation\":{current}}}")),
            "woken with a new generation"
        );
    }
}

#[test]
fn rename_saves_are_seen_and_poll_mode_works() {
    for extra in [&[][..], &["--poll"][..]] {
        let s = start_with(extra);
        // Save as vim and JetBrains do: write a temporary file, then rename it into place.
        let text = s
            .site
            .read("content/events/open-dag.nl.md")
            .replace("title: Open dag", "title: Hernoemd");
        let tmp = s
            .site
            .root()
            .join("content/events/open-dag.nl.md___jb_tmp___");
        std::fs::write(&tmp, text).expect("write temp");
        std::fs::rename(&tmp, s.site.root().join("content/events/open-dag.nl.md")).expect("rename");
        eventually("the renamed save is built", || {
            get(&s.addr, "/agenda/open-dag/")
                .body
                .contains("<h1>Hernoemd</h1>")
        });
    }
}

#[test]
fn a_port_in_use_is_a_clear_error() {
    let s = start();
    let port = s.addr.rsplit(':').next().expect("port");
    let r = common::run_in(s.site.root(), &["serve", "--port", port]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("cannot listen") && r.stderr.contains("--port 0"),
        "{}",
        r.stderr
    );
}

#[test]
fn starting_on_broken_content_shows_the_problems_then_the_site() {
    let site = Site::new(&[]);
    let good = site.read("content/events/open-dag.nl.md");
    site.write("content/events/open-dag.nl.md", "---\ntitle: [kapot\n---\n");
    let s = start_on(site, &[]);
    let page = get(&s.addr, "/");
    assert_eq!(page.status, 404, "nothing built yet");
    assert!(
        page.body.contains("De site kan niet worden gemaakt"),
        "{}",
        page.body
    );
    assert!(page.body.contains("content/events/open-dag.nl.md:2:8"));
    s.site.write("content/events/open-dag.nl.md", good);
    eventually("the site appears once fixed", || {
        get(&s.addr, "/").status == 200
    });
    assert!(!get(&s.addr, "/").body.contains("werkplaats-overlay"));
}

/// The page as built: without the reload script `serve` adds to HTML.
fn without_reload_script(body: &str) -> String {
    match body.find("<script>/* werkplaats serve */") {
        Some(start) => {
            let end = body[start..]
                .find("</script>\n")
                .map_or(body.len(), |e| start + e + 10);
            format!("{}{}", &body[..start], &body[end..])
        }
        None => body.to_string(),
    }
}

/// Saves a file (or removes it), waits until the tabs are told, and lets the background
/// check of that generation settle (it may publish once more).
fn save(s: &Server, seen: &mut u64, rel: &str, text: Option<Vec<u8>>) {
    match text {
        Some(t) => s.site.write(rel, t),
        None => s.site.remove(rel),
    }
    let next = generation(&s.addr, *seen);
    assert!(next > *seen, "{rel}: the tab is told");
    std::thread::sleep(Duration::from_millis(400));
    *seen = generation(&s.addr, 0).max(next);
}

/// Edits the file at `rel` by replacing `from` with `to` (which must be there).
fn edit(s: &Server, seen: &mut u64, rel: &str, from: &str, to: &str) {
    let text = s.site.read(rel);
    assert!(text.contains(from), "{rel} holds {from:?}");
    save(s, seen, rel, Some(text.replacen(from, to, 1).into_bytes()));
}

/// What `serve` printed on stdout so far.
fn printed(s: &Server) -> String {
    s.stdout.lock().map(|o| o.clone()).unwrap_or_default()
}

/// How many saves `serve` patched into the last site (rather than building it again).
fn patched(s: &Server) -> usize {
    printed(s)
        .lines()
        .filter(|l| l.contains("item(s) in"))
        .count()
}

/// Every file a clean build of the site writes is what `serve` answers, byte for byte.
fn serves_a_clean_build(s: &Server, when: &str) {
    let out = tempfile::tempdir().expect("tempdir");
    let out_dir = out.path().join("site");
    let base = format!("http://{}", s.addr);
    let built = s.site.run(&[
        "build",
        "--root",
        ".",
        "--now",
        "2026-11-21T11:00:00Z",
        "--base-url",
        &base,
        "--out",
        out_dir.to_str().expect("utf-8 path"),
    ]);
    assert_eq!(built.code, 0, "{when}: {}", built.stderr);
    let files = common::tree(&out_dir);
    assert!(files.len() > 50, "a whole site");
    for (path, bytes) in &files {
        if path == ".werkplaats-manifest" {
            // The build's marker and manifest (SPEC §4.1), not a page of the site.
            continue;
        }
        let reply = get(&s.addr, &format!("/{path}"));
        assert_eq!(reply.status, 200, "{when}: /{path}");
        let expected = String::from_utf8_lossy(bytes);
        let served = without_reload_script(&reply.body);
        if served != expected {
            let (a, b) = served
                .lines()
                .zip(expected.lines())
                .find(|(a, b)| a != b)
                .unwrap_or(("(shorter or longer)", ""));
            panic!("{when}: /{path} differs from a clean build:\n  served: {a}\n  built:  {b}");
        }
    }
}

#[test]
fn after_edits_every_served_file_equals_a_clean_build() {
    // Only changed files are read and parsed again, a save that changes only what items
    // say is patched into the last site, and files are made on request: after edits of
    // every kind, what serve answers must be what a clean build writes.
    let (s, mut seen) = start_fixed(Site::new(&[]));
    let seen = &mut seen;
    // What items say: patched.
    let event = "content/events/open-dag.nl.md";
    edit(
        &s,
        seen,
        event,
        "title: Open dag",
        "title: Open dag vernieuwd",
    );
    edit(
        &s,
        seen,
        "content/events/open-dag.en.md",
        "title:",
        "title: Renewed",
    );
    let course = "content/courses/lassen.nl.md";
    edit(&s, seen, course, "summary: ", "summary: Nu ook 's avonds. ");
    let body = s.site.read(event) + "\nZie ook [het huis](@/initiatives/techniekhuis.md).\n";
    save(&s, seen, event, Some(body.into_bytes()));
    assert_eq!(patched(&s), 4, "{}", printed(&s));
    serves_a_clean_build(&s, "after edits of titles, summaries and bodies");
    // A field, a new file and a removed one, a picture, the site's settings: built again.
    let moved = s.site.read(event).replace("2027-03-13", "2027-04-13");
    save(&s, seen, event, Some(moved.into_bytes()));
    let text = s.site.read(course).replace("lassen", "solderen");
    save(
        &s,
        seen,
        "content/courses/solderen.nl.md",
        Some(text.into()),
    );
    save(&s, seen, course, None);
    save(&s, seen, "content/events/vorig-jaar.en.md", None);
    assert_eq!(patched(&s), 4, "{}", printed(&s));
    serves_a_clean_build(&s, "after a field, a new file and removed ones");
    // A picture: made by serve into the cache when asked for, the same bytes as build's.
    let mut png = Vec::new();
    image::ImageEncoder::write_image(
        image::codecs::png::PngEncoder::new(&mut png),
        &(0..1000 * 500 * 3)
            .map(|i| (i % 253) as u8)
            .collect::<Vec<u8>>(),
        1000,
        500,
        image::ExtendedColorType::Rgb8,
    )
    .expect("png");
    save(&s, seen, "content/media/werkbank.png", Some(png));
    let solderen = "content/courses/solderen.nl.md";
    edit(
        &s,
        seen,
        solderen,
        "---\n",
        "---\nimage: werkbank.png\nimage_alt: Een werkbank\n",
    );
    // The picture's text is patched; a picture in the body is not.
    edit(
        &s,
        seen,
        solderen,
        "image_alt: Een werkbank",
        "image_alt: Een lege werkbank",
    );
    assert_eq!(patched(&s), 5, "{}", printed(&s));
    let body = s.site.read(solderen) + "\n![De werkbank](/media/werkbank.png)\n";
    save(&s, seen, solderen, Some(body.into_bytes()));
    assert_eq!(patched(&s), 5, "{}", printed(&s));
    edit(
        &s,
        seen,
        "content/site.yaml",
        "Proefsite",
        "Proefsite vernieuwd",
    );
    serves_a_clean_build(&s, "after a picture and the site's settings");
    let public = tempfile::tempdir().expect("tempdir");
    let out = public.path().join("s");
    let out = out.to_str().expect("utf-8 path");
    let now = "2026-11-21T11:00:00Z";
    let built = s
        .site
        .run(&["build", "--root", ".", "--now", now, "--out", out]);
    assert_eq!(built.code, 0, "{}", built.stderr);
    let files = common::tree(&public.path().join("s"));
    assert!(files.contains_key("opleidingen/solderen/index.html"));
    assert!(files.contains_key("media/werkbank-960.webp"));
    let english = String::from_utf8_lossy(&files["en/agenda/vorig-jaar/index.html"]).to_string();
    assert!(
        english.contains("lang=\"nl\""),
        "the deleted translation is gone"
    );
}

/// The national shape in small form: many locations, organisations and initiatives, lists
/// long enough to be paged, events at many places (some repeating, some past).
fn national_in_small() -> Site {
    let site = Site::new(&[]);
    for l in 0..12 {
        site.write(
            &format!("content/locations/plek-{l:02}.yaml"),
            format!(
                "name: Plek {l:02}\nkind: school\nmunicipality: Gemeente {}\n",
                l % 4
            ),
        );
    }
    for o in 0..8 {
        site.write(
            &format!("content/organisations/aanbieder-{o:02}.yaml"),
            format!("name: Aanbieder {o:02}\nkind: education\n"),
        );
    }
    for i in 0..4 {
        site.write(
            &format!("content/initiatives/netwerk-{i}.nl.md"),
            format!(
                "---\ntitle: Netwerk {i}\nsummary: Een netwerk.\nstatus: active\naudiences: [vo]\nlocations: [plek-{i:02}]\nlead: aanbieder-{i:02}\n---\n\nOver het netwerk.\n"
            ),
        );
    }
    for c in 0..130 {
        site.write(
            &format!("content/courses/opleiding-{c:03}.nl.md"),
            format!(
                "---\ntitle: Opleiding {c:03}\nsummary: Leer het vak.\nprovider: aanbieder-{:02}\nlocations: [plek-{:02}]\nlevel: mbo-{}\ninitiative: netwerk-{}\naudiences: [career-switchers]\n---\n\nWat je leert.\n",
                c % 8,
                c % 12,
                2 + c % 3,
                c % 4
            ),
        );
    }
    for e in 0..70 {
        let (year, month, day) = (2026 + (e % 3 != 0) as u32, 1 + e % 12, 1 + e % 27);
        let repeat = if e % 10 == 0 {
            "repeat: { every: week, count: 4 }\n"
        } else {
            ""
        };
        site.write(
            &format!("content/events/activiteit-{e:03}.nl.md"),
            format!(
                "---\ntitle: Activiteit {e:03}\nsummary: Kom kijken.\ntype: open-day\nstart: {year}-{month:02}-{day:02} 10:00\nend: {year}-{month:02}-{day:02} 12:00\nlocation: plek-{:02}\ninitiative: netwerk-{}\norganiser: aanbieder-{:02}\naudiences: [vo]\n{repeat}---\n\nHet programma.\n",
                e % 12,
                e % 4,
                e % 8
            ),
        );
    }
    site
}

#[test]
fn on_a_national_shaped_site_patched_saves_serve_a_clean_build() {
    let (s, mut seen) = start_fixed(national_in_small());
    let seen = &mut seen;
    let event = "content/events/activiteit-013.nl.md";
    edit(
        &s,
        seen,
        event,
        "title: Activiteit 013",
        "title: Activiteit dertien",
    );
    edit(
        &s,
        seen,
        event,
        "Het programma.",
        "Het programma, met [een opleiding](@/courses/opleiding-007.md).",
    );
    let series = "content/events/activiteit-020.nl.md";
    edit(
        &s,
        seen,
        series,
        "summary: Kom kijken.",
        "summary: Vier keer.",
    );
    let course = "content/courses/opleiding-042.nl.md";
    edit(
        &s,
        seen,
        course,
        "title: Opleiding 042",
        "title: Lassen voor zij-instromers",
    );
    edit(
        &s,
        seen,
        "content/courses/opleiding-129.nl.md",
        "Wat je leert.",
        "Wat je leert, en waar.",
    );
    assert_eq!(patched(&s), 5, "{}", printed(&s));
    serves_a_clean_build(&s, "after patched saves");
    // Moving an event to another month and a course to another place: built again.
    edit(&s, seen, event, "location: plek-01", "location: plek-11");
    edit(
        &s,
        seen,
        course,
        "locations: [plek-06]",
        "locations: [plek-02]",
    );
    assert_eq!(patched(&s), 5, "{}", printed(&s));
    serves_a_clean_build(&s, "after changed fields");
}

#[test]
fn a_template_that_fails_on_unopened_pages_is_reported_everywhere() {
    let s = start();
    let first = generation(&s.addr, 0);
    let template = "themes/default/templates/course.html";
    let broken = s.site.read(template).replacen(
        "{% block main %}",
        "{% block main %}{{ data.no_such_thing.deeper }}",
        1,
    );
    assert!(broken.contains("no_such_thing"), "the block exists");
    s.site.write(template, broken);
    // Nobody opens the course page: the check after the rebuild finds it anyway, and the
    // overlay on other pages names the template.
    eventually("the overlay names the failing template", || {
        let home = get(&s.addr, "/");
        home.status == 200
            && home.body.contains("werkplaats-overlay")
            && home.body.contains("course.html")
    });
    assert!(generation(&s.addr, 0) > first);
    let course = get(&s.addr, "/opleidingen/lassen/");
    assert_eq!(course.status, 500, "the failing page says so");
    assert!(course.body.contains("werkplaats-overlay"));
    s.site.write(
        template,
        s.site
            .read(template)
            .replace("{{ data.no_such_thing.deeper }}", ""),
    );
    eventually("the overlay clears", || {
        let home = get(&s.addr, "/");
        !home.body.contains("werkplaats-overlay")
            && get(&s.addr, "/opleidingen/lassen/").status == 200
    });
}

/// Issue 10: a page on another site that rebinds its name to 127.0.0.1 must get nothing.
#[test]
fn only_our_own_host_is_answered_and_every_reply_says_nosniff() {
    let s = start_with(&["--drafts"]);
    let port = s.addr.rsplit(':').next().expect("port").to_string();
    for host in [
        format!("rebound.example:{port}"),
        format!("127.0.0.1.evil.example:{port}"),
        "127.0.0.1:1".to_string(),
    ] {
        let r = raw(
            &s.addr,
            &format!("GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
        );
        assert_eq!(r.status, 421, "{host}");
        assert!(!r.body.contains("<html"), "{host}: no page");
        assert!(r.headers.contains("X-Content-Type-Options: nosniff"));
    }
    let r = raw(&s.addr, "GET / HTTP/1.0\r\n\r\n");
    assert_eq!(r.status, 421, "no Host at all");
    let r = raw(
        &s.addr,
        &format!(
            "GET http://rebound.example:{port}/ HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            s.addr
        ),
    );
    assert_eq!(r.status, 421, "a foreign host in the request line");
    let r = raw(
        &s.addr,
        &format!("GET / HTTP/1.1\r\nHost: localhost:{port}\r\nConnection: close\r\n\r\n"),
    );
    assert_eq!(r.status, 200, "localhost with our port");
    for path in ["/", "/style.css", "/agenda.ics", "/bestaat-niet/"] {
        let r = get(&s.addr, path);
        assert!(
            r.headers.contains("X-Content-Type-Options: nosniff"),
            "{path}: {}",
            r.headers
        );
    }
}

/// Issue 10: connections that never finish their request head are dropped after 10 s
/// (a silent one and one that sends a byte every two seconds), and meanwhile pages are
/// answered.
#[test]
fn slow_request_heads_are_dropped_after_ten_seconds() {
    let s = start();
    let started = Instant::now();
    let mut silent = TcpStream::connect(&s.addr).expect("connect");
    silent.write_all(b"GET / HTTP/1.1\r\n").expect("send");
    let addr = s.addr.clone();
    let drip = std::thread::spawn(move || {
        let mut stream = TcpStream::connect(&addr).expect("connect");
        for b in b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: aaaaaaaaaaaa" {
            if stream.write_all(&[*b]).is_err() {
                return Instant::now();
            }
            std::thread::sleep(Duration::from_secs(2));
        }
        Instant::now()
    });
    assert_eq!(get(&s.addr, "/").status, 200, "others are served meanwhile");
    silent
        .set_read_timeout(Some(Duration::from_secs(30)))
        .expect("timeout");
    let mut rest = Vec::new();
    let _ = silent.read_to_end(&mut rest);
    let waited = started.elapsed();
    assert!(rest.is_empty(), "no answer to half a request");
    assert!(
        waited >= Duration::from_secs(9) && waited < Duration::from_secs(20),
        "dropped after {waited:?}"
    );
    let dripped = drip.join().expect("drip").duration_since(started);
    assert!(
        dripped < Duration::from_secs(20),
        "the drip was cut off too: {dripped:?}"
    );
}

/// Issue 10: with 64 descriptors, hundreds of half-open connections and waiting tabs used
/// to kill tiny_http's accept thread; the server must go on answering.
#[test]
fn serve_keeps_accepting_when_descriptors_run_out() {
    let s = start_limited(Site::new(&[]), 64);
    let current = generation(&s.addr, 0);
    let mut held = Vec::new();
    // Half-open connections: more than the descriptors allow.
    for _ in 0..150 {
        if let Ok(mut c) = TcpStream::connect(&s.addr) {
            let _ = c.write_all(b"GET / HTTP/1.1\r\n");
            held.push(c);
        }
    }
    // Waiting tabs, each holding a connection through to tiny_http.
    let mut tabs = Vec::new();
    for _ in 0..30 {
        if let Ok(mut c) = TcpStream::connect(&s.addr) {
            let request = format!(
                "GET /__werkplaats/wait?since={current} HTTP/1.1\r\nHost: {}\r\n\r\n",
                s.addr
            );
            let _ = c.write_all(request.as_bytes());
            tabs.push(c);
        }
    }
    let addr = s.addr.clone();
    let page = std::thread::spawn(move || {
        let r = get(&addr, "/");
        if r.status != 200 {
            eprintln!("not 200: {} {}", r.headers, r.body);
        }
        r.status
    });
    // Wake the tabs (their descriptors are freed), then let go of everything.
    std::thread::sleep(Duration::from_millis(500));
    let text = s
        .site
        .read("content/pages/over.nl.md")
        .replace("Over ons", "Over ons (nieuw)");
    s.site.write("content/pages/over.nl.md", text);
    let status = page.join().expect("page");
    assert_eq!(
        status,
        200,
        "answered despite the flood; serve said: {}",
        s.stderr.lock().expect("stderr")
    );
    drop(held);
    drop(tabs);
    eventually("the edited page is served", || {
        get(&s.addr, "/over/").body.contains("Over ons (nieuw)")
    });
    for _ in 0..50 {
        assert_eq!(get(&s.addr, "/agenda/").status, 200, "and it goes on");
    }
    let said = s.stderr.lock().expect("stderr").clone();
    assert!(
        said.contains("cannot accept a connection now")
            || said.contains("out of file descriptors")
            || said.contains("a new one took over"),
        "the descriptors did run out: {said}"
    );
    assert!(!said.contains("panicked"), "{said}");
}

/// Issue 10 review: a request with a body is answered 405 at once, not left waiting for
/// a body nobody reads.
#[test]
fn a_request_with_a_body_gets_405_at_once() {
    let s = start();
    let started = Instant::now();
    let r = raw(
        &s.addr,
        &format!(
            "POST /agenda/ HTTP/1.1\r\nHost: {}\r\nContent-Length: 5\r\n\r\nhallo",
            s.addr
        ),
    );
    assert_eq!(r.status, 405);
    assert!(r.headers.contains("Allow: GET, HEAD"));
    assert!(started.elapsed() < Duration::from_secs(5));
}

/// Issue 10: the last good build must not read a media file that was swapped for a
/// symlink on disk since.
#[test]
fn media_swapped_for_a_symlink_while_serving_is_never_served() {
    let site = Site::new(&[]);
    site.write("content/media/x.txt", "MEDIA");
    let secret = tempfile::tempdir().expect("tempdir");
    std::fs::write(secret.path().join("passwd"), "root:GEHEIM").expect("write");
    let s = start_on(site, &[]);
    assert_eq!(get(&s.addr, "/media/x.txt").body, "MEDIA");
    let media = s.site.root().join("content/media/x.txt");
    std::fs::remove_file(&media).expect("rm");
    std::os::unix::fs::symlink(secret.path().join("passwd"), &media).expect("symlink");
    let check = |r: &Reply| {
        assert!(!r.body.contains("GEHEIM"), "leaked: {}", r.body);
    };
    check(&get(&s.addr, "/media/x.txt"));
    eventually("the overlay names the symlink", || {
        get(&s.addr, "/").body.contains("content/media/x.txt")
    });
    for _ in 0..5 {
        check(&get(&s.addr, "/media/x.txt"));
    }
}

/// Issue 10: a FIFO in a watched folder blocked the watcher; now it is an error on the
/// overlay, and later saves still show.
#[test]
fn a_named_pipe_while_serving_is_shown_and_later_saves_still_arrive() {
    let s = start();
    for (i, rel) in [
        "content/events/pijp.nl.md",
        "themes/default/static/pijp.css",
    ]
    .iter()
    .enumerate()
    {
        let fifo = s.site.root().join(rel);
        let ok = Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo")
            .success();
        assert!(ok);
        eventually("the overlay names the FIFO", || {
            let body = get(&s.addr, "/").body;
            body.contains(rel) && body.contains("named pipe")
        });
        std::fs::remove_file(&fifo).expect("rm");
        let marker = format!("Over ons (later {i})");
        let text = s
            .site
            .read("content/pages/over.nl.md")
            .replacen("Over ons", &marker, 1);
        s.site.write("content/pages/over.nl.md", text);
        eventually("a later save is served", || {
            let body = get(&s.addr, "/over/").body;
            body.contains(&marker) && !body.contains("named pipe")
        });
    }
}

#[test]
fn in_git_a_patched_event_changed_when_a_clean_build_says() {
    // An event committed in January and saved now: from then on git sees its file as not
    // committed as it is, so it changed when the file did (in May here), as in a build.
    let site = Site::new(&[]);
    let january = "2026-01-05T12:00:00Z";
    git(&site, &["init", "-q"], january);
    git(&site, &["add", "."], january);
    git(&site, &["commit", "-q", "-m", "begin"], january);
    let (s, mut seen) = start_fixed(site);
    let rel = "content/events/open-dag.nl.md";
    let text = s
        .site
        .read(rel)
        .replacen("summary: ", "summary: Nieuw, ", 1);
    s.site.write(rel, text);
    let may = std::time::UNIX_EPOCH + Duration::from_secs(1_780_000_000);
    std::fs::File::options()
        .write(true)
        .open(s.site.root().join(rel))
        .and_then(|f| f.set_modified(may))
        .expect("set the file's time");
    let next = generation(&s.addr, seen);
    assert!(next > seen, "the tab is told");
    std::thread::sleep(Duration::from_millis(600));
    seen = generation(&s.addr, 0);
    assert!(seen >= next);
    assert!(patched(&s) >= 1, "{}", printed(&s));
    // Only the first build: the save was patched in.
    assert_eq!(
        printed(&s).matches("rebuilt in").count(),
        1,
        "{}",
        printed(&s)
    );
    let ics = get(&s.addr, "/agenda/open-dag.ics").body;
    assert!(ics.contains("LAST-MODIFIED:20260528T"), "{ics}");
    serves_a_clean_build(&s, "after a save in git");
}
