//! What `serve` adds to HTML at response time, never to built files: the reload script
//! (long-poll on `/__werkplaats/wait`), and, while the last rebuild failed, an overlay that
//! names each problem's file, line and column.

use crate::diagnostic::Diagnostic;

pub const WAIT_PATH: &str = "/__werkplaats/wait";

/// The page with the reload script and, if `errors` is not empty, the overlay.
pub fn page(html: &[u8], generation: u64, errors: &[Diagnostic], state: State) -> Vec<u8> {
    let mut text = String::from_utf8_lossy(html).into_owned();
    let script = format!(
        "<script>/* werkplaats serve */(function(){{var g={generation};function w(){{fetch('{WAIT_PATH}?since='+g,{{cache:'no-store'}}).then(function(r){{return r.json()}}).then(function(d){{if(d.generation!==g){{location.reload()}}else{{w()}}}}).catch(function(){{setTimeout(w,1000)}})}}w()}})();</script>\n"
    );
    let at = text.rfind("</body>").unwrap_or(text.len());
    text.insert_str(at, &script);
    if !errors.is_empty() {
        let overlay = overlay(errors, state);
        let at = text
            .find("<body")
            .and_then(|i| text[i..].find('>').map(|j| i + j + 1))
            .unwrap_or(0);
        text.insert_str(at, &overlay);
    }
    text.into_bytes()
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// What the served site is, for the overlay's headline.
#[derive(Debug, Clone, Copy)]
pub enum State {
    /// Nothing has built yet.
    NoSite,
    /// The last change failed; the site is the last good one.
    LastGood,
    /// The site is current, but some pages do not render.
    Current,
}

fn overlay(errors: &[Diagnostic], state: State) -> String {
    let headline = match state {
        State::LastGood => {
            "The last change could not be built; this page shows the last good version."
        }
        State::NoSite => {
            "The site could not be built yet. Fix these problems and save; the page reloads by itself."
        }
        State::Current => {
            "Some pages could not be rendered. Fix these problems and save; the page reloads by itself."
        }
    };
    let mut items = String::new();
    for d in errors.iter().filter(|d| d.is_error()).take(50) {
        items.push_str(&format!(
            "<li><strong>{}:{}:{}</strong> {}{}</li>",
            escape(&d.file),
            d.line,
            d.column,
            escape(&d.message),
            d.help
                .as_ref()
                .map(|h| format!("<br><em>{}</em>", escape(h)))
                .unwrap_or_default()
        ));
    }
    format!(
        "<div id=\"werkplaats-overlay\" role=\"alert\" style=\"position:fixed;inset:0 0 auto 0;z-index:99999;max-height:60vh;overflow:auto;background:#fff4f4;color:#1b1b1b;border-bottom:6px solid #a4001b;padding:1rem 1.5rem;font:16px/1.5 system-ui,sans-serif;box-shadow:0 4px 16px rgba(0,0,0,.3)\"><p style=\"margin:0 0 .5rem;font-weight:700;color:#a4001b\">{headline}</p><ul style=\"margin:0;padding-left:1.2rem\">{items}</ul></div>"
    )
}
