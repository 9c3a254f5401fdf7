//! Stage 5, write: files go into a fresh folder beside the target as they are rendered
//! (nothing is held in memory), and the folder is swapped in only when the whole build
//! succeeded. A failure leaves the previous output as it was; files of deleted content
//! vanish because the new folder starts empty.

use crate::render::{Piece, Sink};
use anyhow::{Context, Result, bail};
use rayon::prelude::*;
use std::fs;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

/// A fresh output folder being filled.
pub struct Folder {
    out: PathBuf,
    fresh: PathBuf,
    old: PathBuf,
    /// The first write error; later files are skipped.
    error: Mutex<Option<String>>,
}

impl Folder {
    /// Prepares `.<name>.werkplaats-new-<pid>` beside `out`.
    pub fn create(out: &Path) -> Result<Folder> {
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .context("the output folder needs a name")?;
        let parent = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
        let pid = std::process::id();
        let fresh = parent.join(format!(".{name}.werkplaats-new-{pid}"));
        let old = parent.join(format!(".{name}.werkplaats-old-{pid}"));
        let _ = fs::remove_dir_all(&fresh);
        fs::create_dir_all(&fresh).with_context(|| format!("cannot create {}", fresh.display()))?;
        Ok(Folder {
            out: out.to_path_buf(),
            fresh,
            old,
            error: Mutex::new(None),
        })
    }

    /// Swaps the filled folder in, or, if a write failed, removes it and says why.
    pub fn finish(self) -> Result<()> {
        let error = self.error.lock().unwrap_or_else(|e| e.into_inner()).take();
        if let Some(e) = error {
            let _ = fs::remove_dir_all(&self.fresh);
            bail!(e);
        }
        swap(&self.out, &self.fresh, &self.old)
    }

    /// Throws the half-filled folder away (the build failed).
    pub fn abandon(self) {
        let _ = fs::remove_dir_all(&self.fresh);
    }

    fn write(&self, path: &str, piece: Piece<'_>) -> Result<()> {
        let target = safe_join(&self.fresh, path)?;
        let put = || match piece {
            Piece::Bytes(b) => fs::write(&target, b),
            Piece::File(src) => fs::copy(src, &target).map(|_| ()),
        };
        // Folders are made when a file first needs one: no bookkeeping shared between
        // threads, and no syscall for folders that exist.
        let result = match put() {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                if let Some(parent) = target.parent() {
                    fs::create_dir_all(parent)
                        .with_context(|| format!("cannot create {}", parent.display()))?;
                }
                put()
            }
            other => other,
        };
        result.with_context(|| match piece {
            Piece::Bytes(_) => format!("cannot write {}", target.display()),
            Piece::File(src) => {
                format!("cannot copy {} to {}", src.display(), target.display())
            }
        })
    }
}

impl Sink for Folder {
    fn put(&self, path: &str, piece: Piece<'_>) {
        if self.error.lock().map(|e| e.is_some()).unwrap_or(true) {
            return;
        }
        if let Err(e) = self.write(path, piece) {
            let mut slot = self.error.lock().unwrap_or_else(|e| e.into_inner());
            slot.get_or_insert_with(|| format!("{e:#}"));
        }
    }
}

pub fn safe_join(dir: &Path, rel: &str) -> Result<PathBuf> {
    let rel_path = Path::new(rel);
    if rel.is_empty()
        || !rel_path
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
    {
        bail!("refusing to write outside the output folder: {rel}");
    }
    Ok(dir.join(rel_path))
}

fn swap(out: &Path, fresh: &Path, old: &Path) -> Result<()> {
    let had_old = out.exists();
    if had_old {
        remove_tree(old);
        fs::rename(out, old)
            .with_context(|| format!("cannot move the previous {} aside", out.display()))?;
    }
    if let Err(e) = fs::rename(fresh, out) {
        if had_old {
            let _ = fs::rename(old, out);
        }
        let _ = fs::remove_dir_all(fresh);
        return Err(e).with_context(|| format!("cannot put the new site in {}", out.display()));
    }
    if had_old {
        remove_tree(old);
    }
    Ok(())
}

/// Removes a folder and everything in it, over all cores (a large site's previous output
/// has hundreds of thousands of files). Best effort: the folder is already out of the way.
fn remove_tree(dir: &Path) {
    // A symlink (the output folder may have been one) is removed itself, never followed.
    let is_dir = fs::symlink_metadata(dir).is_ok_and(|m| m.is_dir());
    let entries = match fs::read_dir(dir) {
        Ok(entries) if is_dir => entries,
        _ => {
            let _ = fs::remove_file(dir);
            return;
        }
    };
    let entries: Vec<fs::DirEntry> = entries.flatten().collect();
    entries.par_iter().for_each(|e| {
        // `file_type` does not follow symlinks: a link is removed, never what it points to.
        if e.file_type().is_ok_and(|t| t.is_dir()) {
            remove_tree(&e.path());
        } else {
            let _ = fs::remove_file(e.path());
        }
    });
    let _ = fs::remove_dir(dir);
}
