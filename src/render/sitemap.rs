//! `/sitemap.xml`: every public page with its language versions as `xhtml:link`
//! alternates (Google's hreflang form). Written with quick-xml.

use super::context::{Spec, spec_urls};
use crate::site::Site;
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

pub fn sitemap(site: &Site, specs: &[Spec]) -> Vec<u8> {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 1);
    let base = &site.config.base_url;
    let _ = w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)));
    let _ = w
        .create_element("urlset")
        .with_attribute(("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9"))
        .with_attribute(("xmlns:xhtml", "http://www.w3.org/1999/xhtml"))
        .write_inner_content(|w| {
            for &spec in specs {
                if matches!(spec, Spec::NotFound | Spec::EmbedAgenda) {
                    continue;
                }
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
    let mut out = w.into_inner();
    out.push(b'\n');
    out
}
