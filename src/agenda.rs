//! Expands events into sessions: one for a single event, one per repetition for a
//! repeating event (weekly or monthly, with `interval`, `until`/`count` and `except`),
//! up to twelve months after `now`. Times are local to the event's time zone; each
//! session also carries its start and effective end as instants, to split the agenda at
//! `now`. The effective end is decided here and nowhere else.

use crate::model::{Event, Every, RepeatEnd, When};
use crate::site::Session;
use jiff::civil::{Date, DateTime, Time};
use jiff::tz::TimeZone;
use jiff::{Span, Timestamp, ToSpan};

/// How far ahead repeating events are shown.
pub fn horizon(now: Timestamp, tz: &TimeZone) -> Date {
    let today = now.to_zoned(tz.clone()).date();
    today.checked_add(12.months()).unwrap_or(today)
}

/// Never more occurrences than this from one event, whatever it says.
const MAX_OCCURRENCES: usize = 5000;

/// The sessions of `event` in its time zone `tz`, up to the horizon seen from `now` in
/// the site's time zone.
pub fn expand(event: &Event, tz: &TimeZone, site_tz: &TimeZone, now: Timestamp) -> Vec<Session> {
    let today = now.to_zoned(site_tz.clone()).date();
    let dates = start_dates_reaching(event, horizon(now, site_tz), today);
    dates
        .into_iter()
        .filter_map(|date| session(event, tz, date))
        .collect()
}

/// The session `start` and `end` describe (a series' first, even if excepted).
pub fn defined(event: &Event, tz: &TimeZone) -> Option<Session> {
    session(event, tz, event.start.date())
}

/// The last day of the event's last session, however far ahead; `None` if it repeats for
/// ever.
pub fn last_day(event: &Event) -> Option<Date> {
    let last_start = match event.repeat.as_ref().map(|r| &r.end) {
        Some(RepeatEnd::Forever) => return None,
        Some(_) => *start_dates(event, Date::MAX).last()?,
        None => event.start.date(),
    };
    let (start, end) = shifted(event, last_start)?;
    Some(end.unwrap_or(start).date())
}

/// The start dates of all occurrences up to `horizon` (and at least the first), `except`
/// removed.
pub fn start_dates(event: &Event, horizon: Date) -> Vec<Date> {
    start_dates_reaching(event, horizon, Date::MIN)
}

/// The start dates up to `horizon`, `except` removed, going past the horizon until there
/// is one after `reach`: a series whose next session is more than twelve months ahead
/// (one that starts far ahead, or a fair every two years) is listed with that session,
/// not left out of the agenda and the feeds.
fn start_dates_reaching(event: &Event, horizon: Date, reach: Date) -> Vec<Date> {
    let first = event.start.date();
    let Some(repeat) = &event.repeat else {
        return vec![first];
    };
    let mut out = Vec::new();
    let mut produced: u32 = 0;
    let interval = i64::from(repeat.interval.max(1));
    for k in 0..(MAX_OCCURRENCES as i64 * 4) {
        let step = k * interval;
        let candidate = if repeat.every == Every::Month {
            let Some(month) = first.first_of_month().checked_add(step.months()).ok() else {
                break;
            };
            match Date::new(month.year(), month.month(), first.day()) {
                Ok(d) => d,
                Err(_) => continue,
            }
        } else {
            match first.checked_add((step * 7).days()) {
                Ok(d) => d,
                Err(_) => break,
            }
        };
        match repeat.end {
            RepeatEnd::Until(until) if candidate > until => break,
            RepeatEnd::Count(count) if produced >= count => break,
            _ => {}
        }
        let reached = out.last().is_some_and(|last| *last > reach);
        if (candidate > horizon && reached) || out.len() >= MAX_OCCURRENCES {
            break;
        }
        produced += 1;
        if !repeat.except.contains(&candidate) {
            out.push(candidate);
        }
    }
    out
}

fn session(event: &Event, tz: &TimeZone, date: Date) -> Option<Session> {
    let (start, end) = shifted(event, date)?;
    let starts_at = instant(tz, start)?;
    let ends_at = match end {
        Some(When::Day(d)) => instant(tz, When::Day(d.tomorrow().ok()?))?,
        Some(at) => instant(tz, at)?,
        None => match start {
            When::Day(d) => instant(tz, When::Day(d.tomorrow().ok()?))?,
            When::At(_) => starts_at.checked_add(1.hour()).ok()?,
        },
    };
    Some(Session {
        start,
        end,
        starts_at,
        ends_at,
    })
}

/// The event's start and end moved to start on `date`, keeping its length.
fn shifted(event: &Event, date: Date) -> Option<(When, Option<When>)> {
    let first = event.start.date();
    let shift: Span = first.until(date).ok()?;
    let move_when = |w: When| -> Option<When> {
        Some(match w {
            When::Day(d) => When::Day(d.checked_add(shift).ok()?),
            When::At(dt) => When::At(dt.checked_add(shift).ok()?),
        })
    };
    let start = move_when(event.start)?;
    let end = match event.end {
        Some(e) => Some(move_when(e)?),
        None => None,
    };
    Some((start, end))
}

/// The instant a local time (or the start of a day) happens in `tz`. Times that do not
/// exist were refused at parse time; repetitions that land in a gap move forward.
pub fn instant(tz: &TimeZone, when: When) -> Option<Timestamp> {
    let dt: DateTime = match when {
        When::Day(d) => d.to_datetime(Time::midnight()),
        When::At(dt) => dt,
    };
    tz.to_ambiguous_timestamp(dt).compatible().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Repeat;
    use jiff::civil::date;

    fn weekly(end: RepeatEnd, except: Vec<Date>) -> Event {
        Event {
            event_type: crate::model::EventType::Workshop,
            start: When::At(date(2027, 1, 6).at(14, 0, 0, 0)),
            end: Some(When::At(date(2027, 1, 6).at(16, 0, 0, 0))),
            timezone: None,
            location: None,
            online: None,
            initiative: None,
            organiser: None,
            audiences: vec![],
            registration_url: None,
            cost: None,
            status: crate::model::EventStatus::Scheduled,
            previous_start: None,
            repeat: Some(Repeat {
                every: Every::Week,
                interval: 1,
                end,
                except,
            }),
            uid: None,
            updated: None,
            sequence: 0,
        }
    }

    #[test]
    fn count_includes_excepted_dates_like_rfc5545() {
        let event = weekly(RepeatEnd::Count(4), vec![date(2027, 1, 13)]);
        let dates = start_dates(&event, date(2030, 1, 1));
        assert_eq!(
            dates,
            vec![date(2027, 1, 6), date(2027, 1, 20), date(2027, 1, 27)]
        );
    }

    #[test]
    fn until_is_inclusive_and_horizon_limits_forever() {
        let event = weekly(RepeatEnd::Until(date(2027, 1, 20)), vec![]);
        assert_eq!(start_dates(&event, date(2030, 1, 1)).len(), 3);
        let forever = weekly(RepeatEnd::Forever, vec![]);
        assert_eq!(start_dates(&forever, date(2027, 2, 3)).len(), 5);
    }

    #[test]
    fn a_series_beyond_the_horizon_keeps_its_first_session() {
        let mut event = weekly(RepeatEnd::Count(5), vec![date(2028, 1, 12)]);
        event.start = When::At(date(2028, 1, 12).at(14, 0, 0, 0));
        event.end = None;
        assert_eq!(
            start_dates(&event, date(2027, 12, 1)),
            vec![date(2028, 1, 19)]
        );
    }

    #[test]
    fn a_fair_every_two_years_keeps_its_next_session() {
        let mut event = weekly(RepeatEnd::Until(date(2031, 12, 31)), vec![]);
        event.start = When::At(date(2025, 12, 1).at(10, 0, 0, 0));
        event.end = None;
        if let Some(r) = event.repeat.as_mut() {
            r.every = Every::Month;
            r.interval = 24;
        }
        let tz = jiff::tz::db().get("Europe/Amsterdam").expect("bundled tz");
        let now: Timestamp = "2026-06-01T00:00:00Z".parse().expect("timestamp");
        let starts: Vec<String> = expand(&event, &tz, &tz, now)
            .iter()
            .map(|s| s.start_date().to_string())
            .collect();
        assert_eq!(starts, ["2025-12-01", "2027-12-01"]);
    }

    #[test]
    fn monthly_on_the_31st_skips_short_months() {
        let mut event = weekly(RepeatEnd::Count(3), vec![]);
        event.start = When::Day(date(2027, 1, 31));
        event.end = None;
        if let Some(r) = event.repeat.as_mut() {
            r.every = Every::Month;
        }
        let dates = start_dates(&event, date(2030, 1, 1));
        assert_eq!(
            dates,
            vec![date(2027, 1, 31), date(2027, 3, 31), date(2027, 5, 31)]
        );
    }

    #[test]
    fn occurrences_keep_local_time_across_dst() {
        let mut event = weekly(RepeatEnd::Count(13), vec![]);
        event.start = When::At(date(2027, 3, 21).at(10, 0, 0, 0));
        event.end = None;
        let tz = jiff::tz::db().get("Europe/Amsterdam").expect("bundled tz");
        let now: Timestamp = "2027-01-01T00:00:00Z".parse().expect("timestamp");
        let occ = expand(&event, &tz, &tz, now);
        // 21 March is CET (UTC+1), 28 March CEST (UTC+2): both at 10:00 local.
        assert_eq!(occ[0].starts_at.to_string(), "2027-03-21T09:00:00Z");
        assert_eq!(occ[1].starts_at.to_string(), "2027-03-28T08:00:00Z");
    }
}
