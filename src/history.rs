//! When each content file last changed, for the times subscribers see (SPEC §1.3):
//! the time of the last git commit that touched it, read for the whole site in one
//! `git log` pass, or, for a file that is not committed as it is (new, or edited since),
//! or a site outside git, the file's modification time. Times later than
//! `SOURCE_DATE_EPOCH` are clamped to it. Never the build time, and never a value that
//! goes backwards when the text is edited.

use jiff::Timestamp;
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::SystemTime;

/// What git knows about the site's files, read once per load.
#[derive(Debug, Default, Clone)]
pub struct History {
    /// Path relative to the site root → time of the newest commit that changed it.
    committed: HashMap<String, Timestamp>,
    /// Paths whose working copy differs from the last commit (or that git does not track).
    dirty: HashSet<String>,
    /// `SOURCE_DATE_EPOCH`, if set.
    clamp: Option<Timestamp>,
}

impl History {
    /// Reads the history of `<root>/content` with one `git log` and one `git status`;
    /// empty when the root is not in a git work tree or git is not installed.
    pub fn read(root: &Path) -> History {
        let clamp = std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|s| s.trim().parse::<i64>().ok())
            .and_then(|s| Timestamp::from_second(s).ok());
        let log = git(
            root,
            &[
                "log",
                "--relative",
                "--name-only",
                "--no-renames",
                "--format=format:%x01%ct",
                "--",
                "content",
            ],
        );
        let Some(log) = log else {
            return History {
                clamp,
                ..History::default()
            };
        };
        let status = git(
            root,
            &[
                "status",
                "--porcelain=v1",
                "-z",
                "--untracked-files=all",
                "--",
                "content",
            ],
        )
        .unwrap_or_default();
        // `status --porcelain` names paths from the top of the repository, the log from
        // the root (which may be a subfolder).
        let prefix = git(root, &["rev-parse", "--show-prefix"]).unwrap_or_default();
        let prefix = prefix.trim_end_matches('\n');
        let dirty = parse_status(&status)
            .into_iter()
            .filter_map(|p| p.strip_prefix(prefix).map(str::to_string))
            .collect();
        History {
            committed: parse_log(&log),
            dirty,
            clamp,
        }
    }

    /// When a set of files (one item's languages) last changed: the newest of their times.
    pub fn changed<'a>(
        &self,
        files: impl IntoIterator<Item = (&'a str, Option<SystemTime>)>,
    ) -> Timestamp {
        let newest = files
            .into_iter()
            .filter_map(|(rel, modified)| self.file(rel, modified))
            .max()
            .unwrap_or(Timestamp::UNIX_EPOCH);
        match self.clamp {
            Some(clamp) => newest.min(clamp),
            None => newest,
        }
    }

    fn file(&self, rel: &str, modified: Option<SystemTime>) -> Option<Timestamp> {
        if !self.dirty.contains(rel)
            && let Some(&at) = self.committed.get(rel)
        {
            return Some(at);
        }
        let modified = modified?;
        let seconds = match modified.duration_since(SystemTime::UNIX_EPOCH) {
            Ok(d) => i64::try_from(d.as_secs()).ok()?,
            Err(_) => return None,
        };
        Timestamp::from_second(seconds).ok()
    }
}

/// Runs git in `root`; its output, or `None` if it is missing or fails.
fn git(root: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["-c", "core.quotepath=off"])
        .args(args)
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    String::from_utf8(out.stdout).ok()
}

/// `\x01<unix time>` starts a commit; the names of its files follow, newest commit first.
fn parse_log(log: &str) -> HashMap<String, Timestamp> {
    let mut out = HashMap::new();
    let mut at = None;
    for line in log.lines() {
        if let Some(time) = line.strip_prefix('\u{1}') {
            at = time
                .trim()
                .parse::<i64>()
                .ok()
                .and_then(|s| Timestamp::from_second(s).ok());
        } else if !line.is_empty()
            && let Some(at) = at
        {
            out.entry(line.to_string()).or_insert(at);
        }
    }
    out
}

/// `XY path\0` entries; a rename or copy is followed by its origin, also changed.
fn parse_status(status: &str) -> HashSet<String> {
    let mut out = HashSet::new();
    let mut entries = status.split('\0').filter(|e| !e.is_empty());
    while let Some(entry) = entries.next() {
        let (code, path) = (entry.get(..2).unwrap_or(""), entry.get(3..).unwrap_or(""));
        out.insert(path.to_string());
        if (code.contains('R') || code.contains('C'))
            && let Some(origin) = entries.next()
        {
            out.insert(origin.to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_newest_commit_of_each_file_counts() {
        let log = "\u{1}1800000000\ncontent/events/a.nl.md\n\n\u{1}1700000000\ncontent/events/a.nl.md\ncontent/events/b.nl.md\n";
        let committed = parse_log(log);
        assert_eq!(
            committed["content/events/a.nl.md"].as_second(),
            1_800_000_000
        );
        assert_eq!(
            committed["content/events/b.nl.md"].as_second(),
            1_700_000_000
        );
    }

    #[test]
    fn edited_and_renamed_files_are_dirty() {
        let dirty =
            parse_status(" M content/a.md\0R  content/new.md\0content/old.md\0?? content/c.md\0");
        for path in [
            "content/a.md",
            "content/new.md",
            "content/old.md",
            "content/c.md",
        ] {
            assert!(dirty.contains(path), "{path}");
        }
    }

    #[test]
    fn a_dirty_file_uses_its_modification_time_and_the_clamp_holds() {
        let mut h = History {
            committed: [("a".to_string(), Timestamp::from_second(100).expect("ts"))].into(),
            dirty: HashSet::new(),
            clamp: None,
        };
        let mtime = SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(500);
        assert_eq!(h.changed([("a", Some(mtime))]).as_second(), 100);
        h.dirty.insert("a".into());
        assert_eq!(h.changed([("a", Some(mtime))]).as_second(), 500);
        h.clamp = Timestamp::from_second(300).ok();
        assert_eq!(h.changed([("a", Some(mtime))]).as_second(), 300);
    }
}
