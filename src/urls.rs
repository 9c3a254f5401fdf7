//! The URL scheme of SPEC §2 in one place: where items live in each language and which
//! pages the generator makes itself. Assembly uses it to find collisions and check
//! links; rendering uses it to write the pages. Paths start and end with `/`.

use crate::config::{Section, SiteConfig};
use crate::model::{Kind, Lang};
use crate::words::Vocab;

/// `""` for the default language, `"/en"` for the others.
pub fn prefix(config: &SiteConfig, lang: Lang) -> String {
    if lang == config.default_lang() {
        String::new()
    } else {
        format!("/{}", lang.code())
    }
}

pub fn home(config: &SiteConfig, lang: Lang) -> String {
    format!("{}/", prefix(config, lang))
}

/// The URL of an item: `slug` for Markdown items, the id for locations and organisations.
pub fn item(config: &SiteConfig, kind: Kind, lang: Lang, slug: &str) -> String {
    let p = prefix(config, lang);
    match Section::of_kind(kind) {
        Some(section) => format!("{p}/{}/{slug}/", config.section(section, lang)),
        None => format!("{p}/{slug}/"),
    }
}

pub fn section(config: &SiteConfig, section: Section, lang: Lang) -> String {
    format!(
        "{}/{}/",
        prefix(config, lang),
        config.section(section, lang)
    )
}

/// An audience's page, under its word in `lang` (`/voor/ouders/`).
pub fn audience(config: &SiteConfig, lang: Lang, code: &str) -> String {
    let word = config.slugs.get(Vocab::Audience, lang, code);
    format!("{}{word}/", section(config, Section::Audiences, lang))
}

/// Where an audience's page was before URLs had words (`/voor/parents/`): its feeds stay
/// there, so subscriptions never break, and the page itself redirects.
pub fn audience_by_code(config: &SiteConfig, lang: Lang, code: &str) -> String {
    format!("{}{code}/", section(config, Section::Audiences, lang))
}

fn archive_word(lang: Lang) -> &'static str {
    match lang {
        Lang::Nl => "archief",
        Lang::En => "archive",
    }
}

fn embed_word(lang: Lang) -> &'static str {
    match lang {
        Lang::Nl => "insluiten",
        Lang::En => "embed",
    }
}

pub fn archive(config: &SiteConfig, lang: Lang) -> String {
    format!(
        "{}{}/",
        section(config, Section::Events, lang),
        archive_word(lang)
    )
}

fn type_word(lang: Lang) -> &'static str {
    match lang {
        Lang::Nl => "soort",
        Lang::En => "type",
    }
}

/// The agenda of one event type: `/agenda/soort/<type>/`, `/en/agenda/type/<type>/`.
pub fn agenda_type(config: &SiteConfig, lang: Lang, event_type: &str) -> String {
    let word = config.slugs.get(Vocab::EventType, lang, event_type);
    format!(
        "{}{}/{word}/",
        section(config, Section::Events, lang),
        type_word(lang)
    )
}

fn agenda_type_by_code(config: &SiteConfig, lang: Lang, event_type: &str) -> String {
    format!(
        "{}{}/{event_type}/",
        section(config, Section::Events, lang),
        type_word(lang)
    )
}

/// Pages that moved, as (old URL, new URL) in `lang`: the audience and event-type pages
/// under their code, now under their word (SPEC §1.5). Each old URL gets a page that
/// sends the visitor on; this list is also what server redirects are to be made from.
pub fn moved(config: &SiteConfig, lang: Lang) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for code in crate::model::AUDIENCES {
        let (old, new) = (
            audience_by_code(config, lang, code),
            audience(config, lang, code),
        );
        if old != new {
            out.push((old, new));
        }
    }
    for t in crate::model::EVENT_TYPES {
        let (old, new) = (
            agenda_type_by_code(config, lang, t),
            agenda_type(config, lang, t),
        );
        if old != new {
            out.push((old, new));
        }
    }
    out
}

pub fn embed_help(config: &SiteConfig, lang: Lang) -> String {
    format!(
        "{}{}/",
        section(config, Section::Events, lang),
        embed_word(lang)
    )
}

pub fn embed_agenda(config: &SiteConfig, lang: Lang) -> String {
    format!("{}/embed/agenda/", prefix(config, lang))
}

/// The sitemap for people: `/sitemap/`, `/en/sitemap/`.
pub fn site_map(config: &SiteConfig, lang: Lang) -> String {
    format!("{}/sitemap/", prefix(config, lang))
}

/// The search page (§2.3): `/zoeken/`, `/en/search/`.
pub fn search(config: &SiteConfig, lang: Lang) -> String {
    let word = match lang {
        Lang::Nl => "zoeken",
        Lang::En => "search",
    };
    format!("{}/{word}/", prefix(config, lang))
}

/// The subscribe page of a scope whose page is `page` (§3): `/agenda/abonneren/`,
/// `/en/locations/x/subscribe/`.
pub fn subscribe(page: &str, lang: Lang) -> String {
    let word = match lang {
        Lang::Nl => "abonneren",
        Lang::En => "subscribe",
    };
    format!("{page}{word}/")
}

/// Page `number` (1 for the first) of a paginated list whose first page is at `base`
/// (§2.4): the first is `base` itself, the others `…/pagina/2/` (`…/page/2/`).
pub fn page(base: &str, lang: Lang, number: usize) -> String {
    if number <= 1 {
        return base.to_string();
    }
    let word = match lang {
        Lang::Nl => "pagina",
        Lang::En => "page",
    };
    format!("{base}{word}/{number}/")
}

/// An agenda month (§2.4): `/agenda/2027/03/`, `/en/agenda/2027/03/`.
pub fn agenda_month(config: &SiteConfig, lang: Lang, year: i16, month: i8) -> String {
    format!(
        "{}{year:04}/{month:02}/",
        section(config, Section::Events, lang)
    )
}

/// A year of the archive: `/agenda/archief/2026/`, `/en/agenda/archive/2026/`.
pub fn archive_year(config: &SiteConfig, lang: Lang, year: i16) -> String {
    format!("{}{year:04}/", archive(config, lang))
}

/// The agenda of a location, initiative or audience whose page is at `page`:
/// `/locaties/<id>/agenda/` (the same word in every language).
pub fn scope_agenda(page: &str) -> String {
    format!("{page}agenda/")
}

/// An audience's list of one kind (`/voor/ouders/opleidingen/`).
pub fn audience_list(config: &SiteConfig, lang: Lang, code: &str, of: Section) -> String {
    format!(
        "{}{}/",
        audience(config, lang, code),
        config.section(of, lang)
    )
}

/// The words of the embeddable agenda's filters (`?locatie=`), in `lang`: location,
/// initiative, audience. They also name the folders of its narrowed versions.
pub fn embed_words(lang: Lang) -> [&'static str; 3] {
    match lang {
        Lang::Nl => ["locatie", "initiatief", "doelgroep"],
        Lang::En => ["location", "initiative", "audience"],
    }
}

/// The embeddable agenda narrowed to one location, initiative or audience (`which` is
/// 0, 1 or 2, as in `embed_words`), by its id or code: `/embed/agenda/locatie/<id>/`.
pub fn embed_scope(config: &SiteConfig, lang: Lang, which: usize, key: &str) -> String {
    format!(
        "{}{}/{key}/",
        embed_agenda(config, lang),
        embed_words(lang)[which]
    )
}

pub fn not_found(config: &SiteConfig, lang: Lang) -> String {
    format!("{}/404.html", prefix(config, lang))
}

/// The pages the generator makes itself, in one language, with what each one is.
/// Content items may not take these URLs.
pub fn generated(config: &SiteConfig, lang: Lang) -> Vec<(String, &'static str)> {
    let mut out = vec![
        (home(config, lang), "the home page"),
        (
            section(config, Section::Initiatives, lang),
            "the list of initiatives",
        ),
        (
            section(config, Section::Courses, lang),
            "the list of courses",
        ),
        (section(config, Section::Events, lang), "the agenda"),
        (
            section(config, Section::Locations, lang),
            "the list of locations",
        ),
        (
            section(config, Section::Organisations, lang),
            "the list of organisations",
        ),
        (
            section(config, Section::Audiences, lang),
            "the list of audiences",
        ),
        (archive(config, lang), "the agenda archive"),
        (embed_help(config, lang), "the embed help page"),
        (embed_agenda(config, lang), "the embeddable agenda"),
        (site_map(config, lang), "the sitemap"),
        (search(config, lang), "the search page"),
        (format!("/{}/", crate::search::FOLDER), "the search index"),
    ];
    for code in crate::model::AUDIENCES {
        out.push((audience(config, lang, code), "an audience page"));
    }
    for t in crate::model::EVENT_TYPES {
        out.push((agenda_type(config, lang, t), "the agenda of an event type"));
    }
    for (old, _) in moved(config, lang) {
        out.push((old, "a page that moved"));
    }
    out
}

/// Output file for a URL path: `/a/b/` → `a/b/index.html`, `/x.xml` → `x.xml`.
pub fn file_for(path: &str) -> String {
    let trimmed = path.trim_start_matches('/');
    if trimmed.is_empty() || trimmed.ends_with('/') {
        format!("{trimmed}index.html")
    } else {
        trimmed.to_string()
    }
}
