//! A content file held in memory, and places inside it. Diagnostics about a file are
//! made here, so every one of them carries the file, line and column the same way:
//! YAML positions are shifted by the line where the YAML starts in the file (front
//! matter starts on line 2).

use crate::diagnostic::{Diagnostic, Severity};
use crate::messages::Msg;
use crate::yaml::{self, Step};
use std::ops::Range;
use std::sync::Arc;

#[derive(Debug)]
pub struct Source {
    /// Path relative to the site root, with `/` separators: what the user sees.
    pub rel: String,
    /// The whole file (shared with the loaded file: never copied).
    pub text: Arc<str>,
    /// The YAML part of `text` (front matter, or the whole file for YAML items).
    pub yaml: Range<usize>,
    /// How many lines of the file come before the YAML part.
    pub yaml_line_offset: usize,
}

impl Source {
    pub fn yaml_text(&self) -> &str {
        &self.text[self.yaml.clone()]
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
        let (line, column) = yaml::locate(self.yaml_text(), path, at_key);
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
        d.at(&self.text, line, column)
    }

    /// The file name without folders, for messages ("open-dag.en.md").
    pub fn file_name(&self) -> &str {
        self.rel.rsplit('/').next().unwrap_or(&self.rel)
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
