//! Before `build` writes anything: is `--out` a folder it may replace? Paths are compared
//! after resolving symlinks (as far as they exist), never as text. Refused, whatever
//! `--force` says: the site root or a folder holding it, `content/` or `themes/` or
//! anything inside them, the home folder or a folder holding it, and a file. Refused
//! without `--force`: a symlink, an existing folder with files in it that carries no
//! marker of a previous werkplaats build (`manifest`), and a previous build holding files
//! its manifest does not list (SPEC §4.1). After the site is loaded, `build` also refuses
//! an output that a symlinked content or theme folder leads into.

use crate::manifest::{self, MARKER, Manifest};
use std::path::{Component, Path, PathBuf};

/// What the guard found out about the output folder.
pub struct Checked {
    /// The output folder's entry with its parent resolved: where the build is written.
    pub entry: PathBuf,
    /// The previous build in it, if it holds one (and nothing else, or `--force`).
    pub previous: Option<Manifest>,
}

/// Checks `out` for a build of the site at `root`; the error says why it is refused.
pub fn check(root: &Path, out: &Path, force: bool) -> Result<Checked, String> {
    let shown = out.display().to_string();
    let root = std::fs::canonicalize(root)
        .map_err(|e| format!("cannot resolve the site root {}: {e}", root.display()))?;
    let entry = resolve_entry(out).map_err(|e| format!("cannot resolve --out {shown}: {e}"))?;
    if let Ok(meta) = std::fs::metadata(&entry)
        && !meta.is_dir()
    {
        return Err(format!(
            "refusing to build into {shown}: it is a file, not a folder; choose a folder for --out (it is made if it does not exist)"
        ));
    }
    // Where the folder is, and where it leads if it is a symlink: both must be safe.
    let mut places = vec![entry.clone()];
    if let Ok(target) = std::fs::canonicalize(&entry)
        && target != entry
    {
        places.push(target);
    }
    for place in &places {
        refuse_own_place(&root, place, &shown)?;
    }
    let previous = replaceable(&entry, force, &shown)?;
    Ok(Checked { entry, previous })
}

/// Refuses a place that is, holds or lies in the site's own files or the home folder.
fn refuse_own_place(root: &Path, place: &Path, shown: &str) -> Result<(), String> {
    if root.starts_with(place) {
        return Err(format!(
            "refusing to build into {shown}: it is the site root or holds it, and building would replace the site itself; use the default public/ or another folder"
        ));
    }
    for name in ["content", "themes"] {
        let literal = root.join(name);
        let resolved = std::fs::canonicalize(&literal).unwrap_or_else(|_| literal.clone());
        if [literal, resolved]
            .iter()
            .any(|f| place.starts_with(f) || f.starts_with(place))
        {
            return Err(format!(
                "refusing to build into {shown}: it is or lies inside the site's {name}/ folder (after following symlinks), which holds your own files; use the default public/ or a folder outside {name}/"
            ));
        }
    }
    let home = std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .and_then(|h| std::fs::canonicalize(h).ok());
    if home.is_some_and(|h| h.starts_with(place)) {
        return Err(format!(
            "refusing to build into {shown}: it is your home folder or holds it; choose a folder of its own for --out, such as public/"
        ));
    }
    Ok(())
}

/// May the existing `entry` be replaced? Yes if it does not exist, is an empty folder, or
/// holds a previous build and nothing else; otherwise only with `--force`.
fn replaceable(entry: &Path, force: bool, shown: &str) -> Result<Option<Manifest>, String> {
    let Ok(meta) = std::fs::symlink_metadata(entry) else {
        return Ok(None);
    };
    let refuse = |what: String| {
        Err(format!(
            "refusing to replace {shown}: {what}; choose a new or empty folder, or pass --force to replace it and everything in it"
        ))
    };
    if meta.file_type().is_symlink() {
        // Replacing the link would leave what it points to behind and stop updating it.
        return if force {
            Ok(None)
        } else {
            refuse("it is a symlink werkplaats did not make".into())
        };
    }
    let previous = manifest::read(entry);
    if force {
        return Ok(previous);
    }
    match &previous {
        None if std::fs::read_dir(entry).is_ok_and(|mut d| d.next().is_none()) => Ok(None),
        None => refuse(format!(
            "it holds files that a werkplaats build did not write (it has no {MARKER})"
        )),
        Some(m) => {
            let foreign = manifest::foreign(entry, m, 4);
            if foreign.is_empty() {
                return Ok(previous);
            }
            refuse(format!(
                "besides the previous build it holds what werkplaats did not write: {} (a file every build should publish, such as CNAME, belongs in the theme's static/ folder)",
                foreign.join(", ")
            ))
        }
    }
}

/// Refuses to replace `out` if a file the site was built from lives in it: content,
/// media or theme files reached through a symlink (`content/events` → `../gedeeld`).
pub fn refuse_sources_inside(out: &Path, sources: &[PathBuf]) -> Result<(), String> {
    let out = std::fs::canonicalize(out).unwrap_or_else(|_| out.to_path_buf());
    match sources.iter().find(|s| s.starts_with(&out)) {
        Some(s) => Err(format!(
            "refusing to replace {}: the site reads {} from it (through a symlink)",
            out.display(),
            s.display()
        )),
        None => Ok(()),
    }
}

/// The absolute path of the output folder's own entry: its parent resolved through every
/// symlink, then its own name (which may itself be a symlink: that link is what a build
/// replaces). Parts that do not exist yet are kept as written.
fn resolve_entry(out: &Path) -> std::io::Result<PathBuf> {
    let abs = std::path::absolute(out)?;
    match abs.components().next_back() {
        Some(Component::Normal(name)) => {
            let parent = abs.parent().unwrap_or(Path::new("/"));
            Ok(resolve_existing(parent).join(name))
        }
        // `x/..`, `.` or `/`: the folder must exist to mean anything.
        _ => std::fs::canonicalize(&abs),
    }
}

/// Resolves the longest existing prefix of `path` (symlinks and `..` as the file system
/// sees them) and appends the rest, whose `..` can only be read as written.
fn resolve_existing(path: &Path) -> PathBuf {
    let mut existing = path.to_path_buf();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = std::fs::canonicalize(&existing) {
            let tail: PathBuf = rest.iter().rev().collect();
            return lexical(&real.join(tail));
        }
        let Some(last) = existing.components().next_back() else {
            return lexical(path);
        };
        rest.push(last.as_os_str().to_os_string());
        if !existing.pop() {
            return lexical(path);
        }
    }
}

/// `a/./b/../c` → `a/c`, without touching the disk.
fn lexical(path: &Path) -> PathBuf {
    path.components().fold(PathBuf::new(), |mut acc, c| {
        match c {
            Component::ParentDir => {
                acc.pop();
            }
            Component::CurDir => {}
            other => acc.push(other),
        }
        acc
    })
}
