//! Agenda feeds (SPEC §3): which scopes have feeds (the site, each location, each
//! initiative, each audience), which events each holds (upcoming, and those that ended in
//! the last 90 days), where the files go, and the place of an event in words. An event's
//! identity, time zone, sessions and change time come resolved from its `Schedule`. The
//! formats are in `ical`, `atom`, `json`.

use super::labels::{Strings, label};
use crate::config::Section;
use crate::model::{AUDIENCES, Event, Lang};
use crate::site::{Item, Session, Site};
use crate::urls;
use jiff::{Timestamp, ToSpan};
use std::collections::BTreeMap;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

/// What a set of feeds covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
    /// The scope's subscribe page.
    pub subscribe: String,
    /// The iCalendar feed's full address (to copy, and for Outlook).
    pub url: String,
    /// One click to subscribe in Google Calendar and in Outlook on the web (§3).
    pub google: String,
    pub outlook: String,
}

/// A feed being written: its scope, language, name and events.
pub struct Feed<'a> {
    pub site: &'a Site,
    pub lang: Lang,
    /// "Techniek in Utrecht-West – TechnoHub Woerden"
    pub name: &'a str,
    /// Path of the scope's HTML page in `lang`.
    pub page: &'a str,
    /// Path of the feed files without extension (`/locaties/x/agenda`).
    pub stem: &'a str,
    /// Indices into `site.events`, in agenda order.
    pub events: &'a [usize],
    pub strings: &'a Strings,
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
    pub lang: Lang,
    pub name: String,
    pub page: String,
    pub stem: String,
    pub events: Vec<usize>,
}

/// Every scope feed of the site, and the parts they share per language.
pub struct Plans {
    pub feeds: Arc<Vec<FeedPlan>>,
    pub parts: BTreeMap<Lang, Parts>,
}

impl Plans {
    /// The same feeds with none of their parts made yet: for a site whose events say other
    /// things but are the same events in the same places (`Plan::patched`).
    pub fn unmade(&self) -> Plans {
        Plans {
            feeds: self.feeds.clone(),
            parts: self
                .parts
                .iter()
                .map(|(&l, parts)| (l, Parts::new(parts.vevent.len())))
                .collect(),
        }
    }

    pub fn feed<'a>(
        &'a self,
        site: &'a Site,
        strings: &'a BTreeMap<Lang, Strings>,
        index: usize,
    ) -> Feed<'a> {
        let plan = &self.feeds[index];
        Feed {
            site,
            lang: plan.lang,
            name: &plan.name,
            page: &plan.page,
            stem: &plan.stem,
            events: &plan.events,
            strings: &strings[&plan.lang],
            parts: &self.parts[&plan.lang],
        }
    }
}

impl Feed<'_> {
    /// When event `i` last changed (SPEC §1.3), resolved by `assemble`.
    pub fn changed(&self, i: usize) -> Timestamp {
        self.site.schedule(i).changed
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
        // An audience's feeds stay under its code, whatever word its page has.
        Scope::Audience(code) => {
            format!("{}agenda", urls::audience_by_code(&site.config, lang, code))
        }
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
    let webcal = format!("webcal://{host}{stem}.ics");
    let url = format!("{}{stem}.ics", site.config.base_url);
    let query = |u: &str| {
        percent_encoding::utf8_percent_encode(u, percent_encoding::NON_ALPHANUMERIC).to_string()
    };
    FeedLinks {
        google: format!(
            "https://calendar.google.com/calendar/r?cid={}",
            query(&webcal)
        ),
        outlook: format!(
            "https://outlook.live.com/calendar/0/addfromweb?url={}",
            query(&url)
        ),
        subscribe: urls::subscribe(&scope_page(site, scope, lang), lang),
        webcal,
        url,
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

/// How far back feeds reach: sessions that ended in the last 90 days stay in them.
pub fn cutoff(site: &Site) -> Timestamp {
    site.now.checked_sub(24.hours() * 90).unwrap_or(site.now)
}

/// The sessions of one event that its feeds hold, in time order.
pub fn window(site: &Site, event: usize) -> &[Session] {
    site.schedule(event).since(cutoff(site))
}

/// The place of an event in words: "Name, Street, 1234 AB City" or the online URL.
pub fn place_text(site: &Site, event: usize, lang: Lang) -> Option<String> {
    let schedule = site.schedule(event);
    if let Some(loc) = schedule.location.map(|i| &site.locations[i]) {
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
    site.events[event].fields.online.clone()
}

/// Which events each scope's feeds hold, per language.
pub fn plan(
    site: &Site,
    strings: &BTreeMap<Lang, Strings>,
    rel: &super::relations::Relations,
) -> Plans {
    // Events in the order of their first session in the feed window, then by id.
    let first: Vec<Option<Timestamp>> = (0..site.events.len())
        .map(|i| window(site, i).first().map(|s| s.starts_at))
        .collect();
    let mut order: Vec<usize> = (0..site.events.len())
        .filter(|&i| first[i].is_some())
        .collect();
    order.sort_by_key(|&i| (first[i], i));
    let mut rank = vec![usize::MAX; site.events.len()];
    for (r, &i) in order.iter().enumerate() {
        rank[i] = r;
    }
    let mut feeds = Vec::new();
    for &lang in &site.config.languages {
        for scope in scopes(site) {
            // A scope's feed costs its own events, not the whole site's.
            let events: Vec<usize> = match members(site, scope, rel) {
                None => order.clone(),
                Some(members) => {
                    let mut events: Vec<usize> = members
                        .iter()
                        .copied()
                        .filter(|&i| first[i].is_some())
                        .collect();
                    events.sort_unstable_by_key(|&i| rank[i]);
                    events
                }
            };
            feeds.push(FeedPlan {
                lang,
                name: scope_name(site, scope, lang, &strings[&lang]),
                page: scope_page(site, scope, lang),
                stem: feed_stem(site, scope, lang),
                events,
            });
        }
    }
    Plans {
        feeds: Arc::new(feeds),
        parts: site
            .config
            .languages
            .iter()
            .map(|&l| (l, Parts::new(site.events.len())))
            .collect(),
    }
}

/// A scope's name in a feed: the site's title and the scope's own (`scope_label`).
pub fn scope_name(site: &Site, scope: Scope, lang: Lang, strings: &Strings) -> String {
    let c = &site.config;
    let title = c.title.text(lang, c.default_lang());
    format!("{title} – {}", scope_label(site, scope, lang, strings))
}

/// What a scope is called on its own: "Agenda", a location's or initiative's name, an
/// audience.
pub fn scope_label(site: &Site, scope: Scope, lang: Lang, strings: &Strings) -> String {
    let c = &site.config;
    match scope {
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
        Scope::Audience(code) => label(strings, "audience", code),
    }
}
