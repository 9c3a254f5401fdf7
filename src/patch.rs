//! Stages 1–3 for a save that changed only what some events and courses say (`serve`):
//! the files the watcher named are read and parsed again, and if each still describes
//! the same item in the same way (the same fields, references, dates, slug, aliases and
//! pictures; only its title, summary and body differ), the site is the last one with
//! those items replaced. Everything else is shared with the last site, so a save costs
//! the files it changed, not the size of the site. Anything else (a new, deleted or
//! renamed file, a changed field, an error, another kind of file) is not patched: the
//! caller loads and assembles the whole site as usual, which gives the same result.

use crate::Cache;
use crate::diagnostic::Diagnostic;
use crate::load::SourceFile;
use crate::model::{Fields, ItemText, Kind, Lang};
use crate::parse::{ItemFile, Parsed};
use crate::render::Uses;
use crate::site::{Item, Site};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A site made from the last one by a patch, and the warnings it now has.
pub struct Patched {
    pub site: Site,
    pub warnings: Vec<Diagnostic>,
    /// The events and courses it changed (none: the save changed nothing the site shows).
    pub items: Vec<Uses>,
}

/// One changed file, read and parsed, not yet kept in the caches.
struct Edit {
    /// Where the watcher saw it, as loading names it.
    path: PathBuf,
    /// Its size when read.
    len: u64,
    /// It as loading would have read it.
    file: SourceFile,
    parsed: ItemFile,
    /// What parsing it found (warnings only: an error is not patched).
    diags: Vec<Diagnostic>,
    /// What the last load parsed at its path, and found there.
    old: ItemFile,
    old_diags: Vec<Diagnostic>,
}

/// `last` with the files at `changed` read again, if a patch can make it (see the module);
/// `None` leaves the read and parse caches as they were. `warnings` are those of `last`.
pub fn patch(
    last: &Site,
    warnings: &[Diagnostic],
    root: &Path,
    changed: &[PathBuf],
    cache: &mut Cache,
) -> Option<Patched> {
    let edits = read_edits(last, warnings, root, changed, cache)?;
    // Whether git sees an event's files as committed decides its time of change: ask
    // again for the files just saved (the last load asked before they were).
    let events: Vec<&str> = edits
        .iter()
        .filter(|e| e.file.kind == Kind::Event)
        .map(|e| e.file.rel.as_str())
        .collect();
    if !cache.history.refresh(root, &events) {
        return None;
    }
    let mut site = last.clone();
    let mut warnings = warnings.to_vec();
    let mut items = Vec::new();
    for edit in &edits {
        let links = &site.links;
        let mut gone = edit.old_diags.clone();
        links.check(&edit.old.text.body, &edit.old.text.source, &mut gone);
        let mut found = edit.diags.clone();
        links.check(&edit.parsed.text.body, &edit.parsed.text.source, &mut found);
        if found.iter().any(Diagnostic::is_error) {
            return None;
        }
        for d in &gone {
            if let Some(i) = warnings.iter().position(|w| w == d) {
                warnings.remove(i);
            }
        }
        warnings.extend(found);
        items.push(replace(&mut site, edit, &edits, root, cache)?);
    }
    items.sort_unstable();
    items.dedup();
    for edit in edits {
        let text = edit.file.text.clone();
        cache
            .read
            .keep(edit.path, edit.len, edit.file.modified, text.clone());
        cache.parse.keep(
            edit.file.rel,
            text,
            Some(Parsed::Item(Box::new(edit.parsed))),
            edit.diags,
        );
    }
    // Also the names passed by (kept files are no longer dirty already).
    for path in changed {
        cache.read.dirty.remove(path);
    }
    crate::diagnostic::sort(&mut warnings);
    warnings.dedup();
    Some(Patched {
        site,
        warnings,
        items,
    })
}

/// The files at `changed`, read and parsed, if every one is an event or course file of
/// `last` that still describes its item in the same way; `None` otherwise.
fn read_edits(
    last: &Site,
    warnings: &[Diagnostic],
    root: &Path,
    changed: &[PathBuf],
    cache: &Cache,
) -> Option<Vec<Edit>> {
    let config = cache.parse.config()?;
    if *config != last.config || changed.is_empty() {
        return None;
    }
    let mut edits = Vec::new();
    for path in changed {
        let rel = crate::load::rel_path(root, path);
        // A symlink, a folder, a file that is gone: the whole site is loaded again. Only a
        // name that came and went between two looks (an editor's test file) is passed by:
        // one that nothing was read from and no warning is about.
        let Ok(meta) = std::fs::symlink_metadata(path) else {
            let under = format!("{rel}/");
            let warned = warnings
                .iter()
                .any(|w| w.file == rel || w.file.starts_with(&under));
            if rel.starts_with("content/")
                && !rel.starts_with("content/media/")
                && !cache.parse.holds(&rel)
                && !warned
            {
                continue;
            }
            return None;
        };
        if !meta.file_type().is_file() {
            return None;
        }
        let (old, old_diags) = cache.parse.get(&rel)?;
        let Some(Parsed::Item(old)) = old else {
            return None;
        };
        if !matches!(old.kind, Kind::Event | Kind::Course) {
            return None;
        }
        // Read even if the text is the same: an event's time of change may have moved.
        let (text, len, modified) = crate::load::read_text(path, &rel).ok()?;
        let file = SourceFile {
            rel,
            kind: old.kind,
            id: old.id.clone(),
            lang: language_of(path),
            text: Arc::from(text),
            modified,
        };
        let (parsed, diags) = crate::parse::parse_file(&file, config);
        let Some(Parsed::Item(parsed)) = parsed else {
            return None;
        };
        if diags.iter().any(Diagnostic::is_error) || !same_shape(old, &parsed) {
            return None;
        }
        edits.push(Edit {
            path: path.clone(),
            len,
            file,
            parsed: *parsed,
            diags,
            old: (**old).clone(),
            old_diags: old_diags.to_vec(),
        });
    }
    Some(edits)
}

/// The language a Markdown file's name gives (`x.en.md`), `None` for the default (`x.md`),
/// as loading reads it (the file was loaded under this name before).
fn language_of(path: &Path) -> Option<Lang> {
    let name = path.file_name()?.to_str()?;
    let (_, code) = name.strip_suffix(".md")?.rsplit_once('.')?;
    Lang::parse(code)
}

/// True if `new` says of its item what `old` said, but for the words: its fields and
/// references (canonical file), slug, aliases, whether it describes its picture, and the
/// pictures in its body, which URLs, relations, dates and the pictures made depend on.
/// Text left from `werkplaats new` is an error in a published item: not patched.
fn same_shape(old: &ItemFile, new: &ItemFile) -> bool {
    let (a, b): (&ItemText, &ItemText) = (&old.text, &new.text);
    old.kind == new.kind
        && old.id == new.id
        && old.lang == new.lang
        && old.canonical == new.canonical
        && a.slug == b.slug
        && a.aliases == b.aliases
        && a.image_alt.is_some() == b.image_alt.is_some()
        && a.body
            .images
            .iter()
            .map(|i| &i.0)
            .eq(b.body.images.iter().map(|i| &i.0))
        && b.placeholders.is_empty()
}

/// Replaces the item `edit` changed in `site`: its text in the file's language, its fields
/// if it is the canonical file, its bodies, and an event's schedule (its time of change
/// comes from its files' times: those of this save's `edits`, else as last loaded).
fn replace(
    site: &mut Site,
    edit: &Edit,
    edits: &[Edit],
    root: &Path,
    cache: &Cache,
) -> Option<Uses> {
    let new = &edit.parsed;
    match (new.kind, new.canonical.as_ref().map(|(_, f)| f)) {
        (Kind::Course, fields) => {
            let fields = match fields {
                Some(Fields::Course(f)) => Some(f.clone()),
                Some(_) => return None,
                None => None,
            };
            let i = by_id(&site.courses, &new.id)?;
            let item = updated(&site.courses[i], new, fields, site);
            site.courses[i] = Arc::new(item);
            Some(Uses::Course(i))
        }
        (Kind::Event, fields) => {
            let fields = match fields {
                Some(Fields::Event(f)) => Some((**f).clone()),
                Some(_) => return None,
                None => None,
            };
            let i = by_id(&site.events, &new.id)?;
            let item = updated(&site.events[i], new, fields, site);
            let modified = |rel: &str| match edits.iter().find(|e| e.file.rel == rel) {
                Some(e) => e.file.modified,
                None => cache.read.modified(&root.join(rel)),
            };
            let (schedule, _) = crate::assemble::schedule(site, &item, modified, &cache.history);
            site.schedules[i] = Arc::new(schedule);
            site.events[i] = Arc::new(item);
            Some(Uses::Event(i))
        }
        _ => None,
    }
}

/// `item` with the file `new` in its place: its text in that language, its common part
/// and `fields` if it is the canonical file, and its bodies with links resolved again.
fn updated<F: Clone>(item: &Item<F>, new: &ItemFile, fields: Option<F>, site: &Site) -> Item<F> {
    let mut item = item.clone();
    if let (Some((common, _)), Some(fields)) = (&new.canonical, fields) {
        item.common = common.clone();
        item.fields = fields;
    }
    item.texts.insert(new.lang, new.text.clone());
    let languages = &site.config.languages;
    crate::links::resolve_item(&mut item, languages, site.default_lang(), &site.links);
    item
}

/// Where the item `id` is in a list sorted by id (as `assemble` makes them).
fn by_id<F>(items: &[Arc<Item<F>>], id: &str) -> Option<usize> {
    items.binary_search_by(|i| i.id.as_str().cmp(id)).ok()
}
