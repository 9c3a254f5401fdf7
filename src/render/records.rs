//! What search finds (§2.3), made from the typed model: one record per item page and
//! language for Pagefind to index (`crate::search`). Filters (kind, audience,
//! municipality, event type, course level), metadata (title, summary, kind, the event's
//! date, a thumbnail) and the sort key (an event's start) come from the model's fields,
//! never from the rendered page; the words are the title, summary, text and places.
//! A page shown in another language than its section's (an untranslated item) is indexed
//! under the section's language, its text marked with the language it is in.

use super::labels::{Strings, label, s};
use crate::model::Lang;
use crate::search::Document;
use crate::site::{Item, Site};
use rayon::prelude::*;
use std::collections::BTreeMap;

/// Every item page of the site in `lang`, in the site's order: initiatives, courses,
/// events, pages, locations, organisations. Search asks for all their records at once
/// (worked out on every core) and for each page's words as it indexes it.
pub struct Records<'a> {
    site: &'a Site,
    t: &'a Strings,
    lang: Lang,
}

pub fn records<'a>(
    site: &'a Site,
    strings: &'a BTreeMap<Lang, Strings>,
    lang: Lang,
) -> Records<'a> {
    Records {
        site,
        t: &strings[&lang],
        lang,
    }
}

impl<'a> Records<'a> {
    fn count(&self) -> usize {
        let site = self.site;
        site.initiatives.len()
            + site.courses.len()
            + site.events.len()
            + site.pages.len()
            + site.locations.len()
            + site.organisations.len()
    }

    /// The page at `number` in the order above, as it is being put together.
    fn doc(&self, number: usize) -> Doc<'a> {
        let (site, t, lang) = (self.site, self.t, self.lang);
        let mut n = number;
        if let Some(item) = site.initiatives.get(n) {
            let mut doc = Doc::of_item(site, item, lang, "initiative");
            doc.audiences(t, &item.fields.audiences);
            for r in &item.fields.locations {
                doc.location(site, &r.id, lang);
            }
            return doc;
        }
        n -= site.initiatives.len();
        if let Some(item) = site.courses.get(n) {
            let mut doc = Doc::of_item(site, item, lang, "course");
            doc.audiences(t, &item.fields.audiences);
            if let Some(o) = site.organisation(&item.fields.provider.id) {
                doc.place(o.data.name.get(lang, site.default_lang()).0);
            }
            doc.filter("level", label(t, "levels", &item.fields.level));
            for r in &item.fields.locations {
                doc.location(site, &r.id, lang);
            }
            return doc;
        }
        n -= site.courses.len();
        if let Some(item) = site.events.get(n) {
            let mut doc = Doc::of_item(site, item, lang, "event");
            doc.audiences(t, &item.fields.audiences);
            doc.filter("type", label(t, "types", item.fields.event_type.code()));
            let schedule = site.schedule(n);
            if let Some(l) = schedule.location {
                doc.location(site, &site.locations[l].id, lang);
            }
            if let Some(session) = schedule.shown() {
                let when = super::dates::when_view(lang, session, &schedule.tz);
                // Coming events first, each group in time order.
                let group = if schedule.is_upcoming() { 0 } else { 1 };
                doc.date = Some(When {
                    sort: format!("{group}{}", session.starts_at),
                    start: when.start_iso,
                    text: when.text,
                });
            }
            return doc;
        }
        n -= site.events.len();
        if let Some(item) = site.pages.get(n) {
            return Doc::of_item(site, item, lang, "page");
        }
        n -= site.pages.len();
        if let Some(l) = site.locations.get(n) {
            let (name, shown) = l.data.name.get(lang, site.default_lang());
            let mut doc = Doc::new(&l.urls[&lang], name, "location");
            doc.shown = text_lang(&l.data.description, shown, lang, site);
            doc.body = l.descriptions.get(&lang).map_or("", String::as_str);
            doc.municipality(&l.data.municipality);
            if let Some(image) = &l.data.image {
                doc.thumbnail(site, image);
            }
            return doc;
        }
        n -= site.locations.len();
        let o = &site.organisations[n];
        let (name, shown) = o.data.name.get(lang, site.default_lang());
        let mut doc = Doc::new(&o.urls[&lang], name, "organisation");
        doc.shown = text_lang(&o.data.description, shown, lang, site);
        doc.body = o.descriptions.get(&lang).map_or("", String::as_str);
        doc
    }
}

impl crate::search::Pages for Records<'_> {
    fn records(&self) -> Vec<Document> {
        (0..self.count())
            .into_par_iter()
            .map(|n| self.doc(n).record(self.lang, self.t))
            .collect()
    }

    fn content(&self, number: usize) -> String {
        self.doc(number).content()
    }
}

/// The language a location's or organisation's text is in: its description's, which is
/// most of the text, else its name's.
fn text_lang(
    description: &Option<crate::model::Text>,
    name: Lang,
    lang: Lang,
    site: &Site,
) -> Lang {
    description
        .as_ref()
        .map_or(name, |d| d.get(lang, site.default_lang()).1)
}

/// Appends the words of `html` (a body as the Markdown renderer wrote it, maybe with some
/// raw HTML) to `out`: tags become spaces, the five escapes their characters, and what
/// `<script>` and `<style>` hold is left out.
fn text_of(html: &str, out: &mut String) {
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        unescape(&rest[..lt], out);
        let tag = &rest[lt..];
        let Some(gt) = tag.find('>') else {
            rest = "";
            break;
        };
        let name: String = tag[1..gt]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        rest = &tag[gt + 1..];
        if name == "script" || name == "style" {
            let close = format!("</{name}");
            rest = rest
                .to_ascii_lowercase()
                .find(&close)
                .map_or("", |end| &rest[end..]);
            continue;
        }
        if !out.ends_with(' ') {
            out.push(' ');
        }
    }
    unescape(rest, out);
}

fn unescape(text: &str, out: &mut String) {
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let entity = &rest[amp..];
        let known = [
            ("&amp;", '&'),
            ("&lt;", '<'),
            ("&gt;", '>'),
            ("&quot;", '"'),
            ("&#39;", '\''),
        ];
        match known.iter().find(|(e, _)| entity.starts_with(e)) {
            Some((e, c)) => {
                out.push(*c);
                rest = &entity[e.len()..];
            }
            None => {
                out.push('&');
                rest = &entity[1..];
            }
        }
    }
    out.push_str(rest);
}

/// When an event is (the session its page shows).
struct When {
    /// `0` for a coming event, `1` for a past one, then its start in UTC (`0` and
    /// `2027-03-13T09:00:00Z`): in that order as text, across time zones.
    sort: String,
    /// Its start in local time with the offset, for scripts.
    start: String,
    /// As people read it.
    text: String,
}

/// One document as it is being put together.
struct Doc<'a> {
    url: String,
    title: String,
    /// The language the text is in (`finish` compares it with the section's).
    shown: Lang,
    kind: &'static str,
    summary: String,
    /// The body as HTML, as the site holds it.
    body: &'a str,
    date: Option<When>,
    image: Option<String>,
    filters: BTreeMap<&'static str, Vec<String>>,
    /// Words people search for that the text may not hold: the place, the provider.
    places: Vec<String>,
}

impl<'a> Doc<'a> {
    fn new(url: &str, title: &str, kind: &'static str) -> Doc<'a> {
        Doc {
            url: url.to_string(),
            title: title.to_string(),
            shown: Lang::Nl,
            kind,
            summary: String::new(),
            body: "",
            date: None,
            image: None,
            filters: BTreeMap::new(),
            places: Vec::new(),
        }
    }

    fn of_item<F>(site: &Site, item: &'a Item<F>, lang: Lang, kind: &'static str) -> Doc<'a> {
        let (text, shown) = item.text(lang, site.default_lang());
        let mut doc = Doc::new(item.url(lang), &text.title, kind);
        doc.shown = shown;
        doc.summary.clone_from(&text.summary);
        doc.body = match item.bodies.get(&lang) {
            Some(Some(resolved)) => resolved,
            _ => &text.body.html,
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

    /// The municipality as a filter, and as a word to find (a filter's own words are not).
    fn municipality(&mut self, name: &str) {
        if !name.is_empty() {
            self.filter("municipality", name.to_string());
            self.place(name);
        }
    }

    /// A name people search for that the text may not hold.
    fn place(&mut self, name: &str) {
        if !self.places.iter().any(|p| p == name) {
            self.places.push(name.to_string());
        }
    }

    /// The item takes place at (or is given at) location `id`.
    fn location(&mut self, site: &Site, id: &str, lang: Lang) {
        let Some(l) = site.location(id) else { return };
        self.municipality(&l.data.municipality);
        self.place(l.data.name.get(lang, site.default_lang()).0);
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

    /// The words Pagefind indexes: the title, summary, text and places.
    fn content(&self) -> String {
        let mut content = format!("{}. {}\n", self.title, self.summary);
        text_of(self.body, &mut content);
        if !self.places.is_empty() {
            content.push('\n');
            content.push_str(&self.places.join(", "));
        }
        content
    }

    /// The record Pagefind indexes without its words (`content`): the filters, metadata
    /// and sort key as they are.
    fn record(self, lang: Lang, t: &Strings) -> Document {
        let kind = label(t, "search_kind", self.kind);
        let mut meta = BTreeMap::from([
            ("title".to_string(), self.title),
            ("summary".to_string(), self.summary),
            ("kind".to_string(), kind.clone()),
        ]);
        let mut filters: BTreeMap<String, Vec<String>> = self
            .filters
            .into_iter()
            .map(|(name, values)| (name.to_string(), values))
            .collect();
        filters.insert("kind".into(), vec![kind]);
        let mut sort = BTreeMap::new();
        if let Some(when) = self.date {
            meta.insert("date".into(), when.text);
            meta.insert("start".into(), when.start);
            sort.insert("date".into(), when.sort);
        }
        if self.shown != lang {
            meta.insert("text_lang".into(), self.shown.code().into());
            meta.insert("text_lang_note".into(), s(t, "not_translated"));
        }
        if let Some(image) = self.image {
            meta.insert("image".into(), image);
        }
        Document {
            url: self.url,
            lang: lang.code(),
            content: String::new(),
            meta,
            filters,
            sort,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::text_of;

    #[test]
    fn a_body_becomes_its_words() {
        let mut out = String::new();
        text_of(
            "<p>Lassen &amp; <em>solderen</em></p><script>var x = '<p>';</script><ul><li>MIG</li><li>TIG &lt;3&gt;</li></ul>",
            &mut out,
        );
        assert_eq!(out, " Lassen & solderen MIG TIG <3> ");
    }
}
