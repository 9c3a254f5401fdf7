//! Stage 4, beside render: how a web server must serve the output (§4.2). In: the site
//! (its languages, search pages, the URLs that moved and the items' `aliases`). Out: one
//! set of `Rules`, and from it each server's own file: `_headers` and `_redirects` (Netlify,
//! Cloudflare Pages) and `.htaccess` (Apache), which `build` writes into the output, and the
//! server blocks that `deploy-config` prints (nginx, Caddy). Every file says the same:
//!
//! - the types of the files we write (`text/calendar` for `.ics`, …), in UTF-8 where text;
//! - `Access-Control-Allow-Origin: *` once on every feed and on `agenda.schema.json`, so a
//!   school's page can read them, and never a `Content-Disposition`;
//! - HTML, feeds, theme files and the search index revalidate (`no-cache`: the server's
//!   ETag or Last-Modified answers); pictures under `/media/` are kept a day;
//! - the 404 page of the URL's language;
//! - a 301 from every URL that moved to where it went;
//! - `X-Content-Type-Options: nosniff` and a Content-Security-Policy the site meets, which
//!   allows WebAssembly (Pagefind) on the search pages only, where the server can scope it.

mod apache;
mod caddy;
mod netlify;
mod nginx;

use crate::site::Site;
use crate::urls;
use std::path::Path;

pub use apache::htaccess;
pub use caddy::caddy;
pub use netlify::{headers, redirects};
pub use nginx::nginx;

/// What writes one server file from the rules.
pub type Writer = fn(&Rules) -> String;

/// The files `build` writes for the servers, with what writes them.
pub const FILES: [(&str, Writer); 3] = [
    ("_headers", headers),
    ("_redirects", redirects),
    (".htaccess", htaccess),
];

/// The types of the files we write, by extension, and whether each is text (in UTF-8).
pub const TYPES: &[(&str, &str, bool)] = &[
    ("html", "text/html", true),
    ("css", "text/css", true),
    ("js", "text/javascript", true),
    ("json", "application/json", true),
    ("ics", "text/calendar", true),
    ("atom", "application/atom+xml", true),
    ("xml", "application/xml", true),
    ("txt", "text/plain", true),
    ("svg", "image/svg+xml", false),
    ("png", "image/png", false),
    ("jpg", "image/jpeg", false),
    ("jpeg", "image/jpeg", false),
    ("webp", "image/webp", false),
    ("gif", "image/gif", false),
    ("avif", "image/avif", false),
    ("ico", "image/x-icon", false),
    ("pdf", "application/pdf", false),
    ("wasm", "application/wasm", false),
    ("woff2", "font/woff2", false),
    ("csv", "text/csv", true),
    ("zip", "application/zip", false),
    ("mp3", "audio/mpeg", false),
    ("mp4", "video/mp4", false),
    ("webm", "video/webm", false),
    ("odt", "application/vnd.oasis.opendocument.text", false),
    (
        "ods",
        "application/vnd.oasis.opendocument.spreadsheet",
        false,
    ),
    (
        "odp",
        "application/vnd.oasis.opendocument.presentation",
        false,
    ),
    (
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        false,
    ),
    (
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        false,
    ),
    (
        "pptx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        false,
    ),
];

/// The `Content-Type` of a file with extension `ext`.
pub fn content_type(ext: &str) -> String {
    match TYPES.iter().find(|(e, _, _)| *e == ext) {
        Some((_, mime, true)) => format!("{mime}; charset=utf-8"),
        Some((_, mime, false)) => mime.to_string(),
        None => "application/octet-stream".to_string(),
    }
}

/// Feeds by extension: every `.ics` (the scopes' and each event's own) and `.atom`.
pub const FEED_EXTENSIONS: [&str; 2] = ["ics", "atom"];
/// Feeds and the schema by file name: every scope's `agenda.json`.
pub const FEED_NAMES: [&str; 2] = ["agenda.json", "agenda.schema.json"];

/// The policy of every page: nothing from another host, no inline script or style.
/// (JSON-LD is data, which no policy blocks.)
pub const CSP: &str = "default-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'";
/// The search pages': Pagefind compiles its WebAssembly.
pub const SEARCH_CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; object-src 'none'; base-uri 'self'; form-action 'self'";

/// What revalidates: the server's ETag or Last-Modified answers whether it changed.
pub const REVALIDATE: &str = "no-cache";
/// Pictures under `/media/`. Their names come from the source picture and its width, not
/// from their bytes, so a picture replaced under the same name must not be kept a year.
pub const MEDIA_CACHE: &str = "public, max-age=86400";
/// Where the pictures are.
pub const MEDIA: &str = "/media/";

/// What every server file is made from.
#[derive(Debug, Clone)]
pub struct Rules {
    /// Old URL path → new URL path.
    pub redirects: Vec<(String, String)>,
    /// URL prefix → its 404 page, the longest prefix first; the last is `/`.
    pub not_found: Vec<(String, String)>,
    /// The site's host name (from `base_url`), which a server block answers for.
    pub host: String,
    /// The search pages (`/zoeken/`, `/en/search/`) and the index and worker they load
    /// (`/pagefind/`): a worker's policy is the one its own script is served with.
    pub search: Vec<String>,
}

impl Rules {
    pub fn new(site: &Site) -> Rules {
        let config = &site.config;
        let default = config.default_lang();
        let redirects = site
            .moved()
            .into_iter()
            .map(|(_, old, new)| (old, new))
            .collect();
        let mut not_found = Vec::new();
        let mut search = Vec::new();
        for &lang in &config.languages {
            search.push(urls::search(config, lang));
            if lang != default {
                not_found.push((urls::home(config, lang), urls::not_found(config, lang)));
            }
        }
        search.push(format!("/{}/", crate::search::FOLDER));
        not_found.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        not_found.push(("/".to_string(), urls::not_found(config, default)));
        let host = config
            .base_url
            .split_once("://")
            .map_or(config.base_url.as_str(), |(_, rest)| rest)
            .split(['/', ':'])
            .next()
            .unwrap_or_default()
            .to_string();
        Rules {
            host,
            redirects,
            not_found,
            search,
        }
    }

    /// The URLs that answer 301 for one move: the folder and its `index.html`.
    pub fn moved_paths(old: &str) -> [String; 2] {
        [old.to_string(), format!("{old}index.html")]
    }
}

/// A regular expression (POSIX and PCRE alike) for the file names of feeds.
fn feed_regex() -> String {
    format!(
        r"(\.({})|/{})$",
        FEED_EXTENSIONS.join("|"),
        FEED_NAMES
            .iter()
            .map(|n| escape(n))
            .collect::<Vec<_>>()
            .join("|/")
    )
}

/// `text` matched literally in a regular expression.
fn escape(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if ".+*?()[]{}|^$\\".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A URL path as an anchored regular expression.
fn path_regex(path: &str) -> String {
    format!("^{}$", escape(path))
}

/// The files in the output that are for servers, not visitors: theirs and our marker.
fn server_files() -> impl Iterator<Item = &'static str> {
    FILES
        .iter()
        .map(|(name, _)| *name)
        .chain([crate::manifest::MARKER])
}

/// The comment heading each file: where it comes from, and what to do to change it.
fn heading(what: &str, printed: bool) -> String {
    let how = if printed {
        "# Printed by `werkplaats deploy-config` from the site (its languages, sections and\n\
         # moved URLs): print it again when those change."
    } else {
        "# Written by werkplaats from the site (its languages, sections and moved URLs):\n\
         # every build writes it again, so change the site, not this file."
    };
    format!("# {what}.\n{how}\n")
}

/// The output folder as a server config names it.
fn root_text(root: &Path) -> String {
    root.display().to_string()
}

/// Why a server config cannot name `root` as it is: nginx reads `$` as a variable, Caddy
/// `{…}` as a placeholder, and a quote, backslash or line break ends the name.
pub fn unusable_root(root: &Path) -> Option<String> {
    let Some(text) = root.to_str() else {
        return Some(format!(
            "{} is not UTF-8, which a server config cannot name",
            root.display()
        ));
    };
    let bad: Vec<char> = text
        .chars()
        .filter(|c| "$\"\\{};".contains(*c) || c.is_control())
        .collect();
    (!bad.is_empty()).then(|| {
        format!(
            "{} holds {}, which a server config cannot name: build into a folder without them",
            root.display(),
            bad.iter()
                .map(|c| format!("{c:?}"))
                .collect::<Vec<_>>()
                .join(" ")
        )
    })
}
