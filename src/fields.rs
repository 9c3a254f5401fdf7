//! Reading typed fields out of a YAML mapping, collecting every problem instead of
//! stopping at the first. Serde's `deny_unknown_fields` reports one error and stops;
//! communicators need all of them at once, each pointing at its own line, so the
//! parse stage reads fields through `Obj` instead.

use crate::diagnostic::{Diagnostic, Severity, did_you_mean, nearest};
use crate::messages::{Arg, Msg};
use crate::model::{Lang, Ref, Text, When, YearOrDate, is_valid_id};
use crate::msg;
use crate::source::{Origin, Source};
use crate::yaml::{Step, Yaml};
use jiff::civil::{Date, DateTime};
use std::cell::RefCell;
use std::sync::Arc;

/// Collects diagnostics for one file.
pub struct Reader {
    pub source: Arc<Source>,
    pub languages: Vec<Lang>,
    /// Words that stand for codes, for suggestions (empty for site.yaml).
    pub words: Arc<crate::words::Words>,
    diags: RefCell<Vec<Diagnostic>>,
}

impl Reader {
    pub fn new(source: Arc<Source>, languages: &[Lang]) -> Reader {
        Reader {
            source,
            languages: languages.to_vec(),
            words: Arc::default(),
            diags: RefCell::new(Vec::new()),
        }
    }

    pub fn error(&self, code: &'static str, message: Msg, path: &[Step], key: bool) {
        self.push(
            self.source
                .diag_at(Severity::Error, code, message, path, key),
        );
    }

    pub fn error_help(
        &self,
        code: &'static str,
        message: Msg,
        help: Option<Msg>,
        path: &[Step],
        key: bool,
    ) {
        self.report(Severity::Error, code, message, help, path, key);
    }

    /// A warning at the value (or key) at `path`.
    pub fn warning_help(&self, code: &'static str, message: Msg, help: Option<Msg>, path: &[Step]) {
        self.report(Severity::Warning, code, message, help, path, false);
    }

    fn report(
        &self,
        severity: Severity,
        code: &'static str,
        message: Msg,
        help: Option<Msg>,
        path: &[Step],
        key: bool,
    ) {
        let mut d = self.source.diag_at(severity, code, message, path, key);
        d.help = help;
        self.push(d);
    }

    pub fn push(&self, d: Diagnostic) {
        self.diags.borrow_mut().push(d);
    }

    /// A scalar as text the way it was written: numbers and booleans keep their written
    /// form (`2027.10`, `True`), not the value YAML read.
    pub fn written(&self, value: &Yaml, path: &[Step]) -> Option<String> {
        crate::yaml::written_scalar(&self.source.yaml_text(), path, value)
            .or_else(|| value.scalar_text())
    }

    pub fn has_errors(&self) -> bool {
        self.diags.borrow().iter().any(Diagnostic::is_error)
    }

    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.diags.into_inner()
    }

    /// The top-level mapping of the document, or an error if it is something else.
    pub fn root<'a>(&'a self, doc: &'a Yaml) -> Option<Obj<'a>> {
        match doc {
            Yaml::Map(entries) => Some(Obj {
                reader: self,
                path: Vec::new(),
                entries,
            }),
            Yaml::Null => Some(Obj {
                reader: self,
                path: Vec::new(),
                entries: &[],
            }),
            other => {
                self.error(
                    "wrong-type",
                    msg!(RootNotMapping, found = other.kind_name()),
                    &[],
                    false,
                );
                None
            }
        }
    }
}

/// A YAML mapping being read, with its path in the document.
pub struct Obj<'a> {
    reader: &'a Reader,
    path: Vec<Step>,
    entries: &'a [(String, Yaml)],
}

impl<'a> Obj<'a> {
    pub fn path_to(&self, name: &str) -> Vec<Step> {
        let mut p = self.path.clone();
        p.push(Step::Key(name.to_string()));
        p
    }

    pub fn origin(&self, name: &str) -> Origin {
        Origin {
            source: self.reader.source.clone(),
            path: self.path_to(name),
        }
    }

    pub fn has(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    pub fn keys(&self) -> impl Iterator<Item = &'a str> {
        self.entries.iter().map(|(k, _)| k.as_str())
    }

    /// The value of a field; an explicit `null` or empty value counts as absent.
    pub fn get(&self, name: &str) -> Option<&'a Yaml> {
        self.entries
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v)
            .filter(|v| !matches!(v, Yaml::Null))
    }

    /// The value of a field, reporting it as missing if it is required and absent.
    fn present(&self, name: &str, required: bool) -> Option<&'a Yaml> {
        let value = self.get(name);
        if value.is_none() && required {
            self.missing(name);
        }
        value
    }

    fn missing(&self, name: &str) {
        // `title: #1 in de regio`: YAML reads everything from `#` as a comment, so the
        // field is there but empty. Name the sign, not a missing field.
        if self.entries.iter().any(|(k, _)| k == name) {
            let path = self.path_to(name);
            let text = self.reader.source.yaml_text();
            let (line, _) = crate::yaml::locate(&text, &path, true);
            if let Some(l) = text.lines().nth(line.saturating_sub(1))
                && let Some((before, after)) = l.split_once(':')
                && after.trim_start().starts_with('#')
                // `# later invullen` is a comment; `#1 in de regio` was meant as text.
                && !after.trim_start()[1..].starts_with([' ', '\t'])
                && after.trim_start().len() > 1
            {
                let value = after.trim();
                let at = before.len() + 1 + after.find('#').unwrap_or(0);
                let column = l[..at].chars().count() + 1;
                let key_part = before.trim_start_matches(' ');
                let escaped = value.replace('\\', "\\\\").replace('"', "\\\"");
                let d = self
                    .reader
                    .source
                    .diag_line(
                        Severity::Error,
                        "invalid-yaml",
                        msg!(HashInValue, key = name),
                        line + self.reader.source.yaml_line_offset,
                        column,
                    )
                    .with_help(msg!(
                        QuoteValueHelp,
                        line = format!("`{key_part}: \"{escaped}\"`")
                    ));
                self.reader.push(d);
                return;
            }
        }
        let message = if self.path.is_empty() {
            msg!(MissingField, name = name)
        } else {
            msg!(MissingFieldIn, name = name, within = path_name(&self.path))
        };
        self.reader.error_help(
            "missing-field",
            message,
            Some(msg!(MissingFieldHelp, name = name)),
            &self.path,
            true,
        );
    }

    fn wrong(&self, name: &str, expected: Msg, found: &Yaml) {
        self.reader.error(
            "wrong-type",
            msg!(
                WrongType,
                name = name,
                expected = expected,
                found = found.kind_name()
            ),
            &self.path_to(name),
            false,
        );
    }

    fn invalid(&self, path: &[Step], message: Msg, help: Option<Msg>) {
        self.reader
            .error_help("invalid-value", message, help, path, false);
    }

    /// Reports every key that is not in `known`, with the nearest known name.
    pub fn finish(&self, known: &[&str]) {
        for (key, _) in self.entries {
            if known.contains(&key.as_str()) {
                continue;
            }
            let help = nearest(key, known.iter().copied())
                .and_then(|n| did_you_mean(&[n]))
                .unwrap_or_else(|| msg!(KnownFields, fields = Arg::either(known.iter())));
            let help = Some(help);
            self.reader.error_help(
                "unknown-field",
                msg!(UnknownField, key = key),
                help,
                &self.path_to(key),
                true,
            );
        }
    }

    pub fn obj(&self, name: &str) -> Option<Obj<'a>> {
        let value = self.get(name)?;
        match value {
            Yaml::Map(entries) => Some(Obj {
                reader: self.reader,
                path: self.path_to(name),
                entries,
            }),
            other => {
                self.wrong(name, msg!(ExpectMapping), other);
                None
            }
        }
    }

    /// A list of mappings, such as `funding`.
    pub fn objs(&self, name: &str) -> Vec<Obj<'a>> {
        let Some(items) = self.list(name) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let mut path = self.path_to(name);
            path.push(Step::Index(i));
            match item {
                Yaml::Map(entries) => out.push(Obj {
                    reader: self.reader,
                    path,
                    entries,
                }),
                other => self.reader.error(
                    "wrong-type",
                    msg!(ItemNotMapping, name = name, found = other.kind_name()),
                    &path,
                    false,
                ),
            }
        }
        out
    }

    fn list(&self, name: &str) -> Option<&'a [Yaml]> {
        match self.get(name)? {
            Yaml::Seq(items) => Some(items),
            other => {
                self.wrong(name, msg!(ExpectList), other);
                None
            }
        }
    }

    /// Plain text; numbers and booleans are taken as written.
    pub fn text(&self, name: &str, required: bool) -> Option<String> {
        let value = self.present(name, required)?;
        match self.reader.written(value, &self.path_to(name)) {
            Some(s) if required && s.trim().is_empty() => {
                self.missing(name);
                None
            }
            Some(s) => Some(s),
            None => {
                // `title: [Open dag]` or `- ` lines where one text belongs.
                if let Yaml::Seq(items) = value {
                    let words: Vec<String> = items.iter().filter_map(Yaml::scalar_text).collect();
                    if !words.is_empty() && words.len() == items.len() {
                        self.reader.error_help(
                            "wrong-type",
                            msg!(TextAsList, name = name),
                            Some(msg!(
                                TextAsListHelp,
                                name = name,
                                example = words.join(", ")
                            )),
                            &self.path_to(name),
                            false,
                        );
                        return None;
                    }
                }
                self.wrong(name, msg!(ExpectText), value);
                None
            }
        }
    }

    pub fn bool(&self, name: &str) -> Option<bool> {
        match self.get(name)? {
            Yaml::Bool(b) => Some(*b),
            other => {
                self.wrong(name, msg!(ExpectBool), other);
                None
            }
        }
    }

    pub fn int(&self, name: &str, min: i64) -> Option<i64> {
        match self.get(name)? {
            Yaml::Int(i) if *i >= min => Some(*i),
            Yaml::Int(i) => {
                self.invalid(
                    &self.path_to(name),
                    msg!(IntTooSmall, name = name, min = min, found = *i),
                    None,
                );
                None
            }
            other => {
                self.wrong(name, msg!(ExpectInt), other);
                None
            }
        }
    }

    /// A list of whole numbers, each from `min` to `max`; `None` if any is not.
    pub fn ints_within(&self, name: &str, (min, max): (i64, i64)) -> Option<Vec<i64>> {
        let items = self.list(name)?;
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            match item {
                Yaml::Int(n) if (min..=max).contains(n) => out.push(*n),
                _ => {
                    let mut path = self.path_to(name);
                    path.push(Step::Index(i));
                    let found = item.scalar_text().unwrap_or_default();
                    self.invalid(
                        &path,
                        msg!(
                            NumberRange,
                            name = name,
                            min = min,
                            max = max,
                            found = found
                        ),
                        None,
                    );
                }
            }
        }
        (out.len() == items.len()).then_some(out)
    }

    /// A whole number from `min` to `max`. Above `max` it is an error with `code`, whose
    /// message and help `too_large` words for the field (the limit has a reason to name).
    pub fn int_upto(
        &self,
        name: &str,
        (min, max): (i64, i64),
        code: &'static str,
        too_large: impl Fn(i64) -> (Msg, Msg),
    ) -> Option<i64> {
        let n = self.int(name, min)?;
        if n <= max {
            return Some(n);
        }
        let (message, help) = too_large(n);
        self.reader
            .error_help(code, message, Some(help), &self.path_to(name), false);
        None
    }

    pub fn float(&self, name: &str, required: bool) -> Option<f64> {
        match self.present(name, required)? {
            Yaml::Int(i) => Some(*i as f64),
            Yaml::Float(f) if f.is_finite() => Some(*f),
            other => {
                self.wrong(name, msg!(ExpectNumber), other);
                None
            }
        }
    }

    /// A translatable value: text, or a mapping from language code to text.
    pub fn translatable(&self, name: &str, required: bool) -> Option<Text> {
        let value = self.present(name, required)?;
        if let Some(s) = self.reader.written(value, &self.path_to(name)) {
            return Some(Text::Same(s));
        }
        let Yaml::Map(entries) = value else {
            self.wrong(name, msg!(ExpectTranslatable), value);
            return None;
        };
        let codes: Vec<&str> = self.reader.languages.iter().map(|l| l.code()).collect();
        let mut map = std::collections::BTreeMap::new();
        for (code, text) in entries {
            let mut path = self.path_to(name);
            path.push(Step::Key(code.clone()));
            let lang = Lang::parse(code).filter(|l| self.reader.languages.contains(l));
            let Some(lang) = lang else {
                self.reader.error_help(
                    "unknown-language",
                    msg!(UnknownLanguage, code = code),
                    nearest(code, codes.iter().copied())
                        .and_then(|n| did_you_mean(&[n]))
                        .or_else(|| Some(msg!(SiteLanguages, codes = Arg::either(&codes)))),
                    &path,
                    true,
                );
                continue;
            };
            match self.reader.written(text, &path) {
                Some(s) => {
                    map.insert(lang, s);
                }
                None => self.reader.error(
                    "wrong-type",
                    msg!(
                        TranslationNotText,
                        name = name,
                        code = code,
                        found = text.kind_name()
                    ),
                    &path,
                    false,
                ),
            }
        }
        Some(Text::PerLang(map))
    }

    /// One value from a fixed vocabulary.
    pub fn choice(&self, name: &str, required: bool, allowed: &[&str]) -> Option<String> {
        let value = self.text(name, required)?;
        self.check_choice(&self.path_to(name), name, &value, allowed)
            .then_some(value)
    }

    fn check_choice(&self, path: &[Step], name: &str, value: &str, allowed: &[&str]) -> bool {
        if allowed.contains(&value) {
            return true;
        }
        // A word the site shows for a code first, then a typo of a code, then a typo of
        // such a word.
        let words = &self.reader.words;
        let help = if let Some(code) = words.exact(value, allowed) {
            msg!(DutchWord, word = value, code = code)
        } else if let Some(near) = nearest(value, allowed.iter().copied()) {
            msg!(DidYouMean, options = Arg::either([near]))
        } else if let Some(code) = words.code_for(value, allowed) {
            msg!(DutchWord, word = value, code = code)
        } else {
            msg!(UseOneOf, options = Arg::either(allowed.iter()))
        };
        self.invalid(
            path,
            msg!(InvalidChoice, value = value, name = name),
            Some(help),
        );
        false
    }

    /// A list of values from a fixed vocabulary (audiences, learning paths).
    pub fn choices(&self, name: &str, allowed: &[&str]) -> Vec<String> {
        // `audiences:` with `vo` and `mbo` on indented lines below it, without `- `:
        // YAML reads one text, "vo mbo".
        if let Some(Yaml::Str(s)) = self.get(name) {
            let words: Vec<&str> = s.split_whitespace().collect();
            if words.len() > 1 && words.iter().all(|w| allowed.contains(w)) {
                self.reader.error_help(
                    "list-as-text",
                    msg!(ListAsText, name = name, text = s),
                    Some(msg!(ListAsTextHelp, name = name, items = words.join(", "))),
                    &self.path_to(name),
                    false,
                );
                return Vec::new();
            }
        }
        self.strings(name)
            .into_iter()
            .filter(|(value, path)| self.check_choice(path, name, value, allowed))
            .map(|(value, _)| value)
            .collect()
    }

    /// A list of scalars, each with its path. A single scalar counts as a list of one.
    fn strings(&self, name: &str) -> Vec<(String, Vec<Step>)> {
        let Some(value) = self.get(name) else {
            return Vec::new();
        };
        if let Some(s) = value.scalar_text() {
            // `audiences: vo, ouders` is one text to YAML: say how a list is written,
            // once, instead of calling the whole text an unknown value.
            if s.contains(',') {
                let items: Vec<&str> = s.split(',').map(str::trim).collect();
                self.reader.error_help(
                    "list-as-text",
                    msg!(ListAsText, name = name, text = &s),
                    Some(msg!(ListAsTextHelp, name = name, items = items.join(", "))),
                    &self.path_to(name),
                    false,
                );
                return Vec::new();
            }
            return vec![(s, self.path_to(name))];
        }
        let Some(items) = self.list(name) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let mut path = self.path_to(name);
            path.push(Step::Index(i));
            match item.scalar_text() {
                Some(s) => out.push((s, path)),
                None => self.reader.error(
                    "wrong-type",
                    msg!(ItemNotText, name = name, found = item.kind_name()),
                    &path,
                    false,
                ),
            }
        }
        out
    }

    /// A reference to another item by id (checked for existence later).
    pub fn id_ref(&self, name: &str, required: bool) -> Option<Ref> {
        let id = self.text(name, required)?;
        let at = self.origin(name);
        self.check_id_syntax(&at.path, name, &id)
            .then_some(Ref { id, at })
    }

    pub fn id_refs(&self, name: &str) -> Vec<Ref> {
        self.strings(name)
            .into_iter()
            .filter(|(id, path)| self.check_id_syntax(path, name, id))
            .map(|(id, path)| Ref {
                id,
                at: Origin {
                    source: self.reader.source.clone(),
                    path,
                },
            })
            .collect()
    }

    fn check_id_syntax(&self, path: &[Step], name: &str, id: &str) -> bool {
        if is_valid_id(id) {
            return true;
        }
        self.reader.error_help(
            "invalid-id",
            msg!(
                InvalidIdIn,
                problem = id_problem(id, msg!(WhatId)),
                name = name
            ),
            Some(msg!(IdHelp, max = crate::model::MAX_ID_LEN)),
            path,
            false,
        );
        false
    }

    /// An id or slug written in the file itself (`slug`).
    pub fn slug(&self, name: &str) -> Option<String> {
        let slug = self.text(name, false)?;
        if is_valid_id(&slug) {
            return Some(slug);
        }
        self.reader.error_help(
            "invalid-slug",
            id_problem(&slug, msg!(WhatSlug)),
            Some(msg!(
                SlugHelp,
                max = crate::model::MAX_ID_LEN,
                example = suggest_slug(&slug)
            )),
            &self.path_to(name),
            false,
        );
        None
    }

    /// Old URL paths of this page on the site (`aliases`): each `/…/`, its segments ids.
    pub fn aliases(&self, name: &str) -> Vec<String> {
        let mut out = Vec::new();
        for (alias, path) in self.strings(name) {
            let alias = alias.trim().to_string();
            let inner = alias
                .strip_prefix('/')
                .and_then(|a| a.strip_suffix('/'))
                .filter(|a| !a.is_empty());
            if inner.is_some_and(|a| a.split('/').all(is_valid_id)) {
                out.push(alias);
                continue;
            }
            let example = alias
                .split('/')
                .filter(|s| !s.is_empty())
                .map(suggest_slug)
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join("/");
            let example = if example.is_empty() {
                "oude-pagina".to_string()
            } else {
                example
            };
            self.reader.error_help(
                "invalid-alias",
                msg!(InvalidAlias, alias = &alias),
                Some(msg!(InvalidAliasHelp, example = example)),
                &path,
                false,
            );
        }
        out
    }

    /// An absolute http(s) URL.
    pub fn url(&self, name: &str) -> Option<String> {
        let url = self.text(name, false)?;
        let url = url.trim().to_string();
        if is_http_url(&url) {
            return Some(url);
        }
        self.reader.error_help(
            "invalid-url",
            msg!(InvalidUrl, name = name, url = &url),
            Some(msg!(InvalidUrlHelp)),
            &self.path_to(name),
            false,
        );
        None
    }

    pub fn email(&self, name: &str) -> Option<String> {
        let email = self.text(name, false)?;
        let ok = email
            .split_once('@')
            .is_some_and(|(user, host)| !user.is_empty() && host.contains('.'))
            && !email
                .chars()
                .any(|c| c.is_whitespace() || "<>\"'".contains(c));
        if ok {
            return Some(email);
        }
        self.invalid(
            &self.path_to(name),
            msg!(InvalidEmail, email = &email),
            Some(msg!(InvalidEmailHelp)),
        );
        None
    }

    pub fn date(&self, name: &str, required: bool) -> Option<Date> {
        let text = self.text(name, required)?;
        self.parse_date(&self.path_to(name), name, &text)
    }

    fn parse_date(&self, path: &[Step], name: &str, text: &str) -> Option<Date> {
        let parsed = Date::strptime("%Y-%m-%d", text.trim()).ok();
        if parsed.is_none() {
            let (message, help) = date_mistake(text, name, false).unwrap_or_else(|| {
                (
                    msg!(InvalidDate, text = text, name = name),
                    msg!(InvalidDateHelp),
                )
            });
            self.reader
                .error_help("invalid-date", message, Some(help), path, false);
        }
        parsed
    }

    pub fn dates(&self, name: &str) -> Vec<Date> {
        self.strings(name)
            .into_iter()
            .filter_map(|(text, path)| self.parse_date(&path, name, &text))
            .collect()
    }

    /// `YYYY-MM-DD HH:MM` (a local time) or `YYYY-MM-DD` (a whole day).
    pub fn when(&self, name: &str, required: bool) -> Option<When> {
        let text = self.text(name, required)?;
        let text = text.trim();
        if let Ok(dt) = DateTime::strptime("%Y-%m-%d %H:%M", text) {
            return Some(When::At(dt));
        }
        if let Ok(d) = Date::strptime("%Y-%m-%d", text) {
            return Some(When::Day(d));
        }
        let (message, help) = date_mistake(text, name, true).unwrap_or_else(|| {
            (
                msg!(InvalidWhen, text = text, name = name),
                msg!(InvalidWhenHelp),
            )
        });
        self.reader.error_help(
            "invalid-date",
            message,
            Some(help),
            &self.path_to(name),
            false,
        );
        None
    }

    /// `YYYY-MM-DD HH:MM` only.
    pub fn datetime(&self, name: &str) -> Option<DateTime> {
        match self.when(name, false)? {
            When::At(dt) => Some(dt),
            When::Day(d) => Some(d.to_datetime(jiff::civil::Time::midnight())),
        }
    }

    pub fn year_or_date(&self, name: &str) -> Option<YearOrDate> {
        match self.get(name)? {
            Yaml::Int(y) if (1800..=2200).contains(y) => Some(YearOrDate::Year(*y as i16)),
            _ => self.date(name, false).map(YearOrDate::Date),
        }
    }

    pub fn source(&self) -> &Arc<Source> {
        &self.reader.source
    }

    pub fn reader(&self) -> &Reader {
        self.reader
    }
}

pub fn is_http_url(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    rest.is_some_and(|r| {
        let host = r.split(['/', '?', '#']).next().unwrap_or("");
        !host.is_empty()
            && !url
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || "<>\"".contains(c))
    })
}

/// A valid slug close to `text`, for suggestions.
/// A valid id or slug close to `text`: slugified and, if too long, cut at a hyphen
/// within `MAX_ID_LEN` characters.
pub fn suggest_slug(text: &str) -> String {
    let mut s = slug::slugify(text);
    if s.len() > crate::model::MAX_ID_LEN {
        s.truncate(crate::model::MAX_ID_LEN);
        if let Some(cut) = s.rfind('-') {
            s.truncate(cut);
        }
        let trimmed = s.trim_end_matches('-').len();
        s.truncate(trimmed);
    }
    if s.is_empty() { "open-dag".into() } else { s }
}

/// Why `id` is not a valid id or slug, in words: too long (the limit is named), or the
/// characters.
pub fn id_problem(id: &str, what: Msg) -> Msg {
    let n = id.chars().count();
    if n > crate::model::MAX_ID_LEN && suggest_slug(id).len() < n {
        let shown: String = id.chars().take(40).collect();
        msg!(
            IdTooLong,
            what = what,
            shown = shown,
            n = n,
            max = crate::model::MAX_ID_LEN
        )
    } else {
        msg!(IdNotValid, id = id, what = what)
    }
}

/// A date written the way people write dates, not the way the site reads them: Dutch
/// order (`13-03-2027`), a time with a dot (`10.00`) or an ISO `T`. The message names
/// the mistake and the help writes the value out right.
fn date_mistake(text: &str, name: &str, time_allowed: bool) -> Option<(Msg, Msg)> {
    let text = text.trim();
    let (date, time) = match text.split_once([' ', 'T']) {
        Some((d, t)) => (d, Some(t.trim())),
        None => (text, None),
    };
    let iso_t = text.as_bytes().get(10) == Some(&b'T');
    let fixed_time = time.map(|t| t.replacen('.', ":", 1));
    let time_ok = |t: &str| jiff::civil::Time::strptime("%H:%M", t).is_ok();
    let date_parts: Vec<&str> = date.split(['-', '/', '.']).collect();
    let dutch_order = match date_parts.as_slice() {
        [d, m, y] if y.len() == 4 && d.len() <= 2 && m.len() <= 2 => {
            Date::strptime("%Y-%m-%d", format!("{y}-{m:0>2}-{d:0>2}")).ok()
        }
        _ => None,
    };
    let right_date = dutch_order
        .map(|d| d.to_string())
        .or_else(|| Date::strptime("%Y-%m-%d", date).ok().map(|d| d.to_string()))?;
    let right_time = match &fixed_time {
        Some(t) if time_ok(t) && time_allowed => Some(t.clone()),
        Some(_) => return None,
        None => None,
    };
    let right = match &right_time {
        Some(t) => format!("{right_date} {t:0>5}"),
        None => right_date,
    };
    let example = format!("{name}: {right}");
    if dutch_order.is_some() {
        return Some((
            msg!(DutchDateOrder, text = text, name = name),
            msg!(DutchDateOrderHelp, example = example),
        ));
    }
    if iso_t && right_time.is_some() {
        return Some((
            msg!(IsoT, text = text, name = name),
            msg!(IsoTHelp, example = example),
        ));
    }
    if time.is_some_and(|t| t.contains('.')) && right_time.is_some() {
        return Some((
            msg!(DottedTime, text = text, name = name),
            msg!(DottedTimeHelp, example = example),
        ));
    }
    None
}

fn path_name(path: &[Step]) -> String {
    path.iter()
        .map(|s| match s {
            Step::Key(k) => k.clone(),
            Step::Index(i) => format!("[{i}]"),
        })
        .collect::<Vec<_>>()
        .join(".")
}

/// "did you mean …" for an id among existing ids.
pub fn suggest_ids(id: &str, existing: &[&str]) -> Option<Msg> {
    let few = crate::diagnostic::nearest_few(id, existing.iter().copied());
    did_you_mean(&few)
}
