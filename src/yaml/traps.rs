//! The YAML traps communicators fall into, named in plain words at the character that
//! caused them. The parser says where it gave up ("mapping values are not allowed in this
//! context"); this module reads the text around that place and says what to change: an
//! invisible character pasted from Word, a tab, a colon or another sign in an unquoted
//! value, curly quotes, a quote or bracket left open.

use super::SyntaxError;
use crate::messages::{Id, Msg};
use crate::msg;

/// Characters that look like a space or like nothing, with their names.
const INVISIBLE: &[(char, Id, bool)] = &[
    ('\u{00A0}', Id::CharNbsp, true),
    ('\u{2007}', Id::CharFigureSpace, true),
    ('\u{202F}', Id::CharNarrowNbsp, true),
    ('\u{2009}', Id::CharThinSpace, true),
    ('\u{3000}', Id::CharIdeographicSpace, true),
    ('\u{200B}', Id::CharZwsp, false),
    ('\u{200C}', Id::CharZwnj, false),
    ('\u{200D}', Id::CharZwj, false),
    ('\u{2060}', Id::CharWordJoiner, false),
    ('\u{FEFF}', Id::CharBom, false),
    ('\u{00AD}', Id::CharSoftHyphen, false),
];

/// The first invisible character in the YAML, if any: the cause of whatever would fail
/// after it (a date that "is not a date", a key that is "unknown", a line out of place).
pub(super) fn invisible(text: &str) -> Option<SyntaxError> {
    let (at, c) = text
        .char_indices()
        .find(|(_, c)| INVISIBLE.iter().any(|(i, _, _)| i == c))?;
    let (_, name, looks_like_space) = INVISIBLE.iter().find(|(i, _, _)| *i == c)?;
    let count = text
        .chars()
        .filter(|c| INVISIBLE.iter().any(|(i, _, _)| i == c))
        .count();
    let (line, column) = crate::source::line_col(text, at);
    let name = Msg::new(*name);
    let message = if count > 1 {
        msg!(InvisibleMany, name = name, count = count)
    } else {
        msg!(InvisibleOne, name = name)
    };
    let help = if *looks_like_space {
        msg!(InvisibleSpaceHelp)
    } else {
        msg!(InvisibleHelp)
    };
    Some(SyntaxError {
        code: "invisible-character",
        message,
        line,
        column,
        help: Some(help),
    })
}

/// Which lines are text inside a block (`key: |`, `- >`, a quoted value over several
/// lines), where signs and colons are the writer's words, not YAML's.
fn text_lines(text: &str) -> Vec<bool> {
    let mut inside = Vec::new();
    let mut block: Option<usize> = None;
    let mut quote: Option<char> = None;
    for line in text.lines() {
        let indent = line.len() - line.trim_start().len();
        if let Some(q) = quote {
            inside.push(true);
            if open_quote(line, q).is_none() {
                quote = None;
            }
            continue;
        }
        if let Some(level) = block {
            if line.trim().is_empty() || indent > level {
                inside.push(true);
                continue;
            }
            block = None;
        }
        inside.push(false);
        let content = line.split(" #").next().unwrap_or(line).trim_end();
        let starts_block = content
            .rsplit_once(' ')
            .map_or(content, |(_, last)| last)
            .trim_end_matches(['+', '-', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
        if (starts_block == "|" || starts_block == ">") && content.len() > 1 {
            block = Some(indent);
            continue;
        }
        // A quoted value left open continues on the next lines.
        if let Some(field) = Field::of(line)
            && let Some(q) = field
                .value
                .chars()
                .next()
                .filter(|c| matches!(c, '"' | '\''))
            && open_quote(&field.value[1..], q).is_some()
        {
            quote = Some(q);
        }
    }
    inside
}

/// `Some` if `rest` (the text after an opening quote `q`) does not close it.
fn open_quote(rest: &str, q: char) -> Option<()> {
    let mut escaped = false;
    let closed = rest.chars().any(|c| {
        let end = c == q && !escaped;
        escaped = q == '"' && c == '\\' && !escaped;
        end
    });
    (!closed).then_some(())
}

/// A value that YAML reads without complaint but not as written: one beginning with `&`
/// (an anchor: `title: &Co open dag` becomes "open dag") or `!` (a tag: the word is
/// dropped). Communicators never mean either. Text inside a block is skipped, and so is
/// an anchor on a list or mapping (`&a [x, y]`, or `&a` alone before indented lines).
pub(super) fn silent_sign(text: &str) -> Option<SyntaxError> {
    // Every file passes here before parsing: most hold neither sign.
    if !text.contains(['&', '!']) {
        return None;
    }
    let inside = text_lines(text);
    for (i, line) in text.lines().enumerate() {
        if inside.get(i).copied().unwrap_or(false) || line.trim_start().starts_with('#') {
            continue;
        }
        let Some(field) = Field::of(line) else {
            continue;
        };
        let value = field.value;
        let Some(sign) = value.chars().next().filter(|c| matches!(c, '&' | '!')) else {
            continue;
        };
        let after = value
            .split_once(char::is_whitespace)
            .map_or("", |(_, rest)| rest.trim_start());
        if after.is_empty() || after.starts_with(['[', '{', '*', '#']) {
            continue;
        }
        return Some(SyntaxError {
            code: "invalid-yaml",
            message: msg!(SignAtStart, key = field.key, sign = sign.to_string()),
            line: i + 1,
            column: field.value_column,
            help: Some(msg!(QuoteValueHelp, line = field.quoted(value))),
        });
    }
    None
}

/// `key:value` with no space after the colon, on the line the parser stopped at or the
/// one before: YAML reads the whole line as one text, not as a field. Lines inside a
/// block of text are the writer's (`10:00 inloop`, `mailto:…`), and keys begin with a
/// letter.
fn no_space_after_colon(text: &str, lines: &[&str], line: usize) -> Option<SyntaxError> {
    let inside = text_lines(text);
    for i in (line.saturating_sub(2)..line.min(lines.len())).rev() {
        if inside.get(i).copied().unwrap_or(false) {
            continue;
        }
        let l = lines[i];
        let trimmed = l.trim_start_matches([' ', '-']);
        let Some((key, rest)) = trimmed.split_once(':') else {
            continue;
        };
        let key_ok = key.starts_with(|c: char| c.is_ascii_alphabetic())
            && key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if !key_ok || rest.is_empty() || rest.starts_with([' ', '/']) {
            continue;
        }
        let indent = &l[..l.len() - trimmed.len()];
        let column = indent.chars().count() + key.chars().count() + 2;
        return Some(SyntaxError {
            code: "invalid-yaml",
            message: msg!(NoSpaceAfterColon, key = key),
            line: i + 1,
            column,
            help: Some(msg!(
                NoSpaceAfterColonHelp,
                line = format!("`{}{key}: {rest}`", indent.trim_start_matches(' '))
            )),
        });
    }
    None
}

/// The real cause of the parser's error `message` at `line`:`column`, if it is a known
/// trap; `None` leaves the parser's words.
pub(super) fn cause(text: &str, message: &str, line: usize, column: usize) -> Option<SyntaxError> {
    let lines: Vec<&str> = text.lines().collect();
    let from = line.saturating_sub(2);
    let to = line.min(lines.len());
    // A tab on the line (or the one before it) is the cause of most indentation errors.
    for (i, l) in lines.iter().enumerate().take(to).skip(from) {
        if let Some(col) = tab_outside_quotes(l) {
            return Some(SyntaxError {
                code: "tab-character",
                message: msg!(Tab),
                line: i + 1,
                column: col,
                help: Some(msg!(TabHelp)),
            });
        }
    }
    if message.contains("did not find expected ',' or ']'")
        || message.contains("did not find expected ',' or '}'")
    {
        return unclosed_bracket(&lines, line);
    }
    if (message.contains("quoted scalar") || message.contains("end of stream"))
        && let Some(e) = unclosed_quote(&lines, line)
    {
        return Some(e);
    }
    if (message.contains("could not find expected ':'")
        || message.contains("did not find expected key"))
        && let Some(e) = no_space_after_colon(text, &lines, line)
    {
        return Some(e);
    }
    let l = *lines.get(line.checked_sub(1)?)?;
    let field = Field::of(l)?;
    let value = field.value;
    let first = value.chars().next()?;
    if matches!(first, '“' | '”' | '‘' | '’' | '„' | '‚') {
        return Some(SyntaxError {
            code: "invalid-yaml",
            message: msg!(CurlyQuote, key = field.key, quote = first.to_string()),
            line,
            column: field.value_column,
            help: Some(msg!(
                CurlyQuoteHelp,
                line = field.quoted(&strip_curly(value))
            )),
        });
    }
    if matches!(first, '"' | '\'' | '[' | '{') {
        return None;
    }
    // `@` and `` ` `` cannot begin a plain value at all; `*` begins a reference to an
    // anchor, which a title never means. (`&`, `!`, `|` and `>` are valid YAML and fail
    // later, if at all, with their own messages.)
    let misread = match first {
        '@' | '`' | '%' => {
            message.contains("cannot start any token") || message.contains("directive")
        }
        '*' => message.contains("anchor") || message.contains("alias"),
        // `> 18 jaar`, `| gratis`: a block of text begins, and text after the sign on the
        // same line is an error.
        '|' | '>' => {
            // The indicators a block may carry: `+`/`-` and one digit, then a comment.
            let rest = value[1..].trim_start_matches(['+', '-']);
            let rest = rest
                .strip_prefix(|c: char| ('1'..='9').contains(&c))
                .unwrap_or(rest)
                .trim_start_matches(['+', '-']);
            let rest = rest.trim();
            !rest.is_empty() && !rest.starts_with('#')
        }
        _ => false,
    };
    if let Some(sign) = Some(first).filter(|_| misread) {
        return Some(SyntaxError {
            code: "invalid-yaml",
            message: msg!(SignAtStart, key = field.key, sign = sign.to_string()),
            line,
            column: field.value_column,
            help: Some(msg!(QuoteValueHelp, line = field.quoted(value))),
        });
    }
    // The parser points at the colon it refused: one inside the value (else the line is
    // out of place, which its own message says).
    if let Some(at) = colon_in(value).filter(|_| message.contains("mapping values")) {
        let col = field.value_column + value[..at].chars().count();
        if column < field.value_column {
            return None;
        }
        return Some(SyntaxError {
            code: "invalid-yaml",
            message: msg!(ColonInValue, key = field.key),
            line,
            column: col,
            help: Some(msg!(QuoteValueHelp, line = field.quoted(value))),
        });
    }
    None
}

/// A line `key: value` (or `- key: value`), unquoted key.
struct Field<'a> {
    indent: &'a str,
    key: &'a str,
    value: &'a str,
    /// 1-based column of the value's first character.
    value_column: usize,
}

impl<'a> Field<'a> {
    fn of(line: &'a str) -> Option<Field<'a>> {
        let trimmed = line.trim_start_matches([' ', '-']);
        let indent = &line[..line.len() - trimmed.len()];
        let (key, rest) = trimmed.split_once(':')?;
        if key.is_empty()
            || !key
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
        {
            return None;
        }
        let value = rest.trim_start();
        let before = indent.len() + key.len() + 1 + (rest.len() - value.len());
        Some(Field {
            indent,
            key,
            value: value.trim_end(),
            value_column: line[..before].chars().count() + 1,
        })
    }

    /// The line with its value in double quotes, inner quotes escaped.
    fn quoted(&self, value: &str) -> String {
        let escaped = value.replace('\\', "\\\\").replace('"', "\\\"");
        format!(
            "`{}{}: \"{escaped}\"`",
            self.indent.trim_start_matches(' '),
            self.key
        )
    }
}

fn strip_curly(value: &str) -> String {
    value
        .trim_matches(|c| matches!(c, '“' | '”' | '‘' | '’' | '„' | '‚'))
        .to_string()
}

/// Byte offset of a colon that YAML would read as a field separator (`: ` or a final `:`).
fn colon_in(value: &str) -> Option<usize> {
    let bytes = value.as_bytes();
    (0..bytes.len()).find(|&i| bytes[i] == b':' && bytes.get(i + 1).is_none_or(|&n| n == b' '))
}

/// 1-based column of a tab that is not inside quotes.
fn tab_outside_quotes(line: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    for (col, c) in line.chars().enumerate() {
        match (c, quote) {
            ('\t', None) => return Some(col + 1),
            ('"' | '\'', None) => quote = Some(c),
            (q, Some(open)) if q == open => quote = None,
            _ => {}
        }
    }
    None
}

/// The line (at or before `line`) whose `[` or `{` is not closed on it.
fn unclosed_bracket(lines: &[&str], line: usize) -> Option<SyntaxError> {
    for i in (0..line.min(lines.len())).rev() {
        let l = lines[i];
        for (open, close) in [('[', ']'), ('{', '}')] {
            let opened = l.matches(open).count();
            if opened > l.matches(close).count() {
                let col = l.chars().position(|c| c == open)? + 1;
                let field = Field::of(l).map_or(String::new(), |f| format!("`{}: ", f.key));
                let example = if field.is_empty() {
                    format!("`{open}a, b{close}`")
                } else {
                    format!("{field}{open}a, b{close}`")
                };
                return Some(SyntaxError {
                    code: "invalid-yaml",
                    message: msg!(
                        UnclosedBracket,
                        open = open.to_string(),
                        close = close.to_string()
                    ),
                    line: i + 1,
                    column: col,
                    help: Some(msg!(
                        UnclosedBracketHelp,
                        example = example,
                        open = open.to_string()
                    )),
                });
            }
        }
    }
    None
}

/// The line (at or before `line`) whose value opens a quote it does not close.
fn unclosed_quote(lines: &[&str], line: usize) -> Option<SyntaxError> {
    for i in (0..line.min(lines.len())).rev() {
        let Some(field) = Field::of(lines[i]) else {
            continue;
        };
        let Some(q) = field
            .value
            .chars()
            .next()
            .filter(|c| matches!(c, '"' | '\''))
        else {
            continue;
        };
        let rest = &field.value[1..];
        let closed = match q {
            '"' => {
                let mut escaped = false;
                rest.chars().any(|c| {
                    let end = c == '"' && !escaped;
                    escaped = c == '\\' && !escaped;
                    end
                })
            }
            _ => rest.contains('\''),
        };
        if !closed {
            return Some(SyntaxError {
                code: "invalid-yaml",
                message: msg!(UnclosedQuote, quote = q.to_string(), key = field.key),
                line: i + 1,
                column: field.value_column,
                help: Some(msg!(UnclosedQuoteHelp, quote = q.to_string())),
            });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_colon_in_a_title_is_named_at_the_colon() {
        let e = super::super::parse("title: Webinar: werken als docent\nsummary: x\n")
            .expect_err("invalid");
        assert_eq!((e.line, e.column), (1, 15), "{e:?}");
        assert_eq!(e.message.id, crate::messages::Id::ColonInValue);
        assert_eq!(
            e.help.map(|h| h.text(crate::model::Lang::En)).as_deref(),
            Some("put the whole value in double quotes: `title: \"Webinar: werken als docent\"`")
        );
    }

    /// Signs and colons inside text are the writer's: valid YAML stays valid.
    #[test]
    fn text_inside_blocks_and_quotes_is_left_alone() {
        for ok in [
            "description: |\n  Prijs: &euro; 10\n  Tip: !belangrijk\n",
            "notes:\n  - |\n    Prijs: &euro; 10\n",
            "\"description\": >\n  zoals: &Co\n",
            "summary: \"Met partners\n  zoals: &Co\"\n",
            "defaults: &d\n  a: 1\n",
            "title: \"&Co\"\n",
            "name: { nl: x, en: y }\n",
        ] {
            assert!(
                super::super::parse(ok).is_ok(),
                "{ok:?}: {:?}",
                super::super::parse(ok)
            );
        }
        let sign = super::super::parse("title: &Co open dag\n").expect_err("anchor");
        assert_eq!((sign.line, sign.column), (1, 8));
    }

    #[test]
    fn a_missing_space_is_blamed_on_its_own_line_not_on_text() {
        let e =
            super::super::parse("summary: >\n  10:00 inloop, 12:00 einde\ntitle\ntype: open-day\n")
                .expect_err("a bare line");
        assert_ne!(
            e.message.id,
            crate::messages::Id::NoSpaceAfterColon,
            "{e:?}"
        );
        let e = super::super::parse("title: Open dag\nsummary:Kom kijken.\ntype: open-day\n")
            .expect_err("no space");
        assert_eq!(
            (e.message.id, e.line, e.column),
            (crate::messages::Id::NoSpaceAfterColon, 2, 9)
        );
    }

    #[test]
    fn invisible_characters_are_named() {
        let e = super::super::parse("start: 2027-03-20\u{a0}10:00\n").expect_err("invalid");
        assert_eq!((e.line, e.column), (1, 18));
        let en = e.message.text(crate::model::Lang::En);
        assert!(en.starts_with("a non-breaking space (U+00A0)"), "{en}");
        let nl = e.message.text(crate::model::Lang::Nl);
        assert!(
            nl.starts_with("hier staat een harde spatie (U+00A0)"),
            "{nl}"
        );
    }

    #[test]
    fn tabs_quotes_and_brackets() {
        let tab = super::super::parse("title: x\ncost:\n\tnl: gratis\n").expect_err("tab");
        assert_eq!((tab.line, tab.column), (3, 1), "{tab:?}");
        let quote = super::super::parse("title: \"Open dag\nsummary: x\n").expect_err("quote");
        assert_eq!((quote.line, quote.column), (1, 8), "{quote:?}");
        let bracket = super::super::parse("audiences: [vo, mbo\ntype: x\n").expect_err("bracket");
        assert_eq!((bracket.line, bracket.column), (1, 12), "{bracket:?}");
        let curly = super::super::parse("title: “Open dag: kom kijken”\n").expect_err("curly");
        assert_eq!((curly.line, curly.column), (1, 8), "{curly:?}");
        assert!(curly.help.is_some_and(|h| {
            h.text(crate::model::Lang::Nl)
                .contains("`title: \"Open dag: kom kijken\"`")
        }));
        let at = super::super::parse("organiser: @roc\n").expect_err("at");
        assert_eq!((at.line, at.column), (1, 12), "{at:?}");
    }
}
