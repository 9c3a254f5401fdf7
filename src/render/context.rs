//! What every page builder shares: which pages exist (`Spec`) and their URLs, what a
//! builder returns (`Built`), and the context it builds from (`Ctx`: the site, the
//! language, the relations, the shared cards).

use super::cards::{CardCache, Of, event_card};
use super::feeds::Scope;
use super::labels::{Strings, label};
use super::paging;
use super::relations::Relations;
use super::views::*;
use crate::config::Section;
use crate::diagnostic::Diagnostic;
use crate::model::{AUDIENCES, Lang};
use crate::site::{Item, Site};
use crate::urls;
use serde::Serialize;
use std::collections::BTreeMap;

/// One HTML page to render, in one language.
#[derive(Debug, Clone, Copy)]
pub enum Spec {
    Home,
    /// Page N (from 1) of a section's list (§2.4).
    List(Section, usize),
    Agenda,
    /// One month of the agenda: every upcoming event with a session in it.
    Month(i16, i8),
    /// The archive: its years, and the most recent past events.
    Archive,
    /// Page N of one year of the archive.
    ArchiveYear(i16, usize),
    /// Page N of the embed help: the snippets, 50 locations a page.
    EmbedHelp(usize),
    EmbedAgenda,
    /// The embeddable agenda of a location, initiative or audience.
    EmbedScope(Scope),
    Audiences,
    Audience(&'static str),
    /// Page N of an audience's initiatives or courses.
    AudienceList(&'static str, Section, usize),
    /// Page N of the agenda of one event type.
    AgendaType(&'static str, usize),
    /// Page N of the agenda of a location, initiative or audience.
    ScopeAgenda(Scope, usize),
    Initiative(usize),
    Course(usize),
    Event(usize),
    Page(usize),
    Location(usize),
    Organisation(usize),
    NotFound,
    /// Every page of the site by kind (`/sitemap/`): the sitemap for people.
    SiteMap,
    /// The search page (`/zoeken/`).
    Search,
    /// A scope's subscribe page (`/agenda/abonneren/`, §3).
    Subscribe(Scope),
}

/// Every page of the site (each is rendered once per language).
pub fn specs(site: &Site, rel: &Relations) -> Vec<Spec> {
    let mut out = vec![
        Spec::Home,
        Spec::Agenda,
        Spec::Archive,
        Spec::EmbedAgenda,
        Spec::Audiences,
        Spec::NotFound,
        Spec::SiteMap,
        Spec::Search,
    ];
    for section in [
        Section::Initiatives,
        Section::Courses,
        Section::Locations,
        Section::Organisations,
    ] {
        out.extend(all_pages(site, rel, |n| Spec::List(section, n)));
    }
    out.extend(all_pages(site, rel, Spec::EmbedHelp));
    out.extend(rel.month_pages.iter().map(|m| Spec::Month(m.year, m.month)));
    for (year, _) in &rel.past_years {
        out.extend(all_pages(site, rel, |n| Spec::ArchiveYear(*year, n)));
    }
    out.extend(AUDIENCES.iter().map(|a| Spec::Audience(a)));
    for code in AUDIENCES {
        for section in [Section::Initiatives, Section::Courses] {
            out.extend(all_pages(site, rel, |n| {
                Spec::AudienceList(code, section, n)
            }));
        }
    }
    for t in crate::model::EVENT_TYPES {
        out.extend(all_pages(site, rel, |n| Spec::AgendaType(t, n)));
    }
    for scope in crate::render::feeds::scopes(site) {
        if scope != Scope::Site {
            out.extend(all_pages(site, rel, |n| Spec::ScopeAgenda(scope, n)));
            out.push(Spec::EmbedScope(scope));
        }
    }
    out.extend((0..site.initiatives.len()).map(Spec::Initiative));
    out.extend((0..site.courses.len()).map(Spec::Course));
    out.extend((0..site.events.len()).map(Spec::Event));
    out.extend((0..site.pages.len()).map(Spec::Page));
    out.extend((0..site.locations.len()).map(Spec::Location));
    out.extend((0..site.organisations.len()).map(Spec::Organisation));
    out.extend(
        crate::render::feeds::scopes(site)
            .into_iter()
            .map(Spec::Subscribe),
    );
    out
}

/// Every page of the list whose page N is `page(N)`.
fn all_pages(site: &Site, rel: &Relations, page: impl Fn(usize) -> Spec) -> Vec<Spec> {
    let len = paged_len(site, rel, page(1));
    (1..=paging::count(len)).map(page).collect()
}

/// How many cards the list of a paginated page holds (0 for other pages).
pub fn paged_len(site: &Site, rel: &Relations, spec: Spec) -> usize {
    match spec {
        Spec::List(section, _) => list_len(site, section),
        Spec::ArchiveYear(year, _) => rel
            .past_years
            .iter()
            .find(|(y, _)| *y == year)
            .map_or(0, |(_, events)| events.len()),
        Spec::EmbedHelp(_) => site.locations.len(),
        Spec::AudienceList(code, section, _) => rel.audience_list(code, section).len(),
        Spec::AgendaType(t, _) => super::relations::of(&rel.upcoming_of_type, t).len(),
        Spec::ScopeAgenda(scope, _) => rel.upcoming_in(site, scope).len(),
        _ => 0,
    }
}

/// How many cards a section's list holds.
fn list_len(site: &Site, section: Section) -> usize {
    match section {
        Section::Initiatives => site.initiatives.len(),
        Section::Courses => site.courses.len(),
        Section::Locations => site.locations.len(),
        _ => site.organisations.len(),
    }
}

/// The URL of the first page of a paginated list, in `lang`; `None` for pages that are
/// not part of a list.
pub fn list_base(site: &Site, spec: Spec, lang: Lang) -> Option<String> {
    let c = &site.config;
    Some(match spec {
        Spec::List(s, _) => urls::section(c, s, lang),
        Spec::ArchiveYear(year, _) => urls::archive_year(c, lang, year),
        Spec::EmbedHelp(_) => urls::embed_help(c, lang),
        Spec::AudienceList(code, s, _) => urls::audience_list(c, lang, code, s),
        Spec::AgendaType(t, _) => urls::agenda_type(c, lang, t),
        Spec::ScopeAgenda(scope, _) => {
            urls::scope_agenda(&crate::render::feeds::scope_page(site, scope, lang))
        }
        _ => return None,
    })
}

/// The page number of a page of a list (1 for every other page).
pub fn page_number(spec: Spec) -> usize {
    match spec {
        Spec::List(_, n)
        | Spec::ArchiveYear(_, n)
        | Spec::EmbedHelp(n)
        | Spec::AudienceList(_, _, n)
        | Spec::AgendaType(_, n)
        | Spec::ScopeAgenda(_, n) => n,
        _ => 1,
    }
}

/// The URL of a page per language.
pub fn spec_urls(site: &Site, spec: Spec) -> BTreeMap<Lang, String> {
    let c = &site.config;
    let per_lang = |f: &dyn Fn(Lang) -> String| c.languages.iter().map(|&l| (l, f(l))).collect();
    if list_base(site, spec, c.default_lang()).is_some() {
        let number = page_number(spec);
        return per_lang(&|l| {
            let base = list_base(site, spec, l).unwrap_or_default();
            urls::page(&base, l, number)
        });
    }
    match spec {
        Spec::Home => per_lang(&|l| urls::home(c, l)),
        Spec::Agenda => per_lang(&|l| urls::section(c, Section::Events, l)),
        Spec::Month(year, month) => per_lang(&|l| urls::agenda_month(c, l, year, month)),
        Spec::Archive => per_lang(&|l| urls::archive(c, l)),
        Spec::EmbedAgenda => per_lang(&|l| urls::embed_agenda(c, l)),
        Spec::EmbedScope(scope) => {
            let (which, key) = match scope {
                Scope::Location(i) => (0, site.locations[i].id.as_str()),
                Scope::Initiative(i) => (1, site.initiatives[i].id.as_str()),
                Scope::Audience(code) => (2, code),
                Scope::Site => return per_lang(&|l| urls::embed_agenda(c, l)),
            };
            per_lang(&|l| urls::embed_scope(c, l, which, key))
        }
        Spec::Audiences => per_lang(&|l| urls::section(c, Section::Audiences, l)),
        Spec::Audience(code) => per_lang(&|l| urls::audience(c, l, code)),
        // Pages of lists: above.
        Spec::List(..)
        | Spec::ArchiveYear(..)
        | Spec::EmbedHelp(_)
        | Spec::AudienceList(..)
        | Spec::AgendaType(..)
        | Spec::ScopeAgenda(..) => BTreeMap::new(),
        Spec::NotFound => per_lang(&|l| urls::not_found(c, l)),
        Spec::SiteMap => per_lang(&|l| urls::site_map(c, l)),
        Spec::Search => per_lang(&|l| urls::search(c, l)),
        Spec::Subscribe(scope) => {
            per_lang(&|l| urls::subscribe(&crate::render::feeds::scope_page(site, scope, l), l))
        }
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
    pub t: &'a Strings,
    pub rel: &'a Relations,
    /// This language's template engine and cards made so far.
    pub tera: &'a tera::Tera,
    /// The theme's template texts, to place errors.
    pub sources: &'a BTreeMap<String, String>,
    pub cards: &'a CardCache,
    /// The shared cards this page showed, so far.
    pub used: std::cell::RefCell<Vec<Of>>,
}

impl Ctx<'_> {
    /// A card's HTML from the theme's card template.
    fn render_card(&self, card: &Card) -> Result<String, Diagnostic> {
        let mut context = tera::Context::new();
        context.insert("c", card);
        self.tera
            .render(super::cards::TEMPLATE, &context)
            .map_err(|e| crate::theme::template_error(&self.site.config.theme, self.sources, &e))
    }

    /// A card that is not shared between pages.
    pub(super) fn card(&self, card: &Card) -> Result<String, Diagnostic> {
        self.render_card(card)
    }

    /// A card that many pages show: made once per language.
    pub(super) fn shared_card(&self, of: Of) -> Result<String, Diagnostic> {
        // A single event's month card is its card: one slot, made once.
        let of = match of {
            Of::Month(m) => {
                let event = self.rel.months[m].event;
                match self.site.events[event].fields.repeat {
                    Some(_) => of,
                    None => Of::Event(event),
                }
            }
            other => other,
        };
        self.used.borrow_mut().push(of);
        self.cards
            .slot(of)
            .get_or_init(|| {
                let card = match of {
                    Of::Event(i) => event_card(self.site, i, None, self.lang, self.t),
                    Of::Month(m) => {
                        let entry = &self.rel.months[m];
                        event_card(self.site, entry.event, Some(entry), self.lang, self.t)
                    }
                    Of::Initiative(i) => item_card(self.site, &self.site.initiatives[i], self.lang),
                    Of::Course(i) => item_card(self.site, &self.site.courses[i], self.lang),
                };
                self.render_card(&card)
            })
            .clone()
    }

    /// Cards for events (indices into `site.events`), each one entry however often it
    /// repeats, at most `limit`.
    pub(super) fn event_cards(
        &self,
        events: &[usize],
        limit: usize,
    ) -> Result<Vec<String>, Diagnostic> {
        events
            .iter()
            .take(limit)
            .map(|&i| self.shared_card(Of::Event(i)))
            .collect()
    }

    /// Cards for the items at `indices` (`Of::Initiative` or `Of::Course` for each).
    pub(super) fn cards_at(
        &self,
        of: fn(usize) -> Of,
        indices: &[usize],
    ) -> Result<Vec<String>, Diagnostic> {
        indices.iter().map(|&i| self.shared_card(of(i))).collect()
    }

    /// Cards for all `count` items of a kind, for lists.
    pub(super) fn all_cards(
        &self,
        of: fn(usize) -> Of,
        count: usize,
    ) -> Result<Vec<String>, Diagnostic> {
        (0..count).map(|i| self.shared_card(of(i))).collect()
    }

    pub(super) fn s(&self, key: &str) -> String {
        super::labels::s(self.t, key)
    }

    pub(super) fn meta(
        &self,
        spec: Spec,
        kind: &'static str,
        title: String,
        description: String,
    ) -> Meta {
        meta(
            self.site,
            self.lang,
            kind,
            title,
            description,
            &spec_urls(self.site, spec),
        )
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

/// A list of upcoming events: the cards shown, and spares the script may show when
/// shown ones end after the build (never more than `limit` at once).
#[derive(Serialize)]
pub struct Upcoming {
    cards: Vec<String>,
    spares: Vec<String>,
    limit: Option<usize>,
    /// More events follow after the spares: when all shown ones have ended, the list
    /// points to the full agenda instead of saying nothing is planned.
    more: bool,
    /// The agenda that holds every one of them, when the list does not.
    all_url: Option<String>,
}

impl Upcoming {
    /// Every upcoming event of `events`, no limit.
    pub(super) fn all(cx: &Ctx, events: &[usize]) -> Result<Upcoming, Diagnostic> {
        Ok(Upcoming {
            cards: cx.event_cards(events, usize::MAX)?,
            spares: Vec::new(),
            limit: None,
            more: false,
            all_url: None,
        })
    }

    /// The first `limit`, and three times as many as spares; a link to `all_url` when
    /// there are more than `limit`.
    pub(super) fn first(
        cx: &Ctx,
        events: &[usize],
        limit: usize,
        all_url: String,
    ) -> Result<Upcoming, Diagnostic> {
        let shown = events.len().min(limit);
        let end = events.len().min(limit * 4);
        Ok(Upcoming {
            cards: cx.event_cards(&events[..shown], usize::MAX)?,
            spares: cx.event_cards(&events[shown..end], usize::MAX)?,
            limit: Some(limit),
            more: end < events.len(),
            all_url: (events.len() > limit).then_some(all_url),
        })
    }

    /// A location's, initiative's or audience's next events (§2.4), linking to its own
    /// agenda for the rest.
    pub(super) fn of_scope(cx: &Ctx, scope: Scope) -> Result<Upcoming, Diagnostic> {
        let events = cx.rel.upcoming_in(cx.site, scope);
        let page = crate::render::feeds::scope_page(cx.site, scope, cx.lang);
        Upcoming::first(cx, events, paging::ON_ITEM_PAGE, urls::scope_agenda(&page))
    }
}

pub(super) fn to_value<T: Serialize>(v: &T) -> tera::Value {
    tera::Value::from_serializable(v)
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
        let body = if text.body.images.is_empty() {
            body
        } else {
            super::picture::body(self.site, &body)
        };
        m.image = item
            .common
            .image
            .as_deref()
            .and_then(|image| super::picture::og_image(self.site, image));
        if m.image.is_some() {
            m.image_alt = text.image_alt.clone();
        }
        m.has_code = body.contains("<pre class=\"code\" data-lang=");
        (m, body, text.summary.clone())
    }
}
