//! The typed context that templates see, shared by every page kind: the site, the
//! page's metadata (URLs, alternates, language switch), links and cards. Documented for
//! theme authors in `themes/default/README.md`.

use crate::model::{Lang, Text};
use crate::render::dates::{self, TimeView, WhenView};
use crate::site::{Item, Site};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    pub title: String,
    pub description: String,
    pub lang: &'static str,
    pub home: String,
    pub nav: Vec<NavLink>,
    /// Free pages without a `menu` weight, for the footer (accessibility statement, …).
    pub footer: Vec<NavLink>,
    /// The sitemap page for people, linked from the footer.
    pub sitemap: String,
    /// The search page, where the header's search field leads.
    pub search: String,
    pub base_url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct NavLink {
    pub label: String,
    pub url: String,
    pub current: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Alternate {
    pub hreflang: String,
    pub href: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Switch {
    pub lang: &'static str,
    pub name: &'static str,
    pub url: String,
    pub current: bool,
}

/// Metadata every page has.
#[derive(Debug, Clone, Serialize)]
pub struct Meta {
    /// `home`, `initiative`, `event`, `list`, …
    pub kind: &'static str,
    pub title: String,
    pub description: String,
    pub path: String,
    pub canonical: String,
    pub alternates: Vec<Alternate>,
    pub switch: Vec<Switch>,
    /// Set when the text is in another language than the page (not yet translated).
    pub content_lang: Option<&'static str>,
    pub draft: bool,
    /// schema.org JSON-LD, already made safe for a `<script>` element.
    pub json_ld: String,
    /// The page shows highlighted code and needs `highlight.css`.
    pub has_code: bool,
    /// The pages above this one, from the home page down (not this page itself).
    pub breadcrumbs: Vec<Link>,
    /// The agenda feeds of the scope this page shows (site, location, initiative, audience).
    pub feeds: Option<crate::render::feeds::FeedLinks>,
    /// The absolute URL of the page's picture, for link previews (`og:image`).
    pub image: Option<String>,
    /// What the picture shows, for `og:image:alt`.
    pub image_alt: Option<String>,
    /// Where this page is in its list, when the list has more than one page (§2.4).
    pub pager: Option<crate::render::paging::Pager>,
}

/// A link to another page, with its text language if that differs from the page's.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub label: String,
    pub url: String,
    pub lang: Option<&'static str>,
}

/// A summary of an item for lists.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Card {
    pub title: String,
    pub summary: String,
    pub url: String,
    pub lang: Option<&'static str>,
    pub when: Option<WhenView>,
    pub status: Option<String>,
    pub cancelled: bool,
    /// A postponed event: "eerder gepland op …".
    pub previous: Option<String>,
    pub meta: Vec<String>,
    /// A series: its rule in words ("elke woensdag, 14.00–16.00 uur").
    pub rule: Option<String>,
    /// A series: the dates it stands for in an agenda month ("13, 20 en 27 januari").
    pub dates: Option<String>,
    /// A series: its next session, which the script moves on as sessions pass.
    pub next: Option<TimeView>,
    /// A series: every session the card stands for, for the script, as
    /// `datetime (local),start (UTC),end (UTC),date in words;…`.
    pub sessions: Option<String>,
    /// When the last session the card stands for ends, as an RFC 3339 UTC instant: the
    /// script hides the card after it. Only upcoming cards have it.
    pub ends: Option<String>,
    /// When the first session the card stands for starts (UTC): the script orders by it.
    pub start: Option<String>,
    /// For event cards: location id, audience codes and initiative id, so the embeddable
    /// agenda can narrow its list by query parameters.
    pub location: Option<String>,
    pub audiences: Vec<String>,
    pub initiative: Option<String>,
    /// The item's picture, decorative on a card (its title says what it is).
    pub image: Option<crate::render::picture::PictureView>,
}

impl Card {
    /// A card with just a linked title and a line of facts (locations, organisations).
    pub fn plain(link: Link, meta: Vec<String>) -> Card {
        Card {
            title: link.label,
            url: link.url,
            lang: link.lang,
            meta,
            ..Card::default()
        }
    }
}

/// Per-language page URLs → alternates and language switch.
pub fn meta(
    site: &Site,
    lang: Lang,
    kind: &'static str,
    title: String,
    description: String,
    urls: &BTreeMap<Lang, String>,
) -> Meta {
    let base = &site.config.base_url;
    let default = site.default_lang();
    let mut alternates: Vec<Alternate> = site
        .config
        .languages
        .iter()
        .filter_map(|l| {
            urls.get(l).map(|u| Alternate {
                hreflang: l.code().into(),
                href: format!("{base}{u}"),
            })
        })
        .collect();
    if let Some(u) = urls.get(&default) {
        alternates.push(Alternate {
            hreflang: "x-default".into(),
            href: format!("{base}{u}"),
        });
    }
    let switch = site
        .config
        .languages
        .iter()
        .filter_map(|&l| {
            urls.get(&l).map(|u| Switch {
                lang: l.code(),
                name: l.native_name(),
                url: u.clone(),
                current: l == lang,
            })
        })
        .collect();
    let path = urls.get(&lang).cloned().unwrap_or_default();
    Meta {
        kind,
        title,
        description,
        canonical: format!("{base}{path}"),
        path,
        alternates,
        switch,
        content_lang: None,
        draft: false,
        json_ld: String::new(),
        has_code: false,
        breadcrumbs: Vec::new(),
        feeds: None,
        image: None,
        image_alt: None,
        pager: None,
    }
}

/// JSON for a `<script type="application/ld+json">`: `<`, `>` and `&` escaped so that
/// no text can close the script element.
pub fn json_ld(value: &serde_json::Value) -> String {
    serde_json::to_string(value)
        .unwrap_or_default()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// The text's language code if it is not the page's language.
pub fn other_lang(shown: Lang, page: Lang) -> Option<&'static str> {
    (shown != page).then_some(shown.code())
}

pub fn item_link<F>(site: &Site, item: &Item<F>, lang: Lang) -> Link {
    let (text, shown) = item.text(lang, site.default_lang());
    Link {
        label: text.title.clone(),
        url: item.url(lang).to_string(),
        lang: other_lang(shown, lang),
    }
}

pub fn text(t: &Option<Text>, site: &Site, lang: Lang) -> Option<String> {
    t.as_ref()
        .map(|t| t.text(lang, site.default_lang()).to_string())
        .filter(|s| !s.is_empty())
}

pub use super::labels::label;

pub fn item_card<F>(site: &Site, item: &Item<F>, lang: Lang) -> Card {
    let (text, shown) = item.text(lang, site.default_lang());
    Card {
        title: text.title.clone(),
        summary: text.summary.clone(),
        url: item.url(lang).to_string(),
        lang: other_lang(shown, lang),
        image: item.common.image.as_deref().map(|image| {
            crate::render::picture::view(site, image, "", crate::render::picture::Place::Card)
        }),
        ..Card::default()
    }
}

pub fn day(lang: Lang, d: jiff::civil::Date) -> TimeView {
    dates::day_view(lang, d)
}
