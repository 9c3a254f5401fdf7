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
#[derive(Debug, Clone)]
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

/// The items of one kind, each shared: a site made from another by a save that changed
/// a few items (`serve`) shares every other item with it.
pub type Items<F> = Vec<Arc<Item<F>>>;

/// A YAML data item (location or organisation).
#[derive(Debug, Clone)]
pub struct DataItem<T> {
    pub id: String,
    pub data: T,
    pub source: Arc<Source>,
    pub urls: BTreeMap<Lang, String>,
    /// Rendered `description` Markdown per language (empty if none).
    pub descriptions: BTreeMap<Lang, String>,
}

/// One session of an event (a repeating event has many), with its effective end.
#[derive(Debug, Clone)]
pub struct Session {
    pub start: When,
    /// As written (moved to this session's date); `None` if the event has no `end`.
    pub end: Option<When>,
    /// Start and effective end as instants. The effective end is the one rule for every
    /// page, feed and script: `end` (a whole day ends when the next day begins), else one
    /// hour after a timed start, else the end of the start day.
    pub starts_at: Timestamp,
    pub ends_at: Timestamp,
}

impl Session {
    pub fn start_date(&self) -> Date {
        self.start.date()
    }

    /// The one upcoming/past split: a session is upcoming until its effective end.
    pub fn is_upcoming(&self, now: Timestamp) -> bool {
        self.ends_at > now
    }

    /// When a card standing for `sessions` has ended: the end of the last of them. The
    /// one answer for every list and the script (`data-ends`).
    pub fn last_end(sessions: &[Session]) -> Option<Timestamp> {
        sessions.last().map(|s| s.ends_at)
    }

    /// The day its last moment falls on in `tz` (a whole day ends on itself): the archive
    /// groups by it in the site's zone, in the same order as `ends_at`.
    pub fn ended_on(&self, tz: &jiff::tz::TimeZone) -> Date {
        let last = self
            .ends_at
            .checked_sub(jiff::SignedDuration::from_secs(1))
            .unwrap_or(self.ends_at);
        last.to_zoned(tz.clone()).date()
    }

    /// The effective end as a local time or day, as feeds write it (`DTEND`): a whole day
    /// ends on the day after its last day.
    pub fn effective_end(&self, tz: &jiff::tz::TimeZone) -> When {
        match self.start {
            When::Day(_) => When::Day(self.ends_at.to_zoned(tz.clone()).date()),
            When::At(_) => When::At(self.ends_at.to_zoned(tz.clone()).datetime()),
        }
    }
}

/// An event resolved once, for every page and feed: its time zone, its place, its
/// sessions expanded with their effective ends, and where `now` falls among them.
#[derive(Debug, Clone)]
pub struct Schedule {
    /// The event's `timezone`, else the site's: always set.
    pub tz_name: String,
    pub tz: jiff::tz::TimeZone,
    /// Index into `Site::locations`.
    pub location: Option<usize>,
    /// The session `start` and `end` describe, the first of a series even if `except`
    /// leaves it out (`DTSTART`/`DTEND` of the feeds).
    pub defined: Option<Session>,
    /// Every session up to the agenda horizon (twelve months after `now`, and past it to
    /// reach the next session of a series that is still on), in time order.
    pub sessions: Vec<Session>,
    /// The last day of the event's last session, however far ahead (`until` or `count`
    /// of a series, beyond the horizon too); `None` for a series that repeats for ever.
    pub last_day: Option<Date>,
    /// The first session that has not ended at `now`; `sessions.len()` if all have.
    pub next: usize,
    /// The calendar identity (`uid`, else derived from the site and the id).
    pub uid: String,
    /// When subscribers should see the event as changed (SPEC §1.3).
    pub changed: Timestamp,
}

impl Schedule {
    pub fn first(&self) -> Option<&Session> {
        self.sessions.first()
    }

    pub fn last(&self) -> Option<&Session> {
        self.sessions.last()
    }

    /// Sessions that have not ended at `now`, in time order.
    pub fn upcoming(&self) -> &[Session] {
        &self.sessions[self.next..]
    }

    /// True while any session has not ended: the event belongs in upcoming lists.
    pub fn is_upcoming(&self) -> bool {
        self.next < self.sessions.len()
    }

    /// The session a page or list shows for the event: the next one, else the last.
    pub fn shown(&self) -> Option<&Session> {
        self.sessions.get(self.next).or(self.sessions.last())
    }

    /// Sessions that ended after `cutoff` (feeds keep those of the last 90 days).
    pub fn since(&self, cutoff: Timestamp) -> &[Session] {
        let from = self.sessions.partition_point(|s| s.ends_at <= cutoff);
        &self.sessions[from..]
    }
}

/// A clone shares the items, schedules, places, organisations, pictures and link targets:
/// it copies lists of pointers and the settings.
#[derive(Debug, Clone)]
pub struct Site {
    pub config: SiteConfig,
    pub now: Timestamp,
    pub drafts: bool,
    pub initiatives: Items<Initiative>,
    pub courses: Items<Course>,
    pub events: Items<Event>,
    pub pages: Items<Page>,
    pub locations: Arc<Vec<DataItem<Location>>>,
    pub organisations: Arc<Vec<DataItem<Organisation>>>,
    /// For each event (same index as `events`), its resolved schedule.
    pub schedules: Vec<Arc<Schedule>>,
    /// Events with a session still to come, by their next session's start (then id).
    pub upcoming: Vec<usize>,
    /// Events whose every session has ended, the most recently ended first.
    pub past: Vec<usize>,
    pub media: Vec<MediaFile>,
    /// The pictures pages show, with the files they become (set by `images::probe`).
    pub images: Arc<crate::images::Images>,
    /// What `@/` and internal links may lead to (set by `assemble`).
    pub links: Arc<crate::links::Links>,
}

impl Site {
    pub fn default_lang(&self) -> Lang {
        self.config.default_lang()
    }

    /// Lets go of the text of every content file (`Source::release`): for a one-time
    /// build, once every diagnostic about the content is made. Their references share the
    /// same sources, so these are all of them.
    pub fn release_texts(&self) {
        fn texts<F>(items: &[Arc<Item<F>>]) {
            for item in items {
                item.texts.values().for_each(|t| t.source.release());
            }
        }
        texts(&self.initiatives);
        texts(&self.courses);
        texts(&self.events);
        texts(&self.pages);
        self.locations.iter().for_each(|l| l.source.release());
        self.organisations.iter().for_each(|o| o.source.release());
    }

    /// Every URL that moved, as (language, old path, new path): the audience and
    /// event-type pages under their old code, then each item's `aliases` in its language.
    /// Each old URL gets a page that sends the visitor on, and servers a 301.
    pub fn moved(&self) -> Vec<(Lang, String, String)> {
        self.moved_from().into_iter().map(|(m, _)| m).collect()
    }

    /// `moved`, each with the file whose `aliases` lists it (`None`: the site moved it).
    pub fn moved_from(&self) -> Vec<((Lang, String, String), Option<String>)> {
        type Moved = ((Lang, String, String), Option<String>);
        fn aliases<F>(items: &[Arc<Item<F>>], out: &mut Vec<Moved>) {
            for item in items {
                for (lang, text) in &item.texts {
                    for alias in &text.aliases {
                        let moved = (*lang, alias.clone(), item.urls[lang].clone());
                        out.push((moved, Some(text.source.rel.clone())));
                    }
                }
            }
        }
        let mut out: Vec<Moved> = self
            .config
            .languages
            .iter()
            .flat_map(|&l| {
                crate::urls::moved(&self.config, l)
                    .into_iter()
                    .map(move |(old, new)| ((l, old, new), None))
            })
            .collect();
        aliases(&self.initiatives, &mut out);
        aliases(&self.courses, &mut out);
        aliases(&self.events, &mut out);
        aliases(&self.pages, &mut out);
        out
    }

    pub fn location(&self, id: &str) -> Option<&DataItem<Location>> {
        find(&self.locations, id, |l| &l.id)
    }

    pub fn organisation(&self, id: &str) -> Option<&DataItem<Organisation>> {
        find(&self.organisations, id, |o| &o.id)
    }

    pub fn initiative(&self, id: &str) -> Option<&Arc<Item<Initiative>>> {
        find(&self.initiatives, id, |i| &i.id)
    }

    /// The resolved schedule of event `i`.
    pub fn schedule(&self, event: usize) -> &Schedule {
        &self.schedules[event]
    }
}

/// Binary search in a list sorted by id.
fn find<'a, T>(items: &'a [T], id: &str, key: impl Fn(&T) -> &String) -> Option<&'a T> {
    items
        .binary_search_by(|item| key(item).as_str().cmp(id))
        .ok()
        .map(|i| &items[i])
}
