//! The HTML pages of SPEC §2: which pages exist, and the typed view each template gets.
//! Every function here is pure: `&Site` and strings in, a template name and context out.

use crate::config::Section;
use crate::model::{AUDIENCES, Lang};
use crate::render::cards::{CardCache, Of};
use crate::render::feeds::{self, Scope};
use crate::render::jsonld;
use crate::render::relations::of;
use crate::render::views::*;
use crate::site::{Item, Site};
use crate::urls;
use serde::Serialize;
use std::collections::BTreeMap;

/// One HTML page to render, in one language.
#[derive(Debug, Clone, Copy)]
pub enum Spec {
    Home,
    List(Section),
    Agenda,
    Archive,
    EmbedHelp,
    EmbedAgenda,
    Audiences,
    Audience(&'static str),
    /// The agenda of one event type.
    AgendaType(&'static str),
    Initiative(usize),
    Course(usize),
    Event(usize),
    Page(usize),
    Location(usize),
    Organisation(usize),
    NotFound,
}

/// Every page of the site (each is rendered once per language).
pub fn specs(site: &Site) -> Vec<Spec> {
    let mut out = vec![
        Spec::Home,
        Spec::List(Section::Initiatives),
        Spec::List(Section::Courses),
        Spec::List(Section::Locations),
        Spec::List(Section::Organisations),
        Spec::Agenda,
        Spec::Archive,
        Spec::EmbedHelp,
        Spec::EmbedAgenda,
        Spec::Audiences,
        Spec::NotFound,
    ];
    out.extend(AUDIENCES.iter().map(|a| Spec::Audience(a)));
    out.extend(
        crate::model::EVENT_TYPES
            .iter()
            .map(|t| Spec::AgendaType(t)),
    );
    out.extend((0..site.initiatives.len()).map(Spec::Initiative));
    out.extend((0..site.courses.len()).map(Spec::Course));
    out.extend((0..site.events.len()).map(Spec::Event));
    out.extend((0..site.pages.len()).map(Spec::Page));
    out.extend((0..site.locations.len()).map(Spec::Location));
    out.extend((0..site.organisations.len()).map(Spec::Organisation));
    out
}

/// The URL of a page per language.
pub fn spec_urls(site: &Site, spec: Spec) -> BTreeMap<Lang, String> {
    let c = &site.config;
    let per_lang = |f: &dyn Fn(Lang) -> String| c.languages.iter().map(|&l| (l, f(l))).collect();
    match spec {
        Spec::Home => per_lang(&|l| urls::home(c, l)),
        Spec::List(s) => per_lang(&|l| urls::section(c, s, l)),
        Spec::Agenda => per_lang(&|l| urls::section(c, Section::Events, l)),
        Spec::Archive => per_lang(&|l| urls::archive(c, l)),
        Spec::EmbedHelp => per_lang(&|l| urls::embed_help(c, l)),
        Spec::EmbedAgenda => per_lang(&|l| urls::embed_agenda(c, l)),
        Spec::Audiences => per_lang(&|l| urls::section(c, Section::Audiences, l)),
        Spec::Audience(code) => per_lang(&|l| urls::audience(c, l, code)),
        Spec::AgendaType(t) => per_lang(&|l| urls::agenda_type(c, l, t)),
        Spec::NotFound => per_lang(&|l| urls::not_found(c, l)),
        Spec::Initiative(i) => site.initiatives[i].urls.clone(),
        Spec::Course(i) => site.courses[i].urls.clone(),
        Spec::Event(i) => site.events[i].urls.clone(),
        Spec::Page(i) => site.pages[i].urls.clone(),
        Spec::Location(i) => site.locations[i].urls.clone(),
        Spec::Organisation(i) => site.organisations[i].urls.clone(),
    }
}

/// What a template needs besides the common context.
pub struct Built {
    pub template: &'static str,
    pub meta: Meta,
    pub data: tera::Value,
}

pub struct Ctx<'a> {
    pub site: &'a Site,
    pub lang: Lang,
    pub t: &'a BTreeMap<String, String>,
    pub rel: &'a super::relations::Relations,
    /// This language's template engine and cards made so far.
    pub tera: &'a tera::Tera,
    /// The theme's template texts, to place errors.
    pub sources: &'a BTreeMap<String, String>,
    pub cards: &'a CardCache,
    /// The first card that did not render.
    pub failed: std::cell::RefCell<Option<crate::diagnostic::Diagnostic>>,
}

impl Ctx<'_> {
    /// A card's HTML from the theme's card template.
    fn render_card(&self, card: &Card) -> Result<String, crate::diagnostic::Diagnostic> {
        let mut context = tera::Context::new();
        context.insert("c", card);
        self.tera
            .render(super::cards::TEMPLATE, &context)
            .map_err(|e| crate::theme::template_error(&self.site.config.theme, self.sources, &e))
    }

    fn fail(&self, d: crate::diagnostic::Diagnostic) {
        self.failed.borrow_mut().get_or_insert(d);
    }

    /// A card that is not shared between pages.
    pub(super) fn card(&self, card: &Card) -> String {
        self.render_card(card).unwrap_or_else(|d| {
            self.fail(d);
            String::new()
        })
    }

    /// A card that many pages show: made once per language.
    pub(super) fn shared_card(&self, of: Of) -> String {
        let made = self.cards.slot(of).get_or_init(|| {
            let card = match of {
                Of::Occurrence(i) => {
                    event_card(self.site, &self.site.occurrences[i], self.lang, self.t)
                }
                Of::Initiative(i) => item_card(self.site, &self.site.initiatives[i], self.lang),
                Of::Course(i) => item_card(self.site, &self.site.courses[i], self.lang),
            };
            self.render_card(&card)
        });
        match made {
            Ok(html) => html.clone(),
            Err(d) => {
                self.fail(d.clone());
                String::new()
            }
        }
    }

    pub(super) fn s(&self, key: &str) -> String {
        self.t.get(key).cloned().unwrap_or_else(|| key.to_string())
    }

    fn meta(&self, spec: Spec, kind: &'static str, title: String, description: String) -> Meta {
        meta(
            self.site,
            self.lang,
            kind,
            title,
            description,
            &spec_urls(self.site, spec),
        )
    }

    /// Cards for upcoming occurrences (indices into `site.occurrences`), each event once
    /// (its next occurrence), at most `limit`: lists outside the agenda are not flooded by
    /// one weekly event.
    pub(super) fn upcoming_cards(&self, occurrences: &[usize], limit: usize) -> Vec<String> {
        let mut seen = std::collections::HashSet::new();
        occurrences
            .iter()
            .filter(|&&i| seen.insert(self.site.occurrences[i].event))
            .take(limit)
            .map(|&i| self.shared_card(Of::Occurrence(i)))
            .collect()
    }

    /// Cards for the items at `indices` (`Of::Initiative` or `Of::Course` for each).
    pub(super) fn cards_at(&self, of: fn(usize) -> Of, indices: &[usize]) -> Vec<String> {
        indices.iter().map(|&i| self.shared_card(of(i))).collect()
    }

    /// Cards for all `count` items of a kind, for lists.
    pub(super) fn all_cards(&self, of: fn(usize) -> Of, count: usize) -> Vec<String> {
        (0..count).map(|i| self.shared_card(of(i))).collect()
    }

    pub(super) fn audience_links(&self, codes: &[String]) -> Vec<Link> {
        codes
            .iter()
            .map(|c| Link {
                label: label(self.t, "audience", c),
                url: urls::audience(&self.site.config, self.lang, c),
                lang: None,
            })
            .collect()
    }

    pub(super) fn location_link(&self, id: &str) -> Option<Link> {
        let loc = self.site.location(id)?;
        Some(self.data_link(&loc.data.name, &loc.urls))
    }

    pub(super) fn org_link(&self, id: &str) -> Option<Link> {
        let org = self.site.organisation(id)?;
        Some(self.data_link(&org.data.name, &org.urls))
    }

    /// A link to a location or organisation, by its translatable name.
    pub(super) fn data_link(
        &self,
        name: &crate::model::Text,
        urls: &BTreeMap<Lang, String>,
    ) -> Link {
        let (name, shown) = name.get(self.lang, self.site.default_lang());
        Link {
            label: name.to_string(),
            url: urls[&self.lang].clone(),
            lang: other_lang(shown, self.lang),
        }
    }
}

pub(super) fn to_value<T: Serialize>(v: &T) -> tera::Value {
    tera::Value::from_serializable(v)
}

pub fn build(cx: &Ctx, spec: Spec) -> Built {
    let mut built = build_page(cx, spec);
    built.meta.breadcrumbs = breadcrumbs(cx, spec);
    built.meta.feeds = feed_scope(spec).map(|scope| feeds::links(cx.site, scope, cx.lang));
    built
}

/// The feeds a page links to: its own scope's.
fn feed_scope(spec: Spec) -> Option<Scope> {
    match spec {
        Spec::Home | Spec::Agenda | Spec::AgendaType(_) | Spec::EmbedHelp => Some(Scope::Site),
        Spec::Location(i) => Some(Scope::Location(i)),
        Spec::Initiative(i) => Some(Scope::Initiative(i)),
        Spec::Audience(code) => Some(Scope::Audience(code)),
        _ => None,
    }
}

/// The pages above `spec`, from the home page down.
fn breadcrumbs(cx: &Ctx, spec: Spec) -> Vec<Link> {
    let c = &cx.site.config;
    let link = |label: String, url: String| Link {
        label,
        url,
        lang: None,
    };
    let home = link(cx.s("nav_home"), urls::home(c, cx.lang));
    let section = |s: Section| {
        link(
            cx.s(&format!("section_{}", s.key())),
            urls::section(c, s, cx.lang),
        )
    };
    match spec {
        Spec::Home | Spec::EmbedAgenda | Spec::NotFound => Vec::new(),
        Spec::List(_) | Spec::Agenda | Spec::Audiences | Spec::Page(_) => vec![home],
        Spec::Archive | Spec::EmbedHelp | Spec::AgendaType(_) | Spec::Event(_) => {
            vec![home, section(Section::Events)]
        }
        Spec::Audience(_) => vec![home, section(Section::Audiences)],
        Spec::Initiative(_) => vec![home, section(Section::Initiatives)],
        Spec::Course(_) => vec![home, section(Section::Courses)],
        Spec::Location(_) => vec![home, section(Section::Locations)],
        Spec::Organisation(_) => vec![home, section(Section::Organisations)],
    }
}

fn build_page(cx: &Ctx, spec: Spec) -> Built {
    match spec {
        Spec::Home => home(cx, spec),
        Spec::List(section) => list(cx, spec, section),
        Spec::Agenda | Spec::EmbedAgenda | Spec::AgendaType(_) => agenda(cx, spec),
        Spec::Archive => archive(cx, spec),
        Spec::EmbedHelp => embed_help(cx, spec),
        Spec::Audiences => audiences(cx, spec),
        Spec::Audience(code) => audience(cx, spec, code),
        Spec::NotFound => {
            let meta = cx.meta(spec, "404", cx.s("not_found_title"), cx.s("not_found_text"));
            Built {
                template: "404.html",
                meta,
                data: tera::Value::none(),
            }
        }
        Spec::Initiative(i) => super::items::initiative(cx, spec, &cx.site.initiatives[i]),
        Spec::Course(i) => super::items::course(cx, spec, &cx.site.courses[i]),
        Spec::Event(i) => super::items::event(cx, spec, i),
        Spec::Page(i) => super::items::page(cx, spec, &cx.site.pages[i]),
        Spec::Location(i) => super::items::location(cx, i),
        Spec::Organisation(i) => super::items::organisation(cx, i),
    }
}

impl Ctx<'_> {
    pub(super) fn item_meta<F>(
        &self,
        spec: Spec,
        kind: &'static str,
        item: &Item<F>,
    ) -> (Meta, String, String) {
        let (text, shown) = item.text(self.lang, self.site.default_lang());
        let mut m = self.meta(spec, kind, text.title.clone(), text.summary.clone());
        m.content_lang = other_lang(shown, self.lang);
        m.draft = item.common.draft;
        let body = match item.bodies.get(&self.lang) {
            Some(Some(resolved)) => resolved.clone(),
            _ => text.body.html.clone(),
        };
        m.has_code = body.contains("<pre class=\"code\" data-lang=");
        (m, body, text.summary.clone())
    }
}

#[derive(Serialize)]
struct HomeView {
    events: Vec<String>,
    initiatives: Vec<String>,
    audiences: Vec<Link>,
    agenda_url: String,
}

fn home(cx: &Ctx, spec: Spec) -> Built {
    let c = &cx.site.config;
    let title = c.title.text(cx.lang, c.default_lang()).to_string();
    let description = c.description.text(cx.lang, c.default_lang()).to_string();
    let mut meta = cx.meta(spec, "home", title, description);
    meta.json_ld = json_ld(&jsonld::website(cx.site, cx.lang));
    let view = HomeView {
        events: cx.upcoming_cards(&cx.rel.upcoming, 6),
        initiatives: cx.all_cards(Of::Initiative, cx.site.initiatives.len()),
        audiences: cx.audience_links(&AUDIENCES.iter().map(|a| a.to_string()).collect::<Vec<_>>()),
        agenda_url: urls::section(c, Section::Events, cx.lang),
    };
    Built {
        template: "home.html",
        meta,
        data: to_value(&view),
    }
}

#[derive(Serialize)]
struct ListView {
    section: &'static str,
    cards: Vec<String>,
}

fn list(cx: &Ctx, spec: Spec, section: Section) -> Built {
    let site = cx.site;
    let cards = match section {
        Section::Initiatives => cx.all_cards(Of::Initiative, site.initiatives.len()),
        Section::Courses => cx.all_cards(Of::Course, site.courses.len()),
        Section::Locations => site
            .locations
            .iter()
            .map(|l| {
                let link = cx.data_link(&l.data.name, &l.urls);
                cx.card(&Card::plain(link, vec![l.data.municipality.clone()]))
            })
            .collect(),
        _ => site
            .organisations
            .iter()
            .map(|o| {
                let link = cx.data_link(&o.data.name, &o.urls);
                cx.card(&Card::plain(
                    link,
                    vec![label(cx.t, "org_kinds", &o.data.kind)],
                ))
            })
            .collect(),
    };
    let key = format!("section_{}", section.key());
    let meta = cx.meta(spec, "list", cx.s(&key), cx.s(&format!("{key}_intro")));
    Built {
        template: "list.html",
        meta,
        data: to_value(&ListView {
            section: section.key(),
            cards,
        }),
    }
}

#[derive(Serialize)]
struct Group {
    label: String,
    id: String,
    cards: Vec<String>,
}

#[derive(Serialize)]
struct AgendaView {
    groups: Vec<Group>,
    archive_url: String,
    embed_url: String,
    locations: Vec<Link>,
    audiences: Vec<Link>,
    types: Vec<Link>,
    /// The whole agenda, when this is the agenda of one type.
    all_url: Option<String>,
}

fn agenda(cx: &Ctx, spec: Spec) -> Built {
    let only_type = match spec {
        Spec::AgendaType(t) => Some(t),
        _ => None,
    };
    let mut groups: Vec<Group> = Vec::new();
    let upcoming = cx.site.occurrences.iter().enumerate().filter(|(_, o)| {
        o.ends_at > cx.site.now
            && only_type.is_none_or(|t| cx.site.events[o.event].fields.event_type == t)
    });
    for (index, occ) in upcoming {
        let d = occ.start_date();
        let id = format!("{:04}-{:02}", d.year(), d.month());
        if groups.last().is_none_or(|g| g.id != id) {
            groups.push(Group {
                label: crate::render::dates::month_year(cx.lang, d),
                id,
                cards: Vec::new(),
            });
        }
        if let Some(g) = groups.last_mut() {
            g.cards.push(cx.shared_card(Of::Occurrence(index)));
        }
    }
    let (kind, template, title) = match spec {
        Spec::EmbedAgenda => ("embed", "embed_agenda.html", cx.s("embed_title")),
        Spec::AgendaType(t) => (
            "agenda-type",
            "agenda.html",
            format!(
                "{}: {}",
                cx.s("section_events"),
                label(cx.t, "types_plural", t)
            ),
        ),
        _ => ("agenda", "agenda.html", cx.s("section_events")),
    };
    let c = &cx.site.config;
    let view = AgendaView {
        groups,
        archive_url: urls::archive(c, cx.lang),
        embed_url: urls::embed_help(c, cx.lang),
        locations: cx
            .site
            .locations
            .iter()
            .filter_map(|l| cx.location_link(&l.id))
            .collect(),
        audiences: cx.audience_links(&AUDIENCES.iter().map(|a| a.to_string()).collect::<Vec<_>>()),
        types: crate::model::EVENT_TYPES
            .iter()
            .map(|t| Link {
                label: label(cx.t, "types_plural", t),
                url: urls::agenda_type(c, cx.lang, t),
                lang: None,
            })
            .collect(),
        all_url: only_type.map(|_| urls::section(c, Section::Events, cx.lang)),
    };
    let meta = cx.meta(spec, kind, title, cx.s("agenda_intro"));
    Built {
        template,
        meta,
        data: to_value(&view),
    }
}

fn archive(cx: &Ctx, spec: Spec) -> Built {
    let mut groups: Vec<Group> = Vec::new();
    let past = cx.site.occurrences.iter().enumerate().rev();
    for (index, occ) in past.filter(|(_, o)| o.ends_at <= cx.site.now) {
        let id = occ.start_date().year().to_string();
        if groups.last().is_none_or(|g| g.id != id) {
            groups.push(Group {
                label: id.clone(),
                id,
                cards: Vec::new(),
            });
        }
        if let Some(g) = groups.last_mut() {
            g.cards.push(cx.shared_card(Of::Occurrence(index)));
        }
    }
    let meta = cx.meta(
        spec,
        "archive",
        cx.s("archive_title"),
        cx.s("archive_intro"),
    );
    let view = AgendaView {
        groups,
        archive_url: urls::archive(&cx.site.config, cx.lang),
        embed_url: urls::embed_help(&cx.site.config, cx.lang),
        locations: Vec::new(),
        audiences: Vec::new(),
        types: Vec::new(),
        all_url: None,
    };
    Built {
        template: "archive.html",
        meta,
        data: to_value(&view),
    }
}

#[derive(Serialize)]
struct Snippet {
    label: String,
    /// The iframe code, highlighted (HTML from syntect).
    iframe: String,
    webcal: String,
    json: String,
}

/// The embed help page: for the whole agenda, each location and each audience, the
/// iframe, the `webcal://` subscription and the JSON URL, ready to copy.
fn embed_help(cx: &Ctx, spec: Spec) -> Built {
    let c = &cx.site.config;
    let embed = format!("{}{}", c.base_url, urls::embed_agenda(c, cx.lang));
    let (loc_param, aud_param) = match cx.lang {
        Lang::Nl => ("locatie", "doelgroep"),
        Lang::En => ("location", "audience"),
    };
    let snippet = |label: String, query: String, scope: Scope| {
        let code = format!(
            "<iframe src=\"{embed}{query}\" title=\"{} – {}\" width=\"100%\" height=\"600\" loading=\"lazy\"></iframe>",
            cx.s("embed_title"),
            label.replace('"', "&quot;")
        );
        let iframe = crate::highlight::highlight(&code, "html").unwrap_or_else(|| {
            let mut escaped = String::new();
            let _ = pulldown_cmark_escape::escape_html(&mut escaped, &code);
            escaped
        });
        let links = feeds::links(cx.site, scope, cx.lang);
        Snippet {
            label,
            iframe,
            webcal: links.webcal,
            json: format!("{}{}", c.base_url, links.json),
        }
    };
    let mut snippets = vec![snippet(cx.s("embed_all"), String::new(), Scope::Site)];
    for (i, loc) in cx.site.locations.iter().enumerate() {
        let name = loc.data.name.text(cx.lang, c.default_lang()).to_string();
        snippets.push(snippet(
            name,
            format!("?{loc_param}={}", loc.id),
            Scope::Location(i),
        ));
    }
    for code in AUDIENCES {
        snippets.push(snippet(
            label(cx.t, "audience", code),
            format!("?{aud_param}={code}"),
            Scope::Audience(code),
        ));
    }
    let mut meta = cx.meta(
        spec,
        "embed-help",
        cx.s("embed_help_title"),
        cx.s("embed_help_intro"),
    );
    meta.has_code = true;
    Built {
        template: "embed_help.html",
        meta,
        data: to_value(&snippets),
    }
}

fn audiences(cx: &Ctx, spec: Spec) -> Built {
    let links = cx.audience_links(&AUDIENCES.iter().map(|a| a.to_string()).collect::<Vec<_>>());
    let meta = cx.meta(
        spec,
        "audiences",
        cx.s("section_audiences"),
        cx.s("section_audiences_intro"),
    );
    Built {
        template: "audiences.html",
        meta,
        data: to_value(&links),
    }
}

#[derive(Serialize)]
struct AudienceView {
    code: &'static str,
    initiatives: Vec<String>,
    courses: Vec<String>,
    events: Vec<String>,
}

fn audience(cx: &Ctx, spec: Spec, code: &'static str) -> Built {
    let view = AudienceView {
        code,
        initiatives: cx.cards_at(Of::Initiative, of(&cx.rel.initiatives_for, code)),
        courses: cx.cards_at(Of::Course, of(&cx.rel.courses_for, code)),
        events: cx.upcoming_cards(of(&cx.rel.upcoming_for, code), usize::MAX),
    };
    let title = label(cx.t, "audience", code);
    let meta = cx.meta(spec, "audience", title, label(cx.t, "audience_intro", code));
    Built {
        template: "audience.html",
        meta,
        data: to_value(&view),
    }
}
