//! `content/site.yaml` → `SiteConfig`: title, languages, time zone, theme, section
//! names and Markdown policy. Problems come back as diagnostics like any content file.

use crate::diagnostic::Diagnostic;
use crate::fields::{Obj, Reader, suggest_slug};
use crate::model::{Kind, Lang, Text, is_valid_id};
use crate::msg;
use crate::source::Source;
use crate::yaml::{self, Step};
use jiff::tz::TimeZone;
use std::collections::BTreeMap;
use std::sync::Arc;

#[derive(Debug, Clone, PartialEq)]
pub struct SiteConfig {
    pub title: Text,
    pub description: Text,
    pub base_url: String,
    /// The first is the default language, served at `/`.
    pub languages: Vec<Lang>,
    pub timezone_name: String,
    pub timezone: TimeZone,
    pub theme: String,
    /// URL segment per section and language.
    pub sections: BTreeMap<(Section, Lang), String>,
    pub allow_html: bool,
    /// The words that stand for codes (from the theme), for suggestions while parsing.
    pub words: Arc<crate::words::Words>,
    /// The words for audiences and event types in URLs (from the theme).
    pub slugs: Arc<crate::words::Slugs>,
}

/// The sections whose URL segment `site.yaml` may rename.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Section {
    Initiatives,
    Courses,
    Events,
    Locations,
    Organisations,
    Audiences,
}

impl Section {
    pub const ALL: [Section; 6] = [
        Section::Initiatives,
        Section::Courses,
        Section::Events,
        Section::Locations,
        Section::Organisations,
        Section::Audiences,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Section::Initiatives => "initiatives",
            Section::Courses => "courses",
            Section::Events => "events",
            Section::Locations => "locations",
            Section::Organisations => "organisations",
            Section::Audiences => "audiences",
        }
    }

    pub fn of_kind(kind: Kind) -> Option<Section> {
        match kind {
            Kind::Initiative => Some(Section::Initiatives),
            Kind::Course => Some(Section::Courses),
            Kind::Event => Some(Section::Events),
            Kind::Location => Some(Section::Locations),
            Kind::Organisation => Some(Section::Organisations),
            Kind::Page => None,
        }
    }

    fn default_name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Section::Initiatives, Lang::Nl) => "initiatieven",
            (Section::Initiatives, Lang::En) => "initiatives",
            (Section::Courses, Lang::Nl) => "opleidingen",
            (Section::Courses, Lang::En) => "courses",
            (Section::Events, _) => "agenda",
            (Section::Locations, Lang::Nl) => "locaties",
            (Section::Locations, Lang::En) => "locations",
            (Section::Organisations, Lang::Nl) => "organisaties",
            (Section::Organisations, Lang::En) => "organisations",
            (Section::Audiences, Lang::Nl) => "voor",
            (Section::Audiences, Lang::En) => "for",
        }
    }
}

impl SiteConfig {
    pub fn default_lang(&self) -> Lang {
        self.languages[0]
    }

    pub fn section(&self, section: Section, lang: Lang) -> &str {
        self.sections
            .get(&(section, lang))
            .map_or_else(|| section.default_name(lang), String::as_str)
    }
}

const FIELDS: &[&str] = &[
    "title",
    "description",
    "base_url",
    "languages",
    "timezone",
    "theme",
    "sections",
    "markdown",
];

/// The site's default language as `site.yaml` names it (the first of `languages`), read
/// without checking the rest: the language of messages, even about a broken site.
pub fn message_lang(root: &std::path::Path) -> Option<Lang> {
    let text = crate::safefs::read_to_string(&root.join("content").join("site.yaml")).ok()?;
    let doc = yaml::parse(&text).ok()?;
    let yaml::Yaml::Map(entries) = doc else {
        return None;
    };
    match &entries.iter().find(|(k, _)| k == "languages")?.1 {
        yaml::Yaml::Seq(items) => Lang::parse(&items.first()?.scalar_text()?),
        _ => None,
    }
}

/// Reads `site.yaml`. Returns the config only if it has no errors.
pub fn parse(source: Arc<Source>) -> (Option<SiteConfig>, Vec<Diagnostic>) {
    let doc = match yaml::parse(&source.yaml_text()) {
        Ok(doc) => doc,
        Err(e) => return (None, vec![crate::frontmatter::syntax_error(&source, &e)]),
    };
    // Languages first: translatable fields are checked against them.
    let probe = Reader::new(source.clone(), &Lang::ALL);
    let languages = probe
        .root(&doc)
        .map(|root| languages(&root))
        .unwrap_or_default();
    let mut diags = probe.into_diagnostics();
    let languages = if languages.is_empty() {
        vec![Lang::Nl]
    } else {
        languages
    };

    let reader = Reader::new(source, &languages);
    let config = reader.root(&doc).and_then(|root| read(&root, languages));
    diags.extend(reader.into_diagnostics());
    let ok = !diags.iter().any(Diagnostic::is_error);
    (config.filter(|_| ok), diags)
}

fn languages(root: &Obj) -> Vec<Lang> {
    let path = root.path_to("languages");
    let Some(yaml::Yaml::Seq(items)) = root.get("languages") else {
        if root.has("languages") {
            root.reader()
                .error("wrong-type", msg!(LanguagesList), &path, false);
        }
        return vec![Lang::Nl, Lang::En];
    };
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let code = item.scalar_text().unwrap_or_default();
        let mut at = path.clone();
        at.push(Step::Index(i));
        match Lang::parse(&code) {
            Some(lang) if !out.contains(&lang) => out.push(lang),
            Some(_) => root.reader().error(
                "duplicate-language",
                msg!(DuplicateLanguage, code = &code),
                &at,
                false,
            ),
            None => root.reader().error_help(
                "unknown-language",
                msg!(NoSuchLanguage, code = &code),
                Some(msg!(NoSuchLanguageHelp)),
                &at,
                false,
            ),
        }
    }
    out
}

fn read(root: &Obj, languages: Vec<Lang>) -> Option<SiteConfig> {
    root.finish(FIELDS);
    let title = root.translatable("title", true);
    let description = root
        .translatable("description", false)
        .unwrap_or(Text::Same(String::new()));
    let base_url = root
        .url("base_url")
        .map(|u| u.trim_end_matches('/').to_string());
    if !root.has("base_url") {
        root.reader().error_help(
            "missing-field",
            msg!(MissingBaseUrl),
            Some(msg!(MissingBaseUrlHelp)),
            &[],
            false,
        );
    }
    let timezone_name = root
        .text("timezone", false)
        .unwrap_or_else(|| "Europe/Amsterdam".into());
    let timezone = timezone(root, "timezone", &timezone_name);
    let theme = root
        .text("theme", false)
        .unwrap_or_else(|| "default".into());
    if !is_valid_id(&theme) {
        root.reader().error(
            "invalid-value",
            msg!(InvalidTheme, theme = &theme),
            &root.path_to("theme"),
            false,
        );
    }
    let sections = sections(root, &languages);
    let allow_html = root
        .obj("markdown")
        .and_then(|m| {
            m.finish(&["allow_html"]);
            m.bool("allow_html")
        })
        .unwrap_or(false);
    Some(SiteConfig {
        title: title?,
        description,
        base_url: base_url?,
        languages,
        timezone_name,
        timezone: timezone?,
        theme,
        sections,
        allow_html,
        words: Arc::default(),
        slugs: Arc::default(),
    })
}

/// Resolves an IANA time-zone name from jiff's bundled database.
pub fn timezone(obj: &Obj, field: &str, name: &str) -> Option<TimeZone> {
    match jiff::tz::db().get(name) {
        Ok(tz) => Some(tz),
        Err(_) => {
            let names: Vec<String> = jiff::tz::db().available().map(|n| n.to_string()).collect();
            let help = crate::diagnostic::nearest(name, names.iter().map(String::as_str))
                .and_then(|n| crate::diagnostic::did_you_mean(&[n]))
                .unwrap_or_else(|| msg!(InvalidTimezoneHelp));
            obj.reader().error_help(
                "invalid-timezone",
                msg!(InvalidTimezone, name = name),
                Some(help),
                &obj.path_to(field),
                false,
            );
            None
        }
    }
}

fn sections(root: &Obj, languages: &[Lang]) -> BTreeMap<(Section, Lang), String> {
    let mut out = BTreeMap::new();
    let Some(obj) = root.obj("sections") else {
        return out;
    };
    let keys: Vec<&str> = Section::ALL.iter().map(|s| s.key()).collect();
    obj.finish(&keys);
    for section in Section::ALL {
        let Some(text) = obj.translatable(section.key(), false) else {
            continue;
        };
        for &lang in languages {
            let name = text.text(lang, languages[0]).to_string();
            if is_valid_id(&name) {
                out.insert((section, lang), name);
            } else {
                obj.reader().error_help(
                    "invalid-slug",
                    msg!(InvalidSectionName, name = &name),
                    Some(msg!(InvalidSectionNameHelp, example = suggest_slug(&name))),
                    &obj.path_to(section.key()),
                    false,
                );
            }
        }
    }
    // Two sections on one name would put two lists (and their items) on one URL.
    for &lang in languages {
        let mut taken: BTreeMap<String, Section> = BTreeMap::new();
        for section in Section::ALL {
            let name = out
                .get(&(section, lang))
                .cloned()
                .unwrap_or_else(|| section.default_name(lang).to_string());
            match taken.get(&name) {
                Some(first) => {
                    // Point at the name written in site.yaml (one of the two is).
                    let blamed = if obj.has(section.key()) {
                        section
                    } else {
                        *first
                    };
                    obj.reader().error_help(
                        "url-collision",
                        msg!(
                            SectionCollision,
                            first = first.key(),
                            second = section.key(),
                            name = &name,
                            language = crate::messages::lang_name(lang)
                        ),
                        Some(msg!(SectionCollisionHelp)),
                        &obj.path_to(blamed.key()),
                        false,
                    )
                }
                None => {
                    taken.insert(name, section);
                }
            }
        }
    }
    out
}
