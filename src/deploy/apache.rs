//! `.htaccess` for Apache 2.4, as shared hosting has it (`AllowOverride All`). Each part
//! needs one module and sits in its `<IfModule>`, so a host without it serves the site
//! without that part rather than with an error 500; the 404 pages need none.

use super::{
    CSP, FEED_EXTENSIONS, FEED_NAMES, MEDIA, MEDIA_CACHE, REVALIDATE, Rules, SEARCH_CSP, TYPES,
    escape, feed_regex, heading, path_regex, server_files,
};
use std::fmt::Write;

pub fn htaccess(rules: &Rules) -> String {
    let mut out = heading(
        "Apache 2.4 (mod_mime, mod_headers, mod_setenvif, mod_alias where present)",
        false,
    );
    out.push_str("\n<IfModule mod_mime.c>\n");
    for (ext, mime, _) in TYPES {
        let _ = writeln!(out, "  AddType {mime} .{ext}");
    }
    let text: Vec<String> = TYPES
        .iter()
        .filter(|t| t.2)
        .map(|(ext, _, _)| format!(".{ext}"))
        .collect();
    let _ = writeln!(out, "  AddCharset utf-8 {}", text.join(" "));
    out.push_str("</IfModule>\n\n");

    out.push_str("# The 404 page of the URL's language.\n");
    for (prefix, page) in rules.not_found.iter().rev() {
        if prefix == "/" {
            let _ = writeln!(out, "ErrorDocument 404 {page}");
        } else {
            let _ = writeln!(
                out,
                "<If \"%{{REQUEST_URI}} =~ m#^{}#\">\n  ErrorDocument 404 {page}\n</If>",
                escape(prefix)
            );
        }
    }

    // No <If> or <FilesMatch> around headers: in .htaccess those need `AllowOverride All`,
    // and everything here needs only `FileInfo`. SetEnvIf marks the requests instead.
    let search: Vec<String> = rules.search.iter().map(|s| escape(s)).collect();
    let _ = write!(
        out,
        "\n<IfModule mod_headers.c>\n\
         \x20 Header always set X-Content-Type-Options \"nosniff\"\n\
         </IfModule>\n\
         <IfModule mod_setenvif.c>\n\
         \x20 # Pagefind compiles WebAssembly on the search pages and in its worker.\n\
         \x20 SetEnvIf Request_URI \"^({})\" WERKPLAATS_SEARCH\n\
         \x20 SetEnvIf Request_URI \"^{}\" WERKPLAATS_MEDIA\n\
         \x20 # Feeds ({}, {}) for any site to read, shown, never saved as a download.\n\
         \x20 SetEnvIf Request_URI \"{}\" WERKPLAATS_FEED\n\
         \x20 <IfModule mod_headers.c>\n\
         \x20   Header always set Content-Security-Policy \"{CSP}\" env=!WERKPLAATS_SEARCH\n\
         \x20   Header always set Content-Security-Policy \"{SEARCH_CSP}\" env=WERKPLAATS_SEARCH\n\
         \x20   Header set Cache-Control \"{REVALIDATE}\" env=!WERKPLAATS_MEDIA\n\
         \x20   Header set Cache-Control \"{MEDIA_CACHE}\" env=WERKPLAATS_MEDIA\n\
         \x20   Header set Access-Control-Allow-Origin \"*\" env=WERKPLAATS_FEED\n\
         \x20   Header unset Content-Disposition env=WERKPLAATS_FEED\n\
         \x20 </IfModule>\n\
         </IfModule>\n",
        search.join("|"),
        escape(MEDIA),
        FEED_EXTENSIONS.map(|e| format!(".{e}")).join(", "),
        FEED_NAMES.join(", "),
        feed_regex(),
    );

    let hidden: Vec<String> = server_files()
        .filter(|name| *name != ".htaccess")
        .map(escape)
        .collect();
    let _ = writeln!(
        out,
        "\n<IfModule mod_alias.c>\n\
         \x20 # The other servers' files are not pages (Apache keeps .htaccess to itself).\n\
         \x20 RedirectMatch 404 \"/({})$\"",
        hidden.join("|")
    );
    for (old, new) in &rules.redirects {
        let pattern = path_regex(old);
        let pattern = pattern.trim_end_matches('$');
        let _ = writeln!(
            out,
            "  RedirectMatch 301 \"{pattern}(index\\.html)?$\" \"{new}\""
        );
    }
    out.push_str("</IfModule>\n");
    out
}
