//! Stage 4, render: `&Site` + theme → outputs. Pure: no file is written here. HTML pages
//! go through the theme's Tera templates in parallel (rayon); the sitemap and robots.txt
//! are made here; static and media files are passed on by path for `write` to copy.

mod atom;
pub mod dates;
pub mod feeds;
mod ical;
mod items;
mod json;
mod jsonld;
pub mod pages;
mod relations;
mod sitemap;
pub mod views;

use crate::config::Section;
use crate::diagnostic::Diagnostic;
use crate::model::Lang;
use crate::site::Site;
use crate::theme::{Theme, template_error};
use crate::urls;
use pages::{Ctx, Spec};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;
use std::sync::Mutex;
use views::{NavLink, SiteView};

/// What one output file holds: bytes made by the build, or a file to copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    Bytes(Vec<u8>),
    File(PathBuf),
}

/// One file of the built site; `path` is relative to the output folder, `/`-separated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    pub path: String,
    pub content: Content,
}

/// What a render made, for the summary line.
#[derive(Debug, Default, Clone, Copy)]
pub struct Rendered {
    pub pages: usize,
    pub feeds: usize,
    pub files: usize,
}

/// Renders every file of the site into `sink`. On errors, some files may already have
/// been handed over: the caller discards them (`write` never swaps a failed build in).
pub fn render(site: &Site, theme: &Theme, sink: &dyn Sink) -> Result<Rendered, Vec<Diagnostic>> {
    let rel = relations::Relations::new(site);
    let langs: BTreeMap<Lang, PerLang> = site
        .config
        .languages
        .iter()
        .map(|&l| {
            let mut tera = theme.tera.clone();
            let global = tera.global_context();
            global.insert("lang", l.code());
            global.insert("t", &theme.strings[&l]);
            global.insert("now", &site.now.to_string());
            (
                l,
                PerLang {
                    tera,
                    site_view: site_view(site, l, theme),
                },
            )
        })
        .collect();
    let pass = Pass {
        site,
        theme,
        rel: &rel,
        langs,
    };
    let specs = pages::specs(site);
    let jobs: Vec<(Spec, Lang)> = specs
        .iter()
        .flat_map(|&s| site.config.languages.iter().map(move |&l| (s, l)))
        .collect();
    let out = Emitter {
        sink,
        seen: Mutex::new(HashSet::new()),
        clashes: Mutex::new(Vec::new()),
        theme: &site.config.theme,
    };
    let errors: Mutex<Vec<Diagnostic>> = Mutex::new(Vec::new());
    jobs.par_iter()
        .for_each(|&(spec, lang)| match pass.render_page(spec, lang) {
            Ok(o) => out.put(o),
            Err(d) => lock(&errors).push(d),
        });
    let mut errors = errors.into_inner().unwrap_or_else(|e| e.into_inner());
    if !errors.is_empty() {
        errors.sort_by(|a, b| (&a.file, a.line, &a.message).cmp(&(&b.file, b.line, &b.message)));
        errors.dedup_by(|a, b| a.message == b.message);
        return Err(errors);
    }
    let pages = jobs.len();
    let feeds = feeds::render(site, &theme.strings, &rel, &|o| out.put(o));
    out.put(bytes("sitemap.xml", sitemap::sitemap(site, &specs)));
    out.put(bytes("robots.txt", robots(site).into_bytes()));
    for (abs, rel) in &theme.statics {
        out.put(Output {
            path: rel.clone(),
            content: Content::File(abs.clone()),
        });
    }
    for m in &site.media {
        out.put(Output {
            path: format!("media/{}", m.rel),
            content: Content::File(m.abs.clone()),
        });
    }
    let clashes = out.clashes.into_inner().unwrap_or_else(|e| e.into_inner());
    if !clashes.is_empty() {
        return Err(clashes);
    }
    let files = lock(&out.seen).len();
    Ok(Rendered {
        pages,
        feeds,
        files,
    })
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Where finished files go: the output folder (`build`), memory (`serve`) or nowhere
/// (`check`). Files arrive from several threads, each exactly once.
pub trait Sink: Sync {
    fn put(&self, output: Output);
}

/// A sink that keeps nothing, for `check`.
pub struct Discard;

impl Sink for Discard {
    fn put(&self, _: Output) {}
}

/// Hands files to the sink, refusing a second file on the same path.
struct Emitter<'a> {
    sink: &'a dyn Sink,
    seen: Mutex<HashSet<String>>,
    clashes: Mutex<Vec<Diagnostic>>,
    theme: &'a str,
}

impl Emitter<'_> {
    fn put(&self, o: Output) {
        if !lock(&self.seen).insert(o.path.clone()) {
            lock(&self.clashes).push(Diagnostic::error(
                "url-collision",
                format!("themes/{}/static/{}", self.theme, o.path),
                format!(
                    "/{} is made twice: by the theme's static files and by the site",
                    o.path
                ),
            ));
            return;
        }
        self.sink.put(o);
    }
}

fn bytes(path: &str, data: Vec<u8>) -> Output {
    Output {
        path: path.to_string(),
        content: Content::Bytes(data),
    }
}

/// What every page of one language shares: a template engine whose global context
/// already holds the language, its interface strings and `now` (so no page copies them),
/// and the site view with the navigation.
struct PerLang {
    tera: tera::Tera,
    site_view: SiteView,
}

/// Everything a page render reads.
struct Pass<'a> {
    site: &'a Site,
    theme: &'a Theme,
    rel: &'a relations::Relations,
    langs: BTreeMap<Lang, PerLang>,
}

impl Pass<'_> {
    fn render_page(&self, spec: Spec, lang: Lang) -> Result<Output, Diagnostic> {
        let per = &self.langs[&lang];
        let cx = Ctx {
            site: self.site,
            lang,
            t: &self.theme.strings[&lang],
            rel: self.rel,
        };
        let built = pages::build(&cx, spec);
        let mut nav = per.site_view.clone();
        for link in &mut nav.nav {
            link.current = built.meta.path.starts_with(&link.url)
                && (link.url != per.site_view.home || built.meta.path == link.url);
        }
        let mut context = tera::Context::new();
        context.insert("site", &nav);
        context.insert("page", &built.meta);
        context.insert_value("data", built.data);
        let html = per
            .tera
            .render(built.template, &context)
            .map_err(|e| template_error(&self.site.config.theme, &e))?;
        Ok(bytes(&urls::file_for(&built.meta.path), html.into_bytes()))
    }
}

fn site_view(site: &Site, lang: Lang, theme: &Theme) -> SiteView {
    let c = &site.config;
    let t = &theme.strings[&lang];
    let s = |k: &str| t.get(k).cloned().unwrap_or_else(|| k.to_string());
    let mut nav = vec![
        NavLink {
            label: s("nav_home"),
            url: urls::home(c, lang),
            current: false,
        },
        NavLink {
            label: s("section_initiatives"),
            url: urls::section(c, Section::Initiatives, lang),
            current: false,
        },
        NavLink {
            label: s("section_courses"),
            url: urls::section(c, Section::Courses, lang),
            current: false,
        },
        NavLink {
            label: s("section_events"),
            url: urls::section(c, Section::Events, lang),
            current: false,
        },
        NavLink {
            label: s("section_locations"),
            url: urls::section(c, Section::Locations, lang),
            current: false,
        },
    ];
    let mut menu: Vec<(i64, &str, NavLink)> = Vec::new();
    let mut footer: Vec<NavLink> = Vec::new();
    for p in &site.pages {
        let (text, _) = p.text(lang, c.default_lang());
        let link = NavLink {
            label: text.title.clone(),
            url: p.url(lang).to_string(),
            current: false,
        };
        match p.fields.menu {
            Some(weight) => menu.push((weight, p.id.as_str(), link)),
            None => footer.push(link),
        }
    }
    menu.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    nav.extend(menu.into_iter().map(|(_, _, link)| link));
    SiteView {
        title: c.title.text(lang, c.default_lang()).to_string(),
        description: c.description.text(lang, c.default_lang()).to_string(),
        lang: lang.code(),
        home: urls::home(c, lang),
        nav,
        footer,
        base_url: c.base_url.clone(),
    }
}

fn robots(site: &Site) -> String {
    format!(
        "User-agent: *\nAllow: /\nDisallow: /embed/\n\nSitemap: {}/sitemap.xml\n",
        site.config.base_url
    )
}
