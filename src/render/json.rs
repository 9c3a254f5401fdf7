//! The JSON agenda feed, documented by `/agenda.schema.json` (JSON Schema 2020-12, in
//! `agenda.schema.json` beside this file): one object per occurrence (repeating events
//! expanded for the feed window: the last 90 days and the next 12 months), with times in
//! RFC 3339 with their offset.

use super::feeds::{self, Feed};
use crate::model::When;
use serde::Serialize;
use serde_json::json;
use serde_json::value::RawValue;

const SCHEMA: &str = include_str!("agenda.schema.json");

pub fn schema(site: &crate::site::Site) -> Vec<u8> {
    SCHEMA
        .replace("{{base_url}}", &site.config.base_url)
        .into_bytes()
}

#[derive(Serialize)]
struct Place {
    id: String,
    name: String,
    address: serde_json::Value,
    geo: Option<serde_json::Value>,
    url: String,
}

#[derive(Serialize)]
struct Link {
    id: String,
    title: String,
    url: String,
}

#[derive(Serialize)]
struct Document<'a> {
    #[serde(rename = "$schema")]
    schema: String,
    title: &'a str,
    language: &'static str,
    home_page_url: String,
    feed_url: String,
    ics_url: String,
    events: Vec<&'a RawValue>,
}

#[derive(Serialize)]
struct Entry {
    id: String,
    uid: String,
    url: String,
    title: String,
    summary: String,
    lang: &'static str,
    start: String,
    end: String,
    all_day: bool,
    timezone: String,
    status: String,
    #[serde(rename = "type")]
    event_type: String,
    type_label: String,
    location: Option<Place>,
    online_url: Option<String>,
    initiative: Option<Link>,
    audiences: Vec<String>,
    registration_url: Option<String>,
    ics_url: String,
    repeats: bool,
    /// When subscribers should see the event as changed (the iCalendar `LAST-MODIFIED`).
    updated: String,
}

/// The JSON objects of one event's occurrences in the feed window, with their start.
fn occurrences(feed: &Feed, i: usize) -> Vec<feeds::JsonOccurrence> {
    let site = feed.site;
    let lang = feed.lang;
    let mut entries = Vec::new();
    {
        let item = &site.events[i];
        let event = &item.fields;
        let (text, shown) = item.text(lang, site.default_lang());
        let schedule = site.schedule(i);
        let (tz_name, tz) = (&schedule.tz_name, &schedule.tz);
        let iso = |w: When| super::dates::rfc3339(w, tz);
        let location = schedule.location.map(|i| &site.locations[i]).map(|loc| {
            let a = loc.data.address.as_ref();
            Place {
                id: loc.id.clone(),
                name: loc.data.name.text(lang, site.default_lang()).to_string(),
                address: json!({
                    "street": a.and_then(|a| a.street.clone()),
                    "postcode": a.and_then(|a| a.postcode.clone()),
                    "city": a.and_then(|a| a.city.clone()),
                    "municipality": loc.data.municipality,
                }),
                geo: loc.data.geo.map(|g| json!({"lat": g.lat, "lon": g.lon})),
                url: feed.abs(&loc.urls[&lang]),
            }
        });
        let initiative = event
            .initiative
            .as_ref()
            .and_then(|r| site.initiative(&r.id))
            .map(|ini| Link {
                id: ini.id.clone(),
                title: ini.text(lang, site.default_lang()).0.title.clone(),
                url: feed.abs(ini.url(lang)),
            });
        let updated = schedule.changed.strftime("%Y-%m-%dT%H:%M:%SZ").to_string();
        for occ in feeds::window(site, i) {
            let end = occ.effective_end(tz);
            entries.push(Entry {
                id: item.id.clone(),
                uid: schedule.uid.clone(),
                url: feed.abs(item.url(lang)),
                title: text.title.clone(),
                summary: text.summary.clone(),
                lang: shown.code(),
                start: iso(occ.start),
                end: iso(end),
                all_day: matches!(event.start, When::Day(_)),
                timezone: tz_name.to_string(),
                status: event.status.code().to_string(),
                event_type: event.event_type.code().to_string(),
                type_label: super::labels::label(feed.strings, "types", event.event_type.code()),
                location: location.as_ref().map(|p| Place {
                    id: p.id.clone(),
                    name: p.name.clone(),
                    address: p.address.clone(),
                    geo: p.geo.clone(),
                    url: p.url.clone(),
                }),
                online_url: event.online.clone(),
                initiative: initiative.as_ref().map(|l| Link {
                    id: l.id.clone(),
                    title: l.title.clone(),
                    url: l.url.clone(),
                }),
                audiences: event.audiences.clone(),
                registration_url: event.registration_url.clone(),
                ics_url: feed.abs(&feeds::event_ics(item, lang)),
                repeats: event.repeat.is_some(),
                updated: updated.clone(),
            });
        }
    }
    entries
        .into_iter()
        .map(|e| {
            let raw = serde_json::to_string(&e)
                .ok()
                .and_then(|t| RawValue::from_string(t).ok())
                .unwrap_or_default();
            (e.start, raw)
        })
        .collect()
}

pub fn feed(feed: &Feed) -> Vec<u8> {
    let site = feed.site;
    let lang = feed.lang;
    let mut entries: Vec<(&str, &str, &RawValue)> = Vec::new();
    for &i in feed.events {
        let id = site.events[i].id.as_str();
        let parts = feed.parts.json[i].get_or_init(|| occurrences(feed, i));
        entries.extend(
            parts
                .iter()
                .map(|(start, raw)| (start.as_str(), id, &**raw)),
        );
    }
    entries.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    let entries: Vec<&RawValue> = entries.into_iter().map(|e| e.2).collect();
    let doc = Document {
        schema: format!("{}/agenda.schema.json", site.config.base_url),
        title: feed.name,
        language: lang.code(),
        home_page_url: feed.abs(feed.page),
        feed_url: feed.abs(&format!("{}.json", feed.stem)),
        ics_url: feed.abs(&format!("{}.ics", feed.stem)),
        events: entries,
    };
    // Compact: feeds are read by programs, and large agendas would double in size.
    let mut out = serde_json::to_vec(&doc).unwrap_or_default();
    out.push(b'\n');
    out
}
