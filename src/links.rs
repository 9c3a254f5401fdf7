//! Stage 3, links: once every URL is fixed, `@/kind/id.md` links in Markdown are
//! replaced by the target's URL in each language, and links are checked: an `@/` link
//! to nothing is an error, a site-internal link to no page a warning. Item bodies and
//! the Markdown descriptions of locations and organisations go through here.

use crate::config::SiteConfig;
use crate::diagnostic::{Diagnostic, Severity};
use crate::markdown::{Markdown, REF_MARKER};
use crate::model::*;
use crate::site::{DataItem, Item, Site};
use crate::source::Source;
use crate::urls;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::Arc;

/// Every URL an `@/` link may point to: `kind/id` → URL per language.
fn ref_table(site: &Site) -> HashMap<String, BTreeMap<Lang, String>> {
    let mut table = HashMap::new();
    let mut add = |kind: Kind, id: &str, urls: &BTreeMap<Lang, String>| {
        table.insert(format!("{}/{id}", kind.folder()), urls.clone());
    };
    site.initiatives
        .iter()
        .for_each(|i| add(Kind::Initiative, &i.id, &i.urls));
    site.courses
        .iter()
        .for_each(|i| add(Kind::Course, &i.id, &i.urls));
    site.events
        .iter()
        .for_each(|i| add(Kind::Event, &i.id, &i.urls));
    site.pages
        .iter()
        .for_each(|i| add(Kind::Page, &i.id, &i.urls));
    site.locations
        .iter()
        .for_each(|i| add(Kind::Location, &i.id, &i.urls));
    site.organisations
        .iter()
        .for_each(|i| add(Kind::Organisation, &i.id, &i.urls));
    table
}

/// `initiatives/2027/technohub.nl.md` → `initiatives/technohub`.
fn ref_key(target: &str) -> String {
    let target = target.split('#').next().unwrap_or(target);
    let kind = target.split('/').next().unwrap_or("");
    let file = target.rsplit('/').next().unwrap_or("");
    let stem = crate::model::id_of_file_name(file).unwrap_or(file);
    format!("{kind}/{stem}")
}

/// What links in Markdown may lead to, known once URLs are fixed.
#[derive(Debug, Default)]
pub struct Links {
    /// `kind/id` → URL per language, for `@/` links.
    table: HashMap<String, BTreeMap<Lang, String>>,
    /// The keys of `table`, sorted, for suggestions.
    keys: Vec<String>,
    /// Every URL path the build will have, for plain internal links.
    paths: BTreeSet<String>,
    /// `kind/id` of items whose files are there but did not parse: links to them are not
    /// reported again (their files' own errors say what to fix).
    broken: HashSet<String>,
}

impl Links {
    /// `broken`: `kind/id` of items whose files exist but failed to parse.
    pub fn new(site: &Site, broken: HashSet<String>) -> Links {
        let table = ref_table(site);
        let mut keys: Vec<String> = table.keys().cloned().collect();
        keys.sort();
        let mut paths = BTreeSet::new();
        for &lang in &site.config.languages {
            paths.extend(
                urls::generated(&site.config, lang)
                    .into_iter()
                    .map(|(u, _)| u),
            );
            paths.insert(urls::not_found(&site.config, lang));
        }
        for urls in table.values() {
            paths.extend(urls.values().cloned());
        }
        paths.extend(site.media.iter().map(|m| format!("/media/{}", m.rel)));
        paths.extend(["/sitemap.xml".to_string(), "/robots.txt".to_string()]);
        Links {
            table,
            keys,
            paths,
            broken,
        }
    }

    /// Reports `@/` links to nothing (errors) and internal links to no page (warnings).
    pub fn check(&self, body: &Body, source: &Source, diags: &mut Vec<Diagnostic>) {
        for (target, line, column) in &body.refs {
            let key = ref_key(target);
            if self.table.contains_key(&key) || self.broken.contains(&key) {
                continue;
            }
            let keys: Vec<&str> = self.keys.iter().map(String::as_str).collect();
            // Suggestions written as links can be: `@/kind/id.md`.
            let few: Vec<String> = crate::diagnostic::nearest_few(&key, keys.iter().copied())
                .into_iter()
                .map(|k| format!("@/{k}.md"))
                .collect();
            let few: Vec<&str> = few.iter().map(String::as_str).collect();
            let help = crate::diagnostic::did_you_mean(&few)
                .unwrap_or_else(|| crate::msg!(BrokenReferenceHelp));
            diags.push(
                source
                    .diag_line(
                        Severity::Error,
                        "broken-reference",
                        crate::msg!(BrokenReference, target = format!("@/{target}")),
                        *line,
                        *column,
                    )
                    .with_help(help),
            );
        }
        for (image, line, column) in &body.images {
            let path = image.split(['#', '?']).next().unwrap_or(image);
            if self.paths.contains(path) {
                continue;
            }
            diags.push(
                source
                    .diag_line(
                        Severity::Error,
                        "missing-file",
                        crate::msg!(MissingImage, file = format!("content{path}")),
                        *line,
                        *column,
                    )
                    .with_help(crate::msg!(MissingImageHelp)),
            );
        }
        for (link, line, column) in &body.links {
            let path = link.split(['#', '?']).next().unwrap_or(link);
            if self.paths.contains(path) || self.paths.contains(&format!("{path}/")) {
                continue;
            }
            diags.push(
                source
                    .diag_line(
                        Severity::Warning,
                        "broken-link",
                        crate::msg!(BrokenLink, link = link),
                        *line,
                        *column,
                    )
                    .with_help(crate::msg!(BrokenLinkHelp)),
            );
        }
    }

    /// The body's HTML with `@/` markers replaced by URLs in `lang`; `None` when it has
    /// no `@/` links, so the body's own HTML is used as it is (not copied per language).
    fn resolve(&self, body: &Body, lang: Lang) -> Option<String> {
        if body.refs.is_empty() {
            return None;
        }
        let mut html = body.html.clone();
        for (target, _, _) in &body.refs {
            let fragment = target
                .split_once('#')
                .map(|(_, f)| format!("#{f}"))
                .unwrap_or_default();
            let url = self
                .table
                .get(&ref_key(target))
                .and_then(|urls| urls.get(&lang))
                .map_or_else(|| "#".to_string(), |u| format!("{u}{fragment}"));
            html = html.replace(&format!("{REF_MARKER}{target}\""), &format!("{url}\""));
        }
        Some(html)
    }
}

pub fn resolve_bodies(site: &mut Site, links: &Links, diags: &mut Vec<Diagnostic>) {
    let languages = site.config.languages.clone();
    let default = site.default_lang();
    fn resolve<F: Clone>(
        list: &mut [Arc<Item<F>>],
        languages: &[Lang],
        default: Lang,
        links: &Links,
        diags: &mut Vec<Diagnostic>,
    ) {
        for item in list {
            for text in item.texts.values() {
                links.check(&text.body, &text.source, diags);
            }
            // Not shared yet while assembling: no copy is made.
            resolve_item(Arc::make_mut(item), languages, default, links);
        }
    }
    resolve(&mut site.initiatives, &languages, default, links, diags);
    resolve(&mut site.courses, &languages, default, links, diags);
    resolve(&mut site.events, &languages, default, links, diags);
    resolve(&mut site.pages, &languages, default, links, diags);
}

/// The body of `item` in each of `languages`, its `@/` links resolved.
pub fn resolve_item<F>(item: &mut Item<F>, languages: &[Lang], default: Lang, links: &Links) {
    for &lang in languages {
        let (text, _) = item.text(lang, default);
        let html = links.resolve(&text.body, lang);
        item.bodies.insert(lang, html);
    }
}

/// Locations and organisations: their `description` is translatable Markdown. Problems in
/// it are reported at the description's value in the YAML file.
pub fn render_descriptions(site: &mut Site, links: &Links, diags: &mut Vec<Diagnostic>) {
    let config = site.config.clone();
    fn render<T>(
        list: &mut [DataItem<T>],
        desc: impl Fn(&T) -> Option<&Text>,
        config: &SiteConfig,
        links: &Links,
        diags: &mut Vec<Diagnostic>,
    ) {
        for item in list {
            let Some(text) = desc(&item.data).cloned() else {
                continue;
            };
            let markdown = Markdown {
                allow_html: config.allow_html,
                source: &item.source,
                offset: 0,
            };
            for &lang in &config.languages {
                let mut path = vec![crate::yaml::Step::Key("description".into())];
                if matches!(text, Text::PerLang(_)) {
                    path.push(crate::yaml::Step::Key(
                        text.get(lang, config.default_lang()).1.code().into(),
                    ));
                }
                let (line, column) = crate::yaml::locate(&item.source.yaml_text(), &path, false);
                let mut local = Vec::new();
                let mut body = markdown.render(text.text(lang, config.default_lang()), &mut local);
                for place in body
                    .refs
                    .iter_mut()
                    .chain(body.links.iter_mut())
                    .chain(body.images.iter_mut())
                {
                    (place.1, place.2) = (line, column);
                }
                links.check(&body, &item.source, &mut local);
                for d in local {
                    diags.push(d.at(&item.source.text(), line, column));
                }
                let html = links.resolve(&body, lang).unwrap_or(body.html);
                item.descriptions.insert(lang, html);
            }
        }
    }
    render(
        Arc::make_mut(&mut site.locations).as_mut_slice(),
        |l: &Location| l.description.as_ref(),
        &config,
        links,
        diags,
    );
    render(
        Arc::make_mut(&mut site.organisations).as_mut_slice(),
        |o: &Organisation| o.description.as_ref(),
        &config,
        links,
        diags,
    );
}
