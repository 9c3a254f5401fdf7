//! `/sitemap.xml`: every public page with its language versions as `xhtml:link`
//! alternates (Google's hreflang form). Written with quick-xml. A file holds at most
//! 50,000 URLs (sitemaps.org); a larger site gets `sitemap-1.xml`, `sitemap-2.xml`, …
//! and `sitemap.xml` becomes their index.

use super::context::{Spec, spec_urls};
use crate::site::Site;
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

/// The most URLs one sitemap file may hold.
pub const MAX_URLS: usize = 50_000;

/// The pages a sitemap lists: all but the 404 page and the embeddable agendas.
fn listed(specs: &[Spec]) -> impl Iterator<Item = Spec> + '_ {
    specs
        .iter()
        .copied()
        .filter(|s| !matches!(s, Spec::NotFound | Spec::EmbedAgenda | Spec::EmbedScope(_)))
}

/// How many pages one file of a split sitemap holds (each has a URL per language).
fn per_file(site: &Site) -> usize {
    (MAX_URLS / site.config.languages.len().max(1)).max(1)
}

/// How many files the sitemap is split into beside its index: 0 when one file holds it.
pub fn parts(site: &Site, specs: &[Spec]) -> usize {
    let pages = listed(specs).count();
    if pages * site.config.languages.len() <= MAX_URLS {
        0
    } else {
        pages.div_ceil(per_file(site))
    }
}

/// The name of part `n` (from 1).
pub fn part_name(n: usize) -> String {
    format!("sitemap-{n}.xml")
}

/// `sitemap.xml` (`part` 0): every page, or the index of the parts; or part `part`.
pub fn sitemap(site: &Site, specs: &[Spec], part: usize) -> Vec<u8> {
    let parts = parts(site, specs);
    if part == 0 && parts > 0 {
        return index(site, parts);
    }
    let (skip, take) = match part {
        0 => (0, usize::MAX),
        n => ((n - 1) * per_file(site), per_file(site)),
    };
    urlset(site, listed(specs).skip(skip).take(take))
}

fn start(w: &mut Writer<Vec<u8>>) {
    let _ = w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)));
}

fn finish(w: Writer<Vec<u8>>) -> Vec<u8> {
    let mut out = w.into_inner();
    out.push(b'\n');
    out
}

fn index(site: &Site, parts: usize) -> Vec<u8> {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 1);
    start(&mut w);
    let base = &site.config.base_url;
    let _ = w
        .create_element("sitemapindex")
        .with_attribute(("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9"))
        .write_inner_content(|w| {
            for n in 1..=parts {
                w.create_element("sitemap").write_inner_content(|w| {
                    w.create_element("loc")
                        .write_text_content(BytesText::new(&format!("{base}/{}", part_name(n))))?;
                    Ok(())
                })?;
            }
            Ok(())
        });
    finish(w)
}

fn urlset(site: &Site, specs: impl Iterator<Item = Spec>) -> Vec<u8> {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 1);
    start(&mut w);
    let base = &site.config.base_url;
    let _ = w
        .create_element("urlset")
        .with_attribute(("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9"))
        .with_attribute(("xmlns:xhtml", "http://www.w3.org/1999/xhtml"))
        .write_inner_content(|w| {
            for spec in specs {
                let urls = spec_urls(site, spec);
                for url in urls.values() {
                    w.create_element("url").write_inner_content(|w| {
                        w.create_element("loc")
                            .write_text_content(BytesText::new(&format!("{base}{url}")))?;
                        for (lang, alt) in &urls {
                            w.create_element("xhtml:link")
                                .with_attribute(("rel", "alternate"))
                                .with_attribute(("hreflang", lang.code()))
                                .with_attribute(("href", format!("{base}{alt}").as_str()))
                                .write_empty()?;
                        }
                        if let Some(default) = urls.get(&site.default_lang()) {
                            w.create_element("xhtml:link")
                                .with_attribute(("rel", "alternate"))
                                .with_attribute(("hreflang", "x-default"))
                                .with_attribute(("href", format!("{base}{default}").as_str()))
                                .write_empty()?;
                        }
                        Ok(())
                    })?;
                }
            }
            Ok(())
        });
    finish(w)
}
