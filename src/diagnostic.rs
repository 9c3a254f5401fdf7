//! Content problems as data. Every stage returns `Diagnostic`s instead of stopping at
//! the first problem; the command line prints them all, for people (`human`) or for
//! tools (`json`: one object per line).

use crate::messages::{Arg, Msg};
use crate::model::Lang;
use crate::msg;
use serde::Serialize;
use std::fmt::Write as _;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in one place. `line` and `column` count from 1 at the top of the file.
/// The message and help are put into words when printed, in the message language.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: &'static str,
    pub message: Msg,
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub help: Option<Msg>,
    /// The text of the offending line, for the human report.
    pub source_line: Option<String>,
}

/// A diagnostic in words, as `check --format json` prints it (and the overlay shows it).
#[derive(Serialize)]
pub struct Worded<'a> {
    pub severity: Severity,
    pub code: &'static str,
    pub message: String,
    pub file: &'a str,
    pub line: usize,
    pub column: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(code: &'static str, file: impl Into<String>, message: Msg) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            message,
            file: file.into(),
            line: 1,
            column: 1,
            help: None,
            source_line: None,
        }
    }

    pub fn warning(code: &'static str, file: impl Into<String>, message: Msg) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, file, message)
        }
    }

    /// Places the diagnostic at `line:column` of `text` (the whole file), keeping the
    /// line's text for the report.
    pub fn at(mut self, text: &str, line: usize, column: usize) -> Self {
        self.line = line.max(1);
        self.column = column.max(1);
        self.source_line = text.lines().nth(self.line - 1).map(str::to_owned);
        self
    }

    pub fn with_help(mut self, help: Msg) -> Self {
        self.help = Some(help);
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    pub fn worded(&self, lang: Lang) -> Worded<'_> {
        Worded {
            severity: self.severity,
            code: self.code,
            message: self.message.text(lang),
            file: &self.file,
            line: self.line,
            column: self.column,
            help: self.help.as_ref().map(|h| h.text(lang)),
        }
    }

    /// The source line and a caret under the column, as the report shows them:
    /// `(line number, line, spaces before the caret)`. Control characters in the line
    /// are shown as U+FFFD; tabs are kept, so the caret lines up.
    pub fn excerpt(&self) -> Option<(String, String, String)> {
        let src = self.source_line.as_ref()?;
        let shown: String = src
            .chars()
            .take(160)
            .map(|c| if is_unsafe(c) { '\u{FFFD}' } else { c })
            .collect();
        let caret_at = self.column.saturating_sub(1).min(shown.chars().count());
        let lead: String = shown
            .chars()
            .take(caret_at)
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        Some((self.line.to_string(), shown, lead))
    }

    /// The report a communicator reads: the problem, where, the line, and what to do.
    pub fn human(&self, lang: Lang) -> String {
        let mut out = String::new();
        let label = match self.severity {
            Severity::Error => msg!(LabelError),
            Severity::Warning => msg!(LabelWarning),
        };
        // Names and text come from files and keys: nothing in them may reach the
        // terminal as a control sequence, or a newline forge a line of the report.
        let safe = terminal_safe;
        let _ = writeln!(
            out,
            "{}[{}]: {}",
            label.text(lang),
            self.code,
            safe(&self.message.text(lang))
        );
        let _ = writeln!(
            out,
            "  --> {}:{}:{}",
            safe(&self.file),
            self.line,
            self.column
        );
        if let Some((number, shown, lead)) = self.excerpt() {
            let pad = " ".repeat(number.len());
            let _ = writeln!(out, "{pad} |");
            let _ = writeln!(out, "{number} | {shown}");
            let _ = writeln!(out, "{pad} | {lead}^");
        }
        if let Some(help) = &self.help {
            let _ = writeln!(
                out,
                "  = {}: {}",
                msg!(LabelHelp).text(lang),
                safe(&help.text(lang))
            );
        }
        out
    }

    pub fn json(&self, lang: Lang) -> String {
        serde_json::to_string(&self.worded(lang)).unwrap_or_default()
    }
}

fn is_unsafe(c: char) -> bool {
    c.is_control() && c != '\t'
}

/// `text` with every control character (ESC, BEL, newline, …) written as a visible
/// escape such as `\u{1b}`, for printing names from files and keys on a terminal.
pub fn terminal_safe(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Sorts diagnostics into a stable order: by file, then position, then code.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        (&a.file, a.line, a.column, a.code, &a.message)
            .cmp(&(&b.file, b.line, b.column, b.code, &b.message))
    });
}

/// The nearest candidate to `word`, if one is close enough to be a likely typo.
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word_lower = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| {
            (
                strsim::damerau_levenshtein(&word_lower, &c.to_lowercase()),
                c,
            )
        })
        .filter(|(d, c)| *d <= (c.chars().count().max(word.chars().count()) / 3).max(2))
        .min_by_key(|(d, c)| (*d, *c))
        .map(|(_, c)| c)
}

/// Up to three nearest candidates, for "did you mean one of …".
pub fn nearest_few<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let mut scored: Vec<(usize, &str)> = candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(word, c), c))
        .filter(|(d, c)| *d <= (c.len().max(word.len()) / 2).max(2))
        .collect();
    scored.sort();
    scored.into_iter().take(3).map(|(_, c)| c).collect()
}

/// "did you mean `a`, `b` or `c`?"
pub fn did_you_mean(options: &[&str]) -> Option<Msg> {
    (!options.is_empty()).then(|| msg!(DidYouMean, options = Arg::either(options)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_finds_typos_but_not_strangers() {
        let fields = ["start", "end", "summary", "location"];
        assert_eq!(nearest("strat", fields), Some("start"));
        assert_eq!(nearest("Summary", fields), Some("summary"));
        assert_eq!(nearest("xylophone", fields), None);
    }

    #[test]
    fn names_from_files_cannot_drive_the_terminal() {
        let d = Diagnostic::error(
            "invalid-id",
            "content/events/a\u{1b}[31m\nerror: forged.nl.md",
            msg!(UnknownField, key = "\u{7}x"),
        )
        .with_help(msg!(
            DidYouMean,
            options = Arg::either(["\u{1b}]0;title\u{7}"])
        ));
        for lang in Lang::ALL {
            let text = d.human(lang);
            assert!(
                !text.contains('\u{1b}') && !text.contains('\u{7}'),
                "{text:?}"
            );
            assert_eq!(
                text.lines().filter(|l| l.contains("[invalid-id]")).count(),
                1
            );
            assert!(
                text.contains("a\\u{1b}[31m\\u{a}error: forged.nl.md"),
                "{text}"
            );
        }
    }

    #[test]
    fn human_report_points_at_the_column_in_either_language() {
        let d = Diagnostic::error(
            "unknown-field",
            "content/x.md",
            msg!(UnknownField, key = "strat"),
        )
        .at("---\nstrat: 1\n", 2, 1)
        .with_help(did_you_mean(&["start"]).expect("one option"));
        let en = d.human(Lang::En);
        assert!(
            en.starts_with("error[unknown-field]: unknown field `strat`"),
            "{en}"
        );
        assert!(en.contains("--> content/x.md:2:1"), "{en}");
        assert!(en.contains("2 | strat: 1\n  | ^"), "{en}");
        assert!(en.contains("help: did you mean `start`?"), "{en}");
        let nl = d.human(Lang::Nl);
        assert!(nl.starts_with("fout[unknown-field]: "), "{nl}");
        assert!(nl.contains("--> content/x.md:2:1"), "{nl}");
        assert!(nl.contains("tip: bedoel je `start`?"), "{nl}");
    }
}
