//! Stage 2, parse: each source file to a typed document. Front matter and YAML items
//! are read field by field (`fields::Obj`) so every problem in a file is reported;
//! Markdown bodies become HTML. Files are independent, so this runs in parallel.

use crate::config::SiteConfig;
use crate::diagnostic::Diagnostic;
use crate::fields::{Obj, Reader};
use crate::frontmatter;
use crate::kinds::{self, TRANSLATABLE, known_fields};
use crate::load::SourceFile;
use crate::markdown::Markdown;
use crate::model::*;
use crate::msg;
use crate::yaml;
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

/// A parsed file: one language of a Markdown item, or a YAML data item.
#[derive(Debug, Clone)]
pub enum Parsed {
    Item(Box<ItemFile>),
    Location(String, Box<Location>, Arc<crate::source::Source>),
    Organisation(String, Organisation, Arc<crate::source::Source>),
}

/// One language file of a Markdown item. Only the canonical file has `fields`.
#[derive(Debug, Clone)]
pub struct ItemFile {
    pub kind: Kind,
    pub id: String,
    pub lang: Lang,
    pub text: Arc<ItemText>,
    /// Present on the canonical (default-language) file.
    pub canonical: Option<(Common, Fields)>,
}

/// What parsing each file gave, kept between loads (by `serve`; `build` starts empty): a
/// file whose text is unchanged, under an unchanged site configuration, is not parsed again.
#[derive(Default)]
pub struct ParseCache {
    /// Whether to keep what is parsed for the next load (`serve`); a cache that keeps
    /// nothing hands each result on without a copy (`build`, `check`).
    keeps: bool,
    /// The configuration the files were parsed under (with `serve`'s base URL and the
    /// theme's words, which pages and suggestions depend on).
    config: Option<SiteConfig>,
    files: HashMap<String, Arc<Cached>>,
}

struct Cached {
    text: Arc<str>,
    parsed: Option<Parsed>,
    diags: Vec<Diagnostic>,
}

impl ParseCache {
    /// A cache that keeps what is parsed for the next load.
    pub fn keeping() -> ParseCache {
        ParseCache {
            keeps: true,
            ..ParseCache::default()
        }
    }
    /// The configuration the kept files were parsed under.
    pub fn config(&self) -> Option<&SiteConfig> {
        self.config.as_ref()
    }

    /// What parsing the file at `rel` gave last: the parsed file and its problems.
    pub fn get(&self, rel: &str) -> Option<(Option<&Parsed>, &[Diagnostic])> {
        self.files
            .get(rel)
            .map(|c| (c.parsed.as_ref(), c.diags.as_slice()))
    }

    /// True if a file at `rel`, or in a folder at `rel`, was parsed.
    pub fn holds(&self, rel: &str) -> bool {
        self.files.contains_key(rel)
            || self.files.keys().any(|k| {
                k.strip_prefix(rel)
                    .is_some_and(|rest| rest.starts_with('/'))
            })
    }

    /// Keeps what parsing `text` at `rel` gave (under `config()`), outside `parse_all`.
    pub fn keep(
        &mut self,
        rel: String,
        text: Arc<str>,
        parsed: Option<Parsed>,
        diags: Vec<Diagnostic>,
    ) {
        self.files.insert(
            rel,
            Arc::new(Cached {
                text,
                parsed,
                diags,
            }),
        );
    }
}

/// Every file parsed, reusing what `cache` holds for unchanged files and keeping the rest.
pub fn parse_all(
    files: &[SourceFile],
    config: &SiteConfig,
    cache: &mut ParseCache,
) -> (Vec<Parsed>, Vec<Diagnostic>) {
    if !cache.keeps {
        let results = files.par_iter().map(|f| parse_file(f, config)).collect();
        return gather(results);
    }
    if cache.config.as_ref() != Some(config) {
        cache.config = Some(config.clone());
        cache.files.clear();
    }
    let old = &cache.files;
    let fresh: Vec<Arc<Cached>> = files
        .par_iter()
        .map(|f| match old.get(&f.rel) {
            Some(c) if Arc::ptr_eq(&c.text, &f.text) || c.text == f.text => c.clone(),
            _ => {
                let (parsed, diags) = parse_file(f, config);
                Arc::new(Cached {
                    text: f.text.clone(),
                    parsed,
                    diags,
                })
            }
        })
        .collect();
    let results = fresh
        .par_iter()
        .map(|c| (c.parsed.clone(), c.diags.clone()))
        .collect();
    cache.files = files.iter().map(|f| f.rel.clone()).zip(fresh).collect();
    gather(results)
}

fn gather(results: Vec<(Option<Parsed>, Vec<Diagnostic>)>) -> (Vec<Parsed>, Vec<Diagnostic>) {
    let mut parsed = Vec::new();
    let mut diags = Vec::new();
    for (p, d) in results {
        parsed.extend(p);
        diags.extend(d);
    }
    (parsed, diags)
}

pub fn parse_file(file: &SourceFile, config: &SiteConfig) -> (Option<Parsed>, Vec<Diagnostic>) {
    let (parsed, mut diags) = if file.kind.is_markdown() {
        parse_markdown(file, config)
    } else {
        parse_data(file, config)
    };
    // Here, not when reading: `serve` keeps these results for files whose text did not
    // change, so a save does not scan every file again.
    diags.extend(control_character(&file.rel, &file.text));
    (parsed, diags)
}

/// The first control character (other than tab, newline and carriage return) in `text`:
/// invisible in an editor, it would reach pages and feeds (a NUL pasted from another
/// program, say). Scanned as bytes: C0 controls and DEL are single bytes, C1 controls
/// (U+0080–U+009F) are 0xC2 followed by 0x80–0x9F.
pub fn control_character(rel: &str, text: &str) -> Option<Diagnostic> {
    let bytes = text.as_bytes();
    // Most files have none: a branch-free pass over every byte (which the compiler makes
    // wide) rules them out before the exact search.
    let suspect =
        |b: u8| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) | (b == 0x7f) | (b == 0xc2);
    if !bytes.iter().fold(false, |any, &b| any | suspect(b)) {
        return None;
    }
    let at = bytes.iter().enumerate().position(|(i, &b)| {
        (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r'))
            || b == 0x7f
            || (b == 0xc2 && bytes.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n)))
    })?;
    let c = text[at..].chars().next()?;
    let count = text.chars().filter(|&c| is_forbidden_control(c)).count();
    let (line, column) = crate::source::line_col(text, at);
    let code = format!("U+{:04X}", u32::from(c));
    let message = if count > 1 {
        msg!(ControlCharacterMany, code = code, count = count)
    } else {
        msg!(ControlCharacter, code = code)
    };
    Some(
        Diagnostic::error("control-character", rel, message)
            .at(text, line, column)
            .with_help(msg!(ControlCharacterHelp)),
    )
}

/// The same words, ignoring case, punctuation and spacing.
fn same_words(a: &str, b: &str) -> bool {
    let words = |t: &str| {
        t.to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let (a, b) = (words(a), words(b));
    !a.is_empty() && a == b
}

fn is_forbidden_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

fn parse_markdown(file: &SourceFile, config: &SiteConfig) -> (Option<Parsed>, Vec<Diagnostic>) {
    let split = match frontmatter::split(&file.rel, &file.text) {
        Ok(s) => s,
        Err(d) => return (None, vec![d]),
    };
    let source = Arc::new(frontmatter::source(&file.rel, file.text.clone(), &split));
    let doc = match yaml::parse(&source.yaml_text()) {
        Ok(doc) => doc,
        Err(e) => return (None, vec![frontmatter::syntax_error(&source, &e)]),
    };
    let lang = file.lang.unwrap_or(config.default_lang());
    let is_canonical = lang == config.default_lang();
    let mut reader = Reader::new(source.clone(), &config.languages);
    reader.words = config.words.clone();
    let mut diags = Vec::new();
    let Some(root) = reader.root(&doc) else {
        return (None, reader.into_diagnostics());
    };
    let title = root.text("title", true);
    let summary = root.text("summary", true);
    if let Some(s) = &summary {
        let n = s.chars().count();
        if n > 300 {
            reader.error_help(
                "summary-too-long",
                msg!(SummaryTooLong, n = n),
                Some(msg!(SummaryTooLongHelp)),
                &root.path_to("summary"),
                false,
            );
        }
    }
    if let (Some(t), Some(s)) = (&title, &summary)
        && same_words(t, s)
    {
        reader.warning_help(
            "summary-repeats-title",
            msg!(SummaryRepeatsTitle),
            Some(msg!(SummaryRepeatsTitleHelp)),
            &root.path_to("summary"),
        );
    }
    let slug = root.slug("slug");
    let aliases = root.aliases("aliases");
    let image_alt = root.text("image_alt", false);
    let canonical = if is_canonical {
        root.finish(&known_fields(file.kind));
        let common = Common {
            draft: root.bool("draft").unwrap_or(false),
            image: root.text("image", false),
        };
        if let (Some(image), Some(alt)) = (&common.image, &image_alt) {
            let words = alt.trim().to_lowercase();
            let message = if crate::markdown::is_file_name(&words, image) {
                Some(msg!(AltIsFileName, alt = alt.trim()))
            } else if crate::markdown::VAGUE_ALTS.contains(&words.as_str()) {
                Some(msg!(AltIsWord, alt = alt.trim()))
            } else {
                None
            };
            if let Some(message) = message {
                reader.warning_help(
                    "poor-alt-text",
                    message,
                    Some(msg!(AltHelp)),
                    &root.path_to("image_alt"),
                );
            }
        }
        if common.image.is_some() && image_alt.is_none() {
            reader.error_help(
                "image-without-alt",
                msg!(ImageWithoutAlt),
                Some(msg!(ImageWithoutAltHelp)),
                &root.path_to("image"),
                true,
            );
        }
        kinds::kind_fields(file.kind, &root, config).map(|f| (common, f))
    } else {
        check_translation(file, &root, config);
        None
    };
    let markdown = Markdown {
        allow_html: config.allow_html,
        source: &source,
        offset: split.body.start,
    };
    let body = markdown.render(&file.text[split.body.clone()], &mut diags);
    diags.extend(reader.into_diagnostics());
    let failed = diags.iter().any(Diagnostic::is_error);
    let (Some(title), Some(summary), false) = (title, summary, failed) else {
        return (None, diags);
    };
    if is_canonical && canonical.is_none() {
        return (None, diags);
    }
    let text = Arc::new(ItemText {
        title,
        summary,
        slug,
        aliases,
        image_alt,
        body,
        placeholders: crate::newitem::placeholders_in(&source, true),
        source,
    });
    let item = ItemFile {
        kind: file.kind,
        id: file.id.clone(),
        lang,
        text,
        canonical,
    };
    (Some(Parsed::Item(Box::new(item))), diags)
}

/// A translation may only set the translatable fields; the rest it inherits.
fn check_translation(file: &SourceFile, root: &Obj, config: &SiteConfig) {
    let known = known_fields(file.kind);
    let canonical_name = format!("{}.{}.md", file.id, config.default_lang().code());
    let this_name = root.source().file_name().to_string();
    for key in root.keys() {
        if TRANSLATABLE.contains(&key) {
            continue;
        }
        if known.contains(&key) {
            root.reader().error_help(
                "inherited-field",
                msg!(InheritedField, key = key, file = &this_name),
                Some(msg!(
                    InheritedFieldHelp,
                    key = key,
                    canonical = &canonical_name
                )),
                &root.path_to(key),
                true,
            );
        }
    }
    let mut all: Vec<&str> = TRANSLATABLE.to_vec();
    all.extend(known.iter().filter(|k| !TRANSLATABLE.contains(k)));
    // Unknown keys: report with suggestions, skipping the inherited ones reported above.
    let unknown: Vec<&str> = root.keys().filter(|k| !all.contains(k)).collect();
    if !unknown.is_empty() {
        root.finish(&all);
    }
}

fn parse_data(file: &SourceFile, config: &SiteConfig) -> (Option<Parsed>, Vec<Diagnostic>) {
    let source = Arc::new(frontmatter::yaml_source(&file.rel, file.text.clone()));
    let doc = match yaml::parse(&source.yaml_text()) {
        Ok(doc) => doc,
        Err(e) => return (None, vec![frontmatter::syntax_error(&source, &e)]),
    };
    let mut reader = Reader::new(source.clone(), &config.languages);
    reader.words = config.words.clone();
    let parsed = reader.root(&doc).and_then(|o| match file.kind {
        Kind::Location => kinds::location(&o)
            .map(|l| Parsed::Location(file.id.clone(), Box::new(l), source.clone())),
        _ => kinds::organisation(&o)
            .map(|g| Parsed::Organisation(file.id.clone(), g, source.clone())),
    });
    let failed = reader.has_errors();
    (parsed.filter(|_| !failed), reader.into_diagnostics())
}
