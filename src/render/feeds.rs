//! Agenda feeds (SPEC §3): which scopes have feeds (the site, each location, each
//! initiative, each audience), which events each holds (upcoming, and those that ended in
//! the last 90 days), where the files go, and the facts about an event that every feed
//! format shares (identity, change time, place). The formats are in `ical`, `atom`, `json`.

use crate::config::Section;
use crate::model::{AUDIENCES, Event, Lang, When};
use crate::site::{Item, Occurrence, Site};
use crate::urls;
use jiff::{Timestamp, ToSpan};
use std::collections::BTreeMap;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

/// What a set of feeds covers.
#[derive(Debug, Clone, Copy)]
pub enum Scope {
    Site,
    Location(usize),
    Initiative(usize),
    Audience(&'static str),
}

/// The feed URLs of one scope in one language.
#[derive(Debug, Clone, serde::Serialize)]
pub struct FeedLinks {
    pub ics: String,
    pub webcal: String,
    pub atom: String,
    pub json: String,
}

/// A feed being written: its scope, language, name and events.
pub struct Feed<'a> {
    pub site: &'a Site,
    pub scope: Scope,
    pub lang: Lang,
    /// "Techniek in Utrecht-West – TechnoHub Woerden"
    pub name: &'a str,
    /// Path of the scope's HTML page in `lang`.
    pub page: &'a str,
    /// Path of the feed files without extension (`/locaties/x/agenda`).
    pub stem: &'a str,
    /// Indices into `site.events`, in agenda order.
    pub events: &'a [usize],
    pub strings: &'a BTreeMap<String, String>,
    /// `changed` of every event of the site, each computed when first needed.
    pub changes: &'a [OnceLock<Timestamp>],
    /// What every feed of this language writes alike for an event, made once.
    pub parts: &'a Parts,
}

/// The parts of feeds that do not depend on the scope: an event's VEVENT, Atom entry and
/// JSON occurrences are the same in the site's feed and in those of its location, initiative
/// and audiences, so each is made once per language and copied into every feed.
pub struct Parts {
    pub vevent: Vec<OnceLock<String>>,
    pub atom: Vec<OnceLock<Vec<u8>>>,
    pub json: Vec<OnceLock<Vec<JsonOccurrence>>>,
    /// VTIMEZONE components by zone name and the years they cover.
    pub zones: Mutex<HashMap<(String, i16, i16), Arc<str>>>,
}

/// An occurrence in the feed window as a JSON object, with its start for sorting.
pub type JsonOccurrence = (String, Box<serde_json::value::RawValue>);

impl Parts {
    fn new(events: usize) -> Parts {
        Parts {
            vevent: (0..events).map(|_| OnceLock::new()).collect(),
            atom: (0..events).map(|_| OnceLock::new()).collect(),
            json: (0..events).map(|_| OnceLock::new()).collect(),
            zones: Mutex::new(HashMap::new()),
        }
    }
}

/// One scope's feeds in one language, decided before anything is written: what a
/// `Feed` borrows, owned, so a feed can be made on its own (serve makes them on request).
pub struct FeedPlan {
    pub scope: Scope,
    pub lang: Lang,
    pub name: String,
    pub page: String,
    pub stem: String,
    pub events: Vec<usize>,
}

/// Every scope feed of the site, and the change time of every event.
pub struct Plans {
    pub feeds: Vec<FeedPlan>,
    pub changes: Vec<OnceLock<Timestamp>>,
    pub parts: BTreeMap<Lang, Parts>,
}

impl Plans {
    pub fn feed<'a>(
        &'a self,
        site: &'a Site,
        strings: &'a BTreeMap<Lang, BTreeMap<String, String>>,
        index: usize,
    ) -> Feed<'a> {
        let plan = &self.feeds[index];
        Feed {
            site,
            scope: plan.scope,
            lang: plan.lang,
            name: &plan.name,
            page: &plan.page,
            stem: &plan.stem,
            events: &plan.events,
            strings: &strings[&plan.lang],
            changes: &self.changes,
            parts: &self.parts[&plan.lang],
        }
    }

    /// The `.ics` of one event ("add to calendar").
    pub fn event_calendar(
        &self,
        site: &Site,
        strings: &BTreeMap<Lang, BTreeMap<String, String>>,
        event: usize,
        lang: Lang,
    ) -> String {
        let item = &site.events[event];
        let ics = event_ics(item, lang);
        let feed = Feed {
            site,
            scope: Scope::Site,
            lang,
            name: &item.text(lang, site.default_lang()).0.title,
            page: item.url(lang),
            stem: ics.trim_end_matches(".ics"),
            events: std::slice::from_ref(&event),
            strings: &strings[&lang],
            changes: &self.changes,
            parts: &self.parts[&lang],
        };
        super::ical::calendar(&feed)
    }
}

impl Feed<'_> {
    /// When event `i` last changed (see `changed`).
    pub fn changed(&self, i: usize) -> Timestamp {
        *self.changes[i].get_or_init(|| changed(self.site, &self.site.events[i]))
    }

    pub fn abs(&self, path: &str) -> String {
        format!("{}{path}", self.site.config.base_url)
    }
}

pub fn scopes(site: &Site) -> Vec<Scope> {
    let mut out = vec![Scope::Site];
    out.extend((0..site.locations.len()).map(Scope::Location));
    out.extend((0..site.initiatives.len()).map(Scope::Initiative));
    out.extend(AUDIENCES.iter().map(|a| Scope::Audience(a)));
    out
}

/// The page of a scope, in `lang`; its feeds live beside it.
pub fn scope_page(site: &Site, scope: Scope, lang: Lang) -> String {
    match scope {
        Scope::Site => urls::section(&site.config, Section::Events, lang),
        Scope::Location(i) => site.locations[i].urls[&lang].clone(),
        Scope::Initiative(i) => site.initiatives[i].urls[&lang].clone(),
        Scope::Audience(code) => urls::audience(&site.config, lang, code),
    }
}

/// `/agenda` for the site, `/locaties/x/agenda` for a location, …
pub fn feed_stem(site: &Site, scope: Scope, lang: Lang) -> String {
    match scope {
        Scope::Site => format!("{}/agenda", urls::prefix(&site.config, lang)),
        other => format!("{}agenda", scope_page(site, other, lang)),
    }
}

pub fn links(site: &Site, scope: Scope, lang: Lang) -> FeedLinks {
    let stem = feed_stem(site, scope, lang);
    let host = site
        .config
        .base_url
        .split_once("://")
        .map_or(site.config.base_url.as_str(), |(_, h)| h);
    FeedLinks {
        webcal: format!("webcal://{host}{stem}.ics"),
        ics: format!("{stem}.ics"),
        atom: format!("{stem}.atom"),
        json: format!("{stem}.json"),
    }
}

/// The event's own `.ics`: `/agenda/open-dag/` → `/agenda/open-dag.ics`.
pub fn event_ics(event: &Item<Event>, lang: Lang) -> String {
    format!("{}.ics", event.url(lang).trim_end_matches('/'))
}

/// The events of a scope (sorted indices into `site.events`); `None` for the whole site.
fn members<'r>(
    site: &Site,
    scope: Scope,
    rel: &'r super::relations::Relations,
) -> Option<&'r [usize]> {
    use super::relations::of;
    match scope {
        Scope::Site => None,
        Scope::Location(i) => Some(of(&rel.events_at, &site.locations[i].id)),
        Scope::Initiative(i) => Some(of(&rel.events_of_initiative, &site.initiatives[i].id)),
        Scope::Audience(code) => Some(of(&rel.events_for, code)),
    }
}

/// Events in feeds: not ended more than 90 days before `now`.
pub fn feed_events(site: &Site) -> Vec<bool> {
    let cutoff = site.now.checked_sub(24.hours() * 90).unwrap_or(site.now);
    let mut keep = vec![false; site.events.len()];
    for occ in &site.occurrences {
        if occ.ends_at > cutoff {
            keep[occ.event] = true;
        }
    }
    keep
}

/// The occurrences of one event within the feed window, in order.
pub fn window(site: &Site, event: usize) -> impl Iterator<Item = &Occurrence> {
    let cutoff = site.now.checked_sub(24.hours() * 90).unwrap_or(site.now);
    site.occurrences_of(event)
        .filter(move |o| o.ends_at > cutoff)
}

/// The time zone an event's local times are in.
pub fn event_tz<'s>(site: &'s Site, event: &'s Event) -> (&'s str, &'s jiff::tz::TimeZone) {
    match &event.timezone {
        Some((name, tz)) => (name, tz),
        None => (&site.config.timezone_name, &site.config.timezone),
    }
}

/// The calendar identity of an event: its `uid`, or a UUID derived from the site and the
/// id (name-based, so it reveals neither host nor person and stays while they do).
pub fn uid(site: &Site, event: &Item<Event>) -> String {
    match &event.fields.uid {
        Some(uid) => uid.clone(),
        None => {
            let name = format!("{}/events/{}", site.config.base_url, event.id);
            uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_URL, name.as_bytes()).to_string()
        }
    }
}

/// When subscribers should consider the event changed: `updated`, or else a time derived
/// from the event's text alone (never the build time, which would make every build look
/// like a change): a fixed instant in 2001–2009 chosen by a hash of the source files.
pub fn changed(site: &Site, event: &Item<Event>) -> Timestamp {
    if let Some(updated) = event.fields.updated {
        let tz = &site.config.timezone;
        if let Ok(ts) = tz.to_ambiguous_timestamp(updated).compatible() {
            return ts;
        }
    }
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for text in event.texts.values() {
        for b in text.source.text.bytes() {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    let base = Timestamp::from_second(978_307_200).unwrap_or(Timestamp::UNIX_EPOCH); // 2001-01-01
    base.checked_add(((hash % (1 << 28)) as i64).seconds())
        .unwrap_or(base)
}

/// The place of an event in words: "Name, Street, 1234 AB City" or the online URL.
pub fn place_text(site: &Site, event: &Event, lang: Lang) -> Option<String> {
    if let Some(loc) = event.location.as_ref().and_then(|r| site.location(&r.id)) {
        let d = &loc.data;
        let mut parts = vec![d.name.text(lang, site.default_lang()).to_string()];
        if let Some(a) = &d.address {
            parts.extend(a.street.clone());
            let city = [
                a.postcode.clone(),
                a.city.clone().or_else(|| Some(d.municipality.clone())),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
            parts.push(city);
        } else {
            parts.push(d.municipality.clone());
        }
        return Some(parts.join(", "));
    }
    event.online.clone()
}

/// The first occurrence in the feed window (the next one, or the most recent past one).
pub fn shown_occurrence(site: &Site, event: usize) -> Option<&Occurrence> {
    let mut occurrences = window(site, event);
    let first = occurrences.next()?;
    if first.ends_at > site.now {
        return Some(first);
    }
    occurrences.find(|o| o.ends_at > site.now).or(Some(first))
}

pub fn is_all_day(event: &Event) -> bool {
    matches!(event.start, When::Day(_))
}

/// Which events each scope's feeds hold, per language.
pub fn plan(
    site: &Site,
    strings: &BTreeMap<Lang, BTreeMap<String, String>>,
    rel: &super::relations::Relations,
) -> Plans {
    let keep = feed_events(site);
    // Events in the order of their first occurrence in the feed window.
    let mut order: Vec<usize> = Vec::new();
    let mut rank = vec![usize::MAX; site.events.len()];
    for occ in &site.occurrences {
        if keep[occ.event] && rank[occ.event] == usize::MAX {
            rank[occ.event] = order.len();
            order.push(occ.event);
        }
    }
    let mut feeds = Vec::new();
    for &lang in &site.config.languages {
        for scope in scopes(site) {
            // A scope's feed costs its own events, not the whole site's.
            let events: Vec<usize> = match members(site, scope, rel) {
                None => order.clone(),
                Some(members) => {
                    let mut events: Vec<usize> =
                        members.iter().copied().filter(|&i| keep[i]).collect();
                    events.sort_unstable_by_key(|&i| rank[i]);
                    events
                }
            };
            feeds.push(FeedPlan {
                scope,
                lang,
                name: scope_name(site, scope, lang, &strings[&lang]),
                page: scope_page(site, scope, lang),
                stem: feed_stem(site, scope, lang),
                events,
            });
        }
    }
    Plans {
        feeds,
        changes: site.events.iter().map(|_| OnceLock::new()).collect(),
        parts: site
            .config
            .languages
            .iter()
            .map(|&l| (l, Parts::new(site.events.len())))
            .collect(),
    }
}

fn scope_name(site: &Site, scope: Scope, lang: Lang, strings: &BTreeMap<String, String>) -> String {
    let c = &site.config;
    let title = c.title.text(lang, c.default_lang());
    let part = match scope {
        Scope::Site => strings
            .get("section_events")
            .cloned()
            .unwrap_or_else(|| "Agenda".into()),
        Scope::Location(i) => site.locations[i]
            .data
            .name
            .text(lang, c.default_lang())
            .to_string(),
        Scope::Initiative(i) => site.initiatives[i]
            .text(lang, c.default_lang())
            .0
            .title
            .clone(),
        Scope::Audience(code) => super::views::label(strings, "audience", code),
    };
    format!("{title} – {part}")
}
