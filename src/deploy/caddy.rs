//! A site block for Caddy 2 (a Caddyfile). Caddy takes the type of a file from the system's
//! table, which may lack `.ics`; the block sets every type we write itself.

use super::{
    CSP, MEDIA, MEDIA_CACHE, REVALIDATE, Rules, SEARCH_CSP, TYPES, content_type, feed_regex,
    heading, root_text, server_files,
};
use std::fmt::Write;
use std::path::Path;

pub fn caddy(rules: &Rules, root: &Path) -> String {
    let mut out = heading("A site block for Caddy 2 (Caddyfile)", true);
    out.push_str(
        "# Plain HTTP on port 80 for the site's host; without `http://`, Caddy fetches a\n\
         # certificate and serves HTTPS.\n",
    );
    let _ = writeln!(
        out,
        "http://{} {{\n\troot * \"{}\"\n\tfile_server\n",
        rules.host,
        root_text(root)
    );
    for (ext, _, _) in TYPES {
        let _ = writeln!(
            out,
            "\t@type_{ext} path *.{ext}\n\theader @type_{ext} Content-Type \"{}\"",
            content_type(ext)
        );
    }
    let search = rules
        .search
        .iter()
        .map(|s| format!("{s}*"))
        .collect::<Vec<_>>()
        .join(" ");
    let _ = writeln!(
        out,
        "\n\t# Caddy orders `header`s by their matchers, so no two of them match one path.\n\
         \theader X-Content-Type-Options nosniff\n\
         \t# Pagefind compiles WebAssembly on the search pages and in its worker.\n\
         \t@search path {search}\n\
         \theader @search Content-Security-Policy \"{SEARCH_CSP}\"\n\
         \t@other not path {search}\n\
         \theader @other Content-Security-Policy \"{CSP}\"\n\
         \t@media path {MEDIA}*\n\
         \theader @media Cache-Control \"{MEDIA_CACHE}\"\n\
         \t@revalidate not path {MEDIA}*\n\
         \theader @revalidate Cache-Control \"{REVALIDATE}\"\n\
         \t# Feeds for any site to read, shown, never saved as a download.\n\
         \t@feeds path_regexp `{}`\n\
         \theader @feeds Access-Control-Allow-Origin *\n\
         \theader @feeds -Content-Disposition",
        feed_regex()
    );
    if !rules.redirects.is_empty() {
        out.push_str("\n\t# URLs that moved.\n");
        for (old, new) in &rules.redirects {
            for from in Rules::moved_paths(old) {
                let _ = writeln!(out, "\tredir {from} {new} 301");
            }
        }
    }
    let hidden: Vec<String> = server_files().map(|name| format!("/{name}")).collect();
    let _ = writeln!(
        out,
        "\n\t# The other servers' files are not pages.\n\t@hidden path {}\n\terror @hidden 404",
        hidden.join(" ")
    );
    // Caddy keeps the failed request's headers: the page is HTML, for no other site.
    out.push_str(
        "\n\t# The 404 page of the URL's language.\n\thandle_errors {\n\
         \t\t@missing expression {err.status_code} == 404\n\
         \t\thandle @missing {\n\
         \t\t\theader Content-Type \"text/html; charset=utf-8\"\n\
         \t\t\theader -Access-Control-Allow-Origin\n",
    );
    for (i, (prefix, page)) in rules.not_found.iter().enumerate() {
        if prefix == "/" {
            let _ = writeln!(out, "\t\t\trewrite * {page}");
        } else {
            let _ = writeln!(
                out,
                "\t\t\t@lang{i} path {prefix}*\n\t\t\trewrite @lang{i} {page}"
            );
        }
    }
    out.push_str("\t\t\tfile_server\n\t\t}\n\t}\n}\n");
    out
}
