//! The one door to YAML. Text comes in; a plain tree (`Yaml`) or a positioned syntax
//! error comes out, and `locate` finds the line and column of any key or value by path.
//! Nothing else in the crate names `serde_yaml`, so replacing the (deprecated) parser
//! changes this file only.
//!
//! Positions: serde_yaml gives no spans on values, but it stamps every error with the
//! position of the event being read. `locate` walks the document again and raises an
//! error exactly at the wanted node; it runs only when a diagnostic needs a position.
//! Where the parser's own words would not help a communicator, `traps` reads the text
//! around the error and names the real cause.

mod traps;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// A YAML value as werkplaats sees it. Mapping keys are text, in document order.
#[derive(Debug, Clone, PartialEq)]
pub enum Yaml {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Yaml>),
    Map(Vec<(String, Yaml)>),
}

impl Yaml {
    /// What kind of value this is, in words for error messages.
    pub fn kind_name(&self) -> crate::messages::Msg {
        use crate::messages::{Id, Msg};
        Msg::new(match self {
            Yaml::Null => Id::FoundNothing,
            Yaml::Bool(_) => Id::FoundBool,
            Yaml::Int(_) => Id::FoundInt,
            Yaml::Float(_) => Id::FoundNumber,
            Yaml::Str(_) => Id::FoundText,
            Yaml::Seq(_) => Id::FoundList,
            Yaml::Map(_) => Id::FoundMapping,
        })
    }

    /// Scalars as text (numbers and booleans as written); lists and mappings give `None`.
    pub fn scalar_text(&self) -> Option<String> {
        match self {
            Yaml::Str(s) => Some(s.clone()),
            Yaml::Int(i) => Some(i.to_string()),
            Yaml::Float(f) => Some(f.to_string()),
            Yaml::Bool(b) => Some(b.to_string()),
            Yaml::Null | Yaml::Seq(_) | Yaml::Map(_) => None,
        }
    }
}

/// A syntax error, positioned in the YAML text (1-based) at the character that caused it,
/// with a fix where the cause is one of the known traps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// `invalid-yaml`, or the trap's own code (`invisible-character`, `tab-character`).
    pub code: &'static str,
    pub message: crate::messages::Msg,
    pub line: usize,
    pub column: usize,
    pub help: Option<crate::messages::Msg>,
}

/// One step of a path into a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Key(String),
    Index(usize),
}

pub fn parse(text: &str) -> Result<Yaml, SyntaxError> {
    if text.trim().is_empty() {
        return Ok(Yaml::Null);
    }
    // A character that looks like a space, or nothing, misleads every later message: it
    // is named first, wherever it is.
    if let Some(e) = traps::invisible(text) {
        return Err(e);
    }
    if let Some(e) = traps::silent_sign(text) {
        return Err(e);
    }
    let value: serde_yaml::Value = serde_yaml::from_str(text).map_err(|e| {
        let (line, column) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
        let message = e.to_string();
        traps::cause(text, &message, line, column).unwrap_or(SyntaxError {
            code: "invalid-yaml",
            message: explain(&message),
            line,
            column,
            help: None,
        })
    })?;
    Ok(convert(value))
}

/// Rewords the parser's messages where a communicator would not understand them; the
/// rest keep the parser's (English) words behind a plain sentence.
fn explain(message: &str) -> crate::messages::Msg {
    use crate::msg;
    let message = message.split(" at line ").next().unwrap_or(message);
    if message.contains("repetition limit exceeded") {
        return msg!(YamlAnchors);
    }
    if message.contains("recursion limit exceeded") {
        return msg!(YamlTooDeep);
    }
    if let Some(key) = message.strip_prefix("duplicate entry with key ") {
        return msg!(YamlDuplicateKey, key = key.trim_matches('"'));
    }
    msg!(YamlOther, detail = message)
}

fn convert(value: serde_yaml::Value) -> Yaml {
    match value {
        serde_yaml::Value::Null => Yaml::Null,
        serde_yaml::Value::Bool(b) => Yaml::Bool(b),
        serde_yaml::Value::Number(n) => match n.as_i64() {
            Some(i) => Yaml::Int(i),
            None => Yaml::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        serde_yaml::Value::String(s) => Yaml::Str(s),
        serde_yaml::Value::Sequence(items) => Yaml::Seq(items.into_iter().map(convert).collect()),
        serde_yaml::Value::Mapping(map) => Yaml::Map(
            map.into_iter()
                .map(|(k, v)| {
                    let key = convert(k).scalar_text().unwrap_or_else(|| "?".into());
                    (key, convert(v))
                })
                .collect(),
        ),
        serde_yaml::Value::Tagged(tagged) => convert(tagged.value),
    }
}

/// A number or `true`/`false` exactly as written at `path` (`2027.10`, not `2027.1`), for
/// fields that are text: YAML reads an unquoted `2027.10` as a number, and a title must
/// keep what its author wrote. `None` if the written form cannot be found.
pub fn written_scalar(text: &str, path: &[Step], value: &Yaml) -> Option<String> {
    if !matches!(value, Yaml::Int(_) | Yaml::Float(_) | Yaml::Bool(_)) {
        return None;
    }
    // A top-level key starts its line: found without reading the document again (a
    // course's `crebo: 25180` is read this way for every course).
    let quick = match path {
        [Step::Key(key)] => text
            .lines()
            .find_map(|l| l.strip_prefix(key.as_str())?.strip_prefix(':'))
            .and_then(|rest| same_scalar(rest, value)),
        _ => None,
    };
    quick.or_else(|| {
        let (line, column) = locate_exact(text, path, false)?;
        let rest: String = text
            .lines()
            .nth(line - 1)?
            .chars()
            .skip(column - 1)
            .collect();
        same_scalar(&rest, value)
    })
}

/// The plain scalar at the start of `rest` (up to a comment or a flow delimiter), if it
/// reads as `value`: then it is that node's text.
fn same_scalar(rest: &str, value: &Yaml) -> Option<String> {
    let end = rest
        .find(" #")
        .into_iter()
        .chain(rest.find("\t#"))
        .chain(rest.find([',', ']', '}']))
        .min()
        .unwrap_or(rest.len());
    let written = rest[..end].trim();
    let same = value.scalar_text().as_deref() == Some(written)
        || parse(written).ok().as_ref() == Some(value);
    same.then(|| written.to_string())
}

/// Line and column (1-based) of the node at `path`: its key if `at_key`, else its value.
/// Falls back to the nearest enclosing node that can be found, and to 1:1.
pub fn locate(text: &str, path: &[Step], at_key: bool) -> (usize, usize) {
    for depth in (0..=path.len()).rev() {
        let sub = &path[..depth];
        // A missing node is reported at the key of its nearest existing parent.
        let key_here = if depth == path.len() {
            at_key
        } else {
            matches!(sub.last(), Some(Step::Key(_)))
        };
        if let Some(position) = locate_exact(text, sub, key_here) {
            return position;
        }
    }
    (1, 1)
}

fn locate_exact(text: &str, path: &[Step], at_key: bool) -> Option<(usize, usize)> {
    if path.is_empty() && at_key {
        return None;
    }
    let deserializer = serde_yaml::Deserializer::from_str(text);
    match (Locate { path, at_key }).deserialize(deserializer) {
        Err(e) if e.to_string().contains(HERE) => e.location().map(|l| (l.line(), l.column())),
        _ => None,
    }
}

const HERE: &str = "@werkplaats-here";

struct Locate<'a> {
    path: &'a [Step],
    at_key: bool,
}

impl<'de> DeserializeSeed<'de> for Locate<'_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl Locate<'_> {
    fn scalar<E: de::Error>(&self) -> Result<(), E> {
        if self.path.is_empty() {
            Err(E::custom(HERE))
        } else {
            Ok(())
        }
    }
}

impl<'de> Visitor<'de> for Locate<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let Some((first, rest)) = self.path.split_first() else {
            return Err(de::Error::custom(HERE));
        };
        let Step::Key(wanted) = first else {
            return Ok(());
        };
        let seed = KeySeed {
            wanted,
            here: rest.is_empty() && self.at_key,
        };
        while let Some(found) = map.next_key_seed(seed.clone())? {
            if found {
                return map.next_value_seed(Locate {
                    path: rest,
                    at_key: self.at_key,
                });
            }
            map.next_value::<IgnoredAny>()?;
        }
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let Some((first, rest)) = self.path.split_first() else {
            return Err(de::Error::custom(HERE));
        };
        let Step::Index(wanted) = first else {
            return Ok(());
        };
        for _ in 0..*wanted {
            if seq.next_element::<IgnoredAny>()?.is_none() {
                return Ok(());
            }
        }
        seq.next_element_seed(Locate {
            path: rest,
            at_key: self.at_key,
        })?;
        Ok(())
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        self.scalar()
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.scalar()
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.scalar()
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.scalar()
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.scalar()
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.scalar()
    }
}

#[derive(Clone)]
struct KeySeed<'a> {
    wanted: &'a str,
    here: bool,
}

impl<'de> DeserializeSeed<'de> for KeySeed<'_> {
    type Value = bool;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_any(self)
    }
}

impl KeySeed<'_> {
    fn check<E: de::Error>(&self, key: &str) -> Result<bool, E> {
        match (key == self.wanted, self.here) {
            (true, true) => Err(E::custom(HERE)),
            (found, _) => Ok(found),
        }
    }
}

impl<'de> Visitor<'de> for KeySeed<'_> {
    type Value = bool;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a mapping key")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<bool, E> {
        self.check(v)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<bool, E> {
        self.check(&v.to_string())
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<bool, E> {
        self.check(&v.to_string())
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<bool, E> {
        self.check(&v.to_string())
    }
    fn visit_unit<E: de::Error>(self) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<bool, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(false)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(k: &str) -> Step {
        Step::Key(k.into())
    }

    const DOC: &str = "title: Hallo\nrepeat:\n  every: week\n  count: 3\nlocations: [a, b, c]\nname: { nl: Foo, en: Bar }\n";

    #[test]
    fn numbers_in_text_fields_keep_their_written_form() {
        let doc = "title: 2027.10\nyes: True\nlist: [1.50, 0x1F]\nn: 1.0 # een\n";
        let parsed = parse(doc).expect("yaml");
        let Yaml::Map(entries) = &parsed else {
            panic!("map")
        };
        let get = |k: &str| {
            entries
                .iter()
                .find(|(key, _)| key == k)
                .map(|(_, v)| v.clone())
        };
        let title = get("title").expect("title");
        assert_eq!(
            title.scalar_text().as_deref(),
            Some("2027.1"),
            "what YAML reads"
        );
        assert_eq!(
            written_scalar(doc, &[key("title")], &title).as_deref(),
            Some("2027.10")
        );
        assert_eq!(
            written_scalar(doc, &[key("yes")], &get("yes").expect("yes")).as_deref(),
            Some("True")
        );
        let Some(Yaml::Seq(items)) = get("list") else {
            panic!("list")
        };
        assert_eq!(
            written_scalar(doc, &[key("list"), Step::Index(0)], &items[0]).as_deref(),
            Some("1.50")
        );
        assert_eq!(
            written_scalar(doc, &[key("n")], &get("n").expect("n")).as_deref(),
            Some("1.0")
        );
    }

    #[test]
    fn locates_keys_values_and_items() {
        assert_eq!(locate(DOC, &[key("title")], true), (1, 1));
        assert_eq!(locate(DOC, &[key("title")], false), (1, 8));
        assert_eq!(locate(DOC, &[key("repeat"), key("count")], true), (4, 3));
        assert_eq!(
            locate(DOC, &[key("locations"), Step::Index(2)], false),
            (5, 19)
        );
        assert_eq!(locate(DOC, &[key("name"), key("en")], false), (6, 22));
    }

    #[test]
    fn missing_paths_fall_back_to_the_parent() {
        assert_eq!(locate(DOC, &[key("repeat"), key("until")], true), (2, 1));
        assert_eq!(locate(DOC, &[key("nothing")], true), (1, 1));
    }

    #[test]
    fn syntax_errors_have_positions() {
        let err = parse("a: b\n  c: d: e\n").expect_err("invalid");
        assert_eq!((err.line, err.column), (2, 4));
    }

    #[test]
    fn alias_bombs_are_refused() {
        let mut bomb = String::from("a: &a [x,x,x,x,x,x,x,x,x]\n");
        for (name, prev) in [
            ("b", "a"),
            ("c", "b"),
            ("d", "c"),
            ("e", "d"),
            ("f", "e"),
            ("g", "f"),
        ] {
            let refs = vec![format!("*{prev}"); 9].join(",");
            bomb.push_str(&format!("{name}: &{name} [{refs}]\n"));
        }
        let err = parse(&bomb).expect_err("a bomb");
        assert_eq!(err.message.id, crate::messages::Id::YamlAnchors);
    }
}
