//! Splits a Markdown file into its YAML front matter and body, remembering where each
//! starts so that positions in either can be reported as lines of the whole file.

use crate::diagnostic::{Diagnostic, Severity};
use crate::msg;
use crate::source::Source;
use std::ops::Range;
use std::sync::Arc;

pub struct Split {
    pub yaml: Range<usize>,
    /// Lines before the YAML (the opening `---`).
    pub yaml_line_offset: usize,
    pub body: Range<usize>,
}

/// Finds the front matter between a first line `---` and the next line `---`.
pub fn split(rel: &str, text: &str) -> Result<Split, Diagnostic> {
    let first_line_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if text[..first_line_end].trim_end() != "---" {
        return Err(
            Diagnostic::error("missing-front-matter", rel, msg!(NoFrontMatter))
                .at(text, 1, 1)
                .with_help(msg!(NoFrontMatterHelp)),
        );
    }
    let mut offset = first_line_end;
    while offset < text.len() {
        let end = text[offset..]
            .find('\n')
            .map_or(text.len(), |i| offset + i + 1);
        let this = text[offset..end].trim_end();
        if this == "---" || this == "..." {
            return Ok(Split {
                yaml: first_line_end..offset,
                yaml_line_offset: 1,
                body: end..text.len(),
            });
        }
        offset = end;
    }
    Err(
        Diagnostic::error("missing-front-matter", rel, msg!(FrontMatterOpen))
            .at(text, 1, 1)
            .with_help(msg!(FrontMatterOpenHelp)),
    )
}

/// A source whose YAML is the front matter of a Markdown file.
pub fn source(rel: &str, text: Arc<str>, split: &Split) -> Source {
    Source::new(rel, text, split.yaml.clone(), split.yaml_line_offset)
}

/// A source that is YAML as a whole (site.yaml, locations, organisations).
pub fn yaml_source(rel: &str, text: impl Into<Arc<str>>) -> Source {
    let text: Arc<str> = text.into();
    Source::new(rel, text.clone(), 0..text.len(), 0)
}

/// The diagnostic for a syntax error in a source's YAML (`invalid-yaml`, or a trap's code).
pub fn syntax_error(source: &Source, e: &crate::yaml::SyntaxError) -> Diagnostic {
    let d = source.diag_line(
        Severity::Error,
        e.code,
        e.message.clone(),
        e.line + source.yaml_line_offset,
        e.column,
    );
    match &e.help {
        Some(help) => d.with_help(help.clone()),
        None => d,
    }
}
