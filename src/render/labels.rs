//! The theme's interface strings of one language, and the labels they give codes
//! (`types_open-day`, `statuses_cancelled`, …). Every page and feed reads strings here.

use std::collections::BTreeMap;

/// One language's interface strings, as the theme's `i18n/<lang>.yaml` flattened them.
pub type Strings = BTreeMap<String, String>;

/// The string `key`, or the key itself if the theme lacks it.
pub fn s(strings: &Strings, key: &str) -> String {
    strings.get(key).cloned().unwrap_or_else(|| key.to_string())
}

/// A label from the theme's strings (`group_code`), or the code itself.
pub fn label(strings: &Strings, group: &str, code: &str) -> String {
    strings
        .get(&format!("{group}_{code}"))
        .cloned()
        .unwrap_or_else(|| code.to_string())
}

/// "eerder gepland op zaterdag 20 maart 2027, 10.00 uur": a postponed event's earlier
/// start, for cards and feeds (parsing keeps `previous_start` for postponed events only).
pub fn previously(
    strings: &Strings,
    lang: crate::model::Lang,
    event: &crate::model::Event,
    tz: &jiff::tz::TimeZone,
) -> Option<String> {
    let previous = event.previous_start?;
    let when = super::dates::moment_view(lang, previous, tz).text;
    Some(format!("{} {when}", s(strings, "previously_planned")))
}

/// `text` with its first letter in upper case, to begin a sentence.
pub fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
