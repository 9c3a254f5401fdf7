//! schema.org JSON-LD for pages: WebSite (home), Event, Course, Place, Organization or
//! EducationalOrganization, and the initiative as a Project. Values are built with
//! serde_json, so every text is escaped as JSON; `views::json_ld` makes it script-safe.

use crate::model::{EventStatus, Lang, Location, Organisation, When};
use crate::site::{DataItem, Item, Site};
use serde_json::{Map, Value, json};

fn abs(site: &Site, path: &str) -> String {
    format!("{}{path}", site.config.base_url)
}

pub fn website(site: &Site, lang: Lang) -> Value {
    let c = &site.config;
    json!({
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": c.title.text(lang, c.default_lang()),
        "description": c.description.text(lang, c.default_lang()),
        "url": abs(site, &crate::urls::home(c, lang)),
        "inLanguage": lang.code(),
    })
}

fn org_value(site: &Site, org: &DataItem<Organisation>, lang: Lang) -> Value {
    let kind = if org.data.kind == "education" {
        "EducationalOrganization"
    } else {
        "Organization"
    };
    let mut v = json!({
        "@type": kind,
        "name": org.data.name.text(lang, site.default_lang()),
        "url": abs(site, &org.urls[&lang]),
    });
    if let (Some(web), Some(map)) = (&org.data.website, v.as_object_mut()) {
        map.insert("sameAs".into(), json!(web));
    }
    v
}

pub fn organisation(site: &Site, org: &DataItem<Organisation>, lang: Lang) -> Value {
    with_context(org_value(site, org, lang))
}

fn place_value(site: &Site, loc: &DataItem<Location>, lang: Lang) -> Value {
    let d = &loc.data;
    let mut address = Map::new();
    address.insert("@type".into(), json!("PostalAddress"));
    if let Some(a) = &d.address {
        if let Some(s) = &a.street {
            address.insert("streetAddress".into(), json!(s));
        }
        if let Some(p) = &a.postcode {
            address.insert("postalCode".into(), json!(p));
        }
        address.insert(
            "addressLocality".into(),
            json!(a.city.as_deref().unwrap_or(&d.municipality)),
        );
    } else {
        address.insert("addressLocality".into(), json!(d.municipality));
    }
    address.insert("addressCountry".into(), json!("NL"));
    let mut v = json!({
        "@type": "Place",
        "name": d.name.text(lang, site.default_lang()),
        "url": abs(site, &loc.urls[&lang]),
        "address": Value::Object(address),
    });
    if let (Some(g), Some(map)) = (d.geo, v.as_object_mut()) {
        map.insert(
            "geo".into(),
            json!({"@type": "GeoCoordinates", "latitude": g.lat, "longitude": g.lon}),
        );
    }
    v
}

pub fn place(site: &Site, loc: &DataItem<Location>, lang: Lang) -> Value {
    with_context(place_value(site, loc, lang))
}

fn with_context(mut v: Value) -> Value {
    if let Some(map) = v.as_object_mut() {
        map.insert("@context".into(), json!("https://schema.org"));
    }
    v
}

/// An `Event` for the session the page shows; a postponed event with its earlier start
/// is `EventRescheduled` with `previousStartDate`, without one `EventPostponed`.
pub fn event(site: &Site, index: usize, lang: Lang) -> Value {
    let item = &site.events[index];
    let f = &item.fields;
    let schedule = site.schedule(index);
    let occ = schedule.shown();
    let (text, _) = item.text(lang, site.default_lang());
    let tz = &schedule.tz;
    let iso = |w: When| match w {
        When::Day(d) => d.to_string(),
        at => super::dates::rfc3339(at, tz),
    };
    let status = match (f.status, f.previous_start) {
        (EventStatus::Cancelled, _) => "https://schema.org/EventCancelled",
        (EventStatus::Postponed, Some(_)) => "https://schema.org/EventRescheduled",
        (EventStatus::Postponed, None) => "https://schema.org/EventPostponed",
        (EventStatus::Scheduled, _) => "https://schema.org/EventScheduled",
    };
    let mut v = json!({
        "@context": "https://schema.org",
        "@type": "Event",
        "name": text.title,
        "description": text.summary,
        "url": abs(site, item.url(lang)),
        "eventStatus": status,
        "inLanguage": lang.code(),
    });
    let Some(map) = v.as_object_mut() else {
        return v;
    };
    if let Some(previous) = f.previous_start {
        map.insert("previousStartDate".into(), json!(iso(previous)));
    }
    if let Some(o) = occ {
        map.insert("startDate".into(), json!(iso(o.start)));
        if let Some(e) = o.end {
            map.insert("endDate".into(), json!(iso(e)));
        }
    }
    let mut locations = Vec::new();
    if let Some(loc) = schedule.location.map(|i| &site.locations[i]) {
        locations.push(place_value(site, loc, lang));
    }
    if let Some(url) = &f.online {
        locations.push(json!({"@type": "VirtualLocation", "url": url}));
    }
    let mode = match (f.location.is_some(), f.online.is_some()) {
        (true, true) => "https://schema.org/MixedEventAttendanceMode",
        (false, true) => "https://schema.org/OnlineEventAttendanceMode",
        _ => "https://schema.org/OfflineEventAttendanceMode",
    };
    map.insert("eventAttendanceMode".into(), json!(mode));
    if locations.len() == 1 {
        map.insert("location".into(), locations.remove(0));
    } else if !locations.is_empty() {
        map.insert("location".into(), Value::Array(locations));
    }
    if let Some(org) = f.organiser.as_ref().and_then(|r| site.organisation(&r.id)) {
        map.insert("organizer".into(), org_value(site, org, lang));
    }
    // A cancelled event offers nothing to register for.
    if let Some(url) = f
        .registration_url
        .as_ref()
        .filter(|_| f.status != EventStatus::Cancelled)
    {
        map.insert("offers".into(), json!({"@type": "Offer", "url": url}));
    }
    v
}

pub fn course(site: &Site, item: &Item<crate::model::Course>, lang: Lang) -> Value {
    let (text, _) = item.text(lang, site.default_lang());
    let mut v = json!({
        "@context": "https://schema.org",
        "@type": "Course",
        "name": text.title,
        "description": text.summary,
        "url": abs(site, item.url(lang)),
        "inLanguage": lang.code(),
    });
    if let (Some(org), Some(map)) = (
        site.organisation(&item.fields.provider.id),
        v.as_object_mut(),
    ) {
        map.insert("provider".into(), org_value(site, org, lang));
    }
    if let (Some(crebo), Some(map)) = (&item.fields.crebo, v.as_object_mut()) {
        map.insert("courseCode".into(), json!(crebo));
    }
    v
}

pub fn initiative(site: &Site, item: &Item<crate::model::Initiative>, lang: Lang) -> Value {
    let (text, _) = item.text(lang, site.default_lang());
    let mut v = json!({
        "@context": "https://schema.org",
        "@type": "Project",
        "name": text.title,
        "description": text.summary,
        "url": abs(site, item.url(lang)),
    });
    let f = &item.fields;
    let members: Vec<Value> = f
        .lead
        .iter()
        .chain(&f.partners)
        .filter_map(|r| site.organisation(&r.id))
        .map(|o| org_value(site, o, lang))
        .collect();
    if let Some(map) = v.as_object_mut() {
        if !members.is_empty() {
            map.insert("member".into(), Value::Array(members));
        }
        if let Some(web) = &f.website {
            map.insert("sameAs".into(), json!(web));
        }
    }
    v
}
