//! Stage 5, write: files go into a fresh folder beside the target as they are rendered
//! (nothing is held in memory), and the folder is swapped in only when the whole build
//! succeeded. A failure leaves the previous output as it was; files of deleted content
//! vanish because the new folder starts empty. The folder gets a marker with a manifest of
//! every file's hash (`manifest`); a file whose bytes equal the previous build's
//! is linked (or copied with its time), so its modification time stays as it was. Each
//! build holds a lock beside its temporary folder, so the next build can tell the folders
//! of killed builds from those of a running one and removes them.

use crate::manifest::{MARKER, Manifest};
use crate::render::{Piece, Sink};
use anyhow::{Context, Result, bail};
use rayon::prelude::*;
use std::fs;
use std::io::{Read, Write};
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

/// A fresh output folder being filled.
pub struct Folder {
    out: PathBuf,
    fresh: PathBuf,
    old: PathBuf,
    /// Held (locked) for the whole build: a build whose lock can be taken is dead, and
    /// its temporary folders are removed by the next build.
    lock: PathBuf,
    _held: fs::File,
    previous: Manifest,
    /// Every file written: path, hash, size; becomes the marker's manifest.
    written: Mutex<Vec<(String, blake3::Hash, u64)>>,
    /// The first write error; later files are skipped.
    error: Mutex<Option<String>>,
}

const NEW: &str = "werkplaats-new-";
/// A lock file without its folder this old is left over, not about to be used.
const ORPHAN_AGE: Duration = Duration::from_secs(60);
const OLD: &str = "werkplaats-old-";

impl Folder {
    /// Prepares `.<name>.werkplaats-new-<pid>` beside `out`, after removing what killed
    /// builds left there. `previous`: the manifest of the build in `out`, if any.
    pub fn create(out: &Path, previous: Option<Manifest>) -> Result<Folder> {
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
        remove_stale(&parent, &name);
        let pid = std::process::id();
        let fresh = parent.join(format!(".{name}.{NEW}{pid}"));
        let old = parent.join(format!(".{name}.{OLD}{pid}"));
        let lock = parent.join(format!(".{name}.{NEW}{pid}.lock"));
        let held = crate::safefs::create_regular(&lock)
            .with_context(|| format!("cannot create {}", lock.display()))?;
        // Blocking: another build may hold it for the instant it checks for stale ones.
        held.lock()
            .with_context(|| format!("cannot lock {}", lock.display()))?;
        remove_tree(&fresh);
        fs::create_dir_all(&fresh).with_context(|| format!("cannot create {}", fresh.display()))?;
        let previous = previous.unwrap_or_default();
        Ok(Folder {
            out: out.to_path_buf(),
            fresh,
            old,
            lock,
            _held: held,
            previous,
            written: Mutex::new(Vec::new()),
            error: Mutex::new(None),
        })
    }

    /// Writes the manifest and swaps the filled folder in, or, if a write failed, removes
    /// it and says why.
    pub fn finish(self) -> Result<()> {
        let error = self.error.lock().unwrap_or_else(|e| e.into_inner()).take();
        let result = match error {
            Some(e) => Err(anyhow::anyhow!(e)),
            None => self
                .write_manifest()
                .and_then(|()| swap(&self.out, &self.fresh, &self.old)),
        };
        if result.is_err() {
            remove_tree(&self.fresh);
        }
        let _ = fs::remove_file(&self.lock);
        result
    }

    /// Throws the half-filled folder away (the build failed).
    pub fn abandon(self) {
        remove_tree(&self.fresh);
        let _ = fs::remove_file(&self.lock);
    }

    fn write_manifest(&self) -> Result<()> {
        let mut files =
            std::mem::take(&mut *self.written.lock().unwrap_or_else(|e| e.into_inner()));
        let text = crate::manifest::text(&mut files);
        let target = self.fresh.join(MARKER);
        fs::write(&target, text).with_context(|| format!("cannot write {}", target.display()))
    }

    /// The previous build's file at `path`, if it holds exactly these bytes: its
    /// modification time is kept by linking or copying it. The manifest says which files
    /// may be the same; the file must not have been changed since the manifest was
    /// written (its status-change time, which `cp -p` or `touch -d` cannot set back, is
    /// not later), else it is hashed again. The guard made sure the previous output holds
    /// only its own files and folders, no symlinks.
    fn unchanged(&self, path: &str, hash: &blake3::Hash, size: u64) -> Option<PathBuf> {
        let (old_hash, old_size) = self.previous.files.get(path)?;
        if old_hash != hash || *old_size != size {
            return None;
        }
        let old = self.out.join(path);
        let meta = fs::symlink_metadata(&old).ok()?;
        if !meta.is_file() || meta.len() != size {
            return None;
        }
        if untouched_since(&meta, self.previous.written) {
            return Some(old);
        }
        let (now, _) = hash_file(&old).ok()?;
        (now == *hash).then_some(old)
    }

    fn write(&self, path: &str, piece: Piece<'_>) -> Result<()> {
        if path == MARKER {
            bail!("/{MARKER} is werkplaats's own file; rename the file that makes it");
        }
        let target = safe_join(&self.fresh, path)?;
        let (hash, size) = match piece {
            Piece::Bytes(b) => (blake3::hash(b), b.len() as u64),
            Piece::File(src) => hash_file(src)?,
            Piece::Known(_, hash, size) => (hash, size),
        };
        self.written
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((path.to_string(), hash, size));
        let keep = self.unchanged(path, &hash, size);
        let put = || -> std::io::Result<()> {
            if let Some(old) = &keep {
                // The same bytes as last time: the same file (and time), not a new one.
                if fs::hard_link(old, &target).is_ok() {
                    return Ok(());
                }
            }
            match piece {
                Piece::Bytes(b) => fs::write(&target, b)?,
                Piece::File(src) | Piece::Known(src, ..) => copy_regular(src, &target)?,
            }
            if let Some(old) = &keep
                && let Ok(time) = fs::metadata(old).and_then(|m| m.modified())
            {
                fs::File::options()
                    .write(true)
                    .open(&target)?
                    .set_modified(time)?;
            }
            Ok(())
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
            Piece::File(src) | Piece::Known(src, ..) => {
                format!("cannot copy {} to {}", src.display(), target.display())
            }
        })
    }
}

/// Sets the modification time of `path` to the kernel's clock as it stamps status times
/// (a coarser clock than `SystemTime::now`): a file changed after this gets a later time.
#[cfg(unix)]
fn touch_with_kernel_time(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    let file = fs::File::options().write(true).open(path)?;
    file.set_modified(std::time::SystemTime::now())?;
    let meta = file.metadata()?;
    let secs = u64::try_from(meta.ctime()).unwrap_or(0);
    let nanos = u32::try_from(meta.ctime_nsec()).unwrap_or(0);
    file.set_modified(std::time::UNIX_EPOCH + Duration::new(secs, nanos))
}

#[cfg(not(unix))]
fn touch_with_kernel_time(_: &Path) -> std::io::Result<()> {
    Ok(())
}

/// The file's status last changed no later than `written` (the previous manifest).
#[cfg(unix)]
fn untouched_since(meta: &fs::Metadata, written: Option<std::time::SystemTime>) -> bool {
    use std::os::unix::fs::MetadataExt;
    let Some(written) = written.and_then(|w| w.duration_since(std::time::UNIX_EPOCH).ok()) else {
        return false;
    };
    let changed = (meta.ctime(), meta.ctime_nsec());
    let Ok(secs) = i64::try_from(written.as_secs()) else {
        return false;
    };
    changed <= (secs, i64::from(written.subsec_nanos()))
}

#[cfg(not(unix))]
fn untouched_since(_: &fs::Metadata, _: Option<std::time::SystemTime>) -> bool {
    false
}

/// The hash and size of a regular file (a FIFO or device is refused, never opened).
fn hash_file(src: &Path) -> Result<(blake3::Hash, u64)> {
    let mut file = crate::safefs::open_regular(src)
        .with_context(|| format!("cannot read {}", src.display()))?;
    let mut hasher = blake3::Hasher::new();
    let mut buf = vec![0u8; 64 * 1024];
    let mut size = 0u64;
    loop {
        let n = file
            .read(&mut buf)
            .with_context(|| format!("cannot read {}", src.display()))?;
        if n == 0 {
            break;
        }
        size += n as u64;
        hasher.update(&buf[..n]);
    }
    Ok((hasher.finalize(), size))
}

fn copy_regular(src: &Path, target: &Path) -> std::io::Result<()> {
    let mut from = crate::safefs::open_regular(src)?;
    let mut to = fs::File::create(target)?;
    std::io::copy(&mut from, &mut to)?;
    to.flush()
}

/// Removes the temporary folders of builds of `name` in `parent` that were killed (their
/// lock can be taken, or they have none), found by their name.
fn remove_stale(parent: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let new_prefix = format!(".{name}.{NEW}");
    let old_prefix = format!(".{name}.{OLD}");
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().to_string();
        let Some(pid) = file
            .strip_prefix(&new_prefix)
            .or_else(|| file.strip_prefix(&old_prefix))
        else {
            continue;
        };
        if let Some(orphan) = pid.strip_suffix(".lock") {
            // A lock whose folder was never made (killed at once), or already removed;
            // never a young one, which may belong to a build that is about to lock it.
            let folder = parent.join(format!("{new_prefix}{orphan}"));
            let old = entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|m| m.elapsed().ok())
                .is_some_and(|age| age > ORPHAN_AGE);
            let free =
                crate::safefs::open_regular(&entry.path()).is_ok_and(|f| f.try_lock().is_ok());
            if old && free && !folder.exists() {
                let _ = fs::remove_file(entry.path());
            }
            continue;
        }
        if pid.is_empty() || !pid.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        let lock = parent.join(format!("{new_prefix}{pid}.lock"));
        let alive = crate::safefs::open_regular(&lock).is_ok_and(|f| f.try_lock().is_err());
        if is_dir && !alive {
            remove_tree(&entry.path());
            let _ = fs::remove_file(&lock);
        }
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
        // Taking away the old folder's links changed the status time of every file kept
        // from it: the manifest's time moves past that, or the next build would read
        // each of them again (all the photos too) to see that nobody else changed it.
        // A file edited by hand while the old folder was being removed is trusted, as one
        // edited during the build always was.
        let _ = touch_with_kernel_time(&out.join(MARKER));
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
