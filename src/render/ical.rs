//! iCalendar (RFC 5545) for a feed: lines end in CRLF and are folded at 75 octets without
//! splitting a UTF-8 character; text is escaped; every time zone used gets a VTIMEZONE
//! built from jiff's time-zone data for the years the feed covers; repeating events are
//! one VEVENT with RRULE and EXDATE. No crate writes all of this the way calendar
//! programs need it, so the writer is here; tests parse its output with another crate.

use super::feeds::{self, Feed, Plans};
use super::labels::{Strings, label};
use crate::agenda::instant;
use crate::model::{Event, EventStatus, Every, Lang, RepeatEnd, When};
use crate::site::Site;
use jiff::civil::{Date, DateTime};
use jiff::tz::{Offset, TimeZone};
use jiff::{Timestamp, ToSpan};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// A calendar being written, line by line.
#[derive(Default)]
struct Writer {
    out: String,
}

impl Writer {
    /// One content line: `name` with its parameters, then the (already encoded) value.
    fn line(&mut self, name: &str, value: &str) {
        fold_into(&mut self.out, &format!("{name}:{value}"));
    }

    /// A TEXT property, escaped.
    fn text(&mut self, name: &str, value: &str) {
        self.line(name, &escape(value));
    }
}

/// RFC 5545 §3.3.11: backslash, semicolon, comma and newlines in TEXT.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends `line` folded at 75 octets (RFC 5545 §3.1), never inside a UTF-8 character,
/// each physical line ending in CRLF.
pub fn fold_into(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

fn utc(ts: Timestamp) -> String {
    ts.strftime("%Y%m%dT%H%M%SZ").to_string()
}

fn local(dt: DateTime) -> String {
    dt.strftime("%Y%m%dT%H%M%S").to_string()
}

fn day(d: Date) -> String {
    d.strftime("%Y%m%d").to_string()
}

fn offset(o: Offset) -> String {
    let secs = o.seconds();
    let sign = if secs < 0 { '-' } else { '+' };
    let a = secs.unsigned_abs();
    let (h, m, s) = (a / 3600, a % 3600 / 60, a % 60);
    if s == 0 {
        format!("{sign}{h:02}{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}{s:02}")
    }
}

/// The `.ics` of one event ("add to calendar").
pub fn event_calendar(
    plans: &Plans,
    site: &Site,
    strings: &BTreeMap<Lang, Strings>,
    event: usize,
    lang: Lang,
) -> String {
    let item = &site.events[event];
    let ics = feeds::event_ics(item, lang);
    let feed = Feed {
        site,
        lang,
        name: &item.text(lang, site.default_lang()).0.title,
        page: item.url(lang),
        stem: ics.trim_end_matches(".ics"),
        events: std::slice::from_ref(&event),
        strings: &strings[&lang],
        parts: &plans.parts[&lang],
    };
    calendar(&feed)
}

pub fn calendar(feed: &Feed) -> String {
    let site = feed.site;
    let mut w = Writer::default();
    w.line("BEGIN", "VCALENDAR");
    w.line("VERSION", "2.0");
    w.line("PRODID", "-//werkplaats//werkplaats agenda//NL");
    w.line("CALSCALE", "GREGORIAN");
    w.line("METHOD", "PUBLISH");
    w.text("NAME", feed.name);
    w.text("X-WR-CALNAME", feed.name);
    w.text("X-WR-TIMEZONE", &site.config.timezone_name);
    w.line("REFRESH-INTERVAL;VALUE=DURATION", "PT12H");
    w.line("X-PUBLISHED-TTL", "PT12H");
    w.line("URL;VALUE=URI", &feed.abs(feed.page));
    let mut zones = zones(feed);
    if zones.is_empty() {
        // RFC 5545 wants at least one component: an empty feed still describes the
        // site's time zone for the coming year.
        let year = site.now.to_zoned(site.config.timezone.clone()).year();
        zones.insert(
            site.config.timezone_name.clone(),
            (&site.config.timezone, (year, year.saturating_add(1))),
        );
    }
    for (name, (tz, years)) in zones {
        // The same few zones and years come back in every feed and every event's own
        // file: each VTIMEZONE is made once.
        let key = (name, years.0, years.1);
        let known = feed
            .parts
            .zones
            .lock()
            .ok()
            .and_then(|z| z.get(&key).cloned());
        let text = known.unwrap_or_else(|| {
            let mut one = Writer::default();
            vtimezone(&mut one, &key.0, tz, years);
            let text: std::sync::Arc<str> = one.out.into();
            if let Ok(mut z) = feed.parts.zones.lock() {
                z.insert(key, text.clone());
            }
            text
        });
        w.out.push_str(&text);
    }
    for &i in feed.events {
        let part = feed.parts.vevent[i].get_or_init(|| {
            let mut one = Writer::default();
            vevent(&mut one, feed, i);
            one.out
        });
        w.out.push_str(part);
    }
    w.line("END", "VCALENDAR");
    w.out
}

/// The time zones of a feed's timed events, with the years they must cover.
fn zones<'s>(feed: &Feed<'s>) -> BTreeMap<String, (&'s TimeZone, (i16, i16))> {
    let site: &'s Site = feed.site;
    let mut out: BTreeMap<String, (&'s TimeZone, (i16, i16))> = BTreeMap::new();
    for &i in feed.events {
        let event = &site.events[i].fields;
        if matches!(event.start, When::Day(_)) {
            continue;
        }
        let schedule = site.schedule(i);
        let first = first_date(event).year();
        let last = last_date(site, i).year();
        let entry = out
            .entry(schedule.tz_name.clone())
            .or_insert((&schedule.tz, (first, last)));
        entry.1 = (entry.1.0.min(first), entry.1.1.max(last));
    }
    out
}

fn first_date(event: &Event) -> Date {
    event.start.date()
}

/// The last date the feed must describe for an event: the day of its last session, or
/// (repeating for ever) the agenda horizon.
fn last_date(site: &Site, index: usize) -> Date {
    let schedule = site.schedule(index);
    schedule.last_day.unwrap_or_else(|| {
        let horizon = crate::agenda::horizon(site.now, &site.config.timezone);
        schedule
            .last()
            .map_or(horizon, |s| s.end.unwrap_or(s.start).date().max(horizon))
    })
}

/// A VTIMEZONE with one STANDARD or DAYLIGHT component per transition in `years`, plus
/// the one in force when they begin: explicit transitions, read from jiff's data, which
/// every calendar program understands.
fn vtimezone(w: &mut Writer, name: &str, tz: &TimeZone, (first, last): (i16, i16)) {
    let start = instant(tz, When::Day(Date::new(first, 1, 1).unwrap_or_default()))
        .unwrap_or(Timestamp::UNIX_EPOCH);
    let end = instant(
        tz,
        When::Day(Date::new(last.saturating_add(1), 1, 1).unwrap_or_default()),
    )
    .unwrap_or(start);
    w.line("BEGIN", "VTIMEZONE");
    w.text("TZID", name);
    let mut transitions: Vec<(Timestamp, Offset, bool, String)> = Vec::new();
    if let Some(t) = tz
        .preceding(start.checked_add(1.second()).unwrap_or(start))
        .next()
    {
        transitions.push((
            t.timestamp(),
            t.offset(),
            t.dst().is_dst(),
            t.abbreviation().to_string(),
        ));
    }
    for t in tz.following(start) {
        if t.timestamp() >= end {
            break;
        }
        transitions.push((
            t.timestamp(),
            t.offset(),
            t.dst().is_dst(),
            t.abbreviation().to_string(),
        ));
    }
    if transitions.is_empty() {
        let o = tz.to_offset(start);
        w.line("BEGIN", "STANDARD");
        w.line("DTSTART", "19700101T000000");
        w.line("TZOFFSETFROM", &offset(o));
        w.line("TZOFFSETTO", &offset(o));
        w.line("END", "STANDARD");
    }
    for (at, to, dst, abbreviation) in transitions {
        let from = tz.to_offset(at.checked_sub(1.second()).unwrap_or(at));
        let kind = if dst { "DAYLIGHT" } else { "STANDARD" };
        let local_start = from.to_datetime(at);
        w.line("BEGIN", kind);
        w.line("DTSTART", &local(local_start));
        w.line("TZOFFSETFROM", &offset(from));
        w.line("TZOFFSETTO", &offset(to));
        if !abbreviation.is_empty() && !abbreviation.starts_with(['+', '-']) {
            w.text("TZNAME", &abbreviation);
        }
        w.line("END", kind);
    }
    w.line("END", "VTIMEZONE");
}

fn vevent(w: &mut Writer, feed: &Feed, index: usize) {
    let site = feed.site;
    let lang = feed.lang;
    let item = &site.events[index];
    let event = &item.fields;
    let schedule = site.schedule(index);
    let (tz_name, tz) = (&schedule.tz_name, &schedule.tz);
    let (text, _) = item.text(lang, site.default_lang());
    let changed = utc(schedule.changed);
    let url = feed.abs(item.url(lang));
    w.line("BEGIN", "VEVENT");
    w.text("UID", &schedule.uid);
    w.line("DTSTAMP", &changed);
    w.line("LAST-MODIFIED", &changed);
    w.line("SEQUENCE", &event.sequence.to_string());
    if let Some(first) = &schedule.defined {
        match (first.start, first.effective_end(tz)) {
            (When::Day(s), When::Day(e)) => {
                w.line("DTSTART;VALUE=DATE", &day(s));
                w.line("DTEND;VALUE=DATE", &day(e));
            }
            (When::At(s), When::At(e)) => {
                w.line(&format!("DTSTART;TZID={tz_name}"), &local(s));
                w.line(&format!("DTEND;TZID={tz_name}"), &local(e));
            }
            _ => {}
        }
    }
    if let Some(rule) = rrule(event, tz) {
        w.line("RRULE", &rule);
        exdate(w, event, tz_name);
    }
    let status_label = match event.status {
        EventStatus::Scheduled => String::new(),
        other => format!("{}: ", label(feed.strings, "statuses", other.code())),
    };
    w.text("SUMMARY", &format!("{status_label}{}", text.title));
    let moved = super::labels::previously(feed.strings, lang, event, tz)
        .map(|p| format!("{}.\n\n", super::labels::sentence(&p)))
        .unwrap_or_default();
    w.text("DESCRIPTION", &format!("{moved}{}\n\n{url}", text.summary));
    if let Some(place) = feeds::place_text(site, index, lang) {
        w.text("LOCATION", &place);
    }
    if let Some(geo) = schedule.location.and_then(|i| site.locations[i].data.geo) {
        w.line("GEO", &format!("{:.6};{:.6}", geo.lat, geo.lon));
    }
    w.line("URL;VALUE=URI", &url);
    // A postponed event that says when it was planned has moved to `start`: confirmed
    // there. Without `previous_start` its new date is still to come, so `start` is only
    // tentative (RFC 5545 `TENTATIVE`, beside SPEC §3's CONFIRMED and CANCELLED).
    let status = match (event.status, event.previous_start) {
        (EventStatus::Cancelled, _) => "CANCELLED",
        (EventStatus::Postponed, None) => "TENTATIVE",
        _ => "CONFIRMED",
    };
    w.line("STATUS", status);
    let mut categories = vec![escape(&label(
        feed.strings,
        "types",
        event.event_type.code(),
    ))];
    categories.extend(
        event
            .audiences
            .iter()
            .map(|a| escape(&label(feed.strings, "audience", a))),
    );
    w.line("CATEGORIES", &categories.join(","));
    w.line("END", "VEVENT");
}

/// The RRULE value of a series (`FREQ=WEEKLY;UNTIL=…`), also used by the Google
/// Calendar link. With a TZID start, UNTIL is the last start as a UTC time (RFC 5545
/// §3.3.10); for whole-day events it is a date.
pub fn rrule(event: &Event, tz: &TimeZone) -> Option<String> {
    let repeat = event.repeat.as_ref()?;
    let mut rule = match repeat.every {
        Every::Month => "FREQ=MONTHLY".to_string(),
        Every::Week => "FREQ=WEEKLY".to_string(),
    };
    if repeat.interval > 1 {
        let _ = write!(rule, ";INTERVAL={}", repeat.interval);
    }
    match (&repeat.end, event.start) {
        (RepeatEnd::Count(n), _) => {
            let _ = write!(rule, ";COUNT={n}");
        }
        (RepeatEnd::Until(u), When::Day(_)) => {
            let _ = write!(rule, ";UNTIL={}", day(*u));
        }
        (RepeatEnd::Until(u), When::At(s)) => {
            let last_start = u.to_datetime(s.time());
            if let Some(ts) = instant(tz, When::At(last_start)) {
                let _ = write!(rule, ";UNTIL={}", utc(ts));
            }
        }
        (RepeatEnd::Forever, _) => {}
    }
    Some(rule)
}

/// EXDATE for a series' `except` dates.
fn exdate(w: &mut Writer, event: &Event, tz_name: &str) {
    let Some(repeat) = &event.repeat else { return };
    if repeat.except.is_empty() {
        return;
    }
    match event.start {
        When::Day(_) => {
            let dates: Vec<String> = repeat.except.iter().map(|d| day(*d)).collect();
            w.line("EXDATE;VALUE=DATE", &dates.join(","));
        }
        When::At(s) => {
            let times: Vec<String> = repeat
                .except
                .iter()
                .map(|d| local(d.to_datetime(s.time())))
                .collect();
            w.line(&format!("EXDATE;TZID={tz_name}"), &times.join(","));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_text_as_rfc5545_says() {
        assert_eq!(escape("a,b;c\\d\ne\r\nf"), "a\\,b\\;c\\\\d\\ne\\nf");
    }

    #[test]
    fn folds_at_75_octets_without_splitting_characters() {
        let mut out = String::new();
        let line = format!("SUMMARY:{}", "é".repeat(100));
        fold_into(&mut out, &line);
        for physical in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(
                physical.len() <= 75,
                "{} octets: {physical}",
                physical.len()
            );
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded.trim_end(), line);
    }

    #[test]
    fn offsets_are_written_as_rfc5545_utc_offsets() {
        assert_eq!(offset(Offset::constant(2)), "+0200");
        assert_eq!(
            offset(Offset::from_seconds(-(3 * 3600 + 1800)).expect("valid")),
            "-0330"
        );
    }
}
