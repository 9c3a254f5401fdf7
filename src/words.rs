//! The words communicators write for codes: the theme's labels in every language
//! ("Ouders", "Open dag", "Afgelast") and a few synonyms ("geannuleerd"), each leading to
//! its code. A value that is not a code but one of these words gets the code as its
//! suggestion; nothing is ever rewritten by itself.

use std::collections::BTreeMap;

/// Synonyms the theme's labels do not hold, in Dutch and English.
const SYNONYMS: &[(&str, &str)] = &[
    ("geannuleerd", "cancelled"),
    ("vervallen", "cancelled"),
    ("gaat niet door", "cancelled"),
    ("canceled", "cancelled"),
    ("verplaatst", "postponed"),
    ("uitgesteld", "postponed"),
    ("gepland", "scheduled"),
    ("opendag", "open-day"),
    ("open dagen", "open-day"),
    ("informatieavond", "info-session"),
    ("voorlichting", "info-session"),
    ("ouder", "parents"),
    ("ouders en verzorgers", "parents"),
    ("zij-instromer", "career-switchers"),
    ("zijinstromers", "career-switchers"),
    ("omscholers", "career-switchers"),
    ("basisschool", "po"),
    ("middelbare school", "vo"),
    ("docent", "teachers"),
    ("leraren", "teachers"),
    ("werkzoekende", "jobseekers"),
    ("werknemers", "employees"),
    ("deeltijd", "part-time"),
    ("actief", "active"),
    ("afgelopen", "ended"),
];

/// Which theme strings name codes: `<prefix><code>`.
const LABELLED: &[&str] = &[
    "audience_",
    "levels_",
    "paths_",
    "types_",
    "types_plural_",
    "statuses_",
    "initiative_statuses_",
    "location_kinds_",
    "org_kinds_",
];

/// Words (normalised) → the codes they may stand for.
#[derive(Debug, Default, Clone, PartialEq, Eq, Hash)]
pub struct Words {
    codes: BTreeMap<String, Vec<String>>,
}

impl Words {
    /// From the theme's strings of every language, plus the synonyms.
    pub fn from_strings<'a>(
        strings: impl IntoIterator<Item = &'a BTreeMap<String, String>>,
    ) -> Words {
        let mut words = Words::default();
        for map in strings {
            for (key, label) in map {
                for prefix in LABELLED {
                    let Some(code) = key.strip_prefix(prefix) else {
                        continue;
                    };
                    if code.contains('_') {
                        continue;
                    }
                    words.add(label, code);
                    // "Bbl (werken en leren)": the part before the brackets too.
                    if let Some((short, _)) = label.split_once(" (") {
                        words.add(short, code);
                    }
                }
            }
        }
        for (word, code) in SYNONYMS {
            words.add(word, code);
        }
        words
    }

    fn add(&mut self, word: &str, code: &str) {
        let codes = self.codes.entry(normalise(word)).or_default();
        if !codes.iter().any(|c| c == code) {
            codes.push(code.to_string());
        }
    }

    /// The code among `allowed` that `value` names exactly (as normalised).
    pub fn exact<'a>(&self, value: &str, allowed: &[&'a str]) -> Option<&'a str> {
        let pick = |codes: &Vec<String>| {
            allowed
                .iter()
                .copied()
                .find(|a| codes.iter().any(|c| c == a))
        };
        self.codes.get(&normalise(value)).and_then(pick)
    }

    /// The code among `allowed` that `value` names, exactly or with a small typo.
    pub fn code_for<'a>(&self, value: &str, allowed: &[&'a str]) -> Option<&'a str> {
        let word = normalise(value);
        let pick = |codes: &Vec<String>| {
            allowed
                .iter()
                .copied()
                .find(|a| codes.iter().any(|c| c == a))
        };
        if let Some(code) = self.codes.get(&word).and_then(pick) {
            return Some(code);
        }
        let candidates = self
            .codes
            .iter()
            .filter(|(_, codes)| pick(codes).is_some())
            .map(|(w, _)| w.as_str());
        let near = crate::diagnostic::nearest(&word, candidates)?;
        self.codes.get(near).and_then(pick)
    }
}

/// The vocabularies whose codes appear in URLs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Vocab {
    Audience,
    EventType,
}

impl Vocab {
    pub const ALL: [Vocab; 2] = [Vocab::Audience, Vocab::EventType];

    /// The theme's key prefix for the URL word of a code (`audience_slug_parents`).
    pub fn slug_key(self) -> &'static str {
        match self {
            Vocab::Audience => "audience_slug_",
            Vocab::EventType => "type_slug_",
        }
    }

    pub fn codes(self) -> &'static [&'static str] {
        match self {
            Vocab::Audience => crate::model::AUDIENCES,
            Vocab::EventType => crate::model::EVENT_TYPES,
        }
    }
}

/// The word in URLs for each code, per language (SPEC §1.5: `/voor/ouders/`), from the
/// theme's `audience_slug` and `type_slug` strings; a code without one is its own word.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Slugs {
    /// (language, vocabulary, index of the code in the vocabulary) → word.
    words: BTreeMap<(crate::model::Lang, Vocab, usize), String>,
}

impl Slugs {
    /// The valid URL words of `strings` (one map per language). `theme::load` has already
    /// reported the invalid ones, which are left out here.
    pub fn from_strings(strings: &BTreeMap<crate::model::Lang, BTreeMap<String, String>>) -> Slugs {
        let mut words = BTreeMap::new();
        for (&lang, map) in strings {
            for vocab in Vocab::ALL {
                for (i, code) in vocab.codes().iter().enumerate() {
                    if let Some(word) = map.get(&format!("{}{code}", vocab.slug_key()))
                        && crate::model::is_valid_id(word)
                    {
                        words.insert((lang, vocab, i), word.clone());
                    }
                }
            }
        }
        Slugs { words }
    }

    /// The URL word of `code` in `lang`.
    pub fn get<'a>(&'a self, vocab: Vocab, lang: crate::model::Lang, code: &'a str) -> &'a str {
        vocab
            .codes()
            .iter()
            .position(|c| *c == code)
            .and_then(|i| self.words.get(&(lang, vocab, i)))
            .map_or(code, String::as_str)
    }
}

/// Lower case, hyphens and runs of spaces as one space.
fn normalise(word: &str) -> String {
    word.to_lowercase()
        .replace(['-', '_'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words() -> Words {
        let mut nl = BTreeMap::new();
        nl.insert("audience_parents".to_string(), "Ouders".to_string());
        nl.insert(
            "audience_career-switchers".to_string(),
            "Zij-instromers".to_string(),
        );
        nl.insert("types_open-day".to_string(), "Open dag".to_string());
        nl.insert("statuses_cancelled".to_string(), "Afgelast".to_string());
        nl.insert(
            "audience_intro_parents".to_string(),
            "Wat techniek …".to_string(),
        );
        Words::from_strings([&nl])
    }

    #[test]
    fn labels_and_synonyms_lead_to_their_codes() {
        let w = words();
        let audiences = ["po", "vo", "parents", "career-switchers"];
        assert_eq!(w.code_for("ouders", &audiences), Some("parents"));
        assert_eq!(
            w.code_for("Zij-instromers", &audiences),
            Some("career-switchers")
        );
        assert_eq!(
            w.code_for("zij instromers", &audiences),
            Some("career-switchers")
        );
        assert_eq!(
            w.code_for("open dag", &["open-day", "workshop"]),
            Some("open-day")
        );
        let statuses = ["scheduled", "cancelled", "postponed"];
        assert_eq!(w.code_for("geannuleerd", &statuses), Some("cancelled"));
        assert_eq!(w.code_for("afgelast", &statuses), Some("cancelled"));
        // Only codes of the field asked about; strangers get nothing.
        assert_eq!(w.code_for("ouders", &statuses), None);
        assert_eq!(w.code_for("xylofoon", &audiences), None);
    }
}
