//! Stage 3, assemble: parsed files → the immutable `Site`. Pairs translations with
//! their canonical file, leaves drafts out, resolves references between items, fixes
//! every URL and refuses two things on one URL, resolves `@/` links per language,
//! checks internal links, and expands the agenda. Every problem becomes a diagnostic.

use crate::agenda;
use crate::config::SiteConfig;
use crate::diagnostic::{Diagnostic, Severity};
use crate::fields::suggest_ids;
use crate::history::History;
use crate::links::{self, Links};
use crate::load::{MediaFile, SourceFile};
use crate::model::*;
use crate::msg;
use crate::parse::{ItemFile, Parsed};
use crate::site::{DataItem, Item, Schedule, Site};
use crate::source::Source;
use crate::timed;
use crate::urls;
use jiff::{Timestamp, ToSpan};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::Arc;

pub struct Input<'a> {
    pub config: SiteConfig,
    pub files: &'a [SourceFile],
    pub parsed: Vec<Parsed>,
    pub media: Vec<MediaFile>,
    pub now: Timestamp,
    pub drafts: bool,
    /// When each file last changed, per git.
    pub history: &'a History,
}

pub fn assemble(input: Input) -> (Site, Vec<Diagnostic>) {
    let started = std::time::Instant::now();
    let mut diags = Vec::new();
    let config = input.config;
    let default = config.default_lang();
    duplicate_files(input.files, default, &mut diags);

    let mut groups: BTreeMap<(Kind, String), BTreeMap<Lang, ItemFile>> = BTreeMap::new();
    let mut locations = Vec::new();
    let mut organisations = Vec::new();
    for parsed in input.parsed {
        match parsed {
            Parsed::Item(file) => {
                let group = groups.entry((file.kind, file.id.clone())).or_default();
                group.entry(file.lang).or_insert(*file);
            }
            Parsed::Location(id, data, source) => locations.push(data_item(id, *data, source)),
            Parsed::Organisation(id, data, source) => {
                organisations.push(data_item(id, data, source))
            }
        }
    }

    let mut site = Site {
        config,
        now: input.now,
        drafts: input.drafts,
        initiatives: Vec::new(),
        courses: Vec::new(),
        events: Vec::new(),
        pages: Vec::new(),
        locations: Arc::new(locations),
        organisations: Arc::new(organisations),
        schedules: Vec::new(),
        upcoming: Vec::new(),
        past: Vec::new(),
        media: input.media,
        images: Arc::default(),
        links: Arc::default(),
    };
    let mut drafts: BTreeSet<(Kind, String)> = BTreeSet::new();
    for ((kind, id), mut files) in groups {
        let Some(mut canonical) = files.remove(&default) else {
            orphan_translations(&files, kind, &id, input.files, default, &mut diags);
            continue;
        };
        let Some((common, fields)) = canonical.canonical.take() else {
            continue;
        };
        if common.draft && !input.drafts {
            drafts.insert((kind, id));
            continue;
        }
        let mut texts: BTreeMap<Lang, Arc<ItemText>> =
            files.into_iter().map(|(l, f)| (l, f.text)).collect();
        if common.image.is_some() {
            translations_need_alt(&texts, &mut diags);
        }
        texts.insert(default, canonical.text);
        add_item(&mut site, id, common, fields, texts);
    }
    // Not shared yet while assembling: no copy is made.
    Arc::make_mut(&mut site.locations).sort_by(|a, b| a.id.cmp(&b.id));
    Arc::make_mut(&mut site.organisations).sort_by(|a, b| a.id.cmp(&b.id));

    let on_disk: HashSet<(Kind, &str)> = input
        .files
        .iter()
        .map(|f| (f.kind, f.id.as_str()))
        .collect();
    crate::stage("assemble: group files", started);
    timed("assemble: references", || {
        check_references(&site, &drafts, &on_disk, &mut diags);
        check_placeholders(&site, &mut diags);
        check_media(&site, &mut diags);
        check_media_names(&site, &mut diags);
        check_uids(&site, &mut diags);
    });
    timed("assemble: urls", || assign_urls(&mut site, &mut diags));
    timed("assemble: links", || {
        // Items whose files are there but did not parse (drafts are left out on purpose).
        let broken: HashSet<String> = on_disk
            .iter()
            .filter(|(kind, id)| !drafts.contains(&(*kind, id.to_string())))
            .map(|(kind, id)| format!("{}/{id}", kind.folder()))
            .collect();
        let links = Links::new(&site, broken);
        links::resolve_bodies(&mut site, &links, &mut diags);
        links::render_descriptions(&mut site, &links, &mut diags);
        site.links = Arc::new(links);
    });
    let files_on_disk: HashSet<(Kind, &str, Lang)> = input
        .files
        .iter()
        .filter(|f| f.kind.is_markdown())
        .map(|f| (f.kind, f.id.as_str(), f.lang.unwrap_or(default)))
        .collect();
    missing_translations(&site, &files_on_disk, &mut diags);
    timed("assemble: agenda", || {
        expand_agenda(&mut site, input.files, input.history, &mut diags)
    });
    (site, diags)
}

fn data_item<T>(id: String, data: T, source: Arc<Source>) -> DataItem<T> {
    DataItem {
        id,
        data,
        source,
        urls: BTreeMap::new(),
        descriptions: BTreeMap::new(),
    }
}

fn add_item(
    site: &mut Site,
    id: String,
    common: Common,
    fields: Fields,
    texts: BTreeMap<Lang, Arc<ItemText>>,
) {
    fn item<F>(
        id: String,
        common: Common,
        fields: F,
        texts: BTreeMap<Lang, Arc<ItemText>>,
    ) -> Item<F> {
        Item {
            id,
            common,
            fields,
            texts,
            urls: BTreeMap::new(),
            bodies: BTreeMap::new(),
        }
    }
    match fields {
        Fields::Initiative(f) => site.initiatives.push(Arc::new(item(id, common, f, texts))),
        Fields::Course(f) => site.courses.push(Arc::new(item(id, common, f, texts))),
        Fields::Event(f) => site.events.push(Arc::new(item(id, common, *f, texts))),
        Fields::Page(f) => site.pages.push(Arc::new(item(id, common, f, texts))),
    }
}

/// An image needs `image_alt` in each language file (the canonical file is checked when
/// it is parsed).
fn translations_need_alt(
    translations: &BTreeMap<Lang, Arc<ItemText>>,
    diags: &mut Vec<Diagnostic>,
) {
    for text in translations.values().filter(|t| t.image_alt.is_none()) {
        diags.push(
            text.source
                .diag_at(
                    Severity::Error,
                    "image-without-alt",
                    msg!(TranslationNeedsAlt),
                    &[],
                    false,
                )
                .with_help(msg!(TranslationNeedsAltHelp)),
        );
    }
}

/// Two files for one item in one language (`x.md` and `x.nl.md`, or two subfolders).
fn duplicate_files(files: &[SourceFile], default: Lang, diags: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<(Kind, &str, Option<Lang>), &str> = HashMap::new();
    for f in files {
        let lang = f.kind.is_markdown().then(|| f.lang.unwrap_or(default));
        if let Some(first) = seen.insert((f.kind, &f.id, lang), &f.rel) {
            diags.push(
                Diagnostic::error(
                    "duplicate-id",
                    &f.rel,
                    msg!(
                        DuplicateId,
                        kind = crate::messages::kind_name(f.kind),
                        id = &f.id,
                        first = first
                    ),
                )
                .with_help(msg!(DuplicateIdHelp)),
            );
        }
    }
}

fn orphan_translations(
    files: &BTreeMap<Lang, ItemFile>,
    kind: Kind,
    id: &str,
    all: &[SourceFile],
    default: Lang,
    diags: &mut Vec<Diagnostic>,
) {
    // A canonical file that failed to parse has its own errors already.
    let canonical_exists = all
        .iter()
        .any(|f| f.kind == kind && f.id == id && f.lang.unwrap_or(default) == default);
    if canonical_exists {
        return;
    }
    for file in files.values() {
        diags.push(
            file.text
                .source
                .diag_line(
                    Severity::Error,
                    "missing-original",
                    msg!(
                        MissingOriginal,
                        language = crate::messages::lang_name(default)
                    ),
                    1,
                    1,
                )
                .with_help(msg!(
                    MissingOriginalHelp,
                    file = format!("content/{}/{id}.{}.md", kind.folder(), default.code())
                )),
        );
    }
}

/// Checks that every reference names an existing item of the right kind.
/// A reference to an item whose file exists but has errors is not reported again:
/// that file's own errors say what to fix.
fn check_references(
    site: &Site,
    drafts: &BTreeSet<(Kind, String)>,
    on_disk: &HashSet<(Kind, &str)>,
    diags: &mut Vec<Diagnostic>,
) {
    let ids = |kind: Kind| -> Vec<&str> {
        match kind {
            Kind::Location => site.locations.iter().map(|x| x.id.as_str()).collect(),
            Kind::Organisation => site.organisations.iter().map(|x| x.id.as_str()).collect(),
            Kind::Initiative => site.initiatives.iter().map(|x| x.id.as_str()).collect(),
            Kind::Course => site.courses.iter().map(|x| x.id.as_str()).collect(),
            Kind::Event => site.events.iter().map(|x| x.id.as_str()).collect(),
            Kind::Page => site.pages.iter().map(|x| x.id.as_str()).collect(),
        }
    };
    let known: HashMap<Kind, Vec<&str>> = Kind::ALL.iter().map(|&k| (k, ids(k))).collect();
    let mut check = |r: &Ref, kind: Kind| {
        let list = &known[&kind];
        let broken =
            on_disk.contains(&(kind, r.id.as_str())) && !drafts.contains(&(kind, r.id.clone()));
        if broken
            || list.binary_search(&r.id.as_str()).is_ok()
            || crate::newitem::PLACEHOLDER_IDS.contains(&r.id.as_str())
        {
            return;
        }
        let mut d = r.at.error(
            "missing-reference",
            msg!(
                MissingReference,
                kind = crate::messages::kind_name(kind),
                id = &r.id
            ),
        );
        d.help = if drafts.contains(&(kind, r.id.clone())) {
            Some(msg!(MissingReferenceDraft, id = &r.id))
        } else {
            suggest_ids(&r.id, list).or_else(|| {
                let file = format!(
                    "content/{}/{}.{}",
                    kind.folder(),
                    r.id,
                    if kind.is_markdown() { "nl.md" } else { "yaml" }
                );
                Some(msg!(MissingReferenceHelp, file = file))
            })
        };
        diags.push(d);
    };
    for i in &site.initiatives {
        let f = &i.fields;
        f.locations.iter().for_each(|r| check(r, Kind::Location));
        f.lead
            .iter()
            .chain(&f.partners)
            .for_each(|r| check(r, Kind::Organisation));
        f.funding
            .iter()
            .for_each(|x| check(&x.organisation, Kind::Organisation));
    }
    for c in &site.courses {
        let f = &c.fields;
        check(&f.provider, Kind::Organisation);
        f.locations.iter().for_each(|r| check(r, Kind::Location));
        f.initiative.iter().for_each(|r| check(r, Kind::Initiative));
    }
    for e in &site.events {
        let f = &e.fields;
        f.location.iter().for_each(|r| check(r, Kind::Location));
        f.initiative.iter().for_each(|r| check(r, Kind::Initiative));
        f.organiser
            .iter()
            .for_each(|r| check(r, Kind::Organisation));
    }
}

/// Example text of `werkplaats new` (`[VUL IN: …]`, `kies-een-id`) in a published item
/// is an error at the place it stands, naming the field; a draft may hold it. Markdown
/// files are scanned once when parsed (so `serve` scans only what changed); locations
/// and organisations, which have no draft, here.
fn check_placeholders(site: &Site, diags: &mut Vec<Diagnostic>) {
    fn published<F>(items: &[Arc<Item<F>>]) -> impl Iterator<Item = &Arc<ItemText>> {
        items
            .iter()
            .filter(|i| !i.common.draft)
            .flat_map(|i| i.texts.values())
    }
    let texts = published(&site.initiatives)
        .chain(published(&site.courses))
        .chain(published(&site.events))
        .chain(published(&site.pages));
    for t in texts {
        diags.extend(t.placeholders.iter().cloned());
    }
    for l in site.locations.iter() {
        diags.extend(crate::newitem::placeholders_in(&l.source, false));
    }
    for o in site.organisations.iter() {
        diags.extend(crate::newitem::placeholders_in(&o.source, false));
    }
}

/// Two events with one `uid` would be one event to every calendar program.
fn check_uids(site: &Site, diags: &mut Vec<Diagnostic>) {
    let default = site.default_lang();
    let mut seen: HashMap<&str, &str> = HashMap::new();
    for event in &site.events {
        let Some(uid) = &event.fields.uid else {
            continue;
        };
        let source = event.canonical_source(default);
        match seen.get(uid.as_str()) {
            Some(first) => diags.push(
                source
                    .diag_at(
                        crate::diagnostic::Severity::Error,
                        "duplicate-uid",
                        msg!(DuplicateUid, uid = uid, first = *first),
                        &[crate::yaml::Step::Key("uid".into())],
                        false,
                    )
                    .with_help(msg!(DuplicateUidHelp)),
            ),
            None => {
                seen.insert(uid, &source.rel);
            }
        }
    }
}

/// Media names are URLs: `[a-z0-9._-]` only, so no name differs from another by case
/// alone (one file on macOS and Windows, two on Linux and the web server).
fn check_media_names(site: &Site, diags: &mut Vec<Diagnostic>) {
    let mut by_lower: HashMap<String, &str> = HashMap::new();
    for m in &site.media {
        let rel = format!("content/media/{}", m.rel);
        let lower = m.rel.to_lowercase();
        if let Some(first) = by_lower.get(&lower) {
            diags.push(
                Diagnostic::error(
                    "media-case-collision",
                    &rel,
                    msg!(MediaCaseCollision, first = format!("content/media/{first}")),
                )
                .with_help(msg!(MediaCaseCollisionHelp)),
            );
            continue;
        }
        by_lower.insert(lower, &m.rel);
        if !m.rel.split('/').all(is_media_name) {
            diags.push(
                Diagnostic::error("invalid-media-name", &rel, msg!(MediaName)).with_help(msg!(
                    MediaNameHelp,
                    name = format!("content/media/{}", media_name_for(&m.rel))
                )),
            );
        }
    }
}

fn is_media_name(part: &str) -> bool {
    part.bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b))
}

/// A valid media path close to `rel`: each part slugified, extensions in lowercase.
fn media_name_for(rel: &str) -> String {
    let parts: Vec<String> = rel
        .split('/')
        .map(|part| match part.rsplit_once('.') {
            Some((stem, ext)) => format!(
                "{}.{}",
                crate::fields::suggest_slug(stem),
                ext.to_lowercase()
            ),
            None => crate::fields::suggest_slug(part),
        })
        .collect();
    parts.join("/")
}

/// `image` must name a file under `content/media/`.
fn check_media(site: &Site, diags: &mut Vec<Diagnostic>) {
    let media: Vec<&str> = site.media.iter().map(|m| m.rel.as_str()).collect();
    let default = site.default_lang();
    let images = site
        .initiatives
        .iter()
        .map(|i| (&i.common, i.canonical_source(default)))
        .chain(
            site.courses
                .iter()
                .map(|i| (&i.common, i.canonical_source(default))),
        )
        .chain(
            site.events
                .iter()
                .map(|i| (&i.common, i.canonical_source(default))),
        )
        .chain(
            site.pages
                .iter()
                .map(|i| (&i.common, i.canonical_source(default))),
        );
    let places = site
        .locations
        .iter()
        .filter_map(|l| Some((l.data.image.as_ref()?, &l.source)));
    let images = images
        .filter_map(|(common, source)| Some((common.image.as_ref()?, source)))
        .chain(places);
    for (image, source) in images {
        let rel = crate::images::media_rel(image);
        if media.contains(&rel) {
            continue;
        }
        let path = [crate::yaml::Step::Key("image".into())];
        let mut d = source.diag_at(
            Severity::Error,
            "missing-file",
            msg!(MissingMedia, file = format!("content/media/{rel}")),
            &path,
            false,
        );
        d.help = suggest_ids(rel, &media).or_else(|| Some(msg!(MissingMediaHelp)));
        diags.push(d);
    }
}

/// Who owns a URL, for collision messages.
struct Claims {
    owners: HashMap<String, String>,
}

impl Claims {
    fn claim(&mut self, url: &str, owner: String) -> Option<String> {
        match self.owners.get(url) {
            Some(existing) => Some(existing.clone()),
            None => {
                self.owners.insert(url.to_string(), owner);
                None
            }
        }
    }
}

fn assign_urls(site: &mut Site, diags: &mut Vec<Diagnostic>) {
    let config = site.config.clone();
    let mut claims = Claims {
        owners: HashMap::new(),
    };
    for &lang in &config.languages {
        for (url, what) in urls::generated(&config, lang) {
            claims.claim(&url, what.to_string());
        }
    }
    fn items<F: Clone>(
        list: &mut [Arc<Item<F>>],
        kind: Kind,
        config: &SiteConfig,
        claims: &mut Claims,
        diags: &mut Vec<Diagnostic>,
    ) {
        let default = config.default_lang();
        for item in list {
            // Not shared yet while assembling: no copy is made.
            let item = Arc::make_mut(item);
            for &lang in &config.languages {
                let (text, _) = item.text(lang, default);
                let own = item.texts.get(&lang).and_then(|t| t.slug.clone());
                let slug = own.unwrap_or_else(|| item.id.clone());
                let url = urls::item(config, kind, lang, &slug);
                if let Some(other) = claims.claim(&url, text.source.rel.clone()) {
                    let source = item.texts.get(&lang).map_or(&text.source, |t| &t.source);
                    let path = [crate::yaml::Step::Key("slug".into())];
                    let at_slug = item.texts.get(&lang).is_some_and(|t| t.slug.is_some());
                    let d = if at_slug {
                        source.diag_at(
                            Severity::Error,
                            "url-collision",
                            msg!(UrlCollision, url = &url, other = &other),
                            &path,
                            false,
                        )
                    } else {
                        source.diag_line(
                            Severity::Error,
                            "url-collision",
                            msg!(UrlCollision, url = &url, other = &other),
                            1,
                            1,
                        )
                    };
                    diags.push(d.with_help(msg!(UrlCollisionHelp)));
                }
                item.urls.insert(lang, url);
            }
        }
    }
    items(
        &mut site.initiatives,
        Kind::Initiative,
        &config,
        &mut claims,
        diags,
    );
    items(&mut site.courses, Kind::Course, &config, &mut claims, diags);
    items(&mut site.events, Kind::Event, &config, &mut claims, diags);
    items(&mut site.pages, Kind::Page, &config, &mut claims, diags);
    for loc in Arc::make_mut(&mut site.locations) {
        for &lang in &config.languages {
            loc.urls
                .insert(lang, urls::item(&config, Kind::Location, lang, &loc.id));
        }
    }
    for org in Arc::make_mut(&mut site.organisations) {
        for &lang in &config.languages {
            org.urls
                .insert(lang, urls::item(&config, Kind::Organisation, lang, &org.id));
        }
    }
}

/// A warning per language an item has no file for. A translation whose file is there
/// but has errors is not missing: its own errors say what to fix.
fn missing_translations(
    site: &Site,
    on_disk: &HashSet<(Kind, &str, Lang)>,
    diags: &mut Vec<Diagnostic>,
) {
    let default = site.default_lang();
    let mut warn = |texts: &BTreeMap<Lang, Arc<ItemText>>, kind: Kind, id: &str| {
        for &lang in &site.config.languages {
            if texts.contains_key(&lang) || on_disk.contains(&(kind, id, lang)) {
                continue;
            }
            let source = &texts[&default].source;
            diags.push(
                source
                    .diag_line(
                        Severity::Warning,
                        "missing-translation",
                        msg!(
                            MissingTranslation,
                            language = crate::messages::lang_name(lang),
                            file = format!("{id}.{}.md", lang.code()),
                            default = crate::messages::lang_name(default)
                        ),
                        1,
                        1,
                    )
                    .with_help(msg!(
                        MissingTranslationHelp,
                        file = format!("{id}.{}.md", lang.code())
                    )),
            );
        }
    };
    site.initiatives
        .iter()
        .for_each(|i| warn(&i.texts, Kind::Initiative, &i.id));
    site.courses
        .iter()
        .for_each(|i| warn(&i.texts, Kind::Course, &i.id));
    site.events
        .iter()
        .for_each(|i| warn(&i.texts, Kind::Event, &i.id));
    site.pages
        .iter()
        .for_each(|i| warn(&i.texts, Kind::Page, &i.id));
}

/// Resolves every event once: its time zone, its place, its sessions with their
/// effective ends, where `now` falls among them, its calendar identity and when it last
/// changed. Then orders the upcoming and the past events for lists.
fn expand_agenda(
    site: &mut Site,
    files: &[SourceFile],
    history: &History,
    diags: &mut Vec<Diagnostic>,
) {
    let modified: HashMap<&str, Option<std::time::SystemTime>> = files
        .iter()
        .filter(|f| f.kind == Kind::Event)
        .map(|f| (f.rel.as_str(), f.modified))
        .collect();
    // Each event on its own: in parallel, in the events' order.
    let resolved: Vec<(Schedule, Option<Diagnostic>)> = site
        .events
        .par_iter()
        .map(|event| {
            schedule(
                site,
                event,
                |rel| modified.get(rel).copied().flatten(),
                history,
            )
        })
        .collect();
    let mut schedules = Vec::with_capacity(resolved.len());
    for (schedule, old) in resolved {
        diags.extend(old);
        schedules.push(Arc::new(schedule));
    }
    site.schedules = schedules;
    // Upcoming: by next session; past: the most recently ended first. Ties by id, which is
    // the order of `site.events`.
    let s = &site.schedules;
    let mut upcoming: Vec<usize> = (0..s.len()).filter(|&i| s[i].is_upcoming()).collect();
    upcoming.sort_by_key(|&i| (s[i].upcoming()[0].starts_at, i));
    let mut past: Vec<usize> = (0..s.len())
        .filter(|&i| !s[i].is_upcoming() && !s[i].sessions.is_empty())
        .collect();
    past.sort_by_key(|&i| {
        (
            std::cmp::Reverse(s[i].sessions[s[i].sessions.len() - 1].ends_at),
            i,
        )
    });
    site.upcoming = upcoming;
    site.past = past;
}

/// The resolved schedule of one event of `site` (whose `now`, zone and locations it
/// uses), with the warning for an event long over; `modified` gives a file's time by its
/// path, for when the event changed if git does not say.
pub fn schedule(
    site: &Site,
    event: &Item<Event>,
    modified: impl Fn(&str) -> Option<std::time::SystemTime>,
    history: &History,
) -> (Schedule, Option<Diagnostic>) {
    let site_tz = &site.config.timezone;
    let now = site.now;
    let year_ago = now.checked_sub(24.hours() * 365).unwrap_or(now);
    let default = site.default_lang();
    let f = &event.fields;
    let (tz_name, tz) = match &f.timezone {
        Some((name, tz)) => (name.clone(), tz.clone()),
        None => (site.config.timezone_name.clone(), site_tz.clone()),
    };
    let sessions = agenda::expand(f, &tz, site_tz, now);
    let next = sessions.partition_point(|s| !s.is_upcoming(now));
    let ended = sessions.last().is_none_or(|s| s.ends_at < year_ago);
    let repeats_on = matches!(f.repeat.as_ref().map(|r| &r.end), Some(RepeatEnd::Forever));
    let old = (ended && !repeats_on).then(|| {
        event
            .canonical_source(default)
            .diag_line(Severity::Warning, "old-event", msg!(OldEvent), 1, 1)
            .with_help(msg!(OldEventHelp))
    });
    // `updated` is the editor's wall time, in the site's zone. Derived times are never
    // later than the build's `now` either: a file touched after it (a fresh copy) cannot
    // make a build for a given `--now` differ from one made before.
    let updated = f
        .updated
        .and_then(|u| site_tz.to_ambiguous_timestamp(u).compatible().ok());
    let changed = match updated {
        Some(updated) => history.clamp(updated),
        None => history
            .changed(
                Kind::Event.folder(),
                &event.id,
                event.texts.values().map(|t| {
                    let rel = t.source.rel.as_str();
                    (rel, modified(rel))
                }),
            )
            .min(now),
    };
    let schedule = Schedule {
        location: f.location.as_ref().and_then(|r| {
            site.locations
                .binary_search_by(|l| l.id.as_str().cmp(&r.id))
                .ok()
        }),
        uid: uid(&site.config.base_url, &event.id, f.uid.as_deref()),
        // Usually the first session itself; computed only when `except` left it out.
        defined: match sessions.first() {
            Some(first) if first.start == f.start => Some(first.clone()),
            _ => agenda::defined(f, &tz),
        },
        last_day: agenda::last_day(f),
        tz_name,
        tz,
        sessions,
        next,
        changed,
    };
    (schedule, old)
}

/// The calendar identity of an event: its `uid`, or a UUID derived from the site and the
/// id (name-based, so it reveals neither host nor person and stays while they do).
fn uid(base_url: &str, id: &str, written: Option<&str>) -> String {
    match written {
        Some(uid) => uid.to_string(),
        None => {
            let name = format!("{base_url}/events/{id}");
            uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_URL, name.as_bytes()).to_string()
        }
    }
}
