//! Views of single items: initiative, course, event, page, location, organisation.
//! Each returns the template name, the page metadata (with JSON-LD) and the item view.

use super::context::{Built, Ctx, Spec, Upcoming, to_value};
use crate::diagnostic::Diagnostic;
use crate::model::{EventStatus, Geo, YearOrDate};
use crate::render::cards::Of;
use crate::render::dates::{self, TimeView, WhenView};
use crate::render::feeds::Scope;
use crate::render::jsonld;
use crate::render::relations::of;
use crate::render::views::*;
use crate::site::Item;
use serde::Serialize;

type Image = crate::render::picture::PictureView;

/// The item's picture as its page shows it, described in the page's language.
fn image<F>(cx: &Ctx, item: &Item<F>) -> Option<Image> {
    let src = item.common.image.as_ref()?;
    let (text, _) = item.text(cx.lang, cx.site.default_lang());
    let alt = text
        .image_alt
        .clone()
        .or_else(|| item.texts[&cx.site.default_lang()].image_alt.clone())
        .unwrap_or_default();
    Some(crate::render::picture::view(
        cx.site,
        src,
        &alt,
        crate::render::picture::Place::Page,
    ))
}

#[derive(Serialize)]
struct PeriodView {
    start: TimeView,
    end: TimeView,
}

#[derive(Serialize)]
struct FundingRow {
    organisation: Option<Link>,
    amount: String,
}

#[derive(Serialize)]
struct Contact {
    role: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    url: Option<String>,
}

#[derive(Serialize)]
struct InitiativeView {
    body: String,
    image: Option<Image>,
    status: String,
    since: Option<String>,
    until: Option<String>,
    period: Option<PeriodView>,
    lead: Option<Link>,
    partners: Vec<Link>,
    website: Option<String>,
    contact: Option<Contact>,
    funding: Vec<FundingRow>,
    funding_total: Option<String>,
    locations: Vec<Link>,
    courses: Vec<String>,
    events: Upcoming,
    audiences: Vec<Link>,
}

/// Whole euros as Dutch government sites write them: "€ 370.000" (en: "€370,000").
pub fn euros(lang: crate::model::Lang, amount: i64) -> String {
    let digits = amount.unsigned_abs().to_string();
    let sep = if lang == crate::model::Lang::Nl {
        '.'
    } else {
        ','
    };
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(sep);
        }
        grouped.push(c);
    }
    let sign = if amount < 0 { "-" } else { "" };
    match lang {
        crate::model::Lang::Nl => format!("€ {sign}{grouped}"),
        crate::model::Lang::En => format!("{sign}€{grouped}"),
    }
}

fn year_or_date(cx: &Ctx, v: Option<YearOrDate>) -> Option<String> {
    v.map(|v| match v {
        YearOrDate::Year(y) => y.to_string(),
        YearOrDate::Date(d) => dates::date_short(cx.lang, d),
    })
}

pub fn initiative(cx: &Ctx, spec: Spec, index: usize) -> Result<Built, Diagnostic> {
    let site = cx.site;
    let item = &site.initiatives[index];
    let f = &item.fields;
    let (mut meta, body, _) = cx.item_meta(spec, "initiative", item);
    meta.json_ld = json_ld(&jsonld::initiative(site, item, cx.lang));
    let total: i64 = f.funding.iter().map(|x| x.amount).sum();
    let contact = f.contact.as_ref().map(|c| Contact {
        role: text(&c.role, site, cx.lang),
        email: c.email.clone(),
        phone: c.phone.clone(),
        url: c.url.clone(),
    });
    let view = InitiativeView {
        body,
        image: image(cx, item),
        status: label(cx.t, "initiative_statuses", &f.status),
        since: year_or_date(cx, f.since),
        until: year_or_date(cx, f.until),
        period: f.period.map(|p| PeriodView {
            start: day(cx.lang, p.start),
            end: day(cx.lang, p.end),
        }),
        lead: f.lead.as_ref().and_then(|r| cx.org_link(&r.id)),
        partners: f
            .partners
            .iter()
            .filter_map(|r| cx.org_link(&r.id))
            .collect(),
        website: f.website.clone(),
        contact,
        funding: f
            .funding
            .iter()
            .map(|x| FundingRow {
                organisation: cx.org_link(&x.organisation.id),
                amount: euros(cx.lang, x.amount),
            })
            .collect(),
        funding_total: (!f.funding.is_empty()).then(|| euros(cx.lang, total)),
        locations: f
            .locations
            .iter()
            .filter_map(|r| cx.location_link(&r.id))
            .collect(),
        courses: cx.cards_at(Of::Course, of(&cx.rel.courses_of_initiative, &item.id))?,
        events: Upcoming::of_scope(cx, Scope::Initiative(index))?,
        audiences: cx.audience_links(&f.audiences),
    };
    Ok(Built {
        template: "initiative.html",
        meta,
        data: to_value(&view),
    })
}

#[derive(Serialize)]
struct CourseView {
    body: String,
    image: Option<Image>,
    level: String,
    learning_paths: Vec<String>,
    crebo: Option<String>,
    provider: Option<Link>,
    locations: Vec<Link>,
    initiative: Option<Link>,
    duration: Option<String>,
    cost: Option<String>,
    starts: Vec<TimeView>,
    registration_url: Option<String>,
    audiences: Vec<Link>,
}

pub fn course(
    cx: &Ctx,
    spec: Spec,
    item: &Item<crate::model::Course>,
) -> Result<Built, Diagnostic> {
    let site = cx.site;
    let f = &item.fields;
    let (mut meta, body, _) = cx.item_meta(spec, "course", item);
    meta.json_ld = json_ld(&jsonld::course(site, item, cx.lang));
    let view = CourseView {
        body,
        image: image(cx, item),
        level: label(cx.t, "levels", &f.level),
        learning_paths: f
            .learning_paths
            .iter()
            .map(|p| label(cx.t, "paths", p))
            .collect(),
        crebo: f.crebo.clone(),
        provider: cx.org_link(&f.provider.id),
        locations: f
            .locations
            .iter()
            .filter_map(|r| cx.location_link(&r.id))
            .collect(),
        initiative: f
            .initiative
            .as_ref()
            .and_then(|r| site.initiative(&r.id))
            .map(|i| item_link(site, i, cx.lang)),
        duration: text(&f.duration, site, cx.lang),
        cost: text(&f.cost, site, cx.lang),
        starts: f.starts.iter().map(|d| day(cx.lang, *d)).collect(),
        registration_url: f.registration_url.clone(),
        audiences: cx.audience_links(&f.audiences),
    };
    Ok(Built {
        template: "course.html",
        meta,
        data: to_value(&view),
    })
}

#[derive(Serialize)]
struct Place {
    name: String,
    url: String,
    lang: Option<&'static str>,
    street: Option<String>,
    postcode: Option<String>,
    city: Option<String>,
    municipality: String,
}

#[derive(Serialize)]
struct EventView {
    body: String,
    image: Option<Image>,
    event_type: String,
    status: &'static str,
    status_label: String,
    cancelled: bool,
    /// The session shown: the next one, else the last.
    when: Option<WhenView>,
    /// What `when` is: "Wanneer" (a single event), "Eerstvolgende keer" or "Laatste keer"
    /// (a series that is still on, or over).
    when_label: String,
    /// A series: its rule in words.
    rule: Option<String>,
    /// Further upcoming sessions of a series (at most twelve).
    next: Vec<WhenView>,
    repeats: bool,
    /// A postponed event: the start it had before.
    previous: Option<TimeView>,
    place: Option<Place>,
    online: Option<String>,
    registration_url: Option<String>,
    cost: Option<String>,
    initiative: Option<Link>,
    organiser: Option<Link>,
    audiences: Vec<Link>,
    timezone: Option<String>,
    /// The event's own iCalendar file ("add to calendar"); none for a cancelled event.
    ics_url: Option<String>,
    /// A plain link that opens Google Calendar with the event (and its rule) filled in;
    /// none for a cancelled event.
    google_url: Option<String>,
}

pub fn event(cx: &Ctx, spec: Spec, index: usize) -> Result<Built, Diagnostic> {
    let site = cx.site;
    let item = &site.events[index];
    let f = &item.fields;
    let schedule = site.schedule(index);
    let tz = &schedule.tz;
    let (mut meta, body, _) = cx.item_meta(spec, "event", item);
    let shown = schedule.shown();
    meta.json_ld = json_ld(&jsonld::event(site, index, cx.lang));
    let place = schedule.location.map(|i| &site.locations[i]).map(|loc| {
        let (name, shown) = loc.data.name.get(cx.lang, site.default_lang());
        let a = loc.data.address.as_ref();
        Place {
            name: name.to_string(),
            url: loc.urls[&cx.lang].clone(),
            lang: other_lang(shown, cx.lang),
            street: a.and_then(|a| a.street.clone()),
            postcode: a.and_then(|a| a.postcode.clone()),
            city: a.and_then(|a| a.city.clone()),
            municipality: loc.data.municipality.clone(),
        }
    });
    let cancelled = f.status == EventStatus::Cancelled;
    let upcoming = schedule.upcoming();
    let view = EventView {
        body,
        image: image(cx, item),
        event_type: label(cx.t, "types", f.event_type.code()),
        status: f.status.code(),
        status_label: label(cx.t, "statuses", f.status.code()),
        cancelled,
        when: shown.map(|o| dates::when_view(cx.lang, o, tz)),
        when_label: match (&f.repeat, schedule.is_upcoming()) {
            (None, _) => cx.s("when"),
            (Some(_), true) => cx.s("next_session_label"),
            (Some(_), false) => cx.s("last_session_label"),
        },
        rule: f.repeat.as_ref().zip(schedule.first()).map(|(r, first)| {
            let rule = dates::rule(cx.lang, r, first);
            match dates::rule_end(cx.lang, r, schedule.last_day) {
                Some(end) => format!("{rule}, {end}"),
                None => rule,
            }
        }),
        next: upcoming
            .iter()
            .skip(1)
            .take(12)
            .map(|o| dates::when_view(cx.lang, o, tz))
            .collect(),
        repeats: f.repeat.is_some(),
        previous: f.previous_start.map(|w| dates::moment_view(cx.lang, w, tz)),
        place,
        online: f.online.clone(),
        registration_url: f.registration_url.clone(),
        cost: text(&f.cost, site, cx.lang),
        initiative: f
            .initiative
            .as_ref()
            .and_then(|r| site.initiative(&r.id))
            .map(|i| item_link(site, i, cx.lang)),
        organiser: f.organiser.as_ref().and_then(|r| cx.org_link(&r.id)),
        audiences: cx.audience_links(&f.audiences),
        timezone: f.timezone.as_ref().map(|(name, _)| name.clone()),
        ics_url: (!cancelled).then(|| crate::render::feeds::event_ics(item, cx.lang)),
        google_url: if cancelled {
            None
        } else {
            google_calendar(cx, index)
        },
    };
    Ok(Built {
        template: "event.html",
        meta,
        data: to_value(&view),
    })
}

/// Google Calendar's "add event" link, in the event's own time zone: a single event's
/// shown session, or a series from its first session with its rule (`recur=RRULE:…`).
/// Nothing is loaded from Google: it is a plain link the visitor may follow.
fn google_calendar(cx: &Ctx, index: usize) -> Option<String> {
    use crate::model::When;
    let site = cx.site;
    let item = &site.events[index];
    let schedule = site.schedule(index);
    let session = match &item.fields.repeat {
        Some(_) => schedule.defined.as_ref()?,
        None => schedule.shown()?,
    };
    let (text, _) = item.text(cx.lang, site.default_lang());
    let end = session.effective_end(&schedule.tz);
    let dates = match (session.start, end) {
        (When::Day(s), When::Day(e)) => {
            format!("{}/{}", s.strftime("%Y%m%d"), e.strftime("%Y%m%d"))
        }
        (When::At(s), When::At(e)) => format!(
            "{}/{}",
            s.strftime("%Y%m%dT%H%M%S"),
            e.strftime("%Y%m%dT%H%M%S")
        ),
        _ => return None,
    };
    let url = format!("{}{}", site.config.base_url, item.url(cx.lang));
    // Google's link takes a rule but no exceptions: the dates left out are in the text.
    let except: Vec<String> = item
        .fields
        .repeat
        .as_ref()
        .map(|r| {
            let mut days = r.except.clone();
            days.sort_unstable();
            days.dedup();
            days.iter()
                .map(|d| dates::date_short(cx.lang, *d))
                .collect()
        })
        .unwrap_or_default();
    let details = match except.is_empty() {
        true => format!("{}\n\n{url}", text.summary),
        false => format!(
            "{}\n\n{}: {}\n\n{url}",
            text.summary,
            cx.s("not_on"),
            except.join(", ")
        ),
    };
    let place = crate::render::feeds::place_text(site, index, cx.lang).unwrap_or_default();
    let enc = |s: &str| {
        percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
    };
    let recur = crate::render::ical::rrule(&item.fields, &schedule.tz)
        .map(|rule| format!("&recur={}", enc(&format!("RRULE:{rule}"))))
        .unwrap_or_default();
    Some(format!(
        "https://calendar.google.com/calendar/render?action=TEMPLATE&text={}&dates={dates}&details={}&location={}&ctz={}{recur}",
        enc(&text.title),
        enc(&details),
        enc(&place),
        enc(&schedule.tz_name)
    ))
}

#[derive(Serialize)]
struct PageView {
    body: String,
    image: Option<Image>,
}

pub fn page(cx: &Ctx, spec: Spec, item: &Item<crate::model::Page>) -> Result<Built, Diagnostic> {
    let (meta, body, _) = cx.item_meta(spec, "page", item);
    Ok(Built {
        template: "page.html",
        meta,
        data: to_value(&PageView {
            body,
            image: image(cx, item),
        }),
    })
}

#[derive(Serialize)]
struct LocationView {
    kind: Option<String>,
    street: Option<String>,
    postcode: Option<String>,
    city: Option<String>,
    municipality: String,
    geo: Option<(f64, f64)>,
    map_url: String,
    accessibility: Option<String>,
    description: String,
    website: Option<String>,
    image: Option<Image>,
    initiatives: Vec<String>,
    courses: Vec<String>,
    events: Upcoming,
}

/// A plain link to the place on OpenStreetMap: nothing is embedded or loaded.
pub fn map_url(geo: Option<Geo>, query: &str) -> String {
    match geo {
        Some(g) => format!(
            "https://www.openstreetmap.org/?mlat={:.5}&mlon={:.5}#map=15/{:.5}/{:.5}",
            g.lat, g.lon, g.lat, g.lon
        ),
        None => format!(
            "https://www.openstreetmap.org/search?query={}",
            percent_encoding::utf8_percent_encode(query, percent_encoding::NON_ALPHANUMERIC)
        ),
    }
}

pub fn location(cx: &Ctx, index: usize) -> Result<Built, Diagnostic> {
    let site = cx.site;
    let loc = &site.locations[index];
    let d = &loc.data;
    let (name, shown) = d.name.get(cx.lang, site.default_lang());
    let mut meta = meta(
        site,
        cx.lang,
        "location",
        name.to_string(),
        d.municipality.clone(),
        &loc.urls,
    );
    meta.content_lang = other_lang(shown, cx.lang);
    meta.json_ld = json_ld(&jsonld::place(site, loc, cx.lang));
    if let Some(image) = &d.image {
        meta.image = crate::render::picture::og_image(site, image);
        meta.image_alt = d
            .image_alt
            .as_ref()
            .map(|t| t.get(cx.lang, site.default_lang()).0.to_string());
    }
    let a = d.address.as_ref();
    let query = [
        a.and_then(|a| a.street.clone()),
        a.and_then(|a| a.city.clone()),
        Some(d.municipality.clone()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(", ");
    let view = LocationView {
        kind: d.kind.as_ref().map(|k| label(cx.t, "location_kinds", k)),
        street: a.and_then(|a| a.street.clone()),
        postcode: a.and_then(|a| a.postcode.clone()),
        city: a.and_then(|a| a.city.clone()),
        municipality: d.municipality.clone(),
        geo: d.geo.map(|g| (g.lat, g.lon)),
        map_url: map_url(d.geo, &query),
        accessibility: text(&d.accessibility, site, cx.lang),
        description: loc.descriptions.get(&cx.lang).cloned().unwrap_or_default(),
        website: d.website.clone(),
        image: d.image.as_ref().map(|src| {
            let alt = d
                .image_alt
                .as_ref()
                .map_or("", |t| t.get(cx.lang, site.default_lang()).0);
            crate::render::picture::view(site, src, alt, crate::render::picture::Place::Page)
        }),
        initiatives: cx.cards_at(Of::Initiative, of(&cx.rel.initiatives_at, &loc.id))?,
        courses: cx.cards_at(Of::Course, of(&cx.rel.courses_at, &loc.id))?,
        events: Upcoming::of_scope(cx, Scope::Location(index))?,
    };
    Ok(Built {
        template: "location.html",
        meta,
        data: to_value(&view),
    })
}

#[derive(Serialize)]
struct OrganisationView {
    kind: String,
    website: Option<String>,
    description: String,
    initiatives: Vec<String>,
    courses: Vec<String>,
    events: Upcoming,
}

pub fn organisation(cx: &Ctx, index: usize) -> Result<Built, Diagnostic> {
    let site = cx.site;
    let org = &site.organisations[index];
    let d = &org.data;
    let (name, shown) = d.name.get(cx.lang, site.default_lang());
    let mut meta = meta(
        site,
        cx.lang,
        "organisation",
        name.to_string(),
        label(cx.t, "org_kinds", &d.kind),
        &org.urls,
    );
    meta.content_lang = other_lang(shown, cx.lang);
    meta.json_ld = json_ld(&jsonld::organisation(site, org, cx.lang));
    let view = OrganisationView {
        kind: label(cx.t, "org_kinds", &d.kind),
        website: d.website.clone(),
        description: org.descriptions.get(&cx.lang).cloned().unwrap_or_default(),
        initiatives: cx.cards_at(Of::Initiative, of(&cx.rel.initiatives_with, &org.id))?,
        courses: cx.cards_at(Of::Course, of(&cx.rel.courses_by_provider, &org.id))?,
        events: Upcoming::all(cx, of(&cx.rel.upcoming_by_organiser, &org.id))?,
    };
    Ok(Built {
        template: "organisation.html",
        meta,
        data: to_value(&view),
    })
}
