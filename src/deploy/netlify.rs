//! `_headers` and `_redirects`, as Netlify and Cloudflare Pages read them. Both hosts give
//! a path every header of every rule that matches it, so no two rules here set the same
//! header on one path (feeds get `Access-Control-Allow-Origin` exactly once), and the one
//! policy for all pages is the search pages' (these files cannot scope it). HTML revalidates
//! by the hosts' own default; the rules make feeds and the search index revalidate too.

use super::{
    FEED_EXTENSIONS, FEED_NAMES, MEDIA, MEDIA_CACHE, REVALIDATE, Rules, SEARCH_CSP, content_type,
    heading,
};
use std::fmt::Write;

pub fn headers(_rules: &Rules) -> String {
    let mut out = heading("Response headers for Netlify and Cloudflare Pages", false);
    block(
        &mut out,
        "/*",
        &[
            ("X-Content-Type-Options", "nosniff"),
            ("Content-Security-Policy", SEARCH_CSP),
        ],
    );
    let feed = |out: &mut String, path: &str, ext: &str| {
        let content_type = content_type(ext);
        let headers = [
            ("Content-Type", content_type.as_str()),
            ("Access-Control-Allow-Origin", "*"),
            ("Cache-Control", REVALIDATE),
        ];
        block(out, path, &headers);
    };
    for ext in FEED_EXTENSIONS {
        feed(&mut out, &format!("/*.{ext}"), ext);
    }
    for name in FEED_NAMES {
        // The site's own at the root; every scope's below it.
        feed(&mut out, &format!("/{name}"), "json");
        if name == "agenda.json" {
            feed(&mut out, &format!("/*/{name}"), "json");
        }
    }
    block(
        &mut out,
        &format!("/{}/*", crate::search::FOLDER),
        &[("Cache-Control", REVALIDATE)],
    );
    block(
        &mut out,
        &format!("{MEDIA}*"),
        &[("Cache-Control", MEDIA_CACHE)],
    );
    out
}

fn block(out: &mut String, path: &str, headers: &[(&str, &str)]) {
    let _ = writeln!(out, "\n{path}");
    for (name, value) in headers {
        let _ = writeln!(out, "  {name}: {value}");
    }
}

pub fn redirects(rules: &Rules) -> String {
    let mut out = heading("Redirects for Netlify and Cloudflare Pages", false);
    out.push_str(
        "# A page that moved keeps a page at its old URL that sends the visitor on. Netlify\n\
         # takes the first line that matches: `301!` redirects even so. Cloudflare Pages skips\n\
         # that line (it knows no `!`) and takes the plain `301`, and redirects before files.\n\
         # GitLab Pages knows neither: there the old URL's page sends the visitor on.\n",
    );
    for (old, new) in &rules.redirects {
        for from in Rules::moved_paths(old) {
            let _ = writeln!(out, "{from} {new} 301!");
            let _ = writeln!(out, "{from} {new} 301");
        }
    }
    out.push_str(
        "# The 404 page of the URL's language (Netlify; Cloudflare Pages skips these lines and\n\
         # finds the nearest 404.html itself). An existing file is served as it is.\n",
    );
    for (prefix, page) in &rules.not_found {
        let _ = writeln!(out, "{prefix}* {page} 404");
    }
    out
}
