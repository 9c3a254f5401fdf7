//! Cards, the summaries of items on lists, made by the theme's `partials/card.html`. A
//! large agenda shows each event on many pages (the agenda, its type, its audiences,
//! location, initiative and organiser, the embeddable agenda), so each card is made once
//! per language and its HTML copied into every list that shows it.
//!
//! An event is one card however often it repeats (SPEC §2.1). The card says what the
//! script needs to keep it true after the build: `data-ends` (the end of the last session
//! it stands for), `data-start` (the start of the first, to keep the list in order) and,
//! for a series, `data-sessions` (each session's start, end and date in words, so the
//! "next" line moves on).

use super::Uses;
use super::dates;
use super::labels::{Strings, label};
use super::relations::MonthEntry;
use super::views::{Card, item_card};
use crate::diagnostic::Diagnostic;
use crate::model::{EventStatus, Lang};
use crate::site::{Session, Site};
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

/// Listed in `theme::REQUIRED`, so a theme without it is refused when it loads.
pub const TEMPLATE: &str = "partials/card.html";

type Slot = OnceLock<Result<String, Diagnostic>>;

/// The cards of one language made so far. A site patched from another (`serve`) shares
/// the other's cards but for those of the events and courses changed since it was built.
pub struct CardCache {
    base: Arc<Slots>,
    /// Slots of their own for the cards of `changed`.
    fresh: HashMap<Of, Slot>,
    changed: Vec<Uses>,
}

struct Slots {
    events: Vec<Slot>,
    months: Vec<Slot>,
    initiatives: Vec<Slot>,
    courses: Vec<Slot>,
}

/// Which card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Of {
    /// An event as one entry: upcoming with its next session, or past.
    Event(usize),
    /// An event in one agenda month (index into `Relations::months`).
    Month(usize),
    Initiative(usize),
    Course(usize),
}

fn slots(n: usize) -> Vec<Slot> {
    (0..n).map(|_| OnceLock::new()).collect()
}

impl CardCache {
    pub fn new(site: &Site, months: usize) -> CardCache {
        CardCache {
            base: Arc::new(Slots {
                events: slots(site.events.len()),
                months: slots(months),
                initiatives: slots(site.initiatives.len()),
                courses: slots(site.courses.len()),
            }),
            fresh: HashMap::new(),
            changed: Vec::new(),
        }
    }

    /// The cards of a site patched from this one, in which `changed` say other things:
    /// theirs are made again, every other card is shared.
    pub fn patched(&self, changed: &[Uses], months: &[MonthEntry]) -> CardCache {
        let mut all: Vec<Uses> = self.changed.iter().chain(changed).copied().collect();
        all.sort_unstable();
        all.dedup();
        let mut fresh = HashMap::new();
        for &u in &all {
            match u {
                Uses::Event(i) => {
                    fresh.insert(Of::Event(i), Slot::new());
                    for (m, _) in months.iter().enumerate().filter(|(_, e)| e.event == i) {
                        fresh.insert(Of::Month(m), Slot::new());
                    }
                }
                Uses::Course(i) => {
                    fresh.insert(Of::Course(i), Slot::new());
                }
            }
        }
        CardCache {
            base: self.base.clone(),
            fresh,
            changed: all,
        }
    }

    pub fn slot(&self, of: Of) -> &Slot {
        if !self.fresh.is_empty()
            && let Some(slot) = self.fresh.get(&of)
        {
            return slot;
        }
        let base = &self.base;
        match of {
            Of::Event(i) => &base.events[i],
            Of::Month(i) => &base.months[i],
            Of::Initiative(i) => &base.initiatives[i],
            Of::Course(i) => &base.courses[i],
        }
    }
}

/// The card of event `index` standing for `sessions`: all its upcoming sessions (lists),
/// one month's (`month`), or none if it is past (the archive shows its last session and
/// is never hidden).
pub fn event_card(
    site: &Site,
    index: usize,
    month: Option<&MonthEntry>,
    lang: Lang,
    strings: &Strings,
) -> Card {
    let event = &site.events[index];
    let f = &event.fields;
    let schedule = site.schedule(index);
    let tz = &schedule.tz;
    let mut card = item_card(site, event, lang);
    let stands_for: &[Session] = match month {
        Some(m) => &schedule.sessions[m.sessions.clone()],
        None => schedule.upcoming(),
    };
    let cancelled = f.status == EventStatus::Cancelled;
    card.cancelled = cancelled;
    card.location = f.location.as_ref().map(|r| r.id.clone());
    card.audiences = f.audiences.clone();
    card.initiative = f.initiative.as_ref().map(|r| r.id.clone());
    if f.status != EventStatus::Scheduled {
        card.status = Some(label(strings, "statuses", f.status.code()));
    }
    card.previous = super::labels::previously(strings, lang, f, tz);
    card.ends = Session::last_end(stands_for).map(|t| t.to_string());
    card.start = stands_for.first().map(|s| s.starts_at.to_string());
    match (&f.repeat, schedule.first()) {
        (Some(repeat), Some(first)) => {
            card.rule = Some(dates::rule(lang, repeat, first));
            if let Some(m) = month {
                card.dates = Some(dates::days_in_month(
                    lang,
                    &schedule.sessions[m.sessions.clone()],
                ));
            }
            match stands_for.first() {
                Some(next) => {
                    card.next = Some(dates::session_day(lang, next, tz));
                    card.sessions = Some(sessions_attr(lang, stands_for, tz));
                }
                // Past: the last session it had.
                None => card.when = schedule.last().map(|s| dates::when_view(lang, s, tz)),
            }
        }
        _ => card.when = schedule.shown().map(|s| dates::when_view(lang, s, tz)),
    }
    card.meta.push(label(strings, "types", f.event_type.code()));
    if let Some(loc) = schedule.location.map(|i| &site.locations[i]) {
        card.meta
            .push(loc.data.name.text(lang, site.default_lang()).to_string());
    } else if f.online.is_some() {
        card.meta.push(label(strings, "label", "online"));
    }
    card
}

/// `datetime,start,end,date in words;…` for the script (`datetime` for `<time>`, start and
/// end as UTC instants): compact, and without characters an attribute must escape (dates
/// in words hold letters, digits and spaces only).
fn sessions_attr(lang: Lang, sessions: &[Session], tz: &jiff::tz::TimeZone) -> String {
    let list: Vec<String> = sessions
        .iter()
        .map(|s| {
            let day = dates::session_day(lang, s, tz);
            format!("{},{},{},{}", day.iso, s.starts_at, s.ends_at, day.text)
        })
        .collect();
    list.join(";")
}
