//! What `serve` adds to HTML at response time, never to built files: the reload script
//! (long-poll on `/__werkplaats/wait`), and, while the last rebuild failed, an overlay that
//! names each problem's file, line and column.

use crate::diagnostic::Diagnostic;
use crate::model::Lang;
use crate::msg;
use std::fmt::Write as _;

pub const WAIT_PATH: &str = "/__werkplaats/wait";

/// The page with the reload script and, if `errors` is not empty, the overlay.
pub fn page(
    html: &[u8],
    generation: u64,
    errors: &[Diagnostic],
    state: State,
    lang: Lang,
) -> Vec<u8> {
    let mut text = String::from_utf8_lossy(html).into_owned();
    let script = format!(
        "<script>/* werkplaats serve */(function(){{var g={generation};function w(){{fetch('{WAIT_PATH}?since='+g,{{cache:'no-store'}}).then(function(r){{return r.json()}}).then(function(d){{if(d.generation!==g){{location.reload()}}else{{w()}}}}).catch(function(){{setTimeout(w,1000)}})}}w()}})();</script>\n"
    );
    let at = text.rfind("</body>").unwrap_or(text.len());
    text.insert_str(at, &script);
    if errors.iter().any(Diagnostic::is_error) {
        let overlay = overlay(errors, state, lang);
        let at = text
            .find("<body")
            .and_then(|i| text[i..].find('>').map(|j| i + j + 1))
            .unwrap_or(0);
        text.insert_str(at, &overlay);
    }
    text.into_bytes()
}

use crate::markdown::escape_html as escape;

/// `text` in HTML, with `code` spans written as `<code>`.
fn words(text: &str) -> String {
    let mut out = String::new();
    let parts: Vec<&str> = text.split('`').collect();
    // With an odd number of backticks the last one opens nothing: it stays a backtick.
    let last_unpaired = parts.len().is_multiple_of(2);
    for (i, part) in parts.iter().enumerate() {
        if i + 1 == parts.len() && last_unpaired {
            out.push('`');
            out.push_str(&escape(part));
        } else if i % 2 == 1 {
            out.push_str("<code>");
            out.push_str(&escape(part));
            out.push_str("</code>");
        } else {
            out.push_str(&escape(part));
        }
    }
    out
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

/// The panel that names each error as the terminal does: where, the line with a caret,
/// and what to do. It sits at the bottom of the window, over at most half of it, so the
/// page stays usable; it scrolls, folds up (`<details>`) and closes (it comes back with
/// the next failed save, which reloads the page).
pub fn overlay(errors: &[Diagnostic], state: State, lang: Lang) -> String {
    let errors: Vec<&Diagnostic> = errors.iter().filter(|d| d.is_error()).collect();
    let title = msg!(OverlayTitle, errors = errors.len()).text(lang);
    let note = match state {
        State::LastGood => msg!(OverlayNote),
        State::NoSite => msg!(OverlayNoSite),
        State::Current => msg!(OverlayCurrent),
    }
    .text(lang);
    let close = msg!(OverlayClose).text(lang);
    let help_label = msg!(LabelHelp).text(lang);
    let mut items = String::new();
    for d in errors.iter().take(50) {
        let _ = write!(
            items,
            "<li><p><strong>{}:{}:{}</strong> <span class=\"wp-code\">[{}]</span></p><p>{}</p>",
            escape(&d.file),
            d.line,
            d.column,
            escape(d.code),
            words(&d.message.text(lang))
        );
        if let Some((number, line, lead)) = d.excerpt() {
            let pad = " ".repeat(number.len());
            let _ = write!(
                items,
                "<pre tabindex=\"0\">{pad} |\n{number} | {}\n{pad} | {lead}^</pre>",
                escape(&line)
            );
        }
        if let Some(help) = &d.help {
            let _ = write!(
                items,
                "<p>{}: {}</p>",
                escape(&help_label),
                words(&help.text(lang))
            );
        }
        items.push_str("</li>");
    }
    let note = format!("<p>{}</p>", escape(&note));
    format!(
        "<aside id=\"werkplaats-overlay\" lang=\"{code}\" aria-label=\"werkplaats\">\
<style>{STYLE}</style><div role=\"alert\">\
<details open><summary>{title}</summary>\
<button type=\"button\" onclick=\"this.closest('aside').remove()\">{close}</button>\
{note}<ol>{items}</ol></details></div></aside>",
        code = lang.code(),
        title = escape(&title),
        close = escape(&close),
    )
}

const STYLE: &str = "#werkplaats-overlay{position:fixed;left:0;right:0;bottom:0;z-index:2147483647;max-height:50vh;overflow:auto;box-sizing:border-box;background:#fff4f4;color:#1b1b1b;border-top:6px solid #a4001b;padding:.75rem 1rem;font:16px/1.5 system-ui,sans-serif;box-shadow:0 -4px 16px rgba(0,0,0,.3)}\
#werkplaats-overlay summary{font-weight:700;color:#a4001b;cursor:pointer;padding-right:6rem}\
#werkplaats-overlay button{position:absolute;top:.5rem;right:1rem;font:inherit;padding:.25rem .75rem;background:#fff;color:#1b1b1b;border:2px solid #1b1b1b;border-radius:4px;cursor:pointer}\
#werkplaats-overlay :focus-visible{outline:3px solid #1b1b1b;outline-offset:2px}\
#werkplaats-overlay ol{margin:.5rem 0 0;padding-left:1.5rem}\
#werkplaats-overlay li{margin-bottom:.75rem;overflow-wrap:anywhere}\
#werkplaats-overlay p{margin:.25rem 0}\
#werkplaats-overlay pre{margin:.25rem 0;padding:.5rem;background:#fff;border:1px solid #c8c8c8;overflow-x:auto;font:14px/1.4 ui-monospace,monospace;white-space:pre;overflow-wrap:normal}\
#werkplaats-overlay code{font-family:ui-monospace,monospace;background:#fff;padding:0 .2em}\
#werkplaats-overlay .wp-code{color:#4a4a4a}";

#[cfg(test)]
mod tests {
    use super::*;

    /// The overlay shows what the terminal shows: place, code, message, the line with a
    /// caret and the help, in the message language, with markup a browser reads safely.
    #[test]
    fn the_overlay_in_both_languages() {
        let d = Diagnostic::error(
            "invalid-yaml",
            "content/events/open-dag.nl.md",
            msg!(ColonInValue, key = "title"),
        )
        .at("---\ntitle: Webinar: <werken> & leren\n---\n", 2, 15)
        .with_help(msg!(
            QuoteValueHelp,
            line = "`title: \"Webinar: <werken> & leren\"`"
        ));
        let warning = Diagnostic::warning("old-event", "content/events/oud.nl.md", msg!(OldEvent));
        let errors = [d, warning];
        let nl = overlay(&errors, State::LastGood, Lang::Nl);
        assert!(!nl.contains("<werken>"), "text is escaped: {nl}");
        assert!(!nl.contains("oud.nl.md"), "warnings stay in the terminal");
        insta::assert_snapshot!("overlay_nl", nl.replace("><", ">\n<"));
        let en = overlay(&errors, State::NoSite, Lang::En);
        insta::assert_snapshot!("overlay_en", en.replace("><", ">\n<"));
    }
}
