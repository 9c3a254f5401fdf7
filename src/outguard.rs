//! Before `build` writes anything: is `--out` a folder it may replace? Paths are compared
//! after resolving symlinks (as far as they exist), never as text. Refused, whatever
//! `--force` says: the site root or a folder holding it, `content/` or `themes/` or
//! anything inside them, the home folder or a folder holding it, and a file. Refused
//! without `--force`: an existing folder with files in it that carries no marker of a
//! previous werkplaats build (SPEC §4.1).

use std::path::{Component, Path, PathBuf};

/// The file every build writes at the top of its output: it marks the folder as ours and
/// lists each file's hash, so the next build keeps unchanged files as they are.
pub const MARKER: &str = ".werkplaats-manifest";

/// What the guard found out about the output folder.
pub struct Checked {
    /// The output folder's entry with its parent resolved: where the build is written.
    pub entry: PathBuf,
    /// The output folder holds a previous build (its marker is there).
    pub previous_build: bool,
}

/// Checks `out` for a build of the site at `root`; the error says why it is refused.
pub fn check(root: &Path, out: &Path, force: bool) -> Result<Checked, String> {
    let shown = out.display();
    let root = std::fs::canonicalize(root)
        .map_err(|e| format!("cannot resolve the site root {}: {e}", root.display()))?;
    let entry = resolve_entry(out).map_err(|e| format!("cannot resolve --out {shown}: {e}"))?;
    // Where the folder is, and where it leads if it is a symlink: both must be safe.
    let mut places = vec![entry.clone()];
    if let Ok(target) = std::fs::canonicalize(&entry)
        && target != entry
    {
        places.push(target);
    }
    if let Ok(meta) = std::fs::metadata(&entry)
        && !meta.is_dir()
    {
        return Err(format!(
            "refusing to build into {shown}: it is a file, not a folder; choose a folder for --out (it is made if it does not exist)"
        ));
    }
    let own = |name: &str| {
        let literal = root.join(name);
        let resolved = std::fs::canonicalize(&literal).unwrap_or_else(|_| literal.clone());
        [literal, resolved]
    };
    let content = own("content");
    let themes = own("themes");
    let home = std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .map(PathBuf::from)
        .and_then(|h| std::fs::canonicalize(h).ok());
    for place in &places {
        if root.starts_with(place) {
            return Err(format!(
                "refusing to build into {shown}: it is the site root or holds it, and building would replace the site itself; use the default public/ or another folder"
            ));
        }
        for (folder, name) in [(&content, "content/"), (&themes, "themes/")] {
            if folder
                .iter()
                .any(|f| place.starts_with(f) || f.starts_with(place))
            {
                return Err(format!(
                    "refusing to build into {shown}: it is or lies inside the site's {name} folder (after following symlinks), which holds your own files; use the default public/ or a folder outside {name}"
                ));
            }
        }
        if home.as_ref().is_some_and(|h| h.starts_with(place)) {
            return Err(format!(
                "refusing to build into {shown}: it is your home folder or holds it; choose a folder of its own for --out, such as public/"
            ));
        }
    }
    let previous_build = std::fs::symlink_metadata(entry.join(MARKER)).is_ok_and(|m| m.is_file());
    let link = std::fs::symlink_metadata(&entry).is_ok_and(|m| m.file_type().is_symlink());
    let empty = std::fs::read_dir(&entry).is_ok_and(|mut d| d.next().is_none());
    let exists = std::fs::symlink_metadata(&entry).is_ok();
    let replaceable = previous_build || (empty && !link);
    if exists && !replaceable && !force {
        let what = if link {
            "it is a symlink werkplaats did not make"
        } else {
            "it holds files that a werkplaats build did not write (it has no .werkplaats-manifest)"
        };
        return Err(format!(
            "refusing to replace {shown}: {what}; choose a new or empty folder, or pass --force to replace it and everything in it"
        ));
    }
    Ok(Checked {
        entry,
        previous_build,
    })
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
