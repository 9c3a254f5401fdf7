//! Stage 5, write: puts the outputs in a fresh folder beside the target and swaps it in
//! only when every file was written. A failure leaves the previous output as it was;
//! files of deleted content vanish because the new folder starts empty.

use crate::render::{Content, Output};
use anyhow::{Context, Result, bail};
use rayon::prelude::*;
use std::fs;
use std::path::{Component, Path, PathBuf};

pub fn write(out: &Path, outputs: &[Output]) -> Result<()> {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .context("the output folder needs a name")?;
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).with_context(|| format!("cannot create {}", parent.display()))?;
    let pid = std::process::id();
    let fresh = parent.join(format!(".{name}.werkplaats-new-{pid}"));
    let old = parent.join(format!(".{name}.werkplaats-old-{pid}"));
    let _ = fs::remove_dir_all(&fresh);
    if let Err(e) = fill(&fresh, outputs) {
        let _ = fs::remove_dir_all(&fresh);
        return Err(e);
    }
    swap(out, &fresh, &old)
}

/// Writes every output under `dir`, refusing any path that could leave it.
fn fill(dir: &Path, outputs: &[Output]) -> Result<()> {
    fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut folders: Vec<PathBuf> = Vec::new();
    for o in outputs {
        let target = safe_join(dir, &o.path)?;
        if let Some(p) = target.parent()
            && folders.last().is_none_or(|last| last != p)
        {
            folders.push(p.to_path_buf());
        }
    }
    folders.sort();
    folders.dedup();
    for f in &folders {
        fs::create_dir_all(f).with_context(|| format!("cannot create {}", f.display()))?;
    }
    outputs.par_iter().try_for_each(|o| -> Result<()> {
        let target = safe_join(dir, &o.path)?;
        match &o.content {
            Content::Bytes(b) => fs::write(&target, b)
                .with_context(|| format!("cannot write {}", target.display()))?,
            Content::File(src) => {
                fs::copy(src, &target).with_context(|| {
                    format!("cannot copy {} to {}", src.display(), target.display())
                })?;
            }
        }
        Ok(())
    })
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
        let _ = fs::remove_dir_all(old);
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
        let _ = fs::remove_dir_all(old);
    }
    Ok(())
}
