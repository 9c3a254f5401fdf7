//! Stage 1, load: walk `content/` (sorted) into in-memory source files. No parsing
//! beyond the file name: kind from the top folder, id and language from the name.
//! Refuses what must never be read: files that are not UTF-8, files too large to be
//! content, and symlinks that lead outside the site root.

use crate::diagnostic::Diagnostic;
use crate::fields::suggest_slug;
use crate::messages::Arg;
use crate::model::{Kind, Lang, is_valid_id};
use crate::msg;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;
use walkdir::WalkDir;

/// Content files larger than this are refused (media files are not limited).
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the site root, `/`-separated.
    pub rel: String,
    pub kind: Kind,
    pub id: String,
    /// `None` for YAML data items; for Markdown, `None` means "the default language".
    pub lang: Option<Lang>,
    pub text: Arc<str>,
    /// The file's modification time, for when the item changed if git does not say.
    pub modified: Option<SystemTime>,
}

#[derive(Debug, Clone)]
pub struct MediaFile {
    pub abs: PathBuf,
    /// The file as it was when loaded (`serve` serves only that file).
    pub identity: Option<crate::safefs::Identity>,
    /// Path under `media/`, `/`-separated.
    pub rel: String,
}

#[derive(Debug, Default)]
pub struct Loaded {
    pub files: Vec<SourceFile>,
    pub media: Vec<MediaFile>,
    pub diags: Vec<Diagnostic>,
    /// Where the symlinks met on the way lead (resolved).
    pub linked: Vec<PathBuf>,
}

/// Reads the whole `content/` folder of `root`. `languages` are the site's languages
/// (the first is the default), needed to read file names.
pub fn load_site_yaml(root: &Path) -> Result<(String, String), Diagnostic> {
    let rel = "content/site.yaml".to_string();
    let path = root.join("content").join("site.yaml");
    // Anything that is there but not a file (a folder, a pipe) is refused by `read_text`.
    if std::fs::metadata(&path).is_err() {
        return Err(
            Diagnostic::error("missing-site-yaml", &rel, msg!(MissingSiteYaml))
                .with_help(msg!(MissingSiteYamlHelp)),
        );
    }
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    if !inside(&canonical_root, &path) {
        return Err(Diagnostic::error(
            "symlink-outside",
            &rel,
            msg!(SymlinkOutside),
        ));
    }
    let (text, _, _) = read_text(&path, &rel)?;
    Ok((rel, text))
}

/// What a load keeps for the next (`serve` keeps it between saves): each file's text with
/// its size and modification time. A file whose size and time are unchanged, and that no
/// change event named, is not read again (times may be whole seconds on some file
/// systems; the events cover that).
#[derive(Default)]
pub struct ReadCache {
    files: HashMap<PathBuf, (u64, Option<SystemTime>, Arc<str>)>,
    /// Files named by change events since the last load: always read.
    pub dirty: HashSet<PathBuf>,
}

impl ReadCache {
    /// The modification time kept for the file at `path`.
    pub fn modified(&self, path: &Path) -> Option<SystemTime> {
        self.files.get(path).and_then(|(_, time, _)| *time)
    }

    /// Keeps what was just read from `path` (by `serve`'s patch, outside a walk): the
    /// file is no longer dirty.
    pub fn keep(&mut self, path: PathBuf, len: u64, modified: Option<SystemTime>, text: Arc<str>) {
        self.dirty.remove(&path);
        self.files.insert(path, (len, modified, text));
    }
}

/// Walks `content/` and reads every source file (in parallel), reusing the texts `cache`
/// holds for files that did not change, and keeps what it read there.
pub fn load(root: &Path, languages: &[Lang], cache: &mut ReadCache) -> Loaded {
    let started = std::time::Instant::now();
    let mut out = Loaded::default();
    let content = root.join("content");
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut walker = WalkDir::new(&content)
        .follow_links(true)
        .sort_by_file_name()
        .min_depth(1)
        .into_iter();
    let mut wanted = Vec::new();
    while let Some(entry) = walker.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let rel = e
                    .path()
                    .map_or_else(|| "content".into(), |p| rel_path(root, p));
                let message = if e.loop_ancestor().is_some() {
                    msg!(SymlinkLoop)
                } else {
                    msg!(Unreadable, detail = e.to_string())
                };
                let code = e
                    .io_error()
                    .map_or("unreadable-file", crate::safefs::unreadable_code);
                out.diags.push(Diagnostic::error(code, rel, message));
                continue;
            }
        };
        let path = entry.path();
        let rel = rel_path(root, path);
        let name = entry.file_name().to_string_lossy().to_string();
        if is_ignored(&name) {
            if entry.file_type().is_dir() {
                walker.skip_current_dir();
            }
            continue;
        }
        if entry.path_is_symlink()
            && let Ok(target) = path.canonicalize()
        {
            out.linked.push(target);
        }
        if entry.path_is_symlink() && !inside(&canonical_root, path) {
            out.diags.push(
                Diagnostic::error("symlink-outside", &rel, msg!(SymlinkOutside))
                    .with_help(msg!(SymlinkOutsideHelp)),
            );
            if entry.file_type().is_dir() {
                walker.skip_current_dir();
            }
            continue;
        }
        if entry.file_type().is_dir() {
            continue;
        }
        if !entry.file_type().is_file() {
            out.diags.push(not_regular(&rel, entry.file_type()));
            continue;
        }
        let inner = path.strip_prefix(&content).unwrap_or(path);
        let mut parts = inner
            .components()
            .map(|c| c.as_os_str().to_string_lossy().to_string());
        let top = parts.next().unwrap_or_default();
        let depth = inner.components().count();
        if depth == 1 {
            if name != "site.yaml" {
                out.diags
                    .push(Diagnostic::warning("ignored-file", &rel, msg!(IgnoredFile)));
            }
            continue;
        }
        if top == "media" {
            let media_rel = inner
                .components()
                .skip(1)
                .map(|c| c.as_os_str().to_string_lossy().to_string())
                .collect::<Vec<_>>()
                .join("/");
            out.media.push(crate::load::MediaFile {
                abs: path.to_path_buf(),
                identity: entry
                    .metadata()
                    .ok()
                    .map(|m| crate::safefs::Identity::of(&m)),
                rel: media_rel,
            });
            continue;
        }
        let Some(kind) = Kind::from_folder(&top) else {
            let folders: Vec<&str> = Kind::ALL
                .iter()
                .map(|k| k.folder())
                .chain(["media"])
                .collect();
            let mut d =
                Diagnostic::warning("unknown-folder", &rel, msg!(UnknownFolder, folder = &top));
            d.help = crate::diagnostic::nearest(&top, folders.iter().copied())
                .and_then(|n| crate::diagnostic::did_you_mean(&[&format!("content/{n}/")]))
                .or_else(|| {
                    let all = folders.iter().map(|f| format!("content/{f}/"));
                    Some(msg!(UnknownFolderHelp, folders = Arg::either(all)))
                });
            out.diags.push(d);
            walker.skip_current_dir();
            continue;
        };
        let Some((id, lang)) = split_name(&name, kind, languages, &rel, &mut out.diags) else {
            continue;
        };
        wanted.push((path.to_path_buf(), rel, kind, id, lang));
    }
    // Reading is most of the work: in parallel, keeping the walk's order. Every symlink
    // on the way was checked above, so no file here leads outside the root.
    crate::stage("load: walk", started);
    let started = std::time::Instant::now();
    let reuse = &*cache;
    let read: Vec<Result<(PathBuf, u64, SourceFile), Diagnostic>> = wanted
        .into_par_iter()
        .map(|(path, rel, kind, id, lang)| {
            // Only a file read before is looked at first (one stat); the others are read
            // at once, and their size and time taken from the open file.
            let known = reuse
                .files
                .get(&path)
                .filter(|_| !reuse.dirty.contains(&path))
                .and_then(|(len, time, text)| {
                    let meta = std::fs::metadata(&path).ok()?;
                    let same =
                        meta.len() == *len && time.is_some() && meta.modified().ok() == *time;
                    same.then(|| (text.clone(), *len, *time))
                });
            let text = match known {
                Some(known) => Ok(known),
                None => read_text(&path, &rel).map(|(t, len, m)| (Arc::from(t), len, m)),
            };
            text.map(|(text, len, modified)| {
                let file = SourceFile {
                    rel,
                    kind,
                    id,
                    lang,
                    text,
                    modified,
                };
                (path, len, file)
            })
        })
        .collect();
    let mut kept = HashMap::with_capacity(read.len());
    for r in read {
        match r {
            Ok((path, len, file)) => {
                kept.insert(path, (len, file.modified, file.text.clone()));
                out.files.push(file);
            }
            Err(d) => out.diags.push(d),
        }
    }
    crate::stage("load: read", started);
    cache.files = kept;
    cache.dirty.clear();
    out
}

/// Hidden files and editor leftovers (vim swap, Emacs backups and locks, JetBrains temp).
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.ends_with("___jb_tmp___")
        || name.ends_with("___jb_old___")
        || name.ends_with(".bak")
        || name.ends_with(".kate-swp")
        // exiftool's copy of the file it changed (with the GPS position it took out).
        || name.ends_with("_original")
}

/// `<id>.<lang>.md`, `<id>.md` or `<id>.yaml` → id and language.
fn split_name(
    name: &str,
    kind: Kind,
    languages: &[Lang],
    rel: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<(String, Option<Lang>)> {
    let (stem, lang) = if kind.is_markdown() {
        let Some(stem) = name.strip_suffix(".md") else {
            diags.push(
                Diagnostic::warning("ignored-file", rel, msg!(OnlyMarkdown))
                    .with_help(msg!(OnlyMarkdownHelp, folder = kind.folder())),
            );
            return None;
        };
        match stem.rsplit_once('.') {
            Some((id, code)) => match Lang::parse(code).filter(|l| languages.contains(l)) {
                Some(lang) => (id, Some(lang)),
                None => {
                    let codes: Vec<&str> = languages.iter().map(|l| l.code()).collect();
                    diags.push(
                        Diagnostic::error(
                            "unknown-language",
                            rel,
                            msg!(LanguageInFileName, code = code),
                        )
                        .with_help(msg!(LanguageInFileNameHelp, codes = Arg::either(&codes))),
                    );
                    return None;
                }
            },
            None => (stem, None),
        }
    } else {
        let Some(stem) = name
            .strip_suffix(".yaml")
            .or_else(|| name.strip_suffix(".yml"))
        else {
            diags.push(Diagnostic::warning("ignored-file", rel, msg!(OnlyYaml)));
            return None;
        };
        (stem, None)
    };
    if !is_valid_id(stem) {
        diags.push(
            Diagnostic::error(
                "invalid-id",
                rel,
                crate::fields::id_problem(stem, msg!(WhatId)),
            )
            .with_help(msg!(
                RenameFileHelp,
                max = crate::model::MAX_ID_LEN,
                name = name.replacen(stem, &suggest_slug(stem), 1)
            )),
        );
        return None;
    }
    Some((stem.to_string(), lang))
}

/// Reads a text file, refusing large files and invalid UTF-8: its text, and its size and
/// modification time as the open file had them before it was read.
pub fn read_text(path: &Path, rel: &str) -> Result<(String, u64, Option<SystemTime>), Diagnostic> {
    use std::io::Read;
    let unreadable = |e: std::io::Error| unreadable(rel, &e);
    // One open, one stat of the open file, the reads: content folders hold many files.
    let mut file = crate::safefs::open_regular(path).map_err(unreadable)?;
    let meta = file.metadata().ok();
    let size = meta.as_ref().map_or(0, |m| m.len());
    let modified = meta.and_then(|m| m.modified().ok());
    if size > MAX_FILE_BYTES {
        return Err(Diagnostic::error(
            "file-too-large",
            rel,
            msg!(
                FileTooLarge,
                size = size / 1_000_000,
                max = MAX_FILE_BYTES / 1_000_000
            ),
        )
        .with_help(msg!(FileTooLargeHelp)));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0) + 1);
    // Read at most one byte past the limit: a file that grew meanwhile is still refused.
    (&mut file)
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Diagnostic::error(
            "file-too-large",
            rel,
            msg!(FileGrew, max = MAX_FILE_BYTES / 1_000_000),
        ));
    }
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                text.drain(..3);
            }
            Ok((text, size, modified))
        }
        Err(e) => {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let text = String::from_utf8_lossy(e.as_bytes()).to_string();
            let prefix = String::from_utf8_lossy(valid);
            let (line, column) = crate::source::line_col(&prefix, prefix.len());
            Err(Diagnostic::error("not-utf8", rel, msg!(NotUtf8))
                .at(&text, line, column)
                .with_help(msg!(NotUtf8Help)))
        }
    }
}

/// A walked entry that is neither a regular file nor a folder (a FIFO, socket, device).
pub fn not_regular(rel: &str, t: std::fs::FileType) -> Diagnostic {
    let what = match crate::safefs::entry_of_type(t) {
        crate::safefs::Entry::Other(what) => what,
        _ => "not a regular file",
    };
    not_a_file(rel, crate::safefs::not_regular_message(what))
}

fn not_a_file(rel: &str, detail: String) -> Diagnostic {
    Diagnostic::error("not-a-file", rel, msg!(NotAFile, detail = detail))
        .with_help(msg!(NotAFileHelp))
}

/// A file that could not be opened or read: not a file at all, out of descriptors (which
/// `serve` retries by itself), or another error of the system.
pub fn unreadable(rel: &str, e: &std::io::Error) -> Diagnostic {
    match crate::safefs::unreadable_code(e) {
        "not-a-file" => not_a_file(rel, e.to_string()),
        code => Diagnostic::error(code, rel, msg!(Unreadable, detail = e.to_string())),
    }
}

fn inside(canonical_root: &Path, path: &Path) -> bool {
    path.canonicalize()
        .map(|p| p.starts_with(canonical_root))
        .unwrap_or(false)
}

pub fn rel_path(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().to_string())
        .collect::<Vec<_>>()
        .join("/")
}
