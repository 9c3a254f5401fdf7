//! Agenda feeds (SPEC §3). Every `.ics` the build writes is parsed by the `ical` crate (not
//! our writer); the fixture `tests/fixtures/feeds` holds a cancelled event, a weekly event
//! with exceptions, a monthly event on the 31st, all-day and multi-day events, events over
//! both DST changes, an event in New York time, and a 209-character title with diacritics,
//! emoji, commas, semicolons, a backslash and a newline.

mod common;
use common::Site;
use ical::parser::ical::component::{IcalCalendar, IcalEvent};
use std::collections::BTreeMap;

fn built() -> Site {
    let site = Site::new(&["feeds"]);
    let r = site.build();
    assert_eq!(r.code, 0, "{}", r.stderr);
    site
}

fn parse(bytes: &[u8], name: &str) -> IcalCalendar {
    let mut parser = ical::IcalParser::new(std::io::BufReader::new(bytes));
    let cal = parser
        .next()
        .unwrap_or_else(|| panic!("{name}: no calendar"))
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    assert!(parser.next().is_none(), "{name}: one calendar per file");
    cal
}

fn prop<'a>(
    props: &'a [ical::property::Property],
    name: &str,
) -> Option<&'a ical::property::Property> {
    props.iter().find(|p| p.name == name)
}

fn value(props: &[ical::property::Property], name: &str) -> String {
    prop(props, name)
        .and_then(|p| p.value.clone())
        .unwrap_or_default()
}

fn param(props: &[ical::property::Property], name: &str, key: &str) -> Option<String> {
    prop(props, name)?
        .params
        .as_ref()?
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.join(","))
}

fn event<'a>(cal: &'a IcalCalendar, uid_or_summary: &str) -> &'a IcalEvent {
    cal.events
        .iter()
        .find(|e| {
            value(&e.properties, "UID") == uid_or_summary
                || value(&e.properties, "SUMMARY").contains(uid_or_summary)
        })
        .unwrap_or_else(|| panic!("no event {uid_or_summary}"))
}

/// Every .ics in the output, path → bytes.
fn calendars(site: &Site) -> BTreeMap<String, Vec<u8>> {
    site.public()
        .into_iter()
        .filter(|(p, _)| p.ends_with(".ics"))
        .collect()
}

#[test]
fn every_ics_parses_and_obeys_the_line_rules() {
    let site = built();
    let all = calendars(&site);
    assert!(
        all.len() > 20,
        "feeds per scope and language plus one per event: {}",
        all.len()
    );
    for (path, bytes) in &all {
        let cal = parse(bytes, path);
        assert!(
            !cal.events.is_empty() || !cal.timezones.is_empty(),
            "{path} has a component, as RFC 5545 requires"
        );
        let text = std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert!(text.ends_with("\r\n"));
        for line in text.split("\r\n") {
            assert!(
                line.len() <= 75,
                "{path}: a line of {} octets: {line}",
                line.len()
            );
            assert!(
                !line.contains('\n') && !line.contains('\r'),
                "{path}: bare line break"
            );
        }
        for required in [
            "VERSION",
            "PRODID",
            "CALSCALE",
            "METHOD",
            "NAME",
            "X-WR-CALNAME",
            "X-WR-TIMEZONE",
            "REFRESH-INTERVAL",
            "X-PUBLISHED-TTL",
        ] {
            assert!(
                prop(&cal.properties, required).is_some(),
                "{path}: {required}"
            );
        }
        for e in &cal.events {
            for required in [
                "UID",
                "DTSTAMP",
                "LAST-MODIFIED",
                "SEQUENCE",
                "DTSTART",
                "DTEND",
                "SUMMARY",
                "DESCRIPTION",
                "URL",
                "STATUS",
                "CATEGORIES",
            ] {
                assert!(
                    prop(&e.properties, required).is_some(),
                    "{path}: {required} in {:?}",
                    value(&e.properties, "SUMMARY")
                );
            }
            if let Some(tzid) = param(&e.properties, "DTSTART", "TZID") {
                let zones: Vec<String> = cal
                    .timezones
                    .iter()
                    .map(|z| value(&z.properties, "TZID"))
                    .collect();
                assert!(zones.contains(&tzid), "{path}: VTIMEZONE for {tzid}");
            }
        }
    }
}

#[test]
fn cancelled_events_stay_in_the_feed() {
    let site = built();
    let cal = parse(&site.public()["agenda.ics"], "agenda.ics");
    let e = event(&cal, "aaaaaaaa-0000-4000-8000-000000000001");
    assert_eq!(value(&e.properties, "STATUS"), "CANCELLED");
    assert_eq!(value(&e.properties, "SEQUENCE"), "2");
    assert_eq!(value(&e.properties, "SUMMARY"), "Afgelast: Afgelaste avond");
    // `updated: 2026-11-18 09:00` in Amsterdam is 08:00 UTC.
    assert_eq!(value(&e.properties, "DTSTAMP"), "20261118T080000Z");
    assert_eq!(value(&e.properties, "LAST-MODIFIED"), "20261118T080000Z");
}

#[test]
fn repeating_events_carry_rrule_and_exdate() {
    let site = built();
    let cal = parse(&site.public()["agenda.ics"], "agenda.ics");
    let weekly = event(&cal, "aaaaaaaa-0000-4000-8000-000000000002");
    assert_eq!(value(&weekly.properties, "RRULE"), "FREQ=WEEKLY;COUNT=10");
    assert_eq!(
        value(&weekly.properties, "EXDATE"),
        "20270217T140000,20270303T140000"
    );
    assert_eq!(
        param(&weekly.properties, "EXDATE", "TZID").as_deref(),
        Some("Europe/Amsterdam")
    );
    let monthly = event(&cal, "Maandelijkse avond");
    // UNTIL with a TZID start is the last start in UTC: 31 December 2027 19:00 CET.
    assert_eq!(
        value(&monthly.properties, "RRULE"),
        "FREQ=MONTHLY;UNTIL=20271231T180000Z"
    );
    // The agenda shows the same sessions: 8 weekly (10 minus 2 exceptions), as one card
    // in each month they fall in, listing that month's days…
    let agenda = site.read("public/agenda/index.html");
    assert_eq!(
        agenda.matches(r#"<a href="/agenda/wekelijks/">"#).count(),
        3,
        "one card per month"
    );
    for days in [
        "13, 20 en 27 januari",
        "3, 10 en 24 februari",
        "10 en 17 maart",
    ] {
        assert!(agenda.contains(days), "{days}");
    }
    // …and the months with a 31st up to the agenda's horizon, 12 months after `now`
    // (2026-11-21): January, March, May, July, August, October.
    assert_eq!(
        agenda.matches(r#"<a href="/agenda/maandelijks/">"#).count(),
        6
    );
}

#[test]
fn all_day_and_multi_day_events_use_dates_with_exclusive_end() {
    let site = built();
    let cal = parse(&site.public()["agenda.ics"], "agenda.ics");
    let one = event(&cal, "Hele dag");
    assert_eq!(
        param(&one.properties, "DTSTART", "VALUE").as_deref(),
        Some("DATE")
    );
    assert_eq!(
        (
            value(&one.properties, "DTSTART"),
            value(&one.properties, "DTEND")
        ),
        ("20270417".into(), "20270418".into())
    );
    let three = event(&cal, "Drie dagen");
    assert_eq!(
        (
            value(&three.properties, "DTSTART"),
            value(&three.properties, "DTEND")
        ),
        ("20270510".into(), "20270513".into())
    );
}

#[test]
fn times_over_both_dst_changes_keep_their_local_time_and_zone_rules() {
    let site = built();
    let cal = parse(&site.public()["agenda.ics"], "agenda.ics");
    let spring = event(&cal, "Nacht van de zomertijd");
    assert_eq!(value(&spring.properties, "DTSTART"), "20270328T013000");
    assert_eq!(value(&spring.properties, "DTEND"), "20270328T033000");
    let amsterdam = cal
        .timezones
        .iter()
        .find(|z| value(&z.properties, "TZID") == "Europe/Amsterdam")
        .expect("VTIMEZONE");
    let rules: Vec<(String, String, String)> = amsterdam
        .transitions
        .iter()
        .map(|t| {
            (
                value(&t.properties, "DTSTART"),
                value(&t.properties, "TZOFFSETFROM"),
                value(&t.properties, "TZOFFSETTO"),
            )
        })
        .collect();
    assert!(
        rules.contains(&("20270328T020000".into(), "+0100".into(), "+0200".into())),
        "{rules:?}"
    );
    assert!(
        rules.contains(&("20271031T030000".into(), "+0200".into(), "+0100".into())),
        "{rules:?}"
    );
    // The JSON feed gives the instants with their offsets: before and after the change.
    let json: serde_json::Value =
        serde_json::from_slice(&site.public()["agenda.json"]).expect("json");
    let night = json["events"]
        .as_array()
        .expect("events")
        .iter()
        .find(|e| e["id"] == "zomertijd")
        .expect("event");
    assert_eq!(night["start"], "2027-03-28T01:30:00+01:00");
    assert_eq!(night["end"], "2027-03-28T03:30:00+02:00");
    let autumn = json["events"]
        .as_array()
        .expect("events")
        .iter()
        .find(|e| e["id"] == "wintertijd")
        .expect("event");
    assert_eq!(autumn["start"], "2027-10-31T01:30:00+02:00");
    assert_eq!(autumn["end"], "2027-10-31T03:30:00+01:00");
}

#[test]
fn an_event_may_set_its_own_time_zone() {
    let site = built();
    let cal = parse(&site.public()["agenda.ics"], "agenda.ics");
    let ny = event(&cal, "Webinar vanuit New York");
    assert_eq!(
        param(&ny.properties, "DTSTART", "TZID").as_deref(),
        Some("America/New_York")
    );
    assert_eq!(value(&ny.properties, "DTSTART"), "20270320T090000");
    let zone = cal
        .timezones
        .iter()
        .find(|z| value(&z.properties, "TZID") == "America/New_York")
        .expect("VTIMEZONE");
    let offsets: Vec<String> = zone
        .transitions
        .iter()
        .map(|t| value(&t.properties, "TZOFFSETTO"))
        .collect();
    assert!(
        offsets.contains(&"-0400".to_string()) && offsets.contains(&"-0500".to_string()),
        "{offsets:?}"
    );
    assert_eq!(
        value(&ny.properties, "LOCATION"),
        "https://webinar.example/ny"
    );
}

#[test]
fn long_titles_fold_and_special_characters_are_escaped() {
    let site = built();
    let bytes = &site.public()["agenda/lange-titel.ics"];
    let cal = parse(bytes, "agenda/lange-titel.ics");
    let e = &cal.events[0];
    let title = "Wereldkampioenschap lassen en solderen voor scholieren uit Woerden\\, Montfoort\\, IJsselstein en Oudewater: één dag vol techniek\\, creativiteit en ambachtelijk vakmanschap 🔧🤖 – met prijzen\\, proeven en échte robots";
    assert_eq!(
        value(&e.properties, "SUMMARY"),
        title,
        "unfolded by the parser, escaped as RFC 5545 says"
    );
    let description = value(&e.properties, "DESCRIPTION");
    assert!(description.starts_with("Komma's\\, puntkomma's\\; een backslash \\\\ en een\\nnieuwe regel.\\n\\nhttps://proef.example/agenda/lange-titel/"), "{description}");
    let raw = std::str::from_utf8(bytes).expect("utf-8");
    assert!(
        raw.lines().filter(|l| l.starts_with(' ')).count() >= 3,
        "folded"
    );
}

#[test]
fn uids_are_the_same_in_every_feed_and_language() {
    let site = built();
    let mut uids: BTreeMap<String, std::collections::BTreeSet<String>> = BTreeMap::new();
    for (path, bytes) in calendars(&site) {
        for e in parse(&bytes, &path).events {
            let url = value(&e.properties, "URL").replace("/en/", "/");
            uids.entry(url)
                .or_default()
                .insert(value(&e.properties, "UID"));
        }
    }
    assert!(uids.len() >= 10);
    for (url, set) in &uids {
        assert_eq!(set.len(), 1, "{url} has one UID everywhere: {set:?}");
    }
    let derived = uids
        .values()
        .flatten()
        .find(|u| !u.starts_with("aaaaaaaa"))
        .expect("a derived uid");
    assert_eq!(derived.len(), 36, "a UUID: {derived}");
    assert!(!derived.contains("proef"), "reveals no host");
}

#[test]
fn feeds_of_every_scope_exist_in_both_languages() {
    let site = built();
    let out = site.public();
    for path in [
        "agenda.ics",
        "agenda.atom",
        "agenda.json",
        "en/agenda.ics",
        "en/agenda.atom",
        "en/agenda.json",
        "locaties/werkplaats-woerden/agenda.ics",
        "en/locations/werkplaats-woerden/agenda.json",
        "initiatieven/techniekhuis/agenda.atom",
        "en/initiatives/techniekhuis/agenda.ics",
        "voor/vo/agenda.ics",
        "en/for/vo/agenda.atom",
        "agenda/open-dag.ics",
        "en/agenda/open-dag.ics",
        "agenda.schema.json",
    ] {
        assert!(out.contains_key(path), "missing {path}");
    }
    let vo = parse(&out["voor/vo/agenda.ics"], "voor/vo/agenda.ics");
    let summaries: Vec<String> = vo
        .events
        .iter()
        .map(|e| value(&e.properties, "SUMMARY"))
        .collect();
    assert!(
        summaries.iter().any(|s| s == "Wekelijkse middag")
            && !summaries.iter().any(|s| s.contains("Hele dag")),
        "{summaries:?}"
    );
    let en = parse(&out["en/agenda.ics"], "en/agenda.ics");
    assert_eq!(value(&en.properties, "X-WR-CALNAME"), "Test site – Agenda");
}

#[test]
fn events_that_ended_more_than_90_days_ago_leave_the_feeds() {
    let site = Site::new(&["feeds"]);
    site.write("content/events/lang-geleden.nl.md", "---\ntitle: Lang geleden\nsummary: x\ntype: other\nstart: 2026-07-01\nlocation: werkplaats-woerden\n---\n");
    site.write("content/events/net-geweest.nl.md", "---\ntitle: Net geweest\nsummary: x\ntype: other\nstart: 2026-10-01\nlocation: werkplaats-woerden\n---\n");
    assert_eq!(site.build().code, 0);
    let cal = parse(&site.public()["agenda.ics"], "agenda.ics");
    let summaries: Vec<String> = cal
        .events
        .iter()
        .map(|e| value(&e.properties, "SUMMARY"))
        .collect();
    assert!(
        summaries.contains(&"Net geweest".to_string()),
        "{summaries:?}"
    );
    assert!(
        !summaries.contains(&"Lang geleden".to_string()),
        "{summaries:?}"
    );
}

#[test]
fn atom_titles_carry_the_date_and_json_expands_repeats() {
    let site = built();
    let atom = site.read("public/agenda.atom");
    assert!(
        atom.contains("<title>13 januari 2027 · Wekelijkse middag</title>"),
        "{atom}"
    );
    assert!(atom.contains("<id>urn:uuid:aaaaaaaa-0000-4000-8000-000000000002</id>"));
    let json: serde_json::Value =
        serde_json::from_slice(&site.public()["en/agenda.json"]).expect("json");
    let weekly: Vec<&serde_json::Value> = json["events"]
        .as_array()
        .expect("events")
        .iter()
        .filter(|e| e["id"] == "wekelijks")
        .collect();
    assert_eq!(weekly.len(), 8);
    assert_eq!(weekly[0]["start"], "2027-01-13T14:00:00+01:00");
    assert_eq!(
        weekly[0]["ics_url"],
        "https://proef.example/en/agenda/wekelijks.ics"
    );
    assert_eq!(weekly[0]["lang"], "nl", "untranslated text is marked");
}

#[test]
fn the_embeddable_agenda_is_made_for_an_iframe() {
    let site = built();
    let html = site.read("public/embed/agenda/index.html");
    assert!(
        html.contains(r#"<base target="_top">"#),
        "links open in the top window"
    );
    assert!(!html.contains(r#"class="main-nav""#), "no site navigation");
    assert!(
        html.contains(r#"data-location="werkplaats-woerden""#)
            && html.contains(r#"data-audiences="vo""#)
    );
    assert!(html.contains(r#"<script src="/embed.js" defer></script>"#));
    let help = site.read("public/agenda/insluiten/index.html");
    assert!(help.contains("webcal://proef.example/locaties/werkplaats-woerden/agenda.ics"));
    assert!(help.contains("https://proef.example/voor/vo/agenda.json"));
    assert!(
        help.contains(r#"<span class="hl-"#),
        "snippets highlighted by syntect"
    );
    let event = site.read("public/en/agenda/hele-dag/index.html");
    assert!(event.contains(r#"href="/en/agenda/hele-dag.ics""#));
    assert!(event.contains("https://calendar.google.com/calendar/render?action=TEMPLATE&amp;text=Hele%20dag&amp;dates=20270417/20270418"));
    let location = site.read("public/locaties/werkplaats-woerden/index.html");
    assert!(location.contains(r#"<link rel="alternate" type="text/calendar" title="Werkplaats Woerden (iCalendar)" href="/locaties/werkplaats-woerden/agenda.ics">"#));
}

/// The `href`s of the links in `html` whose text is `text`.
fn hrefs_with_text(html: &str, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in html.split("<a ").skip(1) {
        let Some(end) = part.find("</a>") else {
            continue;
        };
        let link = &part[..end];
        let Some((attrs, inner)) = link.split_once('>') else {
            continue;
        };
        if inner.trim() != text {
            continue;
        }
        if let Some(at) = attrs.find("href=\"") {
            let rest = &attrs[at + 6..];
            out.push(rest[..rest.find('"').expect("closing quote")].replace("&amp;", "&"));
        }
    }
    out
}

fn decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8()
        .expect("UTF-8")
        .into_owned()
}

#[test]
fn every_scope_has_a_subscribe_page_with_links_for_each_calendar_app() {
    let site = built();
    let files = site.public();
    let text = |path: &str| {
        String::from_utf8(
            files
                .get(path)
                .unwrap_or_else(|| panic!("{path} is missing"))
                .clone(),
        )
        .expect("UTF-8")
    };
    let base = "https://proef.example";
    let config = site.read("content/site.yaml");
    assert!(config.contains(base), "the fixture's base_url: {config}");
    let mut pages = 0;
    for (lang, apple, google, outlook) in [
        (
            "nl",
            "Apple Agenda (iPhone, iPad, Mac) en andere agenda-apps",
            "Google Agenda",
            "Outlook.com en Microsoft 365",
        ),
        (
            "en",
            "Apple Calendar (iPhone, iPad, Mac) and other calendar apps",
            "Google Calendar",
            "Outlook.com and Microsoft 365",
        ),
    ] {
        let word = if lang == "nl" {
            "abonneren"
        } else {
            "subscribe"
        };
        for (path, _) in files.iter() {
            let Some(scope) = path.strip_suffix(&format!("{word}/index.html")) else {
                continue;
            };
            if lang == "nl" && scope.starts_with("en/") {
                continue;
            }
            pages += 1;
            let html = text(path);
            assert!(html.contains(&format!("<html lang=\"{lang}\"")), "{path}");
            // The feed the page is for: its scope page's own iCalendar link.
            let scope_page = text(&format!("{scope}index.html"));
            let subscribe_url = format!("/{scope}{word}/");
            assert!(
                scope_page.contains(&format!("href=\"{subscribe_url}\"")),
                "{scope}: its page links to {subscribe_url}"
            );
            let ics = {
                let at = scope_page
                    .find("type=\"text/calendar\" title=")
                    .expect("the scope page's feed link");
                let rest = &scope_page[at..];
                let href = &rest[rest.find("href=\"").expect("href") + 6..];
                href[..href.find('"').expect("quote")].to_string()
            };
            assert!(
                files.contains_key(&ics[1..]),
                "{ics} is a feed the build wrote"
            );
            let https = format!("{base}{ics}");
            let webcal = hrefs_with_text(&html, apple);
            assert_eq!(
                webcal,
                vec![https.replacen("https://", "webcal://", 1)],
                "{path}: the webcal link is the feed's https URL with the scheme changed"
            );
            let google = hrefs_with_text(&html, google);
            assert_eq!(google.len(), 1, "{path}");
            let cid = google[0]
                .strip_prefix("https://calendar.google.com/calendar/r?cid=")
                .unwrap_or_else(|| panic!("{path}: {}", google[0]));
            assert_eq!(decode(cid), webcal[0], "{path}");
            let outlook = hrefs_with_text(&html, outlook);
            assert_eq!(outlook.len(), 1, "{path}");
            let url = outlook[0]
                .strip_prefix("https://outlook.live.com/calendar/0/addfromweb?url=")
                .unwrap_or_else(|| panic!("{path}: {}", outlook[0]));
            assert_eq!(decode(url), https, "{path}");
            assert!(
                html.contains(&format!("<code>{https}</code>")),
                "{path}: the URL to copy"
            );
        }
    }
    // The site, each location, initiative and audience, in both languages.
    assert!(pages > 20, "{pages} subscribe pages");
    for (help, word) in [
        ("agenda/insluiten/index.html", "abonneren"),
        ("en/agenda/embed/index.html", "subscribe"),
    ] {
        let html = text(help);
        assert!(
            html.contains(&format!("/{word}/\"")),
            "{help} links to the subscribe pages"
        );
    }
}
