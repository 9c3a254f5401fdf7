//! Loads a theme: its Tera templates, its interface strings per language and the list
//! of its static files. A key missing from a language falls back to the default
//! language with a warning; a template with a syntax error is a diagnostic.

use crate::config::SiteConfig;
use crate::diagnostic::{Diagnostic, Severity};
use crate::frontmatter;
use crate::load::{is_ignored, not_regular, rel_path};
use crate::model::Lang;
use crate::msg;
use crate::yaml::{self, Yaml};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

pub struct Theme {
    pub tera: tera::Tera,
    /// Each template's text by name, to place errors that Tera reports without a line.
    pub sources: BTreeMap<String, String>,
    /// Interface strings per language, with fallbacks already filled in.
    pub strings: BTreeMap<Lang, BTreeMap<String, String>>,
    /// Files under `static/`.
    pub statics: Vec<StaticFile>,
    /// The widths and quality of the pictures pages show.
    pub images: crate::images::Settings,
    /// The picture for link previews of pages without one of their own (`og:image`):
    /// its path under `static/`, which is its path in the site.
    pub default_image: Option<String>,
}

/// A file under the theme's `static/`, copied to the site root.
pub struct StaticFile {
    pub abs: PathBuf,
    /// Its path in the output.
    pub rel: String,
    /// The file as it was when loaded (`serve` serves only that file).
    pub identity: Option<crate::safefs::Identity>,
}

/// The templates the generator renders by name: pages (see `render::pages`) and the card
/// every list shows (`render::cards`).
pub const REQUIRED: &[&str] = &[
    "404.html",
    "agenda.html",
    "archive.html",
    "audience.html",
    "audiences.html",
    "course.html",
    "embed_agenda.html",
    "embed_help.html",
    "event.html",
    "home.html",
    "initiative.html",
    "list.html",
    "location.html",
    "organisation.html",
    "page.html",
    "sitemap.html",
    "partials/card.html",
];

pub fn load(root: &Path, config: &SiteConfig) -> (Option<Theme>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let dir = root.join("themes").join(&config.theme);
    if !dir.join("templates").is_dir() {
        let d = Diagnostic::error(
            "missing-theme",
            "content/site.yaml",
            msg!(MissingTheme, theme = &config.theme),
        )
        .with_help(msg!(MissingThemeHelp));
        return (None, vec![d]);
    }
    let mut tera = tera::Tera::new();
    tera.autoescape_on(vec![".html", ".xml"]);
    let mut sources: BTreeMap<String, String> = BTreeMap::new();
    for entry in files_in(root, &dir.join("templates"), &mut diags) {
        let name = rel_path(&dir.join("templates"), entry.path());
        match crate::safefs::read_to_string(entry.path()) {
            Ok(text) => {
                sources.insert(name, text);
            }
            Err(e) => diags.push(crate::load::unreadable(&rel_path(root, entry.path()), &e)),
        }
    }
    if let Err(e) = tera.add_raw_templates(sources.iter().map(|(n, t)| (n.as_str(), t.as_str()))) {
        diags.push(template_error(&config.theme, &sources, &e));
    }
    for &name in REQUIRED {
        if !sources.contains_key(name) {
            diags.push(
                Diagnostic::error(
                    "missing-template",
                    format!("themes/{}/templates/{name}", config.theme),
                    msg!(MissingTemplate, name = name),
                )
                .with_help(msg!(MissingTemplateHelp, name = name)),
            );
        }
    }
    let strings = strings(root, &dir, config, &mut diags);
    let statics = files_in(root, &dir.join("static"), &mut diags)
        .into_iter()
        .map(|e| StaticFile {
            abs: e.path().to_path_buf(),
            rel: rel_path(&dir.join("static"), e.path()),
            identity: e.metadata().ok().map(|m| crate::safefs::Identity::of(&m)),
        })
        .collect::<Vec<_>>();
    let (images, default_image) = settings(root, &dir, &statics, &mut diags);
    let ok = !diags.iter().any(Diagnostic::is_error);
    (
        ok.then_some(Theme {
            tera,
            sources,
            strings,
            statics,
            images,
            default_image,
        }),
        diags,
    )
}

/// `theme.yaml` beside the templates, if the theme has one: `image_widths` (the widths
/// pictures are made at, in pixels), `image_quality` (WebP and JPEG, 1–100) and
/// `default_image` (a PNG or JPEG under `static/` for link previews).
fn settings(
    root: &Path,
    dir: &Path,
    statics: &[StaticFile],
    diags: &mut Vec<Diagnostic>,
) -> (crate::images::Settings, Option<String>) {
    let mut settings = crate::images::Settings::default();
    let mut default_image = None;
    let path = dir.join("theme.yaml");
    if std::fs::symlink_metadata(&path).is_err() {
        return (settings, default_image);
    }
    let rel = rel_path(root, &path);
    let text = match crate::safefs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => {
            diags.push(crate::load::unreadable(&rel, &e));
            return (settings, default_image);
        }
    };
    let source = std::sync::Arc::new(frontmatter::yaml_source(&rel, text));
    let doc = match yaml::parse(&source.yaml_text()) {
        Ok(doc) => doc,
        Err(e) => {
            diags.push(frontmatter::syntax_error(&source, &e));
            return (settings, default_image);
        }
    };
    let reader = crate::fields::Reader::new(source, &[]);
    if let Some(o) = reader.root(&doc) {
        o.finish(&["image_widths", "image_quality", "default_image"]);
        if let Some(image) = o.text("default_image", false) {
            let image = image.trim().trim_start_matches('/').to_string();
            let lower = image.to_ascii_lowercase();
            let raster = [".png", ".jpg", ".jpeg"].iter().any(|e| lower.ends_with(e));
            // Exactly one of the files the theme publishes (never a path out of it).
            if raster && statics.iter().any(|s| s.rel == image) {
                default_image = Some(image);
            } else {
                reader.error_help(
                    "invalid-value",
                    msg!(DefaultImage, found = image),
                    Some(msg!(ThemeSettingsHelp)),
                    &o.path_to("default_image"),
                    false,
                );
            }
        }
        if let Some(widths) =
            o.ints_within("image_widths", (16, i64::from(crate::images::WEBP_MAX)))
        {
            let mut widths: Vec<u32> = widths
                .into_iter()
                .filter_map(|w| u32::try_from(w).ok())
                .collect();
            widths.sort_unstable();
            widths.dedup();
            if !widths.is_empty() {
                settings.widths = widths;
            }
        }
        if let Some(q) = o.int_upto("image_quality", (1, 100), "invalid-value", |q| {
            (
                msg!(
                    NumberRange,
                    name = "image_quality",
                    min = 1i64,
                    max = 100i64,
                    found = q
                ),
                msg!(ThemeSettingsHelp),
            )
        }) {
            settings.quality = u8::try_from(q).unwrap_or(80);
        }
    }
    diags.extend(reader.into_diagnostics());
    (settings, default_image)
}

/// The regular files under `folder`, in name order, without editor leftovers. A FIFO,
/// socket or device there is an error (never opened); symlinks are not followed in themes
/// and are skipped.
fn files_in(root: &Path, folder: &Path, diags: &mut Vec<Diagnostic>) -> Vec<walkdir::DirEntry> {
    let mut files = Vec::new();
    for entry in WalkDir::new(folder)
        .sort_by_file_name()
        .into_iter()
        .flatten()
    {
        let t = entry.file_type();
        if is_ignored(&entry.file_name().to_string_lossy()) || t.is_dir() || t.is_symlink() {
            continue;
        }
        if t.is_file() {
            files.push(entry);
        } else {
            diags.push(not_regular(&rel_path(root, entry.path()), t));
        }
    }
    files
}

/// A Tera error as a diagnostic at the template's file, line and column, which Tera's
/// report gives as `--> name:line:col`.
pub fn template_error(
    theme: &str,
    sources: &BTreeMap<String, String>,
    e: &tera::Error,
) -> Diagnostic {
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        text.push_str(&format!("\n{s}"));
        source = s.source();
    }
    let place = text.lines().find_map(|l| {
        let rest = l.trim().strip_prefix("--> ")?;
        let mut parts = rest.rsplitn(3, ':');
        let column = parts.next()?.parse::<usize>().ok()?;
        let line = parts.next()?.parse::<usize>().ok()?;
        Some((parts.next()?.to_string(), line, column))
    });
    let message = text
        .lines()
        .next()
        .unwrap_or("template error")
        .trim_start_matches("error: ")
        .to_string();
    let Some((name, line, column)) = place.or_else(|| unplaced(&text, sources)) else {
        return Diagnostic::error(
            "template-error",
            format!("themes/{theme}/templates"),
            msg!(TemplateError, detail = text),
        );
    };
    let mut d = Diagnostic::error(
        "template-error",
        format!("themes/{theme}/templates/{name}"),
        msg!(TemplateError, detail = message),
    );
    d.line = line;
    d.column = column;
    d.source_line = text
        .lines()
        .find(|l| l.trim_start().starts_with(&format!("{line} |")))
        .and_then(|l| l.split_once(" | "))
        .map(|(_, src)| src.to_string());
    d
}

/// Errors Tera reports without `--> name:line:col`, such as a circular include ("…for
/// template 'x.html'…"): placed at the line of that template that includes it again, or
/// at its first line.
fn unplaced(text: &str, sources: &BTreeMap<String, String>) -> Option<(String, usize, usize)> {
    let name = text
        .split("template '")
        .nth(1)?
        .split('\'')
        .next()?
        .to_string();
    let source = sources.get(&name)?;
    let needle = format!("\"{name}\"");
    let place = source.lines().enumerate().find_map(|(i, l)| {
        let at = l.find(&needle)?;
        let tag = l[..at].rfind("{%")?;
        Some((i + 1, l[..tag].chars().count() + 1))
    });
    let (line, column) = place.unwrap_or((1, 1));
    Some((name, line, column))
}

fn strings(
    root: &Path,
    dir: &Path,
    config: &SiteConfig,
    diags: &mut Vec<Diagnostic>,
) -> BTreeMap<Lang, BTreeMap<String, String>> {
    let mut out: BTreeMap<Lang, BTreeMap<String, String>> = BTreeMap::new();
    let mut sources = BTreeMap::new();
    for &lang in &config.languages {
        let path = dir.join("i18n").join(format!("{}.yaml", lang.code()));
        let rel = rel_path(root, &path);
        let text = match crate::safefs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) => {
                // Not there or not readable: the default language's strings stand in.
                diags.push(if !crate::safefs::is_refusal(&e) {
                    Diagnostic::warning(
                        "missing-i18n",
                        &rel,
                        msg!(MissingI18n, language = crate::messages::lang_name(lang)),
                    )
                } else {
                    crate::load::unreadable(&rel, &e)
                });
                out.insert(lang, BTreeMap::new());
                continue;
            }
        };
        let source = frontmatter::yaml_source(&rel, text);
        let mut map = BTreeMap::new();
        match yaml::parse(&source.yaml_text()) {
            Ok(doc) => flatten("", &doc, &mut map),
            Err(e) => diags.push(frontmatter::syntax_error(&source, &e)),
        }
        out.insert(lang, map);
        sources.insert(lang, source);
    }
    for (lang, source) in &sources {
        if let Some(map) = out.get(lang) {
            check_url_words(map, source, diags);
        }
    }
    let default = config.default_lang();
    let base = out.get(&default).cloned().unwrap_or_default();
    for &lang in &config.languages[1..] {
        let Some(map) = out.get_mut(&lang) else {
            continue;
        };
        for (key, value) in &base {
            // A URL word is never borrowed from another language: without its own, a code
            // is its own word (`/en/for/parents/`).
            if map.contains_key(key) || key.contains("_slug_") {
                continue;
            }
            map.insert(key.clone(), value.clone());
            if let Some(source) = sources.get(&lang) {
                diags.push(
                    source
                        .diag_line(
                            Severity::Warning,
                            "missing-i18n-key",
                            msg!(
                                MissingI18nKey,
                                key = key,
                                language = crate::messages::lang_name(default)
                            ),
                            1,
                            1,
                        )
                        .with_help(msg!(MissingI18nKeyHelp, key = key)),
                );
            }
        }
    }
    out
}

/// The URL words of audiences and event types (`audience_slug`, `type_slug`) must be valid
/// URL segments, one per code: a word may not be another code's (whose old URL then would
/// be two pages) or another code's word.
fn check_url_words(
    map: &BTreeMap<String, String>,
    source: &crate::source::Source,
    diags: &mut Vec<Diagnostic>,
) {
    use crate::words::Vocab;
    for vocab in Vocab::ALL {
        let mut taken: BTreeMap<&str, &str> = BTreeMap::new();
        for &code in vocab.codes() {
            let key = format!("{}{code}", vocab.slug_key());
            let Some(word) = map.get(&key) else { continue };
            let group = vocab.slug_key().trim_end_matches('_');
            let path = [
                yaml::Step::Key(group.to_string()),
                yaml::Step::Key(code.to_string()),
            ];
            let other_code = vocab.codes().iter().find(|c| **c == word && **c != code);
            let problem = if !crate::model::is_valid_id(word) {
                Some((
                    msg!(InvalidUrlWord, word = word, code = code),
                    msg!(
                        SlugHelp,
                        max = crate::model::MAX_ID_LEN,
                        example = crate::fields::suggest_slug(word)
                    ),
                ))
            } else {
                other_code
                    .copied()
                    .or_else(|| taken.get(word.as_str()).copied())
                    .map(|other| {
                        (
                            msg!(UrlWordTaken, word = word, code = code, other = other),
                            msg!(UrlWordTakenHelp),
                        )
                    })
            };
            match problem {
                Some((message, help)) => diags.push(
                    source
                        .diag_at(Severity::Error, "invalid-slug", message, &path, false)
                        .with_help(help),
                ),
                None => {
                    taken.insert(word, code);
                }
            }
        }
    }
}

/// `{a: {b: x}}` → `a_b: x`, so templates can write `t.a_b`.
fn flatten(prefix: &str, doc: &Yaml, out: &mut BTreeMap<String, String>) {
    match doc {
        Yaml::Map(entries) => {
            for (k, v) in entries {
                let key = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}_{k}")
                };
                flatten(&key, v, out);
            }
        }
        other => {
            if let Some(s) = other.scalar_text() {
                out.insert(prefix.to_string(), s);
            }
        }
    }
}
