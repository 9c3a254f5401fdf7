//! The marker a build leaves at the top of its output: `.werkplaats-manifest`, one line
//! per file with its hash, size and path, sorted by path (so the same site gives the same
//! bytes). It says "werkplaats wrote this folder, and exactly these files": the next build
//! replaces the folder only if it holds nothing else, and keeps unchanged files as they
//! are.

use std::collections::HashMap;
use std::path::Path;

/// The marker's file name, at the top of the output.
pub const MARKER: &str = ".werkplaats-manifest";

const HEADER: &str = "werkplaats build manifest 1";

/// What a previous build wrote: each file's hash and size, by path in the output.
#[derive(Default)]
pub struct Manifest {
    pub files: HashMap<String, (blake3::Hash, u64)>,
    /// When the manifest was written: a file changed later was changed by someone else.
    pub written: Option<std::time::SystemTime>,
}

/// The manifest in the folder `out`, if it has one (a regular file with our header).
pub fn read(out: &Path) -> Option<Manifest> {
    let path = out.join(MARKER);
    let text = crate::safefs::read_to_string(&path).ok()?;
    let mut lines = text.lines();
    if lines.next() != Some(HEADER) {
        return None;
    }
    let written = std::fs::symlink_metadata(&path)
        .and_then(|m| m.modified())
        .ok();
    let mut files = HashMap::new();
    for line in lines {
        let mut parts = line.splitn(3, ' ');
        let (Some(hash), Some(size), Some(rel)) = (parts.next(), parts.next(), parts.next()) else {
            continue;
        };
        if let (Ok(hash), Ok(size)) = (blake3::Hash::from_hex(hash), size.parse::<u64>()) {
            files.insert(rel.to_string(), (hash, size));
        }
    }
    Some(Manifest { files, written })
}

/// The manifest's text for `files` (path, hash, size), in path order.
pub fn text(files: &mut [(String, blake3::Hash, u64)]) -> String {
    files.sort_by(|a, b| a.0.cmp(&b.0));
    let mut text = format!("{HEADER}\n");
    for (path, hash, size) in files.iter() {
        text.push_str(&format!("{} {size} {path}\n", hash.to_hex()));
    }
    text
}

/// Entries in `out` that the manifest does not list: files someone else put there (a
/// `.git` folder, a `CNAME`), symlinks, and folders holding none of the listed files.
/// Up to `limit` of them, as paths relative to `out`.
pub fn foreign(out: &Path, manifest: &Manifest, limit: usize) -> Vec<String> {
    let mut folders: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for path in manifest.files.keys() {
        let mut rest = path.as_str();
        while let Some((parent, _)) = rest.rsplit_once('/') {
            if !folders.insert(parent) {
                break;
            }
            rest = parent;
        }
    }
    let mut found = Vec::new();
    let mut walker = walkdir::WalkDir::new(out)
        .min_depth(1)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = walker.next() {
        if found.len() >= limit {
            break;
        }
        let Ok(entry) = entry else {
            found.push("(a folder that cannot be read)".to_string());
            continue;
        };
        let rel = crate::load::rel_path(out, entry.path());
        let t = entry.file_type();
        let ours = if t.is_dir() {
            folders.contains(rel.as_str())
        } else {
            rel == MARKER || (t.is_file() && manifest.files.contains_key(&rel))
        };
        if !ours {
            found.push(rel);
            if t.is_dir() {
                walker.skip_current_dir();
            }
        }
    }
    found
}
