//! The typed documents that parsing produces and the vocabulary they use. Everything
//! here is plain data: no I/O, no rendering.

use crate::source::{Origin, Source};
use jiff::civil::{Date, DateTime};
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Arc;

/// The languages werkplaats can publish in. Closed, because every language needs its
/// own date words and interface strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Nl,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Nl, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }

    pub fn parse(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The language's name in English, for messages to editors.
    pub fn english_name(self) -> &'static str {
        match self {
            Lang::Nl => "Dutch",
            Lang::En => "English",
        }
    }

    /// The language's own name, for the language switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Nl => "Nederlands",
            Lang::En => "English",
        }
    }
}

/// The six kinds of content, named after their folders under `content/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Initiative,
    Course,
    Event,
    Page,
    Location,
    Organisation,
}

impl Kind {
    pub const ALL: [Kind; 6] = [
        Kind::Initiative,
        Kind::Course,
        Kind::Event,
        Kind::Page,
        Kind::Location,
        Kind::Organisation,
    ];

    pub fn folder(self) -> &'static str {
        match self {
            Kind::Initiative => "initiatives",
            Kind::Course => "courses",
            Kind::Event => "events",
            Kind::Page => "pages",
            Kind::Location => "locations",
            Kind::Organisation => "organisations",
        }
    }

    pub fn singular(self) -> &'static str {
        match self {
            Kind::Initiative => "initiative",
            Kind::Course => "course",
            Kind::Event => "event",
            Kind::Page => "page",
            Kind::Location => "location",
            Kind::Organisation => "organisation",
        }
    }

    pub fn from_folder(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.folder() == name)
    }

    pub fn from_singular(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.singular() == name)
    }

    /// Markdown items have one file per language; data items are one YAML file.
    pub fn is_markdown(self) -> bool {
        !matches!(self, Kind::Location | Kind::Organisation)
    }
}

pub const AUDIENCES: &[&str] = &[
    "po",
    "vo",
    "mbo",
    "hbo",
    "career-switchers",
    "employees",
    "jobseekers",
    "teachers",
    "parents",
    "companies",
];
pub const INITIATIVE_STATUSES: &[&str] = &["planned", "active", "ended"];
pub const LEVELS: &[&str] = &[
    "po", "vo", "vmbo", "havo-vwo", "mbo-1", "mbo-2", "mbo-3", "mbo-4", "hbo", "course",
];
pub const LEARNING_PATHS: &[&str] = &["bbl", "bol", "bgl", "part-time", "short-course"];
pub const EVENT_TYPES: &[&str] = &[
    "open-day",
    "workshop",
    "info-session",
    "course-start",
    "meeting",
    "other",
];
pub const EVENT_STATUSES: &[&str] = &["scheduled", "cancelled", "postponed"];

/// Declares a closed vocabulary: an enum whose values are written in content by code.
macro_rules! codes {
    ($(#[$doc:meta])* $name:ident { $($variant:ident = $code:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The code as content writes it.
            pub fn code(self) -> &'static str {
                match self {
                    $($name::$variant => $code),+
                }
            }

            pub fn parse(code: &str) -> Option<$name> {
                $name::ALL.iter().copied().find(|v| v.code() == code)
            }
        }
    };
}

codes! {
    /// What kind of event (`type`).
    EventType {
        OpenDay = "open-day",
        Workshop = "workshop",
        InfoSession = "info-session",
        CourseStart = "course-start",
        Meeting = "meeting",
        Other = "other",
    }
}

codes! {
    /// Whether an event goes ahead (`status`).
    EventStatus {
        Scheduled = "scheduled",
        Cancelled = "cancelled",
        Postponed = "postponed",
    }
}

codes! {
    /// How often a series repeats (`repeat.every`).
    Every {
        Week = "week",
        Month = "month",
    }
}
pub const LOCATION_KINDS: &[&str] = &[
    "school",
    "training-centre",
    "makerspace",
    "company",
    "other",
];
pub const ORGANISATION_KINDS: &[&str] = &["business", "education", "government", "network"];

/// The longest id or slug (SPEC §1.3), named in every message about it.
pub const MAX_ID_LEN: usize = 100;

/// True if `s` follows the id and slug rule `[a-z0-9]+(-[a-z0-9]+)*`, at most
/// `MAX_ID_LEN` characters.
pub fn is_valid_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= MAX_ID_LEN
        && s.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// The id a content file name stands for: `open-dag.nl.md` → `open-dag`,
/// `technohub.yaml` → `technohub` (the language part is dropped if it is one). `None` for
/// names that are not content files.
pub fn id_of_file_name(name: &str) -> Option<&str> {
    let stem = name
        .strip_suffix(".md")
        .or_else(|| name.strip_suffix(".yaml"))?;
    Some(match stem.rsplit_once('.') {
        Some((id, lang)) if Lang::parse(lang).is_some() => id,
        _ => stem,
    })
}

/// A translatable value: one text for every language, or one per language.
#[derive(Debug, Clone, PartialEq)]
pub enum Text {
    Same(String),
    PerLang(BTreeMap<Lang, String>),
}

impl Text {
    /// The text for `lang`, falling back to `default`; also says which language it is in.
    pub fn get(&self, lang: Lang, default: Lang) -> (&str, Lang) {
        match self {
            Text::Same(s) => (s, lang),
            Text::PerLang(map) => match map.get(&lang) {
                Some(s) => (s, lang),
                None => match map.get(&default) {
                    Some(s) => (s, default),
                    // Neither language: the first there is, marked as what it is.
                    None => map
                        .iter()
                        .next()
                        .map_or(("", default), |(l, s)| (s.as_str(), *l)),
                },
            },
        }
    }

    pub fn text(&self, lang: Lang, default: Lang) -> &str {
        self.get(lang, default).0
    }
}

/// A reference to another item by id, remembering where it was written.
#[derive(Debug, Clone)]
pub struct Ref {
    pub id: String,
    pub at: Origin,
}

/// The same id at the same place in the YAML (whatever else the file says).
impl PartialEq for Ref {
    fn eq(&self, other: &Ref) -> bool {
        self.id == other.id && self.at.path == other.at.path
    }
}

/// An event's start or end: a local time, or a whole day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum When {
    Day(Date),
    At(DateTime),
}

impl When {
    /// The day it falls on.
    pub fn date(self) -> Date {
        match self {
            When::Day(d) => d,
            When::At(dt) => dt.date(),
        }
    }
}

/// `since` and `until` of an initiative: a year or a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearOrDate {
    Year(i16),
    Date(Date),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Contact {
    pub role: Option<Text>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub url: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Funding {
    pub organisation: Ref,
    pub amount: i64,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Period {
    pub start: Date,
    pub end: Date,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Initiative {
    pub status: String,
    pub since: Option<YearOrDate>,
    pub until: Option<YearOrDate>,
    pub audiences: Vec<String>,
    pub locations: Vec<Ref>,
    pub lead: Option<Ref>,
    pub partners: Vec<Ref>,
    pub website: Option<String>,
    pub contact: Option<Contact>,
    pub funding: Vec<Funding>,
    pub period: Option<Period>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Course {
    pub provider: Ref,
    pub locations: Vec<Ref>,
    pub level: String,
    pub initiative: Option<Ref>,
    pub learning_paths: Vec<String>,
    pub crebo: Option<String>,
    pub duration: Option<Text>,
    pub cost: Option<Text>,
    pub audiences: Vec<String>,
    pub starts: Vec<Date>,
    pub registration_url: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum RepeatEnd {
    Until(Date),
    Count(u32),
    Forever,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Repeat {
    pub every: Every,
    pub interval: u32,
    pub end: RepeatEnd,
    pub except: Vec<Date>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub event_type: EventType,
    pub start: When,
    pub end: Option<When>,
    /// The event's own time zone, if it sets one.
    pub timezone: Option<(String, jiff::tz::TimeZone)>,
    pub location: Option<Ref>,
    pub online: Option<String>,
    pub initiative: Option<Ref>,
    pub organiser: Option<Ref>,
    pub audiences: Vec<String>,
    pub registration_url: Option<String>,
    pub cost: Option<Text>,
    pub status: EventStatus,
    /// For a postponed event: the start it had before.
    pub previous_start: Option<When>,
    pub repeat: Option<Repeat>,
    pub uid: Option<String>,
    pub updated: Option<DateTime>,
    pub sequence: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub menu: Option<i64>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Fields {
    Initiative(Initiative),
    Course(Course),
    Event(Box<Event>),
    Page(Page),
}

/// Markdown converted to HTML, with the links it makes, for checking later.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Body {
    pub html: String,
    /// `@/kind/id.md` targets with the file line and column they appear on.
    pub refs: Vec<(String, usize, usize)>,
    /// Site-internal links (`/…`) with their line and column, checked after URLs are known.
    pub links: Vec<(String, usize, usize)>,
    /// Site-internal images (`/media/…`) with their line and column.
    pub images: Vec<(String, usize, usize)>,
}

/// One language file of a Markdown item.
#[derive(Debug, Clone)]
pub struct ItemText {
    pub title: String,
    pub summary: String,
    pub slug: Option<String>,
    /// Old URL paths of the page in this language (`aliases`): each answers 301 to it.
    pub aliases: Vec<String>,
    pub image_alt: Option<String>,
    pub body: Body,
    pub source: Arc<Source>,
    /// Example text of `werkplaats new` left in the file, as the errors it is once the
    /// item is published (found when the file is parsed).
    pub placeholders: Vec<crate::diagnostic::Diagnostic>,
}

/// The common part of a canonical (default-language) Markdown file.
#[derive(Debug, Clone, PartialEq)]
pub struct Common {
    pub draft: bool,
    pub image: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Address {
    pub street: Option<String>,
    pub postcode: Option<String>,
    pub city: Option<String>,
}

#[derive(Debug, Clone, Copy)]
pub struct Geo {
    pub lat: f64,
    pub lon: f64,
}

#[derive(Debug, Clone)]
pub struct Location {
    pub name: Text,
    pub kind: Option<String>,
    pub address: Option<Address>,
    pub municipality: String,
    pub geo: Option<Geo>,
    pub description: Option<Text>,
    pub website: Option<String>,
    pub accessibility: Option<Text>,
    /// A picture of the place (under `content/media/`) and what it shows, per language.
    pub image: Option<String>,
    pub image_alt: Option<Text>,
}

#[derive(Debug, Clone)]
pub struct Organisation {
    pub name: Text,
    pub kind: String,
    pub website: Option<String>,
    pub description: Option<Text>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_falls_back_to_the_default_and_says_so() {
        let t = Text::PerLang([(Lang::Nl, "Open dag".to_string())].into());
        assert_eq!(t.get(Lang::En, Lang::Nl), ("Open dag", Lang::Nl));
        let only_en = Text::PerLang([(Lang::En, "Open day".to_string())].into());
        assert_eq!(only_en.get(Lang::Nl, Lang::Nl), ("Open day", Lang::En));
        assert_eq!(
            Text::Same("x".into()).get(Lang::En, Lang::Nl),
            ("x", Lang::En)
        );
    }

    #[test]
    fn vocabularies_match_the_lists_validation_offers() {
        let codes = |all: &[&'static str]| all.to_vec();
        assert_eq!(
            EventType::ALL.iter().map(|t| t.code()).collect::<Vec<_>>(),
            codes(EVENT_TYPES)
        );
        assert_eq!(
            EventStatus::ALL
                .iter()
                .map(|t| t.code())
                .collect::<Vec<_>>(),
            codes(EVENT_STATUSES)
        );
        assert_eq!(EventType::parse("open-day"), Some(EventType::OpenDay));
        assert_eq!(Every::parse("fortnight"), None);
    }

    #[test]
    fn ids_follow_the_character_rule() {
        for ok in ["a", "open-dag-2027", "x1"] {
            assert!(is_valid_id(ok), "{ok}");
        }
        for bad in ["", "-a", "a-", "a--b", "A", "a_b", "../x", "a/b", "é"] {
            assert!(!is_valid_id(bad), "{bad}");
        }
    }
}
