//! The URL scheme of SPEC §2 in one place: where items live in each language and which
//! pages the generator makes itself. Assembly uses it to find collisions and check
//! links; rendering uses it to write the pages. Paths start and end with `/`.

use crate::config::{Section, SiteConfig};
use crate::model::{Kind, Lang};

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

pub fn audience(config: &SiteConfig, lang: Lang, code: &str) -> String {
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
    format!(
        "{}{}/{event_type}/",
        section(config, Section::Events, lang),
        type_word(lang)
    )
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
    ];
    for code in crate::model::AUDIENCES {
        out.push((audience(config, lang, code), "an audience page"));
    }
    for t in crate::model::EVENT_TYPES {
        out.push((agenda_type(config, lang, t), "the agenda of an event type"));
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
