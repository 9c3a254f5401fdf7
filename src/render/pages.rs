//! The list pages of SPEC §2: home, lists, the agenda and its archive, the embeddable
//! agenda and its help, audiences. Every function here is pure: `&Site` and strings in,
//! a template name and context out (or the first card that did not render).

use super::context::{Built, Ctx, Spec, Upcoming, to_value};
use crate::config::Section;
use crate::diagnostic::Diagnostic;
use crate::model::{AUDIENCES, EventType, Lang};
use crate::render::cards::Of;
use crate::render::feeds::{self, Scope};
use crate::render::jsonld;
use crate::render::relations::of;
use crate::render::views::*;
use crate::urls;
use serde::Serialize;

pub fn build(cx: &Ctx, spec: Spec) -> Result<Built, Diagnostic> {
    let mut built = build_page(cx, spec)?;
    built.meta.breadcrumbs = breadcrumbs(cx, spec);
    built.meta.feeds = feed_scope(spec).map(|scope| feeds::links(cx.site, scope, cx.lang));
    Ok(built)
}

/// The feeds a page links to: its own scope's.
fn feed_scope(spec: Spec) -> Option<Scope> {
    match spec {
        Spec::Home | Spec::Agenda | Spec::AgendaType(_) | Spec::EmbedHelp => Some(Scope::Site),
        Spec::Location(i) => Some(Scope::Location(i)),
        Spec::Initiative(i) => Some(Scope::Initiative(i)),
        Spec::Audience(code) => Some(Scope::Audience(code)),
        Spec::Subscribe(scope) => Some(scope),
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
        Spec::SiteMap | Spec::Search => vec![home],
        Spec::List(_) | Spec::Agenda | Spec::Audiences | Spec::Page(_) => vec![home],
        Spec::Archive | Spec::EmbedHelp | Spec::AgendaType(_) | Spec::Event(_) => {
            vec![home, section(Section::Events)]
        }
        Spec::Audience(_) => vec![home, section(Section::Audiences)],
        Spec::Initiative(_) => vec![home, section(Section::Initiatives)],
        Spec::Course(_) => vec![home, section(Section::Courses)],
        Spec::Location(_) => vec![home, section(Section::Locations)],
        Spec::Organisation(_) => vec![home, section(Section::Organisations)],
        Spec::Subscribe(scope) => {
            let mut above = breadcrumbs(cx, scope_spec(scope));
            let page = feeds::scope_page(cx.site, scope, cx.lang);
            above.push(link(
                feeds::scope_label(cx.site, scope, cx.lang, cx.t),
                page,
            ));
            above
        }
    }
}

/// The page a scope's feeds belong to.
fn scope_spec(scope: Scope) -> Spec {
    match scope {
        Scope::Site => Spec::Agenda,
        Scope::Location(i) => Spec::Location(i),
        Scope::Initiative(i) => Spec::Initiative(i),
        Scope::Audience(code) => Spec::Audience(code),
    }
}

fn build_page(cx: &Ctx, spec: Spec) -> Result<Built, Diagnostic> {
    match spec {
        Spec::Home => home(cx, spec),
        Spec::List(section) => list(cx, spec, section),
        Spec::Agenda | Spec::EmbedAgenda | Spec::AgendaType(_) => agenda(cx, spec),
        Spec::Archive => archive(cx, spec),
        Spec::EmbedHelp => embed_help(cx, spec),
        Spec::Audiences => audiences(cx, spec),
        Spec::SiteMap => site_map(cx, spec),
        Spec::Search => search(cx, spec),
        Spec::Subscribe(scope) => subscribe(cx, spec, scope),
        Spec::Audience(code) => audience(cx, spec, code),
        Spec::NotFound => {
            let meta = cx.meta(spec, "404", cx.s("not_found_title"), cx.s("not_found_text"));
            Ok(Built {
                template: "404.html",
                meta,
                data: tera::Value::none(),
            })
        }
        Spec::Initiative(i) => super::items::initiative(cx, spec, &cx.site.initiatives[i]),
        Spec::Course(i) => super::items::course(cx, spec, &cx.site.courses[i]),
        Spec::Event(i) => super::items::event(cx, spec, i),
        Spec::Page(i) => super::items::page(cx, spec, &cx.site.pages[i]),
        Spec::Location(i) => super::items::location(cx, i),
        Spec::Organisation(i) => super::items::organisation(cx, i),
    }
}

#[derive(Serialize)]
struct HomeView {
    events: Upcoming,
    initiatives: Vec<String>,
    audiences: Vec<Link>,
    agenda_url: String,
}

/// How many events the home page shows.
const HOME_EVENTS: usize = 6;

fn home(cx: &Ctx, spec: Spec) -> Result<Built, Diagnostic> {
    let c = &cx.site.config;
    let title = c.title.text(cx.lang, c.default_lang()).to_string();
    let description = c.description.text(cx.lang, c.default_lang()).to_string();
    let mut meta = cx.meta(spec, "home", title, description);
    meta.json_ld = json_ld(&jsonld::website(cx.site, cx.lang));
    let view = HomeView {
        events: Upcoming::first(cx, &cx.site.upcoming, HOME_EVENTS)?,
        initiatives: cx.all_cards(Of::Initiative, cx.site.initiatives.len())?,
        audiences: cx.audience_links(&AUDIENCES.iter().map(|a| a.to_string()).collect::<Vec<_>>()),
        agenda_url: urls::section(c, Section::Events, cx.lang),
    };
    Ok(Built {
        template: "home.html",
        meta,
        data: to_value(&view),
    })
}

#[derive(Serialize)]
struct ListView {
    section: &'static str,
    cards: Vec<String>,
}

fn list(cx: &Ctx, spec: Spec, section: Section) -> Result<Built, Diagnostic> {
    let site = cx.site;
    let cards = match section {
        Section::Initiatives => cx.all_cards(Of::Initiative, site.initiatives.len())?,
        Section::Courses => cx.all_cards(Of::Course, site.courses.len())?,
        Section::Locations => site
            .locations
            .iter()
            .map(|l| {
                let link = cx.data_link(&l.data.name, &l.urls);
                cx.card(&Card::plain(link, vec![l.data.municipality.clone()]))
            })
            .collect::<Result<_, _>>()?,
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
            .collect::<Result<_, _>>()?,
    };
    let key = format!("section_{}", section.key());
    let meta = cx.meta(spec, "list", cx.s(&key), cx.s(&format!("{key}_intro")));
    Ok(Built {
        template: "list.html",
        meta,
        data: to_value(&ListView {
            section: section.key(),
            cards,
        }),
    })
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
    /// The embeddable agenda: every upcoming event once, by next session.
    events: Vec<String>,
    archive_url: String,
    embed_url: String,
    locations: Vec<Link>,
    audiences: Vec<Link>,
    types: Vec<Link>,
    /// The whole agenda, when this is the agenda of one type.
    all_url: Option<String>,
}

/// The agenda (all types or one), by month: a series is one card in each month it has
/// sessions in, listing that month's dates. The embeddable agenda lists each event once.
fn agenda(cx: &Ctx, spec: Spec) -> Result<Built, Diagnostic> {
    let site = cx.site;
    let only_type = match spec {
        Spec::AgendaType(t) => EventType::parse(t),
        _ => None,
    };
    let of_type =
        |event: usize| only_type.is_none_or(|t| site.events[event].fields.event_type == t);
    let mut groups: Vec<Group> = Vec::new();
    let mut events = Vec::new();
    if matches!(spec, Spec::EmbedAgenda) {
        events = cx.event_cards(&site.upcoming, usize::MAX)?;
    } else {
        for (index, entry) in cx.rel.months.iter().enumerate() {
            if !of_type(entry.event) {
                continue;
            }
            let id = format!("{:04}-{:02}", entry.year, entry.month);
            if groups.last().is_none_or(|g| g.id != id) {
                let first = site.schedule(entry.event).sessions[entry.sessions.start].start_date();
                groups.push(Group {
                    label: crate::render::dates::month_year(cx.lang, first),
                    id,
                    cards: Vec::new(),
                });
            }
            if let Some(g) = groups.last_mut() {
                g.cards.push(cx.shared_card(Of::Month(index))?);
            }
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
    let c = &site.config;
    let view = AgendaView {
        groups,
        events,
        archive_url: urls::archive(c, cx.lang),
        embed_url: urls::embed_help(c, cx.lang),
        locations: site
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
    Ok(Built {
        template,
        meta,
        data: to_value(&view),
    })
}

/// Past events by the year of their last session, the most recent first. Nothing here
/// carries `data-ends`: the script never hides the past.
fn archive(cx: &Ctx, spec: Spec) -> Result<Built, Diagnostic> {
    let site = cx.site;
    let mut groups: Vec<Group> = Vec::new();
    for &event in &site.past {
        let Some(last) = site.schedule(event).last() else {
            continue;
        };
        // The year it ended in, in the site's zone: the order of `site.past`.
        let id = last.ended_on(&site.config.timezone).year().to_string();
        if groups.last().is_none_or(|g| g.id != id) {
            groups.push(Group {
                label: id.clone(),
                id,
                cards: Vec::new(),
            });
        }
        if let Some(g) = groups.last_mut() {
            g.cards.push(cx.shared_card(Of::Event(event))?);
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
        events: Vec::new(),
        archive_url: urls::archive(&site.config, cx.lang),
        embed_url: urls::embed_help(&site.config, cx.lang),
        locations: Vec::new(),
        audiences: Vec::new(),
        types: Vec::new(),
        all_url: None,
    };
    Ok(Built {
        template: "archive.html",
        meta,
        data: to_value(&view),
    })
}

#[derive(Serialize)]
struct Snippet {
    label: String,
    /// The iframe code, highlighted (HTML from syntect).
    iframe: String,
    webcal: String,
    json: String,
    /// The scope's subscribe page.
    subscribe: String,
}

/// The embed help page: for the whole agenda, each location and each audience, the
/// iframe, the `webcal://` subscription and the JSON URL, ready to copy.
fn embed_help(cx: &Ctx, spec: Spec) -> Result<Built, Diagnostic> {
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
            subscribe: links.subscribe,
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
    Ok(Built {
        template: "embed_help.html",
        meta,
        data: to_value(&snippets),
    })
}

/// A scope's subscribe page (§3): one click for each kind of calendar app, the address to
/// copy, and what a feed is for someone who opened the `.ics` in a browser.
fn subscribe(cx: &Ctx, spec: Spec, scope: Scope) -> Result<Built, Diagnostic> {
    let name = feeds::scope_label(cx.site, scope, cx.lang, cx.t);
    let title = cx.s("subscribe_title").replace("{name}", &name);
    // The links are the page's own feeds (`page.feeds`, set by `build`); the data is the
    // scope's page, to go back to.
    let meta = cx.meta(spec, "subscribe", title, cx.s("subscribe_intro"));
    Ok(Built {
        template: "subscribe.html",
        meta,
        data: to_value(&feeds::scope_page(cx.site, scope, cx.lang)),
    })
}

fn audiences(cx: &Ctx, spec: Spec) -> Result<Built, Diagnostic> {
    let links = cx.audience_links(&AUDIENCES.iter().map(|a| a.to_string()).collect::<Vec<_>>());
    let meta = cx.meta(
        spec,
        "audiences",
        cx.s("section_audiences"),
        cx.s("section_audiences_intro"),
    );
    Ok(Built {
        template: "audiences.html",
        meta,
        data: to_value(&links),
    })
}

/// One group of the sitemap page: a heading and its links.
#[derive(Serialize)]
struct MapGroup {
    title: String,
    links: Vec<Link>,
}

/// Links to every item of one kind, titled in `lang` (or the language shown instead).
fn item_links<F>(items: &[crate::site::Item<F>], lang: Lang, default: Lang) -> Vec<Link> {
    items
        .iter()
        .map(|i| {
            let (text, shown) = i.text(lang, default);
            Link {
                label: text.title.clone(),
                url: i.url(lang).to_string(),
                lang: (shown != lang).then(|| shown.code()),
            }
        })
        .collect()
}

/// Every page of the site by kind, in the page's language.
fn site_map(cx: &Ctx, spec: Spec) -> Result<Built, Diagnostic> {
    let c = &cx.site.config;
    let (lang, default) = (cx.lang, cx.site.default_lang());
    let link = |label: String, url: String| Link {
        label,
        url,
        lang: None,
    };
    // "Alle initiatieven": a section's list page, named as its list heading is.
    let all = |key: &str, section: Section| {
        let label = format!("{} {}", cx.s("list_all"), cx.s(key).to_lowercase());
        link(label, urls::section(c, section, lang))
    };
    let group = |key: &str, links: Vec<Link>| MapGroup {
        title: cx.s(key),
        links,
    };
    let with_list = |key: &str, section: Section, rest: Vec<Link>| {
        group(
            key,
            std::iter::once(all(key, section)).chain(rest).collect(),
        )
    };
    let general = vec![
        link(cx.s("nav_home"), urls::home(c, lang)),
        link(
            cx.s("section_events"),
            urls::section(c, Section::Events, lang),
        ),
        link(cx.s("archive_title"), urls::archive(c, lang)),
        link(cx.s("embed_help_title"), urls::embed_help(c, lang)),
        link(
            cx.s("section_audiences"),
            urls::section(c, Section::Audiences, lang),
        ),
    ];
    let site = cx.site;
    let types = crate::model::EVENT_TYPES.iter().map(|t| {
        link(
            label(cx.t, "types_plural", t),
            urls::agenda_type(c, lang, t),
        )
    });
    let events = types
        .chain(item_links(&site.events, lang, default))
        .collect();
    let data = |name: &crate::model::Text, urls: &std::collections::BTreeMap<Lang, String>| {
        cx.data_link(name, urls)
    };
    let codes: Vec<String> = AUDIENCES.iter().map(|a| a.to_string()).collect();
    let mut groups = vec![
        group("sitemap_general", general),
        with_list(
            "section_initiatives",
            Section::Initiatives,
            item_links(&site.initiatives, lang, default),
        ),
        with_list(
            "section_courses",
            Section::Courses,
            item_links(&site.courses, lang, default),
        ),
        group("section_events", events),
        with_list(
            "section_locations",
            Section::Locations,
            site.locations
                .iter()
                .map(|l| data(&l.data.name, &l.urls))
                .collect(),
        ),
        with_list(
            "section_organisations",
            Section::Organisations,
            site.organisations
                .iter()
                .map(|o| data(&o.data.name, &o.urls))
                .collect(),
        ),
        group("section_audiences", cx.audience_links(&codes)),
    ];
    if !site.pages.is_empty() {
        groups.push(group(
            "sitemap_pages",
            item_links(&site.pages, lang, default),
        ));
    }
    let meta = cx.meta(spec, "sitemap", cx.s("sitemap"), cx.s("sitemap_intro"));
    Ok(Built {
        template: "sitemap.html",
        meta,
        data: to_value(&groups),
    })
}

/// The search page: the filters it offers (their names for the script, their labels for
/// people) and, for visitors without JavaScript, the lists to browse instead.
#[derive(Serialize)]
struct SearchView {
    filters: Vec<SearchFilter>,
    browse: Vec<Link>,
}

#[derive(Serialize)]
struct SearchFilter {
    name: &'static str,
    label: String,
}

fn search(cx: &Ctx, spec: Spec) -> Result<Built, Diagnostic> {
    let c = &cx.site.config;
    let lang = cx.lang;
    let filter = |name: &'static str, key: &str| SearchFilter {
        name,
        label: cx.s(key),
    };
    let filters = vec![
        filter("kind", "search_filter_kind"),
        filter("audience", "audiences"),
        filter("municipality", "municipality"),
        filter("type", "event_type"),
        filter("level", "level"),
    ];
    let section = |s: Section| Link {
        label: cx.s(&format!("section_{}", s.key())),
        url: urls::section(c, s, lang),
        lang: None,
    };
    let codes: Vec<String> = AUDIENCES.iter().map(|a| a.to_string()).collect();
    let mut browse = vec![
        section(Section::Initiatives),
        section(Section::Courses),
        section(Section::Events),
        section(Section::Locations),
        section(Section::Organisations),
        section(Section::Audiences),
    ];
    browse.extend(cx.audience_links(&codes));
    browse.push(Link {
        label: cx.s("sitemap"),
        url: urls::site_map(c, lang),
        lang: None,
    });
    let meta = cx.meta(spec, "search", cx.s("search_title"), cx.s("search_intro"));
    Ok(Built {
        template: "search.html",
        meta,
        data: to_value(&SearchView { filters, browse }),
    })
}

#[derive(Serialize)]
struct AudienceView {
    code: &'static str,
    initiatives: Vec<String>,
    courses: Vec<String>,
    events: Upcoming,
}

fn audience(cx: &Ctx, spec: Spec, code: &'static str) -> Result<Built, Diagnostic> {
    let view = AudienceView {
        code,
        initiatives: cx.cards_at(Of::Initiative, of(&cx.rel.initiatives_for, code))?,
        courses: cx.cards_at(Of::Course, of(&cx.rel.courses_for, code))?,
        events: Upcoming::all(cx, of(&cx.rel.upcoming_for, code))?,
    };
    let title = label(cx.t, "audience", code);
    let meta = cx.meta(spec, "audience", title, label(cx.t, "audience_intro", code));
    Ok(Built {
        template: "audience.html",
        meta,
        data: to_value(&view),
    })
}
