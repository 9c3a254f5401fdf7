//! The typed fields of each kind, read from a YAML mapping with `fields::Obj`: which
//! fields exist, which are required, and the checks that belong to one kind (an event's
//! times and repetition, a course's crebo, a location's coordinates).

use crate::config::{self, SiteConfig};
use crate::fields::Obj;
use crate::model::*;
use crate::msg;

pub const TRANSLATABLE: &[&str] = &["title", "summary", "slug", "image_alt", "aliases"];
const COMMON: &[&str] = &[
    "title",
    "summary",
    "slug",
    "draft",
    "image",
    "image_alt",
    "aliases",
];
const INITIATIVE: &[&str] = &[
    "status",
    "since",
    "until",
    "audiences",
    "locations",
    "lead",
    "partners",
    "website",
    "contact",
    "funding",
    "period",
];
const COURSE: &[&str] = &[
    "provider",
    "locations",
    "level",
    "initiative",
    "learning_paths",
    "crebo",
    "duration",
    "cost",
    "audiences",
    "starts",
    "registration_url",
];
const EVENT: &[&str] = &[
    "type",
    "start",
    "end",
    "timezone",
    "location",
    "online",
    "initiative",
    "organiser",
    "audiences",
    "registration_url",
    "cost",
    "status",
    "repeat",
    "uid",
    "updated",
    "sequence",
    "previous_start",
];
const PAGE: &[&str] = &["menu"];
const LOCATION: &[&str] = &[
    "name",
    "kind",
    "address",
    "municipality",
    "geo",
    "description",
    "website",
    "accessibility",
    "image",
    "image_alt",
];
const ORGANISATION: &[&str] = &["name", "kind", "website", "description"];

/// The fields a kind's canonical file may hold.
pub fn known_fields(kind: Kind) -> Vec<&'static str> {
    let own = match kind {
        Kind::Initiative => INITIATIVE,
        Kind::Course => COURSE,
        Kind::Event => EVENT,
        Kind::Page => PAGE,
        Kind::Location => return LOCATION.to_vec(),
        Kind::Organisation => return ORGANISATION.to_vec(),
    };
    COMMON.iter().chain(own).copied().collect()
}

pub fn kind_fields(kind: Kind, o: &Obj, config: &SiteConfig) -> Option<Fields> {
    match kind {
        Kind::Initiative => initiative(o).map(Fields::Initiative),
        Kind::Course => course(o).map(Fields::Course),
        Kind::Event => event(o, config).map(|e| Fields::Event(Box::new(e))),
        Kind::Page => Some(Fields::Page(Page {
            menu: o.int("menu", i64::MIN),
        })),
        Kind::Location | Kind::Organisation => None,
    }
}

fn initiative(o: &Obj) -> Option<Initiative> {
    let contact = o.obj("contact").map(|c| {
        c.finish(&["role", "email", "phone", "url"]);
        Contact {
            role: c.translatable("role", false),
            email: c.email("email"),
            phone: c.text("phone", false),
            url: c.url("url"),
        }
    });
    let funding: Vec<Funding> = o
        .objs("funding")
        .iter()
        .filter_map(|f| {
            f.finish(&["organisation", "amount"]);
            let organisation = f.id_ref("organisation", true);
            let amount = f.int_upto("amount", (0, MAX_EUROS), "amount-too-large", |a| {
                (msg!(AmountTooLarge, amount = a), msg!(AmountHelp))
            });
            if !f.has("amount") {
                f.text("amount", true);
            }
            Some(Funding {
                organisation: organisation?,
                amount: amount?,
            })
        })
        .collect();
    let total = funding
        .iter()
        .try_fold(0i64, |sum, f| sum.checked_add(f.amount));
    if total.is_none_or(|t| t > MAX_EUROS) {
        o.reader().error_help(
            "amount-too-large",
            match total {
                Some(t) => msg!(FundingTotalIs, total = t),
                None => msg!(FundingTotal),
            },
            Some(msg!(FundingTotalHelp)),
            &o.path_to("funding"),
            true,
        );
    }
    let period = o.obj("period").and_then(|p| {
        p.finish(&["start", "end"]);
        let (start, end) = (p.date("start", true)?, p.date("end", true)?);
        if end < start {
            p.reader().error(
                "end-before-start",
                msg!(
                    PeriodEndBeforeStart,
                    end = end.to_string(),
                    start = start.to_string()
                ),
                &p.path_to("end"),
                false,
            );
        }
        Some(Period { start, end })
    });
    let status = o.choice("status", true, INITIATIVE_STATUSES);
    let since = o.year_or_date("since");
    let until = o.year_or_date("until");
    let audiences = o.choices("audiences", AUDIENCES);
    let locations = o.id_refs("locations");
    let lead = o.id_ref("lead", false);
    let partners = o.id_refs("partners");
    let website = o.url("website");
    Some(Initiative {
        status: status?,
        since,
        until,
        audiences,
        locations,
        lead,
        partners,
        website,
        contact,
        funding,
        period,
    })
}

/// The largest amount, and total, of funding (SPEC §1.6: € 10¹²).
const MAX_EUROS: i64 = 1_000_000_000_000;

/// RFC 5545 `SEQUENCE` is a non-negative 32-bit signed integer.
const MAX_SEQUENCE: i64 = 2_147_483_647;

/// The most sessions a `count` may ask for.
const MAX_COUNT: i64 = 1000;

fn course(o: &Obj) -> Option<Course> {
    let locations = o.id_refs("locations");
    if locations.is_empty() {
        o.reader().error_help(
            "missing-field",
            msg!(CourseNeedsLocation),
            Some(msg!(CourseNeedsLocationHelp)),
            &o.path_to("locations"),
            true,
        );
    }
    let crebo = o.text("crebo", false).filter(|c| {
        let ok = c.len() == 5 && c.bytes().all(|b| b.is_ascii_digit());
        if !ok {
            o.reader().error_help(
                "invalid-value",
                msg!(NotCrebo, code = c),
                Some(msg!(CreboHelp)),
                &o.path_to("crebo"),
                false,
            );
        }
        ok
    });
    let provider = o.id_ref("provider", true);
    let level = o.choice("level", true, LEVELS);
    // Every field is read before giving up, so each mistake is reported in one run.
    let initiative = o.id_ref("initiative", false);
    let learning_paths = o.choices("learning_paths", LEARNING_PATHS);
    let duration = o.translatable("duration", false);
    let cost = o.translatable("cost", false);
    let audiences = o.choices("audiences", AUDIENCES);
    let starts = o.dates("starts");
    let registration_url = o.url("registration_url");
    Some(Course {
        provider: provider?,
        locations,
        level: level?,
        initiative,
        learning_paths,
        crebo,
        duration,
        cost,
        audiences,
        starts,
        registration_url,
    })
}

fn event(o: &Obj, config: &SiteConfig) -> Option<Event> {
    let event_type = o
        .choice("type", true, EVENT_TYPES)
        .and_then(|t| EventType::parse(&t));
    let start = o.when("start", true);
    let end = o.when("end", false);
    let timezone = o.text("timezone", false).and_then(|name| {
        let tz = config::timezone(o, "timezone", &name)?;
        Some((name, tz))
    });
    let location = o.id_ref("location", false);
    let online = o.url("online");
    if !o.has("location") && !o.has("online") {
        o.reader().error_help(
            "missing-field",
            msg!(EventNeedsPlace),
            Some(msg!(EventNeedsPlaceHelp)),
            &[],
            false,
        );
    }
    let status = o
        .choice("status", false, EVENT_STATUSES)
        .and_then(|s| EventStatus::parse(&s))
        .unwrap_or(EventStatus::Scheduled);
    let previous_start = o.when("previous_start", false);
    if previous_start.is_some() && status != EventStatus::Postponed {
        o.reader().warning_help(
            "previous-start-not-postponed",
            msg!(PreviousStartNotPostponed),
            Some(msg!(PreviousStartHelp)),
            &o.path_to("previous_start"),
        );
    }
    let repeat = o.obj("repeat").and_then(|r| repeat(&r));
    let uid = o.text("uid", false).filter(|u| {
        let ok = !u.trim().is_empty() && u.len() <= 200 && u.chars().all(|c| c.is_ascii_graphic());
        if !ok {
            o.reader().error_help(
                "invalid-value",
                msg!(InvalidUid),
                Some(msg!(InvalidUidHelp)),
                &o.path_to("uid"),
                false,
            );
        }
        ok
    });
    // Every field is read before giving up, so each mistake is reported in one run.
    let initiative = o.id_ref("initiative", false);
    let organiser = o.id_ref("organiser", false);
    let audiences = o.choices("audiences", AUDIENCES);
    let registration_url = o.url("registration_url");
    let cost = o.translatable("cost", false);
    let updated = o.datetime("updated");
    let (start, event_type) = (start?, event_type?);
    if let Some(end) = end {
        check_end(o, start, end);
    }
    let tz = timezone.as_ref().map_or(&config.timezone, |(_, tz)| tz);
    check_local_time(o, "start", start, tz);
    if let Some(end) = end {
        check_local_time(o, "end", end, tz);
    }
    let sequence = o.int_upto("sequence", (0, MAX_SEQUENCE), "invalid-value", |n| {
        (
            msg!(SequenceRange, n = n, max = MAX_SEQUENCE),
            msg!(SequenceHelp),
        )
    });
    let event = Event {
        event_type,
        start,
        end,
        timezone,
        location,
        online,
        initiative,
        organiser,
        audiences,
        registration_url,
        cost,
        status,
        // Only a postponed event has an earlier start (else it was warned about above).
        previous_start: previous_start.filter(|_| status == EventStatus::Postponed),
        repeat,
        uid,
        updated,
        sequence: sequence.map_or(0, |s| s as u32),
    };
    check_sessions(o, &event);
    Some(event)
}

/// A repeat must describe at least one session: `until` not before `start`; each
/// `except` date should be one of its sessions (else it is a warning: it excepts nothing).
fn check_sessions(o: &Obj, event: &Event) {
    let Some(repeat) = &event.repeat else {
        return;
    };
    let first = event.start.date();
    let path = o.path_to("repeat");
    if let RepeatEnd::Until(until) = repeat.end
        && until < first
    {
        let mut at = path.clone();
        at.push(crate::yaml::Step::Key("until".into()));
        o.reader().error_help(
            "repeat-until-before-start",
            msg!(
                RepeatUntilBeforeStart,
                until = until.to_string(),
                first = first.to_string()
            ),
            Some(msg!(RepeatUntilHelp)),
            &at,
            false,
        );
        return;
    }
    let Some(last_except) = repeat.except.iter().max() else {
        return;
    };
    let finite = !matches!(repeat.end, RepeatEnd::Forever);
    if finite && crate::agenda::start_dates(event, jiff::civil::Date::MAX).is_empty() {
        let mut at = path.clone();
        at.push(crate::yaml::Step::Key("except".into()));
        o.reader().error_help(
            "repeat-without-sessions",
            msg!(RepeatWithoutSessions),
            Some(msg!(RepeatWithoutSessionsHelp)),
            &at,
            false,
        );
        return;
    }
    let mut plain = event.clone();
    if let Some(r) = plain.repeat.as_mut() {
        r.except.clear();
    }
    let sessions = crate::agenda::start_dates(&plain, *last_except);
    for (i, date) in repeat.except.iter().enumerate() {
        if sessions.contains(date) {
            continue;
        }
        let mut at = path.clone();
        at.push(crate::yaml::Step::Key("except".into()));
        at.push(crate::yaml::Step::Index(i));
        o.reader().warning_help(
            "except-not-a-session",
            msg!(ExceptNotASession, date = date.to_string()),
            Some(msg!(ExceptHelp)),
            &at,
        );
    }
}

fn check_end(o: &Obj, start: When, end: When) {
    let message = match (start, end) {
        (When::Day(s), When::Day(e)) if e < s => {
            msg!(
                EndBeforeStartDay,
                end = e.to_string(),
                start = s.to_string()
            )
        }
        (When::At(s), When::At(e)) if e < s => msg!(
            EndBeforeStartTime,
            end = e.strftime("%Y-%m-%d %H:%M").to_string(),
            start = s.strftime("%Y-%m-%d %H:%M").to_string()
        ),
        (When::Day(_), When::At(_)) | (When::At(_), When::Day(_)) => {
            o.reader().error_help(
                "wrong-type",
                msg!(StartEndKinds),
                Some(msg!(StartEndKindsHelp)),
                &o.path_to("end"),
                false,
            );
            return;
        }
        _ => return,
    };
    o.reader().error_help(
        "end-before-start",
        message,
        Some(msg!(EndBeforeStartHelp)),
        &o.path_to("end"),
        false,
    );
}

/// A local time must exist exactly once in its time zone.
fn check_local_time(o: &Obj, field: &str, when: When, tz: &jiff::tz::TimeZone) {
    let When::At(dt) = when else {
        return;
    };
    let ambiguous = tz.to_ambiguous_zoned(dt);
    let shown = dt.strftime("%Y-%m-%d %H:%M").to_string();
    let zone: crate::messages::Arg = tz
        .iana_name()
        .map_or_else(|| msg!(TheTimeZone).into(), Into::into);
    match ambiguous.offset() {
        jiff::tz::AmbiguousOffset::Unambiguous { .. } => {}
        jiff::tz::AmbiguousOffset::Gap { .. } => o.reader().error_help(
            "nonexistent-time",
            msg!(NonexistentTime, time = shown.clone(), zone = zone.clone()),
            Some(msg!(NonexistentTimeHelp)),
            &o.path_to(field),
            false,
        ),
        jiff::tz::AmbiguousOffset::Fold { .. } => o.reader().error_help(
            "ambiguous-time",
            msg!(AmbiguousTime, time = shown, zone = zone),
            Some(msg!(AmbiguousTimeHelp)),
            &o.path_to(field),
            false,
        ),
    }
}

fn repeat(r: &Obj) -> Option<Repeat> {
    r.finish(&["every", "interval", "until", "count", "except"]);
    let every = r
        .choice("every", true, &["week", "month"])
        .and_then(|e| Every::parse(&e));
    let interval = r.int("interval", 1).unwrap_or(1).min(1000) as u32;
    let until = r.date("until", false);
    let count = r
        .int_upto("count", (1, MAX_COUNT), "invalid-value", |c| {
            (
                msg!(CountTooLarge, count = c, max = MAX_COUNT),
                msg!(CountHelp),
            )
        })
        .map(|c| c as u32);
    let end = match (until, count) {
        (Some(_), Some(_)) => {
            r.reader().error(
                "invalid-value",
                msg!(UntilAndCount),
                &r.path_to("count"),
                true,
            );
            return None;
        }
        (Some(u), None) => RepeatEnd::Until(u),
        (None, Some(c)) => RepeatEnd::Count(c),
        (None, None) => RepeatEnd::Forever,
    };
    Some(Repeat {
        every: every?,
        interval,
        end,
        except: r.dates("except"),
    })
}

pub fn location(o: &Obj) -> Option<Location> {
    o.finish(LOCATION);
    let address = o.obj("address").map(|a| {
        a.finish(&["street", "postcode", "city"]);
        Address {
            street: a.text("street", false),
            postcode: a.text("postcode", false),
            city: a.text("city", false),
        }
    });
    let geo = o.obj("geo").and_then(|g| {
        g.finish(&["lat", "lon"]);
        let (lat, lon) = (g.float("lat", true)?, g.float("lon", true)?);
        if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
            g.reader().error_help(
                "invalid-value",
                msg!(NotOnEarth, lat = lat, lon = lon),
                Some(msg!(GeoHelp)),
                &g.path_to("lat"),
                false,
            );
            return None;
        }
        Some(Geo { lat, lon })
    });
    let name = o.translatable("name", true);
    let municipality = o.text("municipality", true);
    let location = Location {
        name: name?,
        kind: o.choice("kind", false, LOCATION_KINDS),
        address,
        municipality: municipality?,
        geo,
        description: o.translatable("description", false),
        website: o.url("website"),
        accessibility: o.translatable("accessibility", false),
        image: o.text("image", false),
        image_alt: o.translatable("image_alt", false),
    };
    if location.image.is_some() && location.image_alt.is_none() {
        o.reader().error_help(
            "image-without-alt",
            msg!(ImageWithoutAlt),
            Some(msg!(ImageWithoutAltHelp)),
            &o.path_to("image"),
            true,
        );
    }
    Some(location)
}

pub fn organisation(o: &Obj) -> Option<Organisation> {
    o.finish(ORGANISATION);
    let name = o.translatable("name", true);
    let kind = o.choice("kind", true, ORGANISATION_KINDS);
    Some(Organisation {
        name: name?,
        kind: kind?,
        website: o.url("website"),
        description: o.translatable("description", false),
    })
}
