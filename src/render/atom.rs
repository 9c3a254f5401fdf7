//! Atom (RFC 4287) for a feed: one entry per event, its title beginning with the date of
//! its next (or last) occurrence; stable `urn:uuid:` ids from the event's calendar
//! identity; `updated` from the event's `updated`, or derived from its content. Written
//! with quick-xml.

use super::dates;
use super::feeds::{self, Feed};
use super::labels::label;
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};
use std::io::{Cursor, Write};

pub fn feed(feed: &Feed) -> Vec<u8> {
    let site = feed.site;
    let lang = feed.lang;
    let mut w = Writer::new_with_indent(Cursor::new(Vec::new()), b' ', 1);
    let _ = w.write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)));
    let feed_id = uuid::Uuid::new_v5(
        &uuid::Uuid::NAMESPACE_URL,
        feed.abs(&format!("{}.atom", feed.stem)).as_bytes(),
    );
    let updated = feed
        .events
        .iter()
        .map(|&i| feed.changed(i))
        .max()
        .unwrap_or_else(|| {
            jiff::Timestamp::from_second(978_307_200).unwrap_or(jiff::Timestamp::UNIX_EPOCH)
        });
    let _ = w
        .create_element("feed")
        .with_attribute(("xmlns", "http://www.w3.org/2005/Atom"))
        .with_attribute(("xml:lang", lang.code()))
        .write_inner_content(|w| {
            text(w, "id", &format!("urn:uuid:{feed_id}"))?;
            text(w, "title", feed.name)?;
            text(w, "updated", &rfc3339(updated))?;
            w.create_element("link")
                .with_attribute(("rel", "self"))
                .with_attribute(("type", "application/atom+xml"))
                .with_attribute(("href", feed.abs(&format!("{}.atom", feed.stem)).as_str()))
                .write_empty()?;
            w.create_element("link")
                .with_attribute(("rel", "alternate"))
                .with_attribute(("type", "text/html"))
                .with_attribute(("href", feed.abs(feed.page).as_str()))
                .write_empty()?;
            w.create_element("author").write_inner_content(|w| {
                text(w, "name", site.config.title.text(lang, site.default_lang()))?;
                text(w, "uri", &feed.abs(&crate::urls::home(&site.config, lang)))
            })?;
            w.create_element("generator")
                .write_text_content(BytesText::new("werkplaats"))?;
            for &i in feed.events {
                let part = feed.parts.atom[i].get_or_init(|| entry_bytes(feed, i));
                w.get_mut().write_all(part)?;
            }
            Ok(())
        });
    let mut out = w.into_inner().into_inner();
    out.push(b'\n');
    out
}

fn text<W: std::io::Write>(w: &mut Writer<W>, name: &str, value: &str) -> std::io::Result<()> {
    w.create_element(name)
        .write_text_content(BytesText::new(value))?;
    Ok(())
}

fn rfc3339(ts: jiff::Timestamp) -> String {
    ts.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// One entry exactly as the indenting writer puts it inside `<feed>`: written alone in
/// a wrapper at the same depth, then cut out, so every feed can copy it.
fn entry_bytes(feed: &Feed, index: usize) -> Vec<u8> {
    let mut w = Writer::new_with_indent(Cursor::new(Vec::new()), b' ', 1);
    let _ = w
        .create_element("feed")
        .write_inner_content(|w| entry(w, feed, index));
    let out = w.into_inner().into_inner();
    let start = b"<feed>".len();
    let end = out.len().saturating_sub(b"\n</feed>".len());
    out.get(start..end).map(<[u8]>::to_vec).unwrap_or_default()
}

fn entry<W: std::io::Write>(w: &mut Writer<W>, feed: &Feed, index: usize) -> std::io::Result<()> {
    let site = feed.site;
    let lang = feed.lang;
    let item = &site.events[index];
    let event = &item.fields;
    let (text_, shown_lang) = item.text(lang, site.default_lang());
    let schedule = site.schedule(index);
    let when = schedule
        .shown()
        .map(|o| dates::when_view(lang, o, &schedule.tz));
    let status = match event.status {
        crate::model::EventStatus::Scheduled => String::new(),
        other => format!("{}: ", label(feed.strings, "statuses", other.code())),
    };
    let title = match &when {
        Some(wv) => format!("{} · {status}{}", wv.date_text, text_.title),
        None => format!("{status}{}", text_.title),
    };
    let mut element = w.create_element("entry");
    if shown_lang != lang {
        element = element.with_attribute(("xml:lang", shown_lang.code()));
    }
    element.write_inner_content(|w| {
        text(w, "id", &format!("urn:uuid:{}", schedule.uid))?;
        text(w, "title", &title)?;
        text(w, "updated", &rfc3339(feed.changed(index)))?;
        w.create_element("link")
            .with_attribute(("rel", "alternate"))
            .with_attribute(("type", "text/html"))
            .with_attribute(("href", feed.abs(item.url(lang)).as_str()))
            .write_empty()?;
        w.create_element("link")
            .with_attribute(("rel", "enclosure"))
            .with_attribute(("type", "text/calendar"))
            .with_attribute(("href", feed.abs(&feeds::event_ics(item, lang)).as_str()))
            .write_empty()?;
        let mut summary = String::new();
        if let Some(wv) = &when {
            summary.push_str(&wv.text);
            if let Some(place) = feeds::place_text(site, index, lang) {
                summary.push_str(" · ");
                summary.push_str(&place);
            }
            summary.push_str(". ");
        }
        summary.push_str(&status);
        if let Some(previous) = super::labels::previously(feed.strings, lang, event, &schedule.tz) {
            // After "Uitgesteld: ", so it goes on in lower case.
            summary.push_str(&previous);
            summary.push_str(". ");
        }
        summary.push_str(&text_.summary);
        text(w, "summary", &summary)?;
        w.create_element("category")
            .with_attribute(("term", event.event_type.code()))
            .with_attribute((
                "label",
                label(feed.strings, "types", event.event_type.code()).as_str(),
            ))
            .write_empty()?;
        Ok(())
    })?;
    Ok(())
}
