//! A content file held in memory, and places inside it. Diagnostics about a file are
//! made here, so every one of them carries the file, line and column the same way:
//! YAML positions are shifted by the line where the YAML starts in the file (front
//! matter starts on line 2).

use crate::diagnostic::{Diagnostic, Severity};
use crate::messages::Msg;
use crate::yaml::{self, Step};
use std::ops::Range;
use std::sync::{Arc, RwLock};

#[derive(Debug)]
pub struct Source {
    /// Path relative to the site root, with `/` separators: what the user sees.
    pub rel: String,
    /// The whole file (shared with the loaded file: never copied), until `release`.
    text: RwLock<Arc<str>>,
    /// The YAML part of `text` (front matter, or the whole file for YAML items).
    pub yaml: Range<usize>,
    /// How many lines of the file come before the YAML part.
    pub yaml_line_offset: usize,
}

impl Source {
    pub fn new(rel: &str, text: Arc<str>, yaml: Range<usize>, yaml_line_offset: usize) -> Source {
        Source {
            rel: rel.to_string(),
            text: RwLock::new(text),
            yaml,
            yaml_line_offset,
        }
    }

    /// The whole file (empty once released).
    pub fn text(&self) -> Arc<str> {
        self.text.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// The YAML part of the file (empty once released).
    pub fn yaml_text(&self) -> Part {
        let text = self.text();
        let range = if text.get(self.yaml.clone()).is_some() {
            self.yaml.clone()
        } else {
            0..0
        };
        Part { text, range }
    }

    /// Lets go of the file's text: a one-time build does so once every diagnostic about
    /// the content is made (before pages are rendered), so the texts of 100,000 files are
    /// not held while the pages and the search index are made. A diagnostic made later
    /// points at its line without showing it.
    pub fn release(&self) {
        *self.text.write().unwrap_or_else(|e| e.into_inner()) = "".into();
    }

    /// A diagnostic at a path in this file's YAML: on the key if `at_key`, else the value.
    pub fn diag_at(
        &self,
        severity: Severity,
        code: &'static str,
        message: Msg,
        path: &[Step],
        at_key: bool,
    ) -> Diagnostic {
        let (line, column) = yaml::locate(&self.yaml_text(), path, at_key);
        self.diag_line(
            severity,
            code,
            message,
            line + self.yaml_line_offset,
            column,
        )
    }

    /// A diagnostic at a line and column of the whole file.
    pub fn diag_line(
        &self,
        severity: Severity,
        code: &'static str,
        message: Msg,
        line: usize,
        column: usize,
    ) -> Diagnostic {
        let d = match severity {
            Severity::Error => Diagnostic::error(code, &self.rel, message),
            Severity::Warning => Diagnostic::warning(code, &self.rel, message),
        };
        d.at(&self.text(), line, column)
    }

    /// The file name without folders, for messages ("open-dag.en.md").
    pub fn file_name(&self) -> &str {
        self.rel.rsplit('/').next().unwrap_or(&self.rel)
    }
}

/// A part of a file's text, held while it is read.
pub struct Part {
    text: Arc<str>,
    range: Range<usize>,
}

impl std::ops::Deref for Part {
    type Target = str;

    fn deref(&self) -> &str {
        &self.text[self.range.clone()]
    }
}

/// A place in a file: the file and the YAML path of a value. Kept on references so
/// that a later stage can point at the exact value that is wrong.
#[derive(Debug, Clone)]
pub struct Origin {
    pub source: Arc<Source>,
    pub path: Vec<Step>,
}

impl Origin {
    pub fn error(&self, code: &'static str, message: Msg) -> Diagnostic {
        self.source
            .diag_at(Severity::Error, code, message, &self.path, false)
    }

    pub fn warning(&self, code: &'static str, message: Msg) -> Diagnostic {
        self.source
            .diag_at(Severity::Warning, code, message, &self.path, false)
    }
}

/// Line and column (1-based) of a byte offset in `text`; columns count characters.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..text.floor_char_boundary(offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}
