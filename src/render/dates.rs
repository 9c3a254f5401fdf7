//! Dates and times in words, in Dutch and English, and in machine form for
//! `<time datetime>`. No locale crate knows the Dutch conventions we want (lowercase
//! day and month names, "14 maart 2027, 10.00–13.00 uur" is what Dutch government sites
//! write), so the few words live here.

use crate::model::{Lang, When};
use crate::site::Occurrence;
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

pub fn when_view(lang: Lang, occ: &Occurrence, tz: &TimeZone) -> WhenView {
    let iso = |w: When| match w {
        When::Day(d) => d.to_string(),
        When::At(dt) => tz
            .to_ambiguous_zoned(dt)
            .compatible()
            .map(|z| z.strftime("%Y-%m-%dT%H:%M%:z").to_string())
            .unwrap_or_else(|_| dt.to_string()),
    };
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

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

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
