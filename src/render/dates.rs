//! Dates and times in words, in Dutch and English, and in machine form for
//! `<time datetime>`. No locale crate knows the Dutch conventions we want (lowercase
//! day and month names, "14 maart 2027, 10.00–13.00 uur" is what Dutch government sites
//! write), so the few words live here.

use crate::model::{Every, Lang, Repeat, When};
use crate::site::Session;
use jiff::civil::{Date, DateTime, Weekday};
use jiff::tz::TimeZone;
use serde::Serialize;

const MONTHS_NL: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

pub fn month_name(lang: Lang, month: i8) -> &'static str {
    let i = (month.clamp(1, 12) - 1) as usize;
    match lang {
        Lang::Nl => MONTHS_NL[i],
        Lang::En => MONTHS_EN[i],
    }
}

fn weekday(lang: Lang, day: Weekday) -> &'static str {
    let (nl, en) = match day {
        Weekday::Monday => ("maandag", "Monday"),
        Weekday::Tuesday => ("dinsdag", "Tuesday"),
        Weekday::Wednesday => ("woensdag", "Wednesday"),
        Weekday::Thursday => ("donderdag", "Thursday"),
        Weekday::Friday => ("vrijdag", "Friday"),
        Weekday::Saturday => ("zaterdag", "Saturday"),
        Weekday::Sunday => ("zondag", "Sunday"),
    };
    match lang {
        Lang::Nl => nl,
        Lang::En => en,
    }
}

/// "zaterdag 14 maart 2027" / "Saturday 14 March 2027".
pub fn date_long(lang: Lang, d: Date) -> String {
    format!(
        "{} {} {} {}",
        weekday(lang, d.weekday()),
        d.day(),
        month_name(lang, d.month()),
        d.year()
    )
}

/// "14 maart 2027" / "14 March 2027".
pub fn date_short(lang: Lang, d: Date) -> String {
    format!("{} {} {}", d.day(), month_name(lang, d.month()), d.year())
}

/// "maart 2027" / "March 2027".
pub fn month_year(lang: Lang, d: Date) -> String {
    format!("{} {}", month_name(lang, d.month()), d.year())
}

fn clock(lang: Lang, dt: DateTime) -> String {
    match lang {
        Lang::Nl => format!("{:02}.{:02}", dt.hour(), dt.minute()),
        Lang::En => format!("{:02}:{:02}", dt.hour(), dt.minute()),
    }
}

/// A date or time for templates: words for people, `iso` for `<time datetime>`.
#[derive(Debug, Clone, Serialize)]
pub struct TimeView {
    pub text: String,
    pub iso: String,
}

pub fn day_view(lang: Lang, d: Date) -> TimeView {
    TimeView {
        text: date_short(lang, d),
        iso: d.to_string(),
    }
}

/// When an occurrence happens, in words, with machine-readable start and end.
#[derive(Debug, Clone, Serialize)]
pub struct WhenView {
    pub text: String,
    pub start_iso: String,
    pub end_iso: Option<String>,
    pub all_day: bool,
    pub date_text: String,
}

pub fn when_view(lang: Lang, occ: &Session, tz: &TimeZone) -> WhenView {
    let iso = |w: When| start_iso(w, tz);
    let uur = if lang == Lang::Nl { " uur" } else { "" };
    let text = match (occ.start, occ.end) {
        (When::Day(s), None) => date_long(lang, s),
        (When::Day(s), Some(When::Day(e))) if e == s => date_long(lang, s),
        (When::Day(s), Some(When::Day(e))) => {
            format!("{} – {}", date_long(lang, s), date_long(lang, e))
        }
        (When::At(s), None) => format!("{}, {}{uur}", date_long(lang, s.date()), clock(lang, s)),
        (When::At(s), Some(When::At(e))) if e.date() == s.date() => {
            format!(
                "{}, {}–{}{uur}",
                date_long(lang, s.date()),
                clock(lang, s),
                clock(lang, e)
            )
        }
        (When::At(s), Some(When::At(e))) => format!(
            "{}, {}{uur} – {}, {}{uur}",
            date_long(lang, s.date()),
            clock(lang, s),
            date_long(lang, e.date()),
            clock(lang, e)
        ),
        (s, _) => date_long(lang, occ_date(s)),
    };
    WhenView {
        text,
        start_iso: iso(occ.start),
        end_iso: occ.end.map(iso),
        all_day: matches!(occ.start, When::Day(_)),
        date_text: date_short(lang, occ.start_date()),
    }
}

fn occ_date(w: When) -> Date {
    w.date()
}

/// A series' rule in words, with its hours: "elke woensdag, 14.00–16.00 uur",
/// "om de week op dinsdag", "elke maand op de 13e" / "every Wednesday, 14:00–16:00",
/// "every other Tuesday", "monthly on the 13th".
pub fn rule(lang: Lang, repeat: &Repeat, first: &Session) -> String {
    let d = first.start_date();
    let n = repeat.interval;
    let day = weekday(lang, d.weekday());
    let mut out = match (lang, repeat.every, n) {
        (Lang::Nl, Every::Week, 1) => format!("elke {day}"),
        (Lang::Nl, Every::Week, 2) => format!("om de week op {day}"),
        (Lang::Nl, Every::Week, n) => format!("elke {n} weken op {day}"),
        (Lang::Nl, Every::Month, 1) => format!("elke maand op de {}e", d.day()),
        (Lang::Nl, Every::Month, n) => format!("elke {n} maanden op de {}e", d.day()),
        (Lang::En, Every::Week, 1) => format!("every {day}"),
        (Lang::En, Every::Week, 2) => format!("every other {day}"),
        (Lang::En, Every::Week, n) => format!("every {n} weeks on {day}"),
        (Lang::En, Every::Month, 1) => format!("monthly on the {}", ordinal(d.day())),
        (Lang::En, Every::Month, n) => format!("every {n} months on the {}", ordinal(d.day())),
    };
    if let (When::At(s), Some(When::At(e))) = (first.start, first.end) {
        let uur = if lang == Lang::Nl { " uur" } else { "" };
        if e.date() == s.date() {
            out.push_str(&format!(", {}–{}{uur}", clock(lang, s), clock(lang, e)));
        }
    } else if let When::At(s) = first.start {
        let uur = if lang == Lang::Nl { " uur" } else { "" };
        out.push_str(&format!(", {}{uur}", clock(lang, s)));
    }
    out
}

/// How long a series runs, for its page: "tot en met 30 juni 2027" / "until 30 June
/// 2027" (`until`, or the last session a `count` gives); nothing if it has no end.
pub fn rule_end(lang: Lang, repeat: &Repeat, last: Option<Date>) -> Option<String> {
    use crate::model::RepeatEnd;
    let last = match repeat.end {
        RepeatEnd::Until(d) => d,
        RepeatEnd::Count(_) => last?,
        RepeatEnd::Forever => return None,
    };
    Some(match lang {
        Lang::Nl => format!("tot en met {}", date_short(lang, last)),
        Lang::En => format!("until {}", date_short(lang, last)),
    })
}

fn ordinal(n: i8) -> String {
    let suffix = match (n % 10, n % 100) {
        (1, x) if x != 11 => "st",
        (2, x) if x != 12 => "nd",
        (3, x) if x != 13 => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// The days of sessions within one month: "13, 20 en 27 januari" / "13, 20 and 27 January".
pub fn days_in_month(lang: Lang, sessions: &[Session]) -> String {
    let Some(first) = sessions.first() else {
        return String::new();
    };
    let days: Vec<String> = sessions
        .iter()
        .map(|s| s.start_date().day().to_string())
        .collect();
    let and = if lang == Lang::Nl { "en" } else { "and" };
    let list = match days.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} {and} {last}", rest.join(", ")),
        _ => days.join(""),
    };
    format!("{list} {}", month_name(lang, first.start_date().month()))
}

/// A session's date for a "next" line: "20 januari 2027", with its start for `<time>`.
pub fn session_day(lang: Lang, session: &Session, tz: &TimeZone) -> TimeView {
    TimeView {
        text: date_short(lang, session.start_date()),
        iso: start_iso(session.start, tz),
    }
}

/// A moment in words with its machine form: "zaterdag 14 maart 2027, 10.00 uur", or a day.
pub fn moment_view(lang: Lang, w: When, tz: &TimeZone) -> TimeView {
    let text = match w {
        When::Day(d) => date_long(lang, d),
        When::At(dt) => {
            let uur = if lang == Lang::Nl { " uur" } else { "" };
            format!("{}, {}{uur}", date_long(lang, dt.date()), clock(lang, dt))
        }
    };
    TimeView {
        text,
        iso: start_iso(w, tz),
    }
}

/// A local time (or the start of a day) as RFC 3339 with seconds and the offset in
/// force, as feeds and JSON-LD write it: `2027-01-20T14:00:00+01:00`.
pub fn rfc3339(w: When, tz: &TimeZone) -> String {
    crate::agenda::instant(tz, w)
        .map(|t| {
            t.to_zoned(tz.clone())
                .strftime("%Y-%m-%dT%H:%M:%S%:z")
                .to_string()
        })
        .unwrap_or_default()
}

/// A local start in RFC 3339 with its offset (`2027-01-20T14:00+01:00`), or a day.
pub fn start_iso(w: When, tz: &TimeZone) -> String {
    match w {
        When::Day(d) => d.to_string(),
        When::At(dt) => tz
            .to_ambiguous_zoned(dt)
            .compatible()
            .map(|z| z.strftime("%Y-%m-%dT%H:%M%:z").to_string())
            .unwrap_or_else(|_| dt.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn month_days_and_ordinals() {
        assert_eq!(ordinal(1), "1st");
        assert_eq!(ordinal(12), "12th");
        assert_eq!(ordinal(22), "22nd");
        assert_eq!(ordinal(13), "13th");
    }

    #[test]
    fn dutch_and_english_words() {
        assert_eq!(
            date_long(Lang::Nl, date(2027, 3, 13)),
            "zaterdag 13 maart 2027"
        );
        assert_eq!(
            date_long(Lang::En, date(2027, 3, 13)),
            "Saturday 13 March 2027"
        );
    }
}
