//! What search finds (§2.3), made from the typed model: one small HTML document per item
//! page and language for Pagefind to index (`crate::search`). Filters (kind, audience,
//! municipality, event type, course level), metadata (title, summary, kind, the event's
//! date, a thumbnail) and the sort key (an event's start) are written from the model's
//! fields, never scraped from the rendered page; Pagefind only reads the words of the text.
//! A page shown in another language than its section's (an untranslated item) is indexed
//! under the section's language, its text marked with the language it is in.

use super::labels::{Strings, label, s};
use crate::markdown::escape_html;
use crate::model::Lang;
use crate::search::Document;
use crate::site::{Item, Site};
use std::collections::BTreeMap;
use std::fmt::Write;

/// Every item page of the site, in every language.
pub fn documents(site: &Site, strings: &BTreeMap<Lang, Strings>) -> Vec<Document> {
    let mut out = Vec::new();
    for &lang in &site.config.languages {
        let t = &strings[&lang];
        let mut add = |doc: Doc| out.push(doc.finish(lang, t));
        for item in &site.initiatives {
            let mut doc = Doc::of_item(site, item, lang, "initiative");
            doc.audiences(t, &item.fields.audiences);
            for r in &item.fields.locations {
                doc.location(site, &r.id, lang);
            }
            add(doc);
        }
        for item in &site.courses {
            let mut doc = Doc::of_item(site, item, lang, "course");
            doc.audiences(t, &item.fields.audiences);
            doc.filter("level", label(t, "levels", &item.fields.level));
            for r in &item.fields.locations {
                doc.location(site, &r.id, lang);
            }
            add(doc);
        }
        for (i, item) in site.events.iter().enumerate() {
            let mut doc = Doc::of_item(site, item, lang, "event");
            doc.audiences(t, &item.fields.audiences);
            doc.filter("type", label(t, "types", item.fields.event_type.code()));
            let schedule = site.schedule(i);
            if let Some(l) = schedule.location {
                doc.location(site, &site.locations[l].id, lang);
            }
            if let Some(session) = schedule.shown() {
                let when = super::dates::when_view(lang, session, &schedule.tz);
                doc.date = Some(When {
                    sort: session.starts_at.to_string(),
                    start: when.start_iso,
                    text: when.text,
                });
            }
            add(doc);
        }
        for item in &site.pages {
            add(Doc::of_item(site, item, lang, "page"));
        }
        for l in &site.locations {
            let (name, shown) = l.data.name.get(lang, site.default_lang());
            let mut doc = Doc::new(&l.urls[&lang], name, "location");
            doc.shown = shown;
            doc.body = l.descriptions.get(&lang).cloned().unwrap_or_default();
            doc.municipality(&l.data.municipality);
            if let Some(image) = &l.data.image {
                doc.thumbnail(site, image);
            }
            add(doc);
        }
        for o in &site.organisations {
            let (name, shown) = o.data.name.get(lang, site.default_lang());
            let mut doc = Doc::new(&o.urls[&lang], name, "organisation");
            doc.shown = shown;
            doc.body = o.descriptions.get(&lang).cloned().unwrap_or_default();
            add(doc);
        }
    }
    out
}

/// When an event is (the session its page shows).
struct When {
    /// Its start in UTC (`2027-03-13T09:00:00Z`): in time order as text, across zones.
    sort: String,
    /// Its start in local time with the offset, for scripts.
    start: String,
    /// As people read it.
    text: String,
}

/// One document as it is being put together.
struct Doc {
    url: String,
    title: String,
    /// The language the text is in (`finish` compares it with the section's).
    shown: Lang,
    kind: &'static str,
    summary: String,
    body: String,
    date: Option<When>,
    image: Option<String>,
    filters: BTreeMap<&'static str, Vec<String>>,
    /// Words people search for that the text may not hold: the place's name.
    places: Vec<String>,
}

impl Doc {
    fn new(url: &str, title: &str, kind: &'static str) -> Doc {
        Doc {
            url: url.to_string(),
            title: title.to_string(),
            shown: Lang::Nl,
            kind,
            summary: String::new(),
            body: String::new(),
            date: None,
            image: None,
            filters: BTreeMap::new(),
            places: Vec::new(),
        }
    }

    fn of_item<F>(site: &Site, item: &Item<F>, lang: Lang, kind: &'static str) -> Doc {
        let (text, shown) = item.text(lang, site.default_lang());
        let mut doc = Doc::new(item.url(lang), &text.title, kind);
        doc.shown = shown;
        doc.summary.clone_from(&text.summary);
        doc.body = match item.bodies.get(&lang) {
            Some(Some(resolved)) => resolved.clone(),
            _ => text.body.html.clone(),
        };
        if let Some(image) = &item.common.image {
            doc.thumbnail(site, image);
        }
        doc
    }

    fn filter(&mut self, name: &'static str, value: String) {
        let values = self.filters.entry(name).or_default();
        if !values.contains(&value) {
            values.push(value);
        }
    }

    fn audiences(&mut self, t: &Strings, codes: &[String]) {
        for code in codes {
            self.filter("audience", label(t, "audience", code));
        }
    }

    fn municipality(&mut self, name: &str) {
        if !name.is_empty() {
            self.filter("municipality", name.to_string());
        }
    }

    /// The item takes place at (or is given at) location `id`.
    fn location(&mut self, site: &Site, id: &str, lang: Lang) {
        let Some(l) = site.location(id) else { return };
        self.municipality(&l.data.municipality);
        let name = l.data.name.get(lang, site.default_lang()).0.to_string();
        if !self.places.contains(&name) {
            self.places.push(name);
        }
    }

    /// The smallest width of the picture, for the result list.
    fn thumbnail(&mut self, site: &Site, image: &str) {
        self.image = site.images.get(image).map(|p| {
            let smallest = p
                .of_format(crate::images::Format::Webp)
                .next()
                .or_else(|| p.of_format(p.fallback()).next());
            smallest.map_or_else(|| format!("/media/{}", p.rel), |v| format!("/{}", v.path))
        });
    }

    /// The HTML Pagefind reads: the text in `<main>` (the title as its heading), the
    /// filters and metadata beside it in elements whose own words are not indexed.
    fn finish(self, lang: Lang, t: &Strings) -> Document {
        let e = escape_html;
        let mut html = format!(
            "<!DOCTYPE html><html lang=\"{}\"><head><title>{}</title></head><body>",
            lang.code(),
            e(&self.title)
        );
        let text_lang = if self.shown == lang {
            String::new()
        } else {
            format!(" lang=\"{}\"", self.shown.code())
        };
        let _ = write!(
            html,
            "<main{text_lang}><h1>{}</h1><p data-pagefind-meta=\"summary\">{}</p>{}",
            e(&self.title),
            e(&self.summary),
            self.body
        );
        if !self.places.is_empty() {
            let _ = write!(html, "<p>{}</p>", e(&self.places.join(", ")));
        }
        html.push_str("</main><div data-pagefind-ignore>");
        let kind = label(t, "search_kind", self.kind);
        let _ = write!(
            html,
            "<span data-pagefind-filter=\"kind\" data-pagefind-meta=\"kind\">{}</span>",
            e(&kind)
        );
        for (name, values) in &self.filters {
            for value in values {
                let _ = write!(
                    html,
                    "<span data-pagefind-filter=\"{name}\">{}</span>",
                    e(value)
                );
            }
        }
        if let Some(when) = &self.date {
            let _ = write!(
                html,
                "<span data-pagefind-meta=\"date\" data-pagefind-sort=\"date[data-sort]\" data-sort=\"{}\">{}</span><span data-pagefind-meta=\"start[data-start]\" data-start=\"{}\"></span>",
                e(&when.sort),
                e(&when.text),
                e(&when.start),
            );
        }
        if self.shown != lang {
            let _ = write!(
                html,
                "<span data-pagefind-meta=\"text_lang\">{}</span><span data-pagefind-meta=\"text_lang_note\">{}</span>",
                self.shown.code(),
                e(&s(t, "not_translated"))
            );
        }
        if let Some(image) = &self.image {
            let _ = write!(
                html,
                "<img data-pagefind-meta=\"image[src]\" src=\"{}\" alt=\"\">",
                e(image)
            );
        }
        html.push_str("</div></body></html>");
        Document {
            url: self.url,
            html,
        }
    }
}
