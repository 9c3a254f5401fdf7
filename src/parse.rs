//! Stage 2, parse: each source file to a typed document. Front matter and YAML items
//! are read field by field (`fields::Obj`) so every problem in a file is reported;
//! Markdown bodies become HTML. Files are independent, so this runs in parallel.

use crate::config::{self, SiteConfig};
use crate::diagnostic::Diagnostic;
use crate::fields::{Obj, Reader};
use crate::frontmatter;
use crate::load::SourceFile;
use crate::markdown::Markdown;
use crate::model::*;
use crate::yaml;
use rayon::prelude::*;
use std::sync::Arc;

/// A parsed file: one language of a Markdown item, or a YAML data item.
#[derive(Debug)]
pub enum Parsed {
    Item(Box<ItemFile>),
    Location(String, Location, Arc<crate::source::Source>),
    Organisation(String, Organisation, Arc<crate::source::Source>),
}

/// One language file of a Markdown item. Only the canonical file has `fields`.
#[derive(Debug)]
pub struct ItemFile {
    pub kind: Kind,
    pub id: String,
    pub lang: Lang,
    pub text: ItemText,
    /// Present on the canonical (default-language) file.
    pub canonical: Option<(Common, Fields)>,
}

const TRANSLATABLE: &[&str] = &["title", "summary", "slug", "image_alt"];
const COMMON: &[&str] = &["title", "summary", "slug", "draft", "image", "image_alt"];
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

pub fn parse_all(files: &[SourceFile], config: &SiteConfig) -> (Vec<Parsed>, Vec<Diagnostic>) {
    let results: Vec<(Option<Parsed>, Vec<Diagnostic>)> =
        files.par_iter().map(|f| parse_file(f, config)).collect();
    let mut parsed = Vec::new();
    let mut diags = Vec::new();
    for (p, d) in results {
        parsed.extend(p);
        diags.extend(d);
    }
    (parsed, diags)
}

fn parse_file(file: &SourceFile, config: &SiteConfig) -> (Option<Parsed>, Vec<Diagnostic>) {
    if file.kind.is_markdown() {
        parse_markdown(file, config)
    } else {
        parse_data(file, config)
    }
}

fn parse_markdown(file: &SourceFile, config: &SiteConfig) -> (Option<Parsed>, Vec<Diagnostic>) {
    let split = match frontmatter::split(&file.rel, &file.text) {
        Ok(s) => s,
        Err(d) => return (None, vec![d]),
    };
    let source = Arc::new(frontmatter::source(&file.rel, file.text.clone(), &split));
    let doc = match yaml::parse(source.yaml_text()) {
        Ok(doc) => doc,
        Err(e) => return (None, vec![frontmatter::syntax_error(&source, &e)]),
    };
    let lang = file.lang.unwrap_or(config.default_lang());
    let is_canonical = lang == config.default_lang();
    let reader = Reader::new(source.clone(), &config.languages);
    let mut diags = Vec::new();
    let Some(root) = reader.root(&doc) else {
        return (None, reader.into_diagnostics());
    };
    let title = root.text("title", true);
    let summary = root.text("summary", true);
    if let Some(s) = &summary {
        let n = s.chars().count();
        if n > 300 {
            reader.error_help(
                "summary-too-long",
                format!("the summary has {n} characters; at most 300 fit on cards and in feeds"),
                Some("shorten it, and move the rest into the text below the front matter".into()),
                &root.path_to("summary"),
                false,
            );
        }
    }
    let slug = root.slug("slug");
    let image_alt = root.text("image_alt", false);
    let canonical = if is_canonical {
        root.finish(&known_fields(file.kind));
        let common = Common {
            draft: root.bool("draft").unwrap_or(false),
            image: root.text("image", false),
        };
        if common.image.is_some() && image_alt.is_none() {
            reader.error_help(
                "image-without-alt",
                "`image` needs `image_alt`, a text that says what the image shows",
                Some("add `image_alt: …` for people who cannot see the image".into()),
                &root.path_to("image"),
                true,
            );
        }
        kind_fields(file.kind, &root, config).map(|f| (common, f))
    } else {
        check_translation(file, &root, config);
        None
    };
    let markdown = Markdown {
        allow_html: config.allow_html,
        source: &source,
        offset: split.body.start,
    };
    let body = markdown.render(&file.text[split.body.clone()], &mut diags);
    diags.extend(reader.into_diagnostics());
    let failed = diags.iter().any(Diagnostic::is_error);
    let (Some(title), Some(summary), false) = (title, summary, failed) else {
        return (None, diags);
    };
    if is_canonical && canonical.is_none() {
        return (None, diags);
    }
    let text = ItemText {
        title,
        summary,
        slug,
        image_alt,
        body,
        source,
    };
    let item = ItemFile {
        kind: file.kind,
        id: file.id.clone(),
        lang,
        text,
        canonical,
    };
    (Some(Parsed::Item(Box::new(item))), diags)
}

/// A translation may only set the translatable fields; the rest it inherits.
fn check_translation(file: &SourceFile, root: &Obj, config: &SiteConfig) {
    let known = known_fields(file.kind);
    let canonical_name = format!("{}.{}.md", file.id, config.default_lang().code());
    let this_name = root.source().file_name().to_string();
    for key in root.keys() {
        if TRANSLATABLE.contains(&key) {
            continue;
        }
        if known.contains(&key) {
            root.reader().error_help(
                "inherited-field",
                format!("`{key}` is set in {this_name}; translations inherit it"),
                Some(format!("remove `{key}` here and set it in {canonical_name}, so the languages cannot drift apart")),
                &root.path_to(key),
                true,
            );
        }
    }
    let mut all: Vec<&str> = TRANSLATABLE.to_vec();
    all.extend(known.iter().filter(|k| !TRANSLATABLE.contains(k)));
    // Unknown keys: report with suggestions, skipping the inherited ones reported above.
    let unknown: Vec<&str> = root.keys().filter(|k| !all.contains(k)).collect();
    if !unknown.is_empty() {
        root.finish(&all);
    }
}

fn kind_fields(kind: Kind, o: &Obj, config: &SiteConfig) -> Option<Fields> {
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
    let funding = o
        .objs("funding")
        .iter()
        .filter_map(|f| {
            f.finish(&["organisation", "amount"]);
            let organisation = f.id_ref("organisation", true);
            let amount = f.int("amount", 0);
            if !f.has("amount") {
                f.text("amount", true);
            }
            Some(Funding {
                organisation: organisation?,
                amount: amount?,
            })
        })
        .collect();
    let period = o.obj("period").and_then(|p| {
        p.finish(&["start", "end"]);
        let (start, end) = (p.date("start", true)?, p.date("end", true)?);
        if end < start {
            p.reader().error(
                "end-before-start",
                format!("the period ends ({end}) before it starts ({start})"),
                &p.path_to("end"),
                false,
            );
        }
        Some(Period { start, end })
    });
    Some(Initiative {
        status: o.choice("status", true, INITIATIVE_STATUSES)?,
        since: o.year_or_date("since"),
        until: o.year_or_date("until"),
        audiences: o.choices("audiences", AUDIENCES),
        locations: o.id_refs("locations"),
        lead: o.id_ref("lead", false),
        partners: o.id_refs("partners"),
        website: o.url("website"),
        contact,
        funding,
        period,
    })
}

fn course(o: &Obj) -> Option<Course> {
    let locations = o.id_refs("locations");
    if locations.is_empty() {
        o.reader().error_help(
            "missing-field",
            "a course needs at least one location in `locations`",
            Some("add `locations: [<location id>]`".into()),
            &o.path_to("locations"),
            true,
        );
    }
    let crebo = o.text("crebo", false).filter(|c| {
        let ok = c.len() == 5 && c.bytes().all(|b| b.is_ascii_digit());
        if !ok {
            o.reader().error_help(
                "invalid-value",
                format!("`{c}` is not a crebo code"),
                Some("a crebo code has five digits, like `25180`".into()),
                &o.path_to("crebo"),
                false,
            );
        }
        ok
    });
    let provider = o.id_ref("provider", true);
    let level = o.choice("level", true, LEVELS);
    let course = Course {
        provider: provider?,
        locations,
        level: level?,
        initiative: o.id_ref("initiative", false),
        learning_paths: o.choices("learning_paths", LEARNING_PATHS),
        crebo,
        duration: o.translatable("duration", false),
        cost: o.translatable("cost", false),
        audiences: o.choices("audiences", AUDIENCES),
        starts: o.dates("starts"),
        registration_url: o.url("registration_url"),
    };
    Some(course)
}

fn event(o: &Obj, config: &SiteConfig) -> Option<Event> {
    let event_type = o.choice("type", true, EVENT_TYPES);
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
            "an event needs `location` or `online` (or both)",
            Some("add `location: <location id>` or `online: https://…`".into()),
            &[],
            false,
        );
    }
    let status = o
        .choice("status", false, EVENT_STATUSES)
        .unwrap_or_else(|| "scheduled".into());
    let repeat = o.obj("repeat").and_then(|r| repeat(&r));
    let uid = o.text("uid", false).filter(|u| {
        let ok = !u.trim().is_empty() && u.len() <= 200 && u.chars().all(|c| c.is_ascii_graphic());
        if !ok {
            o.reader().error_help(
                "invalid-value",
                "`uid` must be printable characters without spaces",
                Some("`werkplaats new event <id>` writes a fresh uid".into()),
                &o.path_to("uid"),
                false,
            );
        }
        ok
    });
    let (start, event_type) = (start?, event_type?);
    if let Some(end) = end {
        check_end(o, start, end);
    }
    let tz = timezone.as_ref().map_or(&config.timezone, |(_, tz)| tz);
    check_local_time(o, "start", start, tz);
    if let Some(end) = end {
        check_local_time(o, "end", end, tz);
    }
    Some(Event {
        event_type,
        start,
        end,
        timezone,
        location,
        online,
        initiative: o.id_ref("initiative", false),
        organiser: o.id_ref("organiser", false),
        audiences: o.choices("audiences", AUDIENCES),
        registration_url: o.url("registration_url"),
        cost: o.translatable("cost", false),
        status,
        repeat,
        uid,
        updated: o.datetime("updated"),
        sequence: o
            .int("sequence", 0)
            .map_or(0, |s| s.min(u32::MAX as i64) as u32),
    })
}

fn check_end(o: &Obj, start: When, end: When) {
    let message = match (start, end) {
        (When::Day(s), When::Day(e)) if e < s => {
            format!("the event ends on {e}, before it starts on {s}")
        }
        (When::At(s), When::At(e)) if e < s => format!(
            "the event ends at {}, before it starts at {}",
            e.strftime("%Y-%m-%d %H:%M"),
            s.strftime("%Y-%m-%d %H:%M")
        ),
        (When::Day(_), When::At(_)) | (When::At(_), When::Day(_)) => {
            o.reader().error_help(
                "wrong-type",
                "`start` and `end` must both be dates, or both dates with a time",
                Some("write `end: YYYY-MM-DD HH:MM` for a timed event, `end: YYYY-MM-DD` for whole days".into()),
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
        Some("check the date and time of `start` and `end`".into()),
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
    let shown = dt.strftime("%Y-%m-%d %H:%M");
    let zone = tz.iana_name().unwrap_or("the time zone");
    match ambiguous.offset() {
        jiff::tz::AmbiguousOffset::Unambiguous { .. } => {}
        jiff::tz::AmbiguousOffset::Gap { .. } => o.reader().error_help(
            "nonexistent-time",
            format!("{shown} does not exist in {zone}: the clocks skip that hour (daylight saving time starts)"),
            Some("choose a time outside the skipped hour".into()),
            &o.path_to(field),
            false,
        ),
        jiff::tz::AmbiguousOffset::Fold { .. } => o.reader().error_help(
            "ambiguous-time",
            format!("{shown} happens twice in {zone}: the clocks go back an hour (daylight saving time ends)"),
            Some("choose a time outside the repeated hour".into()),
            &o.path_to(field),
            false,
        ),
    }
}

fn repeat(r: &Obj) -> Option<Repeat> {
    r.finish(&["every", "interval", "until", "count", "except"]);
    let every = r.choice("every", true, &["week", "month"]);
    let interval = r.int("interval", 1).unwrap_or(1).min(1000) as u32;
    let until = r.date("until", false);
    let count = r.int("count", 1).map(|c| c.min(10_000) as u32);
    let end = match (until, count) {
        (Some(_), Some(_)) => {
            r.reader().error(
                "invalid-value",
                "`repeat` takes `until` or `count`, not both",
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

fn parse_data(file: &SourceFile, config: &SiteConfig) -> (Option<Parsed>, Vec<Diagnostic>) {
    let source = Arc::new(frontmatter::yaml_source(&file.rel, file.text.clone()));
    let doc = match yaml::parse(source.yaml_text()) {
        Ok(doc) => doc,
        Err(e) => return (None, vec![frontmatter::syntax_error(&source, &e)]),
    };
    let reader = Reader::new(source.clone(), &config.languages);
    let parsed = reader.root(&doc).and_then(|o| match file.kind {
        Kind::Location => {
            location(&o).map(|l| Parsed::Location(file.id.clone(), l, source.clone()))
        }
        _ => organisation(&o).map(|g| Parsed::Organisation(file.id.clone(), g, source.clone())),
    });
    let failed = reader.has_errors();
    (parsed.filter(|_| !failed), reader.into_diagnostics())
}

fn location(o: &Obj) -> Option<Location> {
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
                format!("{lat}, {lon} is not a place on Earth"),
                Some("write WGS84 decimal degrees, like `lat: 52.0857, lon: 4.8838`".into()),
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
    };
    Some(location)
}

fn organisation(o: &Obj) -> Option<Organisation> {
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
