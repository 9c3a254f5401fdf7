//! Deploying (SPEC §4.2): the `_headers` and `_redirects` a build writes, read here as
//! Netlify and Cloudflare Pages read them (a rule's `*` matches any characters; a path gets
//! the headers of every rule that matches it), and held against the output itself: every
//! feed gets CORS exactly once and its type, no path gets one header twice, every page that
//! moved (found by its refresh, not by our list) answers 301 to where it refreshes to.
//! The same rules on real nginx, Caddy and Apache are `tests/deploy/run.sh`'s.

mod common;
use common::Site;
use std::collections::BTreeMap;

/// `_headers` as (pattern, [(name, value)]).
fn header_rules(text: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut rules: Vec<(String, Vec<(String, String)>)> = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        if line.starts_with(char::is_whitespace) {
            let (name, value) = line.trim().split_once(':').expect("a `name: value` line");
            let rule = rules.last_mut().expect("a header under a path");
            rule.1
                .push((name.trim().to_string(), value.trim().to_string()));
        } else {
            rules.push((line.trim().to_string(), Vec::new()));
        }
    }
    rules
}

/// Whether `pattern` (`*` matching any run of characters) matches all of `path`.
fn matches(pattern: &str, path: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    let Some(first) = parts.first() else {
        return false;
    };
    let Some(mut rest) = path.strip_prefix(first) else {
        return false;
    };
    if parts.len() == 1 {
        return rest.is_empty();
    }
    for (i, part) in parts[1..].iter().enumerate() {
        let last = i == parts.len() - 2;
        if last {
            return rest.ends_with(part);
        }
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    true
}

/// The headers a host sends for `path`: every matching rule's, in order.
fn headers_for(rules: &[(String, Vec<(String, String)>)], path: &str) -> Vec<(String, String)> {
    rules
        .iter()
        .filter(|(pattern, _)| matches(pattern, path))
        .flat_map(|(_, headers)| headers.clone())
        .collect()
}

/// The URL path a file is served at (`agenda/index.html` → `/agenda/`).
fn url_of(file: &str) -> String {
    match file.strip_suffix("index.html") {
        Some(dir) => format!("/{dir}"),
        None => format!("/{file}"),
    }
}

fn is_feed(file: &str) -> bool {
    file.ends_with(".ics")
        || file.ends_with(".atom")
        || file == "agenda.json"
        || file.ends_with("/agenda.json")
        || file == "agenda.schema.json"
}

#[test]
fn headers_give_every_feed_cors_once_and_its_type_and_no_path_a_header_twice() {
    let site = Site::new(&[]);
    let r = site.build();
    assert_eq!(r.code, 0, "{}", r.stderr);
    let files = site.public();
    let text = String::from_utf8(files["_headers"].clone()).expect("UTF-8");
    let rules = header_rules(&text);
    let mut feeds = 0;
    for file in files.keys() {
        let url = url_of(file);
        let headers = headers_for(&rules, &url);
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        for (name, _) in &headers {
            *seen.entry(name.to_ascii_lowercase()).or_default() += 1;
        }
        for (name, count) in &seen {
            assert_eq!(*count, 1, "{url} gets {name} {count} times: {headers:?}");
        }
        let get = |name: &str| {
            headers
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.as_str())
        };
        assert_eq!(get("X-Content-Type-Options"), Some("nosniff"), "{url}");
        let csp = get("Content-Security-Policy").expect("a policy on every path");
        assert!(csp.contains("default-src 'self'"), "{csp}");
        assert!(!csp.contains("unsafe-inline"), "{csp}");
        assert!(get("Content-Disposition").is_none(), "{url}");
        if is_feed(file) {
            feeds += 1;
            assert_eq!(get("Access-Control-Allow-Origin"), Some("*"), "{url}");
            assert_eq!(get("Cache-Control"), Some("no-cache"), "{url}");
            let expected = if file.ends_with(".ics") {
                "text/calendar; charset=utf-8"
            } else if file.ends_with(".atom") {
                "application/atom+xml; charset=utf-8"
            } else {
                "application/json; charset=utf-8"
            };
            assert_eq!(get("Content-Type"), Some(expected), "{url}");
        } else {
            assert!(get("Access-Control-Allow-Origin").is_none(), "{url}");
        }
        if file.starts_with("media/") {
            let cache = get("Cache-Control").expect("pictures are kept");
            assert!(cache.contains("max-age="), "{url}: {cache}");
        }
        if file.starts_with("pagefind/") {
            assert_eq!(get("Cache-Control"), Some("no-cache"), "{url}");
        }
    }
    // The fixture's scopes in two languages, three formats, and each event's own `.ics`.
    assert!(feeds > 20, "{feeds} feeds");
}

/// The statuses Cloudflare Pages accepts in `_redirects`; it skips other lines.
const CLOUDFLARE_CODES: [&str; 6] = ["200", "301", "302", "303", "307", "308"];

#[test]
fn redirects_cover_every_page_that_moved_and_the_404_page_of_each_language() {
    let site = Site::new(&[]);
    let r = site.build();
    assert_eq!(r.code, 0, "{}", r.stderr);
    let files = site.public();
    let text = String::from_utf8(files["_redirects"].clone()).expect("UTF-8");
    let lines: Vec<Vec<&str>> = text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split_whitespace().collect())
        .collect();
    for line in &lines {
        assert_eq!(line.len(), 3, "source, destination, status: {line:?}");
    }
    let redirect = |from: &str| {
        lines
            .iter()
            .find(|l| l[0] == from)
            .map(|l| (l[1].to_string(), l[2].to_string()))
    };
    let mut moved = 0;
    for (file, bytes) in &files {
        if !file.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8_lossy(bytes);
        let Some(at) = html.find(r#"<meta http-equiv="refresh" content="0; url="#) else {
            continue;
        };
        let rest = &html[at + r#"<meta http-equiv="refresh" content="0; url="#.len()..];
        let target = &rest[..rest.find('"').expect("the end of the URL")];
        let url = url_of(file);
        moved += 1;
        for from in [url.clone(), format!("{url}index.html")] {
            // Netlify takes the first matching line: forced, past the old URL's own page.
            assert_eq!(
                redirect(&from),
                Some((target.to_string(), "301!".to_string())),
                "{from}"
            );
            // Cloudflare Pages drops a line whose status is not one of its codes, so a
            // plain 301 must follow.
            let cloudflare = lines
                .iter()
                .find(|l| l[0] == from && CLOUDFLARE_CODES.contains(&l[2]))
                .map(|l| (l[1], l[2]));
            assert_eq!(cloudflare, Some((target, "301")), "{from}");
        }
        assert!(
            files.contains_key(&format!("{}index.html", &target[1..])),
            "{url} moves to {target}, which is a page"
        );
    }
    assert!(moved > 10, "the old audience and type URLs: {moved}");
    assert_eq!(
        redirect("/en/*"),
        Some(("/en/404.html".into(), "404".into()))
    );
    assert_eq!(redirect("/*"), Some(("/404.html".into(), "404".into())));
    assert!(files.contains_key("en/404.html") && files.contains_key("404.html"));
    // The English rule comes first: the first match wins.
    let en = lines.iter().position(|l| l[0] == "/en/*");
    let all = lines.iter().position(|l| l[0] == "/*");
    assert!(en < all, "{text}");
}

#[test]
fn deploy_config_prints_server_blocks_for_the_built_folder() {
    let site = Site::new(&[]);
    let out = site.root().join("public");
    let out = out.to_str().expect("a UTF-8 path");
    for server in ["nginx", "caddy"] {
        let r = site.run(&["deploy-config", server, "--out", out]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert!(r.stdout.contains(out), "{server}: {}", r.stdout);
        assert!(r.stdout.contains("text/calendar"), "{}", r.stdout);
        assert!(r.stdout.contains("/voor/parents/"), "{}", r.stdout);
    }
    // nginx would read `$x` as a variable, Caddy `{x}` as a placeholder.
    for odd in ["/srv/site$x", "/srv/{x}/site", "/srv/a\"b"] {
        let r = site.run(&["deploy-config", "nginx", "--out", odd]);
        assert_eq!(r.code, 2, "{odd}: {}", r.stdout);
        assert!(r.stderr.contains("cannot name"), "{}", r.stderr);
    }
    let r = site.run(&["deploy-config", "nginx", "--out", "/srv/my site"]);
    assert_eq!(
        r.code, 0,
        "a space is fine (the root is quoted): {}",
        r.stderr
    );
    assert!(r.stdout.contains("root \"/srv/my site\";"), "{}", r.stdout);
    assert!(
        r.stdout.contains("server_name proef.example;"),
        "{}",
        r.stdout
    );
    let r = site.run(&["deploy-config", "apache"]);
    assert_eq!(
        r.code, 2,
        "an unknown server is a usage error: {}",
        r.stderr
    );
}

#[test]
fn a_pages_aliases_answer_301_to_it_and_a_bad_or_taken_alias_is_an_error() {
    let site = Site::new(&[]);
    let course = site.read("content/courses/lassen.nl.md");
    let with_alias = course.replacen(
        "title: Lassen\n",
        "title: Lassen\naliases: [/opleidingen/lassen-bbl/, /oud/lassen/]\n",
        1,
    );
    assert_ne!(course, with_alias);
    site.write("content/courses/lassen.nl.md", &with_alias);
    let r = site.build();
    assert_eq!(r.code, 0, "{}", r.stderr);
    let files = site.public();
    let redirects = String::from_utf8(files["_redirects"].clone()).expect("UTF-8");
    for old in ["/opleidingen/lassen-bbl/", "/oud/lassen/"] {
        for line in [
            format!("{old} /opleidingen/lassen/ 301!"),
            format!("{old} /opleidingen/lassen/ 301"),
            format!("{old}index.html /opleidingen/lassen/ 301"),
        ] {
            assert!(redirects.lines().any(|l| l == line), "{line}\n{redirects}");
        }
        let page =
            String::from_utf8(files[&format!("{}index.html", &old[1..])].clone()).expect("UTF-8");
        assert!(
            page.contains(r#"content="0; url=/opleidingen/lassen/""#),
            "{old} sends the visitor on: {page}"
        );
    }
    let htaccess = String::from_utf8(files[".htaccess"].clone()).expect("UTF-8");
    assert!(
        htaccess
            .contains(r#"RedirectMatch 301 "^/oud/lassen/(index\.html)?$" "/opleidingen/lassen/""#),
        "{htaccess}"
    );

    // Not a path, and a path another page has: errors with the file, nothing written.
    site.write(
        "content/courses/lassen.nl.md",
        course.replacen(
            "title: Lassen\n",
            "title: Lassen\naliases: [oude pagina]\n",
            1,
        ),
    );
    let r = site.run(&["build", "--root", ".", "--out", "elders"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("oude pagina") && r.stderr.contains("lassen.nl.md"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("/oude-pagina/"),
        "the fix is suggested: {}",
        r.stderr
    );
    site.write(
        "content/courses/lassen.nl.md",
        course.replacen(
            "title: Lassen\n",
            "title: Lassen\naliases: /opleidingen/\n",
            1,
        ),
    );
    let r = site.run(&["build", "--root", ".", "--out", "elders"]);
    assert_eq!(r.code, 1, "an alias on an existing page: {}", r.stderr);
    assert!(
        r.stderr.contains("/opleidingen/") && r.stderr.contains("content/courses/lassen.nl.md"),
        "the clash names the file whose alias it is: {}",
        r.stderr
    );
    assert!(!site.root().join("elders").exists());
}

#[test]
fn a_site_in_one_language_has_only_the_roots_404_rule() {
    let site = Site::new(&[]);
    // Only the site itself: no items, whose translatable values name two languages.
    for file in common::tree(&site.root().join("content")).keys() {
        site.remove(&format!("content/{file}"));
    }
    site.write(
        "content/site.yaml",
        "title: Proefsite\ndescription: Een kleine site.\nbase_url: https://proef.example\n\
         languages: [nl]\ntimezone: Europe/Amsterdam\ntheme: default\n",
    );
    let r = site.build();
    assert_eq!(r.code, 0, "{}", r.stderr);
    let files = site.public();
    let redirects = String::from_utf8(files["_redirects"].clone()).expect("UTF-8");
    let not_found: Vec<&str> = redirects.lines().filter(|l| l.ends_with(" 404")).collect();
    assert_eq!(not_found, vec!["/* /404.html 404"], "{redirects}");
    let htaccess = String::from_utf8(files[".htaccess"].clone()).expect("UTF-8");
    assert!(
        htaccess.contains("ErrorDocument 404 /404.html"),
        "{htaccess}"
    );
    assert!(
        !htaccess.contains("<If \""),
        "no language prefix: {htaccess}"
    );
    assert!(htaccess.contains("^(/zoeken/|/pagefind/)"), "{htaccess}");
    let r = site.run(&["deploy-config", "nginx"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stdout.contains("location /en/"), "{}", r.stdout);
}
