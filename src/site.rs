//! The assembled site: every item with its languages paired, references resolved,
//! URLs fixed and the agenda expanded. Built once by `assemble`, never changed after.

use crate::config::SiteConfig;
use crate::load::MediaFile;
use crate::model::*;
use crate::source::Source;
use jiff::Timestamp;
use jiff::civil::Date;
use std::collections::BTreeMap;
use std::sync::Arc;

/// A Markdown item in all its languages.
#[derive(Debug)]
pub struct Item<F> {
    pub id: String,
    pub common: Common,
    pub fields: F,
    /// The files that exist; the default language is always there.
    pub texts: BTreeMap<Lang, Arc<ItemText>>,
    /// URL path per site language (also for languages without a translation).
    pub urls: BTreeMap<Lang, String>,
    /// Body HTML per site language, with `@/` links resolved for that language.
    pub bodies: BTreeMap<Lang, Option<String>>,
}

impl<F> Item<F> {
    /// The text shown in `lang`, and the language it is actually in.
    pub fn text(&self, lang: Lang, default: Lang) -> (&ItemText, Lang) {
        match self.texts.get(&lang) {
            Some(t) => (t, lang),
            None => (&self.texts[&default], default),
        }
    }

    pub fn url(&self, lang: Lang) -> &str {
        &self.urls[&lang]
    }

    pub fn canonical_source(&self, default: Lang) -> &Arc<Source> {
        &self.texts[&default].source
    }
}

/// A YAML data item (location or organisation).
#[derive(Debug)]
pub struct DataItem<T> {
    pub id: String,
    pub data: T,
    pub source: Arc<Source>,
    pub urls: BTreeMap<Lang, String>,
    /// Rendered `description` Markdown per language (empty if none).
    pub descriptions: BTreeMap<Lang, String>,
}

/// One occurrence of an event (repeating events have many).
#[derive(Debug, Clone)]
pub struct Occurrence {
    /// Index into `Site::events`.
    pub event: usize,
    pub start: When,
    pub end: Option<When>,
    /// Start and effective end as instants (end: `end`, else one hour or one day).
    pub starts_at: Timestamp,
    pub ends_at: Timestamp,
}

impl Occurrence {
    pub fn start_date(&self) -> Date {
        match self.start {
            When::Day(d) => d,
            When::At(dt) => dt.date(),
        }
    }
}

#[derive(Debug)]
pub struct Site {
    pub config: SiteConfig,
    pub now: Timestamp,
    pub drafts: bool,
    pub initiatives: Vec<Item<Initiative>>,
    pub courses: Vec<Item<Course>>,
    pub events: Vec<Item<Event>>,
    pub pages: Vec<Item<Page>>,
    pub locations: Vec<DataItem<Location>>,
    pub organisations: Vec<DataItem<Organisation>>,
    /// All occurrences, sorted by start (then event id).
    pub occurrences: Vec<Occurrence>,
    /// For each event, the indices of its occurrences in `occurrences`, in time order.
    pub occurrences_by_event: Vec<Vec<usize>>,
    pub media: Vec<MediaFile>,
}

impl Site {
    pub fn default_lang(&self) -> Lang {
        self.config.default_lang()
    }

    pub fn location(&self, id: &str) -> Option<&DataItem<Location>> {
        find(&self.locations, id, |l| &l.id)
    }

    pub fn organisation(&self, id: &str) -> Option<&DataItem<Organisation>> {
        find(&self.organisations, id, |o| &o.id)
    }

    pub fn initiative(&self, id: &str) -> Option<&Item<Initiative>> {
        find(&self.initiatives, id, |i| &i.id)
    }

    /// The occurrences of one event, in time order.
    pub fn occurrences_of(&self, event: usize) -> impl Iterator<Item = &Occurrence> {
        self.occurrences_by_event[event]
            .iter()
            .map(|&i| &self.occurrences[i])
    }

    /// Occurrences that have not ended at `now`.
    pub fn upcoming(&self) -> impl Iterator<Item = &Occurrence> {
        self.occurrences.iter().filter(|o| o.ends_at > self.now)
    }

    /// Occurrences that ended before `now`, newest first.
    pub fn past(&self) -> impl Iterator<Item = &Occurrence> {
        self.occurrences
            .iter()
            .rev()
            .filter(|o| o.ends_at <= self.now)
    }
}

/// Binary search in a list sorted by id.
fn find<'a, T>(items: &'a [T], id: &str, key: impl Fn(&T) -> &String) -> Option<&'a T> {
    items
        .binary_search_by(|item| key(item).as_str().cmp(id))
        .ok()
        .map(|i| &items[i])
}
