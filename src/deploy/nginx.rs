//! A server block for nginx. nginx gives a location none of the server's `add_header`s once
//! it has one of its own, so every location lists all of its headers; its `types` are the
//! whole list (a `types` block replaces `mime.types`).

use super::{
    CSP, FEED_EXTENSIONS, FEED_NAMES, MEDIA, MEDIA_CACHE, REVALIDATE, Rules, SEARCH_CSP, TYPES,
    escape, feed_regex, heading, root_text, server_files,
};
use std::fmt::Write;
use std::path::Path;

/// The headers of one kind of file.
struct Headers {
    csp: &'static str,
    cache: &'static str,
    cors: bool,
}

impl Headers {
    fn write(&self, out: &mut String, indent: &str) {
        let _ = writeln!(
            out,
            "{indent}add_header X-Content-Type-Options nosniff always;"
        );
        let _ = writeln!(
            out,
            "{indent}add_header Content-Security-Policy \"{}\" always;",
            self.csp
        );
        let _ = writeln!(out, "{indent}add_header Cache-Control \"{}\";", self.cache);
        if self.cors {
            let _ = writeln!(
                out,
                "{indent}add_header Access-Control-Allow-Origin * always;"
            );
        }
    }
}

pub fn nginx(rules: &Rules, root: &Path) -> String {
    let mut out = heading("A server block for nginx", true);
    out.push_str(
        "# Plain HTTP on port 80: put TLS in front of it as your host does (certbot, a proxy).\n",
    );
    let page = Headers {
        csp: CSP,
        cache: REVALIDATE,
        cors: false,
    };
    let _ = writeln!(
        out,
        "server {{\n    listen 80;\n    listen [::]:80;\n    server_name {};\n    \
         root \"{}\";\n    index index.html;\n    absolute_redirect off;\n",
        rules.host,
        root_text(root)
    );
    out.push_str("    types {\n");
    for (ext, mime, _) in TYPES {
        let _ = writeln!(out, "        {mime} {ext};");
    }
    out.push_str("    }\n    default_type application/octet-stream;\n    charset utf-8;\n");
    let mut text: Vec<&str> = TYPES
        .iter()
        .filter(|t| t.2 && t.1 != "text/html")
        .map(|t| t.1)
        .collect();
    text.dedup();
    let _ = writeln!(out, "    charset_types {};\n", text.join(" "));

    let default_404 = rules
        .not_found
        .last()
        .map_or("/404.html", |(_, page)| page.as_str());
    let _ = writeln!(out, "    error_page 404 {default_404};");
    page.write(&mut out, "    ");

    // The 404 page of each language but the default.
    let language_of = |path: &str| {
        rules
            .not_found
            .iter()
            .find(|(prefix, _)| path.starts_with(prefix.as_str()))
            .map(|(_, page)| page.as_str())
            .unwrap_or(default_404)
    };
    let mut prefixes: Vec<&(String, String)> =
        rules.not_found.iter().filter(|(p, _)| p != "/").collect();
    prefixes.sort();
    let feeds = feed_regex();
    for (prefix, not_found) in prefixes {
        let _ = writeln!(
            out,
            "\n    location {prefix} {{\n        error_page 404 {not_found};"
        );
        page.write(&mut out, "        ");
        // Its feeds here, or they would take the server's feed location and its 404 page.
        let _ = writeln!(
            out,
            "        location ~ \"{feeds}\" {{\n            error_page 404 {not_found};"
        );
        Headers { cors: true, ..page }.write(&mut out, "            ");
        out.push_str("        }\n    }\n");
    }

    let _ = writeln!(
        out,
        "\n    # Pagefind compiles WebAssembly on the search pages and in its worker."
    );
    for search in &rules.search {
        let _ = writeln!(
            out,
            "    location {search} {{\n        error_page 404 {};",
            language_of(search)
        );
        Headers {
            csp: SEARCH_CSP,
            ..page
        }
        .write(&mut out, "        ");
        out.push_str("    }\n");
    }

    let _ = writeln!(out, "\n    location ^~ {MEDIA} {{");
    Headers {
        cache: MEDIA_CACHE,
        ..page
    }
    .write(&mut out, "        ");
    out.push_str("    }\n");

    let _ = writeln!(
        out,
        "\n    # Feeds ({}, {}) for any site to read, shown, never saved as a download.\n    \
         location ~ \"{feeds}\" {{",
        FEED_EXTENSIONS.map(|e| format!(".{e}")).join(", "),
        FEED_NAMES.join(", "),
    );
    Headers { cors: true, ..page }.write(&mut out, "        ");
    out.push_str("    }\n");

    if !rules.redirects.is_empty() {
        out.push_str("\n    # URLs that moved.\n");
        for (old, new) in &rules.redirects {
            for from in Rules::moved_paths(old) {
                let _ = writeln!(out, "    location = {from} {{ return 301 {new}; }}");
            }
        }
    }
    let _ = writeln!(
        out,
        "\n    # The other servers' files are not pages.\n    location ~ \"{}\" {{ return 404; }}\n}}",
        hidden()
    );
    out
}

/// The files in the output that are for servers, not visitors.
fn hidden() -> String {
    let names: Vec<String> = server_files().map(escape).collect();
    format!("/({})$", names.join("|"))
}
