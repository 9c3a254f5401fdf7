//! The image cache, `<root>/.werkplaats-cache/images/`, which `build` and `serve` share.
//! Files are named by the hash of the original's bytes, so a picture renamed, or the same
//! picture in two places, is made once, and a changed one is made again. Beside them:
//! `sources`, each original's stamp (size, times, inode) with its hash, so an unchanged
//! original is not read again to be hashed (as git's index does), and `<hash>.<version>.size`, its
//! format and size, so it is not decoded again to be measured. Every file is written under
//! a temporary name and renamed, so two builds at once never see half a file.

use super::{Format, Header, Problem, Settings};
use crate::diagnostic::Diagnostic;
use crate::msg;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Bump when encoding changes, so old variants are made again.
const VERSION: &str = "1";
/// Bump when what `header` finds changes (animations became formats of their own, the
/// GPS position is noted), so sizes noted before are measured again.
const HEADER_VERSION: &str = "2";

pub struct Store {
    dir: PathBuf,
    /// Path under `media/` → (stamp, hash), as read and as found now.
    sources: HashMap<String, (String, String)>,
    changed: bool,
    /// False for `check`: the cache is read, never written.
    writes: bool,
}

/// What the cache knows of one original.
pub struct Found {
    pub len: u64,
    /// blake3 of its bytes, in hex.
    pub hash: String,
    pub header: Result<Header, Problem>,
}

impl Store {
    /// Opens the cache in `dir`, making it if needed and `writes`.
    pub fn open(dir: &Path, writes: bool) -> Result<Store, Diagnostic> {
        let images = dir.join("images");
        if writes && let Err(e) = std::fs::create_dir_all(&images) {
            return Err(cannot_write(dir, &e));
        }
        // The standard mark for backup tools: nothing here needs saving.
        let tag = dir.join("CACHEDIR.TAG");
        if writes && !tag.exists() {
            let text = "Signature: 8a477f597d28d172789f06886806bc55\n# werkplaats's image cache: made again when needed.\n";
            write_atomic(&tag, text.as_bytes()).map_err(|e| cannot_write(dir, &e))?;
        }
        let text = std::fs::read_to_string(images.join("sources")).unwrap_or_default();
        let sources = text
            .lines()
            .filter_map(|line| {
                let mut parts = line.splitn(3, '\t');
                let (stamp, hash, rel) = (parts.next()?, parts.next()?, parts.next()?);
                Some((rel.to_string(), (stamp.to_string(), hash.to_string())))
            })
            .collect();
        Ok(Store {
            dir: images,
            sources,
            changed: false,
            writes,
        })
    }

    /// The original at `abs` (`rel` under `media/`): its hash, and its format and size
    /// or why it cannot be shown.
    pub fn look(&mut self, abs: &Path, rel: &str) -> std::io::Result<Found> {
        let meta = std::fs::metadata(abs)?;
        let stamp = stamp(&meta);
        let mut bytes = None;
        let hash = match self.sources.get(rel) {
            Some((s, hash)) if *s == stamp && blake3::Hash::from_hex(hash).is_ok() => hash.clone(),
            _ => {
                let read = crate::safefs::read(abs)?;
                let hash = blake3::hash(&read).to_hex().to_string();
                bytes = Some(read);
                self.sources.insert(rel.to_string(), (stamp, hash.clone()));
                self.changed = true;
                hash
            }
        };
        let size_file = self.dir.join(format!("{hash}.{HEADER_VERSION}.size"));
        if let Some(header) = std::fs::read_to_string(&size_file)
            .ok()
            .and_then(|t| read_header(&t))
        {
            return Ok(Found {
                len: meta.len(),
                hash,
                header: Ok(header),
            });
        }
        let bytes = match bytes {
            Some(b) => b,
            None => crate::safefs::read(abs)?,
        };
        let header = super::encode::header(&bytes);
        // Noted only for the bytes the hash is of (the file may have changed since).
        let same = blake3::hash(&bytes).to_hex().as_str() == hash;
        if let (true, true, Ok(found)) = (self.writes, same, &header) {
            let (w, h) = found.size.unwrap_or((0, 0));
            let place = if found.located { " gps" } else { "" };
            // Best effort: without it the header is read again next time.
            let _ = write_atomic(
                &size_file,
                format!("{} {w} {h}{place}\n", found.format.name()).as_bytes(),
            );
        }
        Ok(Found {
            len: meta.len(),
            hash,
            header,
        })
    }

    /// Where the variant `width` wide in `format` of the original with `hash` is kept.
    pub fn variant_file(
        &self,
        hash: &str,
        width: u32,
        format: Format,
        settings: &Settings,
    ) -> PathBuf {
        let key = format!("{VERSION} {hash} {} {}", settings.quality, format.name());
        let key = blake3::hash(key.as_bytes()).to_hex();
        let ext = match format {
            Format::Jpeg => "jpg",
            f => f.name(),
        };
        self.dir.join(format!("{}-{width}.{ext}", &key[..32]))
    }

    /// Writes the stamps down if any changed.
    pub fn save(self) -> Result<(), Diagnostic> {
        if !self.changed || !self.writes {
            return Ok(());
        }
        let mut lines: Vec<String> = self
            .sources
            .iter()
            .map(|(rel, (stamp, hash))| format!("{stamp}\t{hash}\t{rel}\n"))
            .collect();
        lines.sort();
        let dir = self.dir.parent().unwrap_or(&self.dir);
        write_atomic(&self.dir.join("sources"), lines.concat().as_bytes())
            .map_err(|e| cannot_write(dir, &e))
    }
}

/// Size, modification and status-change time and inode: any write changes one of them.
fn stamp(meta: &std::fs::Metadata) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        format!(
            "{}-{}.{}-{}.{}-{}",
            meta.len(),
            meta.mtime(),
            meta.mtime_nsec(),
            meta.ctime(),
            meta.ctime_nsec(),
            meta.ino()
        )
    }
    #[cfg(not(unix))]
    {
        let modified = meta
            .modified()
            .ok()
            .and_then(|m| m.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        format!("{}-{modified}", meta.len())
    }
}

fn read_header(text: &str) -> Option<Header> {
    let mut parts = text.split_whitespace();
    let format = Format::from_name(parts.next()?)?;
    let w: u32 = parts.next()?.parse().ok()?;
    let h: u32 = parts.next()?.parse().ok()?;
    Some(Header {
        format,
        size: (w > 0 && h > 0).then_some((w, h)),
        located: parts.next() == Some("gps"),
    })
}

impl Found {
    pub fn hash_value(&self) -> blake3::Hash {
        blake3::Hash::from_hex(&self.hash).unwrap_or_else(|_| blake3::hash(self.hash.as_bytes()))
    }
}

/// The hash and size noted beside a made file (`<file>.b3`), if the file is still the one
/// the note was written for (its stamp): files here are only ever replaced, never changed.
pub fn noted(file: &Path) -> Option<(blake3::Hash, u64)> {
    let note = std::fs::read_to_string(note_for(file)).ok()?;
    let (stamp_then, rest) = note.trim_end().split_once('\t')?;
    let (hash, size) = rest.split_once('\t')?;
    let meta = std::fs::metadata(file).ok()?;
    if stamp(&meta) != stamp_then {
        return None;
    }
    Some((blake3::Hash::from_hex(hash).ok()?, size.parse().ok()?))
}

/// Writes the made file `bytes` to `file` and its note; the hash and size.
pub fn write_made(file: &Path, bytes: &[u8]) -> std::io::Result<(blake3::Hash, u64)> {
    write_atomic(file, bytes)?;
    let hash = blake3::hash(bytes);
    let size = bytes.len() as u64;
    let stamp = stamp(&std::fs::metadata(file)?);
    // Best effort: without the note the file is hashed when it is copied.
    let _ = write_atomic(
        &note_for(file),
        format!("{stamp}\t{}\t{size}\n", hash.to_hex()).as_bytes(),
    );
    Ok((hash, size))
}

fn note_for(file: &Path) -> PathBuf {
    let mut name = file.as_os_str().to_os_string();
    name.push(".b3");
    PathBuf::from(name)
}

/// Writes `bytes` to `path` by way of a temporary file in the same folder.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let temp = path.with_file_name(format!(".{name}.{}.{n}.tmp", std::process::id()));
    std::fs::write(&temp, bytes)?;
    std::fs::rename(&temp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&temp);
    })
}

pub(super) fn cannot_write(dir: &Path, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(
        "image-cache",
        ".werkplaats-cache/",
        msg!(
            ImageCache,
            dir = dir.display().to_string(),
            detail = e.to_string()
        ),
    )
    .with_help(msg!(ImageCacheHelp))
}
