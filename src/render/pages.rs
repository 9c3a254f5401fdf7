//! The list pages of SPEC §2: home, lists, the agenda and its archive, the embeddable
//! agenda and its help, audiences. Every function here is pure: `&Site` and strings in,
//! a template name and context out (or the first card that did not render).

use super::context::{
    Built, Ctx, Spec, Upcoming, list_base, page_number, paged_len, spec_urls, to_value,
};
use super::paging::{self, Pager};
use crate::config::Section;
use crate::diagnostic::Diagnostic;
use crate::model::{AUDIENCES, Lang};
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
    if let Some(base) = list_base(cx.site, spec, cx.lang) {
        let number = page_number(spec);
        let count = paging::count(paged_len(cx.site, cx.rel, spec));
        built.meta.pager = Pager::new(&base, cx.lang, number, count);
        if number > 1 {
            let n = cx.s("page_n").replace("{n}", &number.to_string());
            built.meta.title = format!("{} ({n})", built.meta.title);
        }
    }
    Ok(built)
}

/// The feeds a page links to: its own scope's.
fn feed_scope(spec: Spec) -> Option<Scope> {
    match spec {
        Spec::Home | Spec::Agenda | Spec::Month(..) | Spec::AgendaType(..) | Spec::EmbedHelp(_) => {
            Some(Scope::Site)
        }
        Spec::Location(i) => Some(Scope::Location(i)),
        Spec::Initiative(i) => Some(Scope::Initiative(i)),
        Spec::Audience(code) => Some(Scope::Audience(code)),
        Spec::Subscribe(scope) | Spec::ScopeAgenda(scope, _) => Some(scope),
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
    // Page 2 and on of a list: the list's first page above them.
    let number = page_number(spec);
    if number > 1 {
        let first = first_page(spec);
        let mut above = breadcrumbs(cx, first);
        if let Some(base) = list_base(cx.site, first, cx.lang) {
            above.push(link(list_title(cx, first), base));
        }
        return above;
    }
    match spec {
        Spec::Home | Spec::EmbedAgenda | Spec::EmbedScope(_) | Spec::NotFound => Vec::new(),
        Spec::SiteMap | Spec::Search => vec![home],
        Spec::List(..) | Spec::Agenda | Spec::Audiences | Spec::Page(_) => vec![home],
        Spec::Archive
        | Spec::EmbedHelp(_)
        | Spec::AgendaType(..)
        | Spec::Month(..)
        | Spec::Event(_) => {
            vec![home, section(Section::Events)]
        }
        Spec::ArchiveYear(..) => vec![
            home,
            section(Section::Events),
            link(cx.s("archive_title"), urls::archive(c, cx.lang)),
        ],
        Spec::Audience(_) => vec![home, section(Section::Audiences)],
        Spec::AudienceList(code, _, _) => vec![
            home,
            section(Section::Audiences),
            link(
                label(cx.t, "audience", code),
                urls::audience(c, cx.lang, code),
            ),
        ],
        Spec::ScopeAgenda(scope, _) => {
            let mut above = breadcrumbs(cx, scope_spec(scope));
            above.push(link(
                feeds::scope_label(cx.site, scope, cx.lang, cx.t),
                feeds::scope_page(cx.site, scope, cx.lang),
            ));
            above
        }
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

/// The first page of the list `spec` is a page of.
fn first_page(spec: Spec) -> Spec {
    match spec {
        Spec::List(s, _) => Spec::List(s, 1),
        Spec::ArchiveYear(y, _) => Spec::ArchiveYear(y, 1),
        Spec::EmbedHelp(_) => Spec::EmbedHelp(1),
        Spec::AudienceList(c, s, _) => Spec::AudienceList(c, s, 1),
        Spec::AgendaType(t, _) => Spec::AgendaType(t, 1),
        Spec::ScopeAgenda(scope, _) => Spec::ScopeAgenda(scope, 1),
        other => other,
    }
}

/// The title of a list's first page, for the breadcrumbs of the pages after it.
fn list_title(cx: &Ctx, spec: Spec) -> String {
    match spec {
        Spec::List(s, _) => cx.s(&format!("section_{}", s.key())),
        Spec::ArchiveYear(year, _) => format!("{} {year}", cx.s("archive_title")),
        Spec::EmbedHelp(_) => cx.s("embed_help_title"),
        Spec::AudienceList(code, s, _) => audience_list_title(cx, code, s),
        Spec::AgendaType(t, _) => type_title(cx, t),
        Spec::ScopeAgenda(scope, _) => scope_agenda_title(cx, scope),
        _ => String::new(),
    }
}

fn audience_list_title(cx: &Ctx, code: &str, section: Section) -> String {
    format!(
        "{}: {}",
        label(cx.t, "audience", code),
        cx.s(&format!("section_{}", section.key())).to_lowercase()
    )
}

fn type_title(cx: &Ctx, t: &str) -> String {
    format!(
        "{}: {}",
        cx.s("section_events"),
        label(cx.t, "types_plural", t)
    )
}

fn scope_agenda_title(cx: &Ctx, scope: Scope) -> String {
    cx.s("scope_agenda_title")
        .replace("{name}", &feeds::scope_label(cx.site, scope, cx.lang, cx.t))
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
        Spec::List(section, n) => list(cx, spec, section, n),
        Spec::Agenda | Spec::Month(..) | Spec::AgendaType(..) | Spec::ScopeAgenda(..) => {
            agenda(cx, spec)
        }
        Spec::EmbedAgenda | Spec::EmbedScope(_) => embed_agenda(cx, spec),
        Spec::Archive | Spec::ArchiveYear(..) => archive(cx, spec),
        Spec::EmbedHelp(n) => embed_help(cx, spec, n),
        Spec::AudienceList(code, section, n) => audience_list(cx, spec, code, section, n),
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
        Spec::Initiative(i) => super::items::initiative(cx, spec, i),
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
    /// The first page's worth of initiatives (§2.4: no list without bound).
    initiatives: Vec<String>,
    /// The list of every initiative, when there are more than the home page shows.
    initiatives_url: Option<String>,
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
    let initiatives = cx.site.initiatives.len();
    let view = HomeView {
        events: Upcoming::first(
            cx,
            &cx.site.upcoming,
            HOME_EVENTS,
            urls::section(c, Section::Events, cx.lang),
        )?,
        initiatives: cx.all_cards(Of::Initiative, initiatives.min(paging::PER_PAGE))?,
        initiatives_url: (initiatives > paging::PER_PAGE)
            .then(|| urls::section(c, Section::Initiatives, cx.lang)),
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

/// Page `number` of a section's list.
fn list(cx: &Ctx, spec: Spec, section: Section, number: usize) -> Result<Built, Diagnostic> {
    let site = cx.site;
    let on_page: Vec<usize> = paging::range(paged_len(site, cx.rel, spec), number).collect();
    let on_page = on_page.as_slice();
    let cards = match section {
        Section::Initiatives => cx.cards_at(Of::Initiative, on_page)?,
        Section::Courses => cx.cards_at(Of::Course, on_page)?,
        Section::Locations => paging::slice(&site.locations, number)
            .iter()
            .map(|l| {
                let link = cx.data_link(&l.data.name, &l.urls);
                cx.card(&Card::plain(link, vec![l.data.municipality.clone()]))
            })
            .collect::<Result<_, _>>()?,
        _ => paging::slice(&site.organisations, number)
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
    /// The group's own page (an agenda month, an archive year), if it has one.
    url: Option<String>,
    cards: Vec<String>,
}

/// A link to a month of the agenda or a year of the archive, with its number of events.
#[derive(Serialize)]
struct PeriodLink {
    label: String,
    url: String,
    count: usize,
    current: bool,
}

#[derive(Serialize)]
struct AgendaView {
    groups: Vec<Group>,
    archive_url: String,
    embed_url: String,
    /// The filters, on the agenda pages of the whole site (empty on a scope's agenda).
    locations: Vec<Link>,
    audiences: Vec<Link>,
    types: Vec<Link>,
    /// The whole agenda, on pages that show part of it.
    all_url: Option<String>,
    /// Every month of the agenda, on the agenda and its month pages.
    months: Vec<PeriodLink>,
    /// The agenda shows only the next events: the months hold the rest.
    more: bool,
}

/// The agenda pages (§2.4), by month: the whole agenda (its next 50 events), one month
/// (every event with a session in it), a page of one event type's or one scope's
/// agenda. A series is one card in each month it has sessions in, listing that month's
/// dates; a page that stops before the end of its list stops at the month of its last
/// event, so that no month shows only part of what the page holds.
fn agenda(cx: &Ctx, spec: Spec) -> Result<Built, Diagnostic> {
    let site = cx.site;
    let c = &site.config;
    let rel = cx.rel;
    let month_of = |event: usize| {
        let schedule = site.schedule(event);
        let d = schedule.sessions[schedule.next].start_date();
        (d.year(), d.month())
    };
    // The events of this page, the entries of `rel.months` to look through, and the last
    // month shown when the list goes on after this page.
    let (events, entries, until): (&[usize], std::ops::Range<usize>, Option<(i16, i8)>) = match spec
    {
        Spec::Month(year, month) => {
            let entries = rel
                .month_pages
                .iter()
                .find(|m| (m.year, m.month) == (year, month))
                .map_or(0..0, |m| m.entries.clone());
            (&site.upcoming, entries, None)
        }
        _ => {
            let list = match spec {
                Spec::Agenda => &site.upcoming[..site.upcoming.len().min(paging::PER_PAGE)],
                Spec::AgendaType(t, n) => paging::slice(of(&rel.upcoming_of_type, t), n),
                Spec::ScopeAgenda(scope, n) => paging::slice(rel.upcoming_in(site, scope), n),
                _ => &[],
            };
            let whole = match spec {
                Spec::Agenda => site.upcoming.len(),
                _ => paged_len(site, rel, spec),
            };
            let shown_to = match spec {
                Spec::Agenda => list.len(),
                _ => paging::range(whole, page_number(spec)).end,
            };
            let until = (shown_to < whole).then(|| list.last().map(|&e| month_of(e)));
            (list, 0..rel.months.len(), until.flatten())
        }
    };
    let on_page: std::collections::HashSet<usize> = match spec {
        Spec::Month(..) => std::collections::HashSet::new(),
        _ => events.iter().copied().collect(),
    };
    let mut groups: Vec<Group> = Vec::new();
    for index in entries {
        let entry = &rel.months[index];
        if !matches!(spec, Spec::Month(..)) && !on_page.contains(&entry.event) {
            continue;
        }
        if until.is_some_and(|last| (entry.year, entry.month) > last) {
            break;
        }
        let id = format!("{:04}-{:02}", entry.year, entry.month);
        if groups.last().is_none_or(|g| g.id != id) {
            let first = site.schedule(entry.event).sessions[entry.sessions.start].start_date();
            groups.push(Group {
                label: crate::render::dates::month_year(cx.lang, first),
                id,
                url: Some(urls::agenda_month(c, cx.lang, entry.year, entry.month)),
                cards: Vec::new(),
            });
        }
        if let Some(g) = groups.last_mut() {
            g.cards.push(cx.shared_card(Of::Month(index))?);
        }
    }
    let (kind, title) = match spec {
        Spec::Month(year, month) => {
            let label = groups
                .first()
                .map_or_else(|| format!("{year}-{month:02}"), |g| g.label.clone());
            (
                "agenda-month",
                format!("{}: {label}", cx.s("section_events")),
            )
        }
        Spec::AgendaType(t, _) => ("agenda-type", type_title(cx, t)),
        Spec::ScopeAgenda(scope, _) => ("scope-agenda", scope_agenda_title(cx, scope)),
        _ => ("agenda", cx.s("section_events")),
    };
    let whole_site = !matches!(spec, Spec::ScopeAgenda(..));
    let months = match spec {
        Spec::Agenda | Spec::Month(..) => rel
            .month_pages
            .iter()
            .map(|m| {
                let entry = &rel.months[m.entries.start];
                let first = site.schedule(entry.event).sessions[entry.sessions.start].start_date();
                PeriodLink {
                    label: crate::render::dates::month_year(cx.lang, first),
                    url: urls::agenda_month(c, cx.lang, m.year, m.month),
                    count: m.entries.len(),
                    current: matches!(spec, Spec::Month(y, n) if (y, n) == (m.year, m.month)),
                }
            })
            .collect(),
        _ => Vec::new(),
    };
    let view = AgendaView {
        groups,
        archive_url: urls::archive(c, cx.lang),
        embed_url: urls::embed_help(c, cx.lang),
        locations: if whole_site {
            location_filter(cx)
        } else {
            Vec::new()
        },
        audiences: if whole_site {
            AUDIENCES
                .iter()
                .map(|code| Link {
                    label: label(cx.t, "audience", code),
                    url: urls::scope_agenda(&urls::audience(c, cx.lang, code)),
                    lang: None,
                })
                .collect()
        } else {
            Vec::new()
        },
        types: if whole_site {
            crate::model::EVENT_TYPES
                .iter()
                .map(|t| Link {
                    label: label(cx.t, "types_plural", t),
                    url: urls::agenda_type(c, cx.lang, t),
                    lang: None,
                })
                .collect()
        } else {
            Vec::new()
        },
        all_url: (!matches!(spec, Spec::Agenda))
            .then(|| urls::section(c, Section::Events, cx.lang)),
        months,
        more: matches!(spec, Spec::Agenda) && site.upcoming.len() > paging::PER_PAGE,
    };
    let meta = cx.meta(spec, kind, title, cx.s("agenda_intro"));
    Ok(Built {
        template: "agenda.html",
        meta,
        data: to_value(&view),
    })
}

/// The agenda's filter by location: each location's own agenda, or, when there are more
/// than fit in a list, the list of locations (each links to its agenda).
fn location_filter(cx: &Ctx) -> Vec<Link> {
    let site = cx.site;
    if site.locations.len() > paging::PER_PAGE {
        return vec![Link {
            label: format!(
                "{} {}",
                cx.s("list_all"),
                cx.s("section_locations").to_lowercase()
            ),
            url: urls::section(&site.config, Section::Locations, cx.lang),
            lang: None,
        }];
    }
    site.locations
        .iter()
        .map(|l| {
            let mut link = cx.data_link(&l.data.name, &l.urls);
            link.url = urls::scope_agenda(&link.url);
            link
        })
        .collect()
}

/// How many events the embeddable agenda holds: enough for any `max` a school asks for,
/// with spares for the ones that end after the build.
const EMBED_EVENTS: usize = 200;

#[derive(Serialize)]
struct EmbedView {
    events: Vec<String>,
    /// On the agenda of the whole site: where the narrowed agendas are, and the words
    /// of their filters, so the script can send `?locatie=x` on to its own page.
    scopes: Option<String>,
    words: String,
}

/// The embeddable agenda, of the whole site or of one location, initiative or audience:
/// their next events, each once, by next session.
fn embed_agenda(cx: &Ctx, spec: Spec) -> Result<Built, Diagnostic> {
    let site = cx.site;
    let (events, scopes) = match spec {
        Spec::EmbedScope(scope) => (cx.rel.upcoming_in(site, scope), None),
        _ => (
            site.upcoming.as_slice(),
            Some(urls::embed_agenda(&site.config, cx.lang)),
        ),
    };
    let title = match spec {
        Spec::EmbedScope(scope) => format!(
            "{} · {}",
            cx.s("embed_title"),
            feeds::scope_label(site, scope, cx.lang, cx.t)
        ),
        _ => cx.s("embed_title"),
    };
    let view = EmbedView {
        events: cx.event_cards(events, EMBED_EVENTS)?,
        scopes,
        words: urls::embed_words(cx.lang).join(" "),
    };
    let meta = cx.meta(spec, "embed", title, cx.s("agenda_intro"));
    Ok(Built {
        template: "embed_agenda.html",
        meta,
        data: to_value(&view),
    })
}

/// The archive: links to its years and the most recent past events, by the year of
/// their last session; or one page of one year. Nothing here carries `data-ends`: the
/// script never hides the past.
fn archive(cx: &Ctx, spec: Spec) -> Result<Built, Diagnostic> {
    let site = cx.site;
    let c = &site.config;
    let mut groups: Vec<Group> = Vec::new();
    let mut add = |year: i16, events: &[usize]| -> Result<(), Diagnostic> {
        groups.push(Group {
            label: year.to_string(),
            id: year.to_string(),
            url: Some(urls::archive_year(c, cx.lang, year)),
            cards: events
                .iter()
                .map(|&e| cx.shared_card(Of::Event(e)))
                .collect::<Result<_, _>>()?,
        });
        Ok(())
    };
    let (kind, title) = match spec {
        Spec::ArchiveYear(year, number) => {
            if let Some((_, events)) = cx.rel.past_years.iter().find(|(y, _)| *y == year) {
                add(year, paging::slice(events, number))?;
            }
            ("archive-year", format!("{} {year}", cx.s("archive_title")))
        }
        _ => {
            let mut left = paging::PER_PAGE;
            for (year, events) in &cx.rel.past_years {
                if left == 0 {
                    break;
                }
                let take = events.len().min(left);
                add(*year, &events[..take])?;
                left -= take;
            }
            ("archive", cx.s("archive_title"))
        }
    };
    let years = cx
        .rel
        .past_years
        .iter()
        .map(|(year, events)| PeriodLink {
            label: year.to_string(),
            url: urls::archive_year(c, cx.lang, *year),
            count: events.len(),
            current: matches!(spec, Spec::ArchiveYear(y, _) if y == *year),
        })
        .collect();
    let meta = cx.meta(spec, kind, title, cx.s("archive_intro"));
    let view = AgendaView {
        groups,
        archive_url: urls::archive(c, cx.lang),
        embed_url: urls::embed_help(c, cx.lang),
        locations: Vec::new(),
        audiences: Vec::new(),
        types: Vec::new(),
        all_url: None,
        months: years,
        more: false,
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
fn embed_help(cx: &Ctx, spec: Spec, number: usize) -> Result<Built, Diagnostic> {
    let c = &cx.site.config;
    let snippet = |label: String, scope: Scope| {
        let embed = match scope {
            Scope::Site => urls::embed_agenda(c, cx.lang),
            _ => spec_urls(cx.site, Spec::EmbedScope(scope))[&cx.lang].clone(),
        };
        let code = format!(
            "<iframe src=\"{}{embed}\" title=\"{} – {}\" width=\"100%\" height=\"600\" loading=\"lazy\"></iframe>",
            c.base_url,
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
    // The first page: the whole agenda and the audiences; then 50 locations a page.
    let mut snippets = Vec::new();
    if number == 1 {
        snippets.push(snippet(cx.s("embed_all"), Scope::Site));
        for code in AUDIENCES {
            snippets.push(snippet(
                label(cx.t, "audience", code),
                Scope::Audience(code),
            ));
        }
    }
    for i in paging::range(cx.site.locations.len(), number) {
        let name = cx.site.locations[i]
            .data
            .name
            .text(cx.lang, c.default_lang());
        snippets.push(snippet(name.to_string(), Scope::Location(i)));
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

/// Links to every item of one kind, titled in `lang` (or the language shown instead);
/// none when there are more than a page holds (the kind's list, paginated, has them).
fn item_links<F>(
    items: &[std::sync::Arc<crate::site::Item<F>>],
    lang: Lang,
    default: Lang,
) -> Vec<Link> {
    if items.len() > paging::PER_PAGE {
        return Vec::new();
    }
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
                .take_while(|_| site.locations.len() <= paging::PER_PAGE)
                .map(|l| data(&l.data.name, &l.urls))
                .collect(),
        ),
        with_list(
            "section_organisations",
            Section::Organisations,
            site.organisations
                .iter()
                .take_while(|_| site.organisations.len() <= paging::PER_PAGE)
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
    initiatives: Some10,
    courses: Some10,
    events: Upcoming,
}

/// Page `number` of an audience's initiatives or courses.
fn audience_list(
    cx: &Ctx,
    spec: Spec,
    code: &'static str,
    section: Section,
    number: usize,
) -> Result<Built, Diagnostic> {
    let of = match section {
        Section::Initiatives => Of::Initiative,
        _ => Of::Course,
    };
    let cards = cx.cards_at(
        of,
        paging::slice(cx.rel.audience_list(code, section), number),
    )?;
    let title = audience_list_title(cx, code, section);
    let meta = cx.meta(spec, "list", title, label(cx.t, "audience_intro", code));
    Ok(Built {
        template: "list.html",
        meta,
        data: to_value(&ListView {
            section: section.key(),
            cards,
        }),
    })
}

/// The first cards of an audience's initiatives or courses, and its list when there
/// are more.
#[derive(Serialize)]
struct Some10 {
    cards: Vec<String>,
    all_url: Option<String>,
    /// How many there are, as the template's text replacement needs it.
    count: String,
}

fn audience(cx: &Ctx, spec: Spec, code: &'static str) -> Result<Built, Diagnostic> {
    let first = |of: fn(usize) -> Of, section: Section| -> Result<Some10, Diagnostic> {
        let all = cx.rel.audience_list(code, section);
        let shown = &all[..all.len().min(paging::ON_ITEM_PAGE)];
        Ok(Some10 {
            cards: cx.cards_at(of, shown)?,
            all_url: (all.len() > shown.len())
                .then(|| urls::audience_list(&cx.site.config, cx.lang, code, section)),
            count: all.len().to_string(),
        })
    };
    let view = AudienceView {
        code,
        initiatives: first(Of::Initiative, Section::Initiatives)?,
        courses: first(Of::Course, Section::Courses)?,
        events: Upcoming::of_scope(cx, Scope::Audience(code))?,
    };
    let title = label(cx.t, "audience", code);
    let meta = cx.meta(spec, "audience", title, label(cx.t, "audience_intro", code));
    Ok(Built {
        template: "audience.html",
        meta,
        data: to_value(&view),
    })
}
