//! Markdown to HTML for item bodies and YAML descriptions: CommonMark with tables,
//! footnotes and strikethrough; ids on headings; fenced code through `highlight`; raw
//! HTML escaped unless the site allows it; `@/kind/id.md` links turned into markers
//! that `assemble` replaces with the target's URL in the page's language. Links are
//! recorded with their position so later stages can report them precisely.

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Body;
use crate::source::{Source, line_col};
use pulldown_cmark::{CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd};
use std::collections::HashSet;

/// The prefix that marks a `@/…` link until its URL is known.
pub const REF_MARKER: &str = "werkplaats-ref:";

pub struct Markdown<'a> {
    pub allow_html: bool,
    pub source: &'a Source,
    /// Byte offset of the Markdown in `source.text`.
    pub offset: usize,
}

impl Markdown<'_> {
    /// Renders `text` (a slice of the source starting at `offset`).
    pub fn render(&self, text: &str, diags: &mut Vec<Diagnostic>) -> Body {
        let options = Options::ENABLE_TABLES
            | Options::ENABLE_FOOTNOTES
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_HEADING_ATTRIBUTES;
        let mut body = Body::default();
        let mut events: Vec<Event> = Vec::new();
        let mut code: Option<(String, String)> = None;
        let mut writing = Writing::default();
        for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
            // Positions are needed only for links; finding one scans the file.
            let at = self.offset + range.start;
            writing.see(&event, at, self.source, diags);
            match event {
                Event::Start(Tag::CodeBlock(kind)) => {
                    let lang = match kind {
                        CodeBlockKind::Fenced(info) => {
                            info.split_whitespace().next().unwrap_or("").to_string()
                        }
                        CodeBlockKind::Indented => String::new(),
                    };
                    code = Some((lang, String::new()));
                }
                Event::Text(t) if code.is_some() => {
                    if let Some((_, buf)) = code.as_mut() {
                        buf.push_str(&t);
                    }
                }
                Event::End(TagEnd::CodeBlock) => {
                    let (lang, buf) = code.take().unwrap_or_default();
                    events.push(Event::Html(code_block(&lang, &buf).into()));
                }
                Event::Html(h) | Event::InlineHtml(h) if !self.allow_html => {
                    events.push(Event::Text(h))
                }
                Event::Start(mut tag @ (Tag::Link { .. } | Tag::Image { .. })) => {
                    let image = matches!(tag, Tag::Image { .. });
                    if let Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } = &mut tag {
                        let dest = std::mem::replace(dest_url, CowStr::Borrowed(""));
                        *dest_url = self.link(dest, at, image, &mut body, diags);
                    }
                    events.push(Event::Start(tag));
                }
                other => events.push(other),
            }
        }
        add_heading_ids(&mut events);
        pulldown_cmark::html::push_html(&mut body.html, events.into_iter());
        body
    }

    /// Checks one link target; `@/` links become markers, unsafe schemes are refused.
    fn link<'e>(
        &self,
        dest: CowStr<'e>,
        at: usize,
        image: bool,
        body: &mut Body,
        diags: &mut Vec<Diagnostic>,
    ) -> CowStr<'e> {
        let (line, column) = line_col(&self.source.text(), at);
        if let Some(target) = dest.strip_prefix("@/") {
            body.refs.push((target.to_string(), line, column));
            return format!("{REF_MARKER}{target}").into();
        }
        if dest.starts_with('/') && !dest.starts_with("//") {
            let list = if image && dest.starts_with("/media/") {
                &mut body.images
            } else {
                &mut body.links
            };
            list.push((dest.to_string(), line, column));
            return dest;
        }
        let scheme = dest
            .split_once(':')
            .map(|(s, _)| s.to_ascii_lowercase())
            .filter(|s| !s.contains(['/', '?', '#']));
        match scheme.as_deref() {
            None | Some("http" | "https" | "mailto" | "tel") => dest,
            Some(other) => {
                diags.push(
                    self.source
                        .diag_line(
                            Severity::Error,
                            "invalid-url",
                            crate::msg!(LinkScheme, scheme = other),
                            line,
                            column,
                        )
                        .with_help(crate::msg!(LinkSchemeHelp)),
                );
                "#".into()
            }
        }
    }
}

/// `text` escaped for HTML text and attribute values (`&`, `<`, `>`, `"`).
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let _ = pulldown_cmark_escape::escape_html(&mut out, text);
    out
}

/// Link texts that do not say where a link leads.
const VAGUE_LINKS: &[&str] = &[
    "klik hier",
    "hier",
    "lees meer",
    "meer",
    "meer info",
    "meer informatie",
    "deze link",
    "link",
    "click here",
    "here",
    "read more",
    "more",
    "this link",
];

/// Image descriptions that describe nothing.
pub const VAGUE_ALTS: &[&str] = &[
    "afbeelding",
    "foto",
    "plaatje",
    "beeld",
    "image",
    "picture",
    "photo",
    "img",
];

/// The writing checks, as warnings: link texts that say nothing, image descriptions that
/// are a file name or a bare word, and headings that skip a level (the page's title is
/// the level-1 heading).
#[derive(Default)]
struct Writing {
    /// The text of the link or image being read, where it began, and an image's address.
    open: Option<(String, usize, Option<String>)>,
    last_heading: Option<usize>,
}

impl Writing {
    fn see(&mut self, event: &Event, at: usize, source: &Source, diags: &mut Vec<Diagnostic>) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                let level = *level as usize;
                let previous = self.last_heading.unwrap_or(1);
                if level > previous + 1 {
                    let (line, column) = line_col(&source.text(), at);
                    diags.push(
                        source
                            .diag_line(
                                Severity::Warning,
                                "skipped-heading",
                                crate::msg!(SkippedHeading, level = level, previous = previous),
                                line,
                                column,
                            )
                            .with_help(crate::msg!(
                                SkippedHeadingHelp,
                                marks = "#".repeat(previous + 1)
                            )),
                    );
                }
                self.last_heading = Some(level);
            }
            Event::Start(Tag::Link { .. }) => self.open = Some((String::new(), at, None)),
            Event::Start(Tag::Image { dest_url, .. }) => {
                self.open = Some((String::new(), at, Some(dest_url.to_string())))
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((text, _, _)) = self.open.as_mut() {
                    text.push_str(t);
                }
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                let Some((text, at, image)) = self.open.take() else {
                    return;
                };
                let words = text.trim().trim_end_matches(['.', ':', '!']).to_lowercase();
                let message = match &image {
                    None if VAGUE_LINKS.contains(&words.as_str()) => Some((
                        "vague-link-text",
                        crate::msg!(VagueLink, text = text.trim()),
                        crate::msg!(VagueLinkHelp),
                    )),
                    Some(dest) if is_file_name(&words, dest) => Some((
                        "poor-alt-text",
                        crate::msg!(AltIsFileName, alt = text.trim()),
                        crate::msg!(AltHelp),
                    )),
                    Some(_) if VAGUE_ALTS.contains(&words.as_str()) => Some((
                        "poor-alt-text",
                        crate::msg!(AltIsWord, alt = text.trim()),
                        crate::msg!(AltHelp),
                    )),
                    _ => None,
                };
                if let Some((code, message, help)) = message {
                    let (line, column) = line_col(&source.text(), at);
                    diags.push(
                        source
                            .diag_line(Severity::Warning, code, message, line, column)
                            .with_help(help),
                    );
                }
            }
            _ => {}
        }
    }
}

/// Is `alt` (lower case) the file name of `dest`, with or without its extension?
pub fn is_file_name(alt: &str, dest: &str) -> bool {
    let name = dest.rsplit('/').next().unwrap_or(dest).to_lowercase();
    let stem = name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s);
    !alt.is_empty() && (alt == name || alt == stem || alt.replace(' ', "-") == stem)
}

/// A fenced code block, highlighted if the language is known. Code scrolls sideways, so
/// the block takes keyboard focus (`tabindex`), as WCAG asks of scrollable regions.
fn code_block(lang: &str, code: &str) -> String {
    let safe_lang: String = lang
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || "+-_#.".contains(*c))
        .collect();
    match crate::highlight::highlight(code, &safe_lang) {
        Some(html) => {
            format!(
                "<pre class=\"code\" data-lang=\"{safe_lang}\" tabindex=\"0\"><code>{html}</code></pre>\n"
            )
        }
        None => {
            let mut escaped = String::new();
            pulldown_cmark_escape::escape_html(&mut escaped, code).ok();
            format!("<pre class=\"code\" tabindex=\"0\"><code>{escaped}</code></pre>\n")
        }
    }
}

/// Gives every heading without an explicit `{#id}` an id made from its text, unique
/// within the document, so that sections can be linked to.
fn add_heading_ids(events: &mut [Event]) {
    let mut used: HashSet<String> = HashSet::new();
    let mut i = 0;
    while i < events.len() {
        let Event::Start(Tag::Heading { id: None, .. }) = &events[i] else {
            if let Event::Start(Tag::Heading { id: Some(id), .. }) = &events[i] {
                used.insert(id.to_string());
            }
            i += 1;
            continue;
        };
        let mut text = String::new();
        let mut j = i + 1;
        while j < events.len() && !matches!(events[j], Event::End(TagEnd::Heading(_))) {
            if let Event::Text(t) | Event::Code(t) = &events[j] {
                text.push_str(t);
            }
            j += 1;
        }
        let base = match slug::slugify(&text) {
            s if s.is_empty() => "sectie".to_string(),
            s => s,
        };
        let mut id = base.clone();
        let mut n = 2;
        while used.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        used.insert(id.clone());
        if let Event::Start(Tag::Heading { id: slot, .. }) = &mut events[i] {
            *slot = Some(id.into());
        }
        i = j;
    }
}
