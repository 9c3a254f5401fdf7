//! Stage 4, render: `&Site` + theme → outputs. Pure: no file is written here. HTML pages
//! go through the theme's Tera templates in parallel (rayon); the sitemap and robots.txt
//! are made here; static and media files are passed on by path for `write` to copy.

mod atom;
mod cards;
mod context;
mod dates;
mod feeds;
mod ical;
mod items;
mod json;
mod jsonld;
mod labels;
mod pages;
mod paging;
mod picture;
mod records;
mod relations;
mod sitemap;
mod views;

use crate::config::Section;
use crate::diagnostic::Diagnostic;
use crate::model::Lang;
use crate::site::Site;
use crate::theme::{Theme, template_error};
use crate::urls;
use context::{Ctx, Spec};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use views::{NavLink, SiteView};

/// What one output file holds: bytes made by the build, or a file to copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    Bytes(Vec<u8>),
    File(PathBuf),
}

/// A finished file as handed to a sink: bytes (borrowed from the maker's buffer) or a
/// file to copy.
#[derive(Debug, Clone, Copy)]
pub enum Piece<'a> {
    Bytes(&'a [u8]),
    File(&'a Path),
    /// A file to copy whose hash and size are known already (a picture and its widths).
    Known(&'a Path, blake3::Hash, u64),
}

/// What a render made, for the summary line.
#[derive(Debug, Default, Clone, Copy)]
pub struct Rendered {
    pub pages: usize,
    pub feeds: usize,
    pub files: usize,
}

/// An event or course (index into `site.events` or `site.courses`) that a file shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Uses {
    Event(usize),
    Course(usize),
}

/// How to make one output file.
#[derive(Debug, Clone, Copy)]
pub enum Job {
    Page(Spec, Lang),
    /// A scope feed (index into the feed plans) in one format.
    Feed(usize, Format),
    /// An event's own `.ics`.
    EventIcs(usize, Lang),
    Schema,
    /// The sitemap (0) or one of its parts (from 1) when it is split.
    Sitemap(usize),
    Robots,
    /// A web server's file (index into `deploy::FILES`): `_headers`, `.htaccess`, ….
    Deploy(usize),
    /// A theme static file (index into `theme.statics`).
    Static(usize),
    /// A media file (index into `site.media`).
    Media(usize),
    /// A picture's variant (indexes into `site.images.pictures` and its `variants`).
    Image(usize, usize),
    /// A page that moved (index into the plan's `moved`): it sends the visitor on.
    Moved(usize),
}

#[derive(Debug, Clone, Copy)]
pub enum Format {
    Ics,
    Atom,
    Json,
}

/// Everything decided before the first byte is written: the relations between items, a
/// template engine per language, which feeds hold which events, and every output file with
/// the job that makes it. It owns all of it, so `serve` can keep a plan beside its site and
/// make any single file when a browser asks for it; `build` makes them all.
pub struct Plan {
    rel: Arc<relations::Relations>,
    langs: BTreeMap<Lang, PerLang>,
    specs: Arc<Vec<Spec>>,
    feeds: feeds::Plans,
    /// Pages that moved: language, old URL, new URL.
    moved: Arc<Vec<(Lang, String, String)>>,
    /// Every output file in a fixed order: its path in the output and its job.
    pub files: Vec<(String, Job)>,
}

impl Plan {
    /// Plans the site; two files on one path are errors.
    pub fn new(site: &Site, theme: &Theme) -> Result<Plan, Vec<Diagnostic>> {
        let rel = relations::Relations::new(site);
        let langs = site
            .config
            .languages
            .iter()
            .map(|&l| {
                let mut tera = theme.tera.clone();
                let global = tera.global_context();
                global.insert("lang", l.code());
                global.insert("t", &theme.strings[&l]);
                global.insert("now", &site.now.to_string());
                let cards = cards::CardCache::new(site, rel.months.len());
                (l, PerLang::new(Arc::new(tera), site, l, theme, cards))
            })
            .collect();
        let specs = context::specs(site, &rel);
        let feeds = feeds::plan(site, &theme.strings, &rel);
        // The sitemap is the largest single file: first, so no core waits for it at the end.
        let mut files: Vec<(String, Job)> = vec![
            ("sitemap.xml".into(), Job::Sitemap(0)),
            ("agenda.schema.json".into(), Job::Schema),
            ("robots.txt".into(), Job::Robots),
        ];
        for n in 1..=sitemap::parts(site, &specs) {
            files.push((sitemap::part_name(n), Job::Sitemap(n)));
        }
        for (i, (name, _)) in crate::deploy::FILES.iter().enumerate() {
            files.push((name.to_string(), Job::Deploy(i)));
        }
        for &spec in &specs {
            let urls = context::spec_urls(site, spec);
            for &lang in &site.config.languages {
                files.push((urls::file_for(&urls[&lang]), Job::Page(spec, lang)));
            }
        }
        for (i, plan) in feeds.feeds.iter().enumerate() {
            let stem = &plan.stem[1..];
            files.push((format!("{stem}.ics"), Job::Feed(i, Format::Ics)));
            files.push((format!("{stem}.atom"), Job::Feed(i, Format::Atom)));
            files.push((format!("{stem}.json"), Job::Feed(i, Format::Json)));
        }
        for &lang in &site.config.languages {
            for (i, event) in site.events.iter().enumerate() {
                let path = feeds::event_ics(event, lang)[1..].to_string();
                files.push((path, Job::EventIcs(i, lang)));
            }
        }
        for (i, file) in theme.statics.iter().enumerate() {
            files.push((file.rel.clone(), Job::Static(i)));
        }
        for (i, m) in site.media.iter().enumerate() {
            files.push((format!("media/{}", m.rel), Job::Media(i)));
        }
        for (p, picture) in site.images.pictures.iter().enumerate() {
            for (v, variant) in picture.variants.iter().enumerate() {
                files.push((variant.path.clone(), Job::Image(p, v)));
            }
        }
        let moved = site.moved();
        for (i, (_, old, _)) in moved.iter().enumerate() {
            files.push((urls::file_for(old), Job::Moved(i)));
        }
        let mut seen: HashMap<&str, Job> = HashMap::new();
        let mut clashes = Vec::new();
        for (path, job) in &files {
            let Some(first) = seen.insert(path.as_str(), *job) else {
                continue;
            };
            clashes.push(clash(site, theme, path, first, *job));
        }
        if !clashes.is_empty() {
            return Err(clashes);
        }
        Ok(Plan {
            rel: Arc::new(rel),
            langs,
            specs: Arc::new(specs),
            feeds,
            moved: Arc::new(moved),
            files,
        })
    }

    /// The plan of `site`, made from this plan of a site that differs from it only in what
    /// the events and courses `changed` say (not in which items there are, their relations,
    /// URLs or dates, see `patch`): everything is shared but their cards, the feeds' parts
    /// and the site view.
    /// Its `files` are empty: they are this plan's.
    pub fn patched(&self, site: &Site, theme: &Theme, changed: &[Uses]) -> Plan {
        let langs = self
            .langs
            .iter()
            .map(|(&l, per)| {
                let cards = per.cards.patched(changed, &self.rel.months);
                (l, PerLang::new(per.tera.clone(), site, l, theme, cards))
            })
            .collect();
        Plan {
            rel: self.rel.clone(),
            langs,
            specs: self.specs.clone(),
            feeds: self.feeds.unmade(),
            moved: self.moved.clone(),
            files: Vec::new(),
        }
    }

    /// How many pages, feeds and files the site has.
    pub fn counts(&self) -> Rendered {
        let mut r = Rendered {
            files: self.files.len(),
            ..Rendered::default()
        };
        for (_, job) in &self.files {
            match job {
                Job::Page(..) => r.pages += 1,
                Job::Feed(..) | Job::EventIcs(..) => r.feeds += 1,
                _ => {}
            }
        }
        r
    }

    /// Makes one file. Only pages can fail (a template that does not render).
    pub fn make(&self, site: &Site, theme: &Theme, job: Job) -> Result<Content, Diagnostic> {
        let mut buf = Vec::new();
        Ok(match self.make_into(site, theme, job, &mut buf)? {
            Some(path) => Content::File(path.to_path_buf()),
            None => Content::Bytes(buf),
        })
    }

    /// Makes one file into `buf` (cleared first; a build reuses one buffer per thread, so
    /// large pages do not grow fresh memory each time), or names the file to copy.
    pub fn make_into<'s>(
        &self,
        site: &'s Site,
        theme: &'s Theme,
        job: Job,
        buf: &mut Vec<u8>,
    ) -> Result<Option<&'s Path>, Diagnostic> {
        buf.clear();
        let bytes = match job {
            Job::Page(spec, lang) => {
                self.page(site, theme, spec, lang, buf)?;
                return Ok(None);
            }
            Job::Feed(i, format) => {
                let feed = self.feeds.feed(site, &theme.strings, i);
                match format {
                    Format::Ics => ical::calendar(&feed).into_bytes(),
                    Format::Atom => atom::feed(&feed),
                    Format::Json => json::feed(&feed),
                }
            }
            Job::EventIcs(i, lang) => {
                ical::event_calendar(&self.feeds, site, &theme.strings, i, lang).into_bytes()
            }
            Job::Schema => json::schema(site),
            Job::Sitemap(part) => sitemap::sitemap(site, &self.specs, part),
            Job::Robots => robots(site).into_bytes(),
            Job::Deploy(i) => {
                let rules = crate::deploy::Rules::new(site);
                (crate::deploy::FILES[i].1)(&rules).into_bytes()
            }
            Job::Static(i) => return Ok(Some(&theme.statics[i].abs)),
            Job::Media(i) => return Ok(Some(&site.media[i].abs)),
            Job::Image(p, v) => {
                let picture = &site.images.pictures[p];
                picture.ensure(&site.images.settings)?;
                return Ok(Some(&picture.variants[v].file));
            }
            Job::Moved(i) => {
                let (lang, _, new) = &self.moved[i];
                moved_page(site, &theme.strings[lang], *lang, new).into_bytes()
            }
        };
        buf.extend_from_slice(&bytes);
        Ok(None)
    }

    /// Makes one file into `buf` (see `make_into`), and says which events and courses it
    /// shows: a save that changes only what they say changes only the files that use them.
    pub fn make_using(
        &self,
        site: &Site,
        theme: &Theme,
        job: Job,
        buf: &mut Vec<u8>,
    ) -> Result<Vec<Uses>, Diagnostic> {
        let mut uses = Vec::new();
        match job {
            Job::Page(spec, lang) => {
                buf.clear();
                let shown = self.page(site, theme, spec, lang, buf)?;
                match spec {
                    Spec::Event(i) => uses.push(Uses::Event(i)),
                    Spec::Course(i) => uses.push(Uses::Course(i)),
                    // The site map names every event and course.
                    Spec::SiteMap => {
                        uses.extend((0..site.events.len()).map(Uses::Event));
                        uses.extend((0..site.courses.len()).map(Uses::Course));
                    }
                    _ => {}
                }
                uses.extend(shown.into_iter().filter_map(|of| match of {
                    cards::Of::Event(i) => Some(Uses::Event(i)),
                    cards::Of::Month(m) => Some(Uses::Event(self.rel.months[m].event)),
                    cards::Of::Course(i) => Some(Uses::Course(i)),
                    cards::Of::Initiative(_) => None,
                }));
            }
            Job::Feed(i, _) => {
                self.make_into(site, theme, job, buf)?;
                uses.extend(self.feeds.feeds[i].events.iter().map(|&e| Uses::Event(e)));
            }
            Job::EventIcs(i, _) => {
                self.make_into(site, theme, job, buf)?;
                uses.push(Uses::Event(i));
            }
            _ => {
                self.make_into(site, theme, job, buf)?;
            }
        }
        uses.sort_unstable();
        uses.dedup();
        Ok(uses)
    }

    /// Makes a page into `buf`; the shared cards it showed.
    fn page(
        &self,
        site: &Site,
        theme: &Theme,
        spec: Spec,
        lang: Lang,
        buf: &mut Vec<u8>,
    ) -> Result<Vec<cards::Of>, Diagnostic> {
        let per = &self.langs[&lang];
        let cx = Ctx {
            site,
            lang,
            t: &theme.strings[&lang],
            rel: &self.rel,
            tera: &per.tera,
            sources: &theme.sources,
            cards: &per.cards,
            used: Default::default(),
        };
        let mut built = pages::build(&cx, spec)?;
        if built.meta.image.is_none()
            && let Some(image) = &theme.default_image
        {
            built.meta.image = Some(format!("{}/{image}", site.config.base_url));
        }
        let mut context = tera::Context::new();
        context.insert_value("site", per.site_value(&built.meta.path));
        context.insert("page", &built.meta);
        context.insert_value("data", built.data);
        per.tera
            .render_to(built.template, &context, buf)
            .map_err(|e| template_error(&site.config.theme, &theme.sources, &e))?;
        Ok(cx.used.into_inner())
    }
}

/// Renders every file of the site into `sink`. On errors, some files may already have
/// been handed over: the caller discards them (`write` never swaps a failed build in).
pub fn render(site: &Site, theme: &Theme, sink: &dyn Sink) -> Result<Rendered, Vec<Diagnostic>> {
    let plan = crate::timed("plan", || Plan::new(site, theme))?;
    let errors: Mutex<Vec<Diagnostic>> = Mutex::new(Vec::new());
    crate::progress::files(plan.files.len());
    let make = |buf: &mut Vec<u8>, (path, job): &(String, Job)| match plan
        .make_into(site, theme, *job, buf)
        .inspect(|_| crate::progress::tick())
    {
        Ok(Some(file)) => match known(site, *job) {
            Some((hash, size)) => sink.put(path, Piece::Known(file, hash, size)),
            None => sink.put(path, Piece::File(file)),
        },
        Ok(None) => sink.put(path, Piece::Bytes(buf)),
        Err(d) => lock(&errors).push(d),
    };
    let (pictures, files): (Vec<_>, Vec<_>) = plan
        .files
        .iter()
        .partition(|(_, job)| matches!(job, Job::Image(..)));
    // Pictures not yet in the cache and the search index are made beside the pages (all
    // over all cores), and handed over once made.
    let ((picture_errors, search), ()) = rayon::join(
        || {
            rayon::join(
                || crate::timed("images: encode", || site.images.ensure_all()),
                || sink.keeps().then(|| search_files(site, theme)),
            )
        },
        || {
            crate::timed("render", || {
                files
                    .par_iter()
                    .for_each_init(Vec::new, |buf, f| make(buf, f))
            })
        },
    );
    if picture_errors.is_empty() {
        pictures
            .par_iter()
            .for_each_init(Vec::new, |buf, f| make(buf, f));
    }
    let mut errors = errors.into_inner().unwrap_or_else(|e| e.into_inner());
    errors.extend(picture_errors);
    match search {
        Some(Ok(files)) => files
            .par_iter()
            .for_each(|(path, bytes)| sink.put(path, Piece::Bytes(bytes))),
        Some(Err(d)) => errors.push(d),
        None => {}
    }
    if !errors.is_empty() {
        return Err(sorted_errors(errors));
    }
    Ok(plan.counts())
}

/// The files of the search index (`/pagefind/…`, §2.3), in name order.
pub fn search_files(site: &Site, theme: &Theme) -> Result<Vec<(String, Vec<u8>)>, Diagnostic> {
    crate::timed("search index", || {
        let langs: Vec<&'static str> = site.config.languages.iter().map(|l| l.code()).collect();
        let pages_in =
            |code: &str| Lang::parse(code).map(|lang| records::records(site, &theme.strings, lang));
        crate::search::index_each(&langs, pages_in).map_err(|detail| {
            Diagnostic::error(
                "search-index",
                "pagefind/",
                crate::msg!(SearchIndex, detail = detail),
            )
        })
    })
}

/// The hash and size of a file to copy, where the pictures' cache knows them.
fn known(site: &Site, job: Job) -> Option<(blake3::Hash, u64)> {
    match job {
        Job::Image(p, v) => site.images.pictures[p].variants[v].known.get().copied(),
        Job::Media(i) => site.images.by_rel(&site.media[i].rel).map(|p| p.original),
        _ => None,
    }
}

/// Template errors of many pages, once each, in a fixed order.
pub fn sorted_errors(mut errors: Vec<Diagnostic>) -> Vec<Diagnostic> {
    errors.sort_by(|a, b| (&a.file, a.line, &a.message).cmp(&(&b.file, b.line, &b.message)));
    errors.dedup_by(|a, b| a.message == b.message);
    errors
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Where finished files go: the output folder (`build`) or nowhere (`check`); `serve`
/// makes single files with `Plan::make` instead. Files arrive from several threads, each exactly once.
pub trait Sink: Sync {
    fn put(&self, path: &str, piece: Piece<'_>);

    /// Whether it keeps what it gets: a sink that keeps nothing needs no search index.
    fn keeps(&self) -> bool {
        true
    }
}

/// A sink that keeps nothing, for `check`.
pub struct Discard;

impl Sink for Discard {
    fn put(&self, _: &str, _: Piece<'_>) {}

    fn keeps(&self) -> bool {
        false
    }
}

/// What every page of one language shares: a template engine whose global context
/// already holds the language, its interface strings and `now` (so no page copies them),
/// and the site view with the navigation.
struct PerLang {
    tera: Arc<tera::Tera>,
    site_view: SiteView,
    /// Cards made so far, shared by all pages of the language.
    cards: cards::CardCache,
    /// `site_view` as a template value, per set of current navigation links (a bit each):
    /// the same few values serve every page.
    site_values: Mutex<std::collections::HashMap<u64, tera::Value>>,
}

impl PerLang {
    fn new(
        tera: Arc<tera::Tera>,
        site: &Site,
        lang: Lang,
        theme: &Theme,
        cards: cards::CardCache,
    ) -> PerLang {
        PerLang {
            tera,
            site_view: site_view(site, lang, theme),
            cards,
            site_values: Mutex::new(std::collections::HashMap::new()),
        }
    }

    /// The site view for the page at `path`, its navigation links marked current.
    fn site_value(&self, path: &str) -> tera::Value {
        let home = &self.site_view.home;
        let current: Vec<bool> = self
            .site_view
            .nav
            .iter()
            .map(|link| path.starts_with(&link.url) && (&link.url != home || path == link.url))
            .collect();
        let key = current.iter().enumerate().fold(0u64, |k, (i, &c)| {
            if c {
                k | 1u64.wrapping_shl(i as u32)
            } else {
                k
            }
        });
        let cacheable = current.len() <= 64;
        if cacheable && let Some(v) = lock(&self.site_values).get(&key) {
            return v.clone();
        }
        let mut view = self.site_view.clone();
        for (link, c) in view.nav.iter_mut().zip(current) {
            link.current = c;
        }
        let value = tera::Value::from_serializable(&view);
        if cacheable {
            lock(&self.site_values).insert(key, value.clone());
        }
        value
    }
}

fn site_view(site: &Site, lang: Lang, theme: &Theme) -> SiteView {
    let c = &site.config;
    let t = &theme.strings[&lang];
    let s = |k: &str| t.get(k).cloned().unwrap_or_else(|| k.to_string());
    // The built-in sections have the weights 0 (home), 10, 20, 30 and 40; a page's
    // `menu` weight places it among them (on a tie, after the section).
    let sections = [
        Section::Initiatives,
        Section::Courses,
        Section::Events,
        Section::Locations,
    ];
    let builtin = std::iter::once((0, "nav_home".to_string(), urls::home(c, lang))).chain(
        sections.into_iter().zip(1..).map(|(section, i)| {
            let key = format!("section_{}", section.key());
            (i * 10, key, urls::section(c, section, lang))
        }),
    );
    let mut menu: Vec<(i64, u8, &str, NavLink)> = builtin
        .map(|(weight, key, url)| {
            let link = NavLink {
                label: s(&key),
                url,
                current: false,
            };
            (weight, 0, "", link)
        })
        .collect();
    let mut footer: Vec<NavLink> = Vec::new();
    for p in &site.pages {
        let (text, _) = p.text(lang, c.default_lang());
        let link = NavLink {
            label: text.title.clone(),
            url: p.url(lang).to_string(),
            current: false,
        };
        match p.fields.menu {
            Some(weight) => menu.push((weight, 1, p.id.as_str(), link)),
            None => footer.push(link),
        }
    }
    menu.sort_by(|a, b| (a.0, a.1, a.2).cmp(&(b.0, b.1, b.2)));
    let nav = menu.into_iter().map(|(_, _, _, link)| link).collect();
    SiteView {
        title: c.title.text(lang, c.default_lang()).to_string(),
        description: c.description.text(lang, c.default_lang()).to_string(),
        lang: lang.code(),
        home: urls::home(c, lang),
        nav,
        footer,
        sitemap: urls::site_map(c, lang),
        search: urls::search(c, lang),
        base_url: c.base_url.clone(),
    }
}

/// Two jobs on one output path: blamed on the file that can be changed, a theme's static
/// file or a media file if one of them is one, else `site.yaml` (its sections, which name
/// the generated pages).
fn clash(site: &Site, theme: &Theme, path: &str, first: Job, second: Job) -> Diagnostic {
    // What makes the file, and the file to change if a user wrote it.
    let maker = |job: Job| match job {
        Job::Static(i) => {
            let file = format!(
                "themes/{}/static/{}",
                site.config.theme, theme.statics[i].rel
            );
            (crate::msg!(MakerStatic, file = &file), Some(file))
        }
        Job::Media(i) => {
            let file = format!("content/media/{}", site.media[i].rel);
            (crate::msg!(MakerMedia, file = &file), Some(file))
        }
        Job::Image(p, _) => {
            let file = format!("content/media/{}", site.images.pictures[p].rel);
            (crate::msg!(MakerImage, file = &file), Some(file))
        }
        Job::Moved(i) => match site.moved_from().swap_remove(i).1 {
            Some(file) => (crate::msg!(MakerAlias, file = &file), Some(file)),
            None => (crate::msg!(MakerPage), None),
        },
        Job::Page(..) => (crate::msg!(MakerPage), None),
        Job::Feed(..) | Job::EventIcs(..) => (crate::msg!(MakerFeed), None),
        Job::Schema | Job::Sitemap(_) | Job::Robots | Job::Deploy(_) => {
            (crate::msg!(MakerItself), None)
        }
    };
    let (first, first_file) = maker(first);
    let (second, second_file) = maker(second);
    let file = second_file
        .or(first_file)
        .unwrap_or_else(|| "content/site.yaml".to_string());
    Diagnostic::error(
        "url-collision",
        file,
        crate::msg!(
            MadeTwice,
            path = format!("/{path}"),
            first = first,
            second = second
        ),
    )
    .with_help(crate::msg!(MadeTwiceHelp))
}

/// The page at a moved URL: a refresh to the new one, its canonical, and a link for
/// whoever's browser does not follow refreshes.
fn moved_page(site: &Site, t: &BTreeMap<String, String>, lang: Lang, new: &str) -> String {
    let escape = crate::markdown::escape_html;
    let word = |key: &str, fallback: &str| t.get(key).map_or(fallback.to_string(), |s| escape(s));
    let absolute = escape(&format!("{}{new}", site.config.base_url));
    let new = escape(new);
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title}</title>\n<link rel=\"canonical\" href=\"{absolute}\">\n<meta http-equiv=\"refresh\" content=\"0; url={new}\">\n</head>\n<body>\n<main>\n<h1>{title}</h1>\n<p>{text} <a href=\"{new}\">{absolute}</a></p>\n</main>\n</body>\n</html>\n",
        lang = lang.code(),
        title = word("moved_title", "Moved"),
        text = word("moved_text", "This page is now at"),
    )
}

fn robots(site: &Site) -> String {
    format!(
        "User-agent: *\nAllow: /\nDisallow: /embed/\n\nSitemap: {}/sitemap.xml\n",
        site.config.base_url
    )
}
