//! Who belongs to whom, computed once per render: for every location, initiative,
//! organisation and audience, its initiatives, courses, events and upcoming occurrences.
//! Pages and feeds look these up instead of scanning all items for every page, so the
//! work grows with the content, not with its square.

use crate::config::Section;
use crate::render::feeds::Scope;
use crate::site::Site;
use std::collections::HashMap;
use std::ops::Range;

/// One event in one month of the agenda: the sessions it has that month.
#[derive(Debug, Clone)]
pub struct MonthEntry {
    pub year: i16,
    pub month: i8,
    pub event: usize,
    /// The start of its first session this month, for the order within the month.
    pub first: jiff::Timestamp,
    /// Indices into the event's `Schedule::sessions`: upcoming sessions in this month.
    pub sessions: Range<usize>,
}

/// Every upcoming event in each month it has an upcoming session in, in agenda order:
/// by month, then by the event's first session that month, then by id.
fn months(site: &Site) -> Vec<MonthEntry> {
    let mut out = Vec::new();
    for &event in &site.upcoming {
        let schedule = site.schedule(event);
        let sessions = &schedule.sessions;
        let mut from = schedule.next;
        while from < sessions.len() {
            let d = sessions[from].start_date();
            let month = (d.year(), d.month());
            let to = sessions[from..]
                .iter()
                .position(|s| {
                    let e = s.start_date();
                    (e.year(), e.month()) != month
                })
                .map_or(sessions.len(), |n| from + n);
            out.push(MonthEntry {
                year: month.0,
                month: month.1,
                event,
                first: sessions[from].starts_at,
                sessions: from..to,
            });
            from = to;
        }
    }
    out.sort_unstable_by_key(|m| (m.year, m.month, m.first, m.event));
    out
}

/// One month of the agenda: its entries in `Relations::months`.
#[derive(Debug, Clone)]
pub struct MonthPage {
    pub year: i16,
    pub month: i8,
    pub entries: Range<usize>,
}

#[derive(Default)]
pub struct Relations {
    /// Upcoming events (indices into `site.events`, by next session) per location,
    /// initiative, organiser and audience.
    pub upcoming_at: HashMap<String, Vec<usize>>,
    pub upcoming_of_initiative: HashMap<String, Vec<usize>>,
    pub upcoming_by_organiser: HashMap<String, Vec<usize>>,
    pub upcoming_for: HashMap<String, Vec<usize>>,
    /// Upcoming events per event type.
    pub upcoming_of_type: HashMap<String, Vec<usize>>,
    /// The agenda by month: each upcoming event once in every month it has sessions in.
    pub months: Vec<MonthEntry>,
    /// The months of the agenda, each with its entries in `months`: one page each.
    pub month_pages: Vec<MonthPage>,
    /// Past events by the year their last session ended in (in the site's zone), the
    /// most recent year first, each in the order of `site.past`.
    pub past_years: Vec<(i16, Vec<usize>)>,
    /// Events (indices into `site.events`) per location, initiative and audience: feeds.
    pub events_at: HashMap<String, Vec<usize>>,
    pub events_of_initiative: HashMap<String, Vec<usize>>,
    pub events_for: HashMap<String, Vec<usize>>,
    /// Courses per initiative, location, provider and audience.
    pub courses_of_initiative: HashMap<String, Vec<usize>>,
    pub courses_at: HashMap<String, Vec<usize>>,
    pub courses_by_provider: HashMap<String, Vec<usize>>,
    pub courses_for: HashMap<String, Vec<usize>>,
    /// Initiatives per location, per organisation (lead, partner or funder) and audience.
    pub initiatives_at: HashMap<String, Vec<usize>>,
    pub initiatives_with: HashMap<String, Vec<usize>>,
    pub initiatives_for: HashMap<String, Vec<usize>>,
}

fn add(map: &mut HashMap<String, Vec<usize>>, key: &str, index: usize) {
    let list = map.entry(key.to_string()).or_default();
    if list.last() != Some(&index) {
        list.push(index);
    }
}

impl Relations {
    pub fn new(site: &Site) -> Relations {
        let mut r = Relations::default();
        for &i in &site.upcoming {
            let e = &site.events[i].fields;
            if let Some(l) = &e.location {
                add(&mut r.upcoming_at, &l.id, i);
            }
            if let Some(ini) = &e.initiative {
                add(&mut r.upcoming_of_initiative, &ini.id, i);
            }
            if let Some(o) = &e.organiser {
                add(&mut r.upcoming_by_organiser, &o.id, i);
            }
            for a in &e.audiences {
                add(&mut r.upcoming_for, a, i);
            }
            add(&mut r.upcoming_of_type, e.event_type.code(), i);
        }
        r.months = months(site);
        for (index, m) in r.months.iter().enumerate() {
            match r.month_pages.last_mut() {
                Some(page) if (page.year, page.month) == (m.year, m.month) => {
                    page.entries.end = index + 1
                }
                _ => r.month_pages.push(MonthPage {
                    year: m.year,
                    month: m.month,
                    entries: index..index + 1,
                }),
            }
        }
        for &event in &site.past {
            let Some(last) = site.schedule(event).last() else {
                continue;
            };
            let year = last.ended_on(&site.config.timezone).year();
            match r.past_years.last_mut() {
                Some((y, list)) if *y == year => list.push(event),
                _ => r.past_years.push((year, vec![event])),
            }
        }
        for (i, event) in site.events.iter().enumerate() {
            let e = &event.fields;
            if let Some(l) = &e.location {
                add(&mut r.events_at, &l.id, i);
            }
            if let Some(ini) = &e.initiative {
                add(&mut r.events_of_initiative, &ini.id, i);
            }
            for a in &e.audiences {
                add(&mut r.events_for, a, i);
            }
        }
        for (i, course) in site.courses.iter().enumerate() {
            let c = &course.fields;
            if let Some(ini) = &c.initiative {
                add(&mut r.courses_of_initiative, &ini.id, i);
            }
            for l in &c.locations {
                add(&mut r.courses_at, &l.id, i);
            }
            add(&mut r.courses_by_provider, &c.provider.id, i);
            for a in &c.audiences {
                add(&mut r.courses_for, a, i);
            }
        }
        for (i, initiative) in site.initiatives.iter().enumerate() {
            let f = &initiative.fields;
            for l in &f.locations {
                add(&mut r.initiatives_at, &l.id, i);
            }
            let orgs = f
                .lead
                .iter()
                .chain(&f.partners)
                .chain(f.funding.iter().map(|x| &x.organisation));
            for o in orgs {
                add(&mut r.initiatives_with, &o.id, i);
            }
            for a in &f.audiences {
                add(&mut r.initiatives_for, a, i);
            }
        }
        for list in r.initiatives_with.values_mut() {
            list.sort_unstable();
            list.dedup();
        }
        r
    }
}

impl Relations {
    /// An audience's initiatives or courses.
    pub fn audience_list(&self, code: &str, section: Section) -> &[usize] {
        match section {
            Section::Initiatives => of(&self.initiatives_for, code),
            _ => of(&self.courses_for, code),
        }
    }

    /// The upcoming events of a scope, by next session.
    pub fn upcoming_in<'a>(&'a self, site: &'a Site, scope: Scope) -> &'a [usize] {
        match scope {
            Scope::Site => &site.upcoming,
            Scope::Location(i) => of(&self.upcoming_at, &site.locations[i].id),
            Scope::Initiative(i) => of(&self.upcoming_of_initiative, &site.initiatives[i].id),
            Scope::Audience(code) => of(&self.upcoming_for, code),
        }
    }
}

/// The list for `key`, or an empty one.
pub fn of<'a>(map: &'a HashMap<String, Vec<usize>>, key: &str) -> &'a [usize] {
    map.get(key).map_or(&[], Vec::as_slice)
}
