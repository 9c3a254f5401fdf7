//! When each content item last changed, for the times subscribers see (SPEC §1.3): the
//! time of the last git commit that touched any file the item has or had (a deleted
//! translation, a file moved to a subfolder: matched by folder and id), read for the whole
//! site in one `git log` pass; a file that is not committed as it is (new, or edited since)
//! also counts with its modification time; a site outside git has modification times
//! only. Times later than `SOURCE_DATE_EPOCH` are clamped to it. Never the build time, and
//! inside git never a value that goes backwards when a file changes.

use crate::diagnostic::Diagnostic;
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
    /// Content folder → id → time of the newest commit that changed any file of the item,
    /// including files it no longer has.
    items: HashMap<String, HashMap<String, Timestamp>>,
    /// Paths whose working copy differs from the last commit (or that git does not track).
    dirty: HashSet<String>,
    /// `SOURCE_DATE_EPOCH`, if set.
    clamp: Option<Timestamp>,
    /// Where the site root is in the repository (`git rev-parse --show-prefix`).
    prefix: String,
    /// Read from git (not a site outside git).
    in_git: bool,
}

impl History {
    /// Reads the history of `<root>/content` with one `git log` and one `git status`;
    /// empty when the root is not in a git work tree or git is not installed. A warning
    /// says when git is there but cannot be read, or the clone is shallow (its oldest
    /// commit then stands for every file not changed since).
    pub fn read(root: &Path) -> (History, Vec<Diagnostic>) {
        let clamp = std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|s| s.trim().parse::<i64>().ok())
            .and_then(|s| Timestamp::from_second(s).ok());
        let outside = History {
            clamp,
            ..History::default()
        };
        let mut warnings = Vec::new();
        let shallow = match git(root, &["rev-parse", "--is-shallow-repository"]) {
            Git::Missing | Git::Failed(None) => return (outside, warnings),
            Git::Failed(Some(reason)) => {
                warnings.push(unreadable(&reason));
                return (outside, warnings);
            }
            Git::Ran(out) => out.trim() == "true",
        };
        if shallow {
            warnings.push(
                Diagnostic::warning("shallow-history", "content", crate::msg!(ShallowHistory))
                    .with_help(crate::msg!(ShallowHistoryHelp)),
            );
        }
        let log = match git(
            root,
            &[
                "log",
                "-z",
                "--relative",
                "--name-only",
                "--no-renames",
                "--format=format:%x01%ct",
                "--",
                "content",
            ],
        ) {
            Git::Ran(log) => log,
            Git::Failed(Some(reason)) => {
                warnings.push(unreadable(&reason));
                return (outside, warnings);
            }
            // No commits yet: no history.
            Git::Failed(None) | Git::Missing => return (outside, warnings),
        };
        let status = match git(root, &status_of(&["content"])) {
            Git::Ran(status) => status,
            _ => String::new(),
        };
        // `status --porcelain` names paths from the top of the repository, the log from
        // the root (which may be a subfolder).
        let prefix = match git(root, &["rev-parse", "--show-prefix"]) {
            Git::Ran(p) => p.trim_end_matches('\n').to_string(),
            _ => String::new(),
        };
        let dirty = parse_status(&status)
            .into_iter()
            .filter_map(|p| p.strip_prefix(prefix.as_str()).map(str::to_string))
            .collect();
        let committed = parse_log(&log);
        let items = items_of(&committed);
        (
            History {
                committed,
                items,
                dirty,
                clamp,
                prefix,
                in_git: true,
            },
            warnings,
        )
    }

    /// Asks git again whether the files at `rels` (relative to the root) are committed as
    /// they are: a save in `serve` changes that without a new load. False if git could not
    /// be asked; outside git there is nothing to ask.
    pub fn refresh(&mut self, root: &Path, rels: &[&str]) -> bool {
        if !self.in_git || rels.is_empty() {
            return true;
        }
        let Git::Ran(status) = git(root, &status_of(rels)) else {
            return false;
        };
        for rel in rels {
            self.dirty.remove(*rel);
        }
        let prefix = self.prefix.as_str();
        self.dirty.extend(
            parse_status(&status)
                .into_iter()
                .filter_map(|p| p.strip_prefix(prefix).map(str::to_string)),
        );
        true
    }

    /// Clamps a time to `SOURCE_DATE_EPOCH`, if set.
    pub fn clamp(&self, t: Timestamp) -> Timestamp {
        match self.clamp {
            Some(clamp) => t.min(clamp),
            None => t,
        }
    }

    /// When the item `id` in `content/<folder>/` last changed, given the files it has now
    /// with their modification times: the newest of its commits (also of files it no
    /// longer has) and of the times of files not committed as they are.
    pub fn changed<'a>(
        &self,
        folder: &str,
        id: &str,
        files: impl IntoIterator<Item = (&'a str, Option<SystemTime>)>,
    ) -> Timestamp {
        let committed = self.items.get(folder).and_then(|ids| ids.get(id)).copied();
        let newest = files
            .into_iter()
            .filter_map(|(rel, modified)| self.file(rel, modified))
            .chain(committed)
            .max()
            .unwrap_or(Timestamp::UNIX_EPOCH);
        self.clamp(newest)
    }

    /// A file's own time: its last commit, and its modification time if it is not
    /// committed as it is (the later of the two, so an edit never moves it back).
    fn file(&self, rel: &str, modified: Option<SystemTime>) -> Option<Timestamp> {
        let committed = self.committed.get(rel).copied();
        if committed.is_some() && !self.dirty.contains(rel) {
            return committed;
        }
        let modified = modified.and_then(|m| {
            let seconds = m.duration_since(SystemTime::UNIX_EPOCH).ok()?.as_secs();
            Timestamp::from_second(i64::try_from(seconds).ok()?).ok()
        });
        committed.max(modified)
    }
}

/// The newest commit time of every item, from the times of its paths.
fn items_of(committed: &HashMap<String, Timestamp>) -> HashMap<String, HashMap<String, Timestamp>> {
    let mut items: HashMap<String, HashMap<String, Timestamp>> = HashMap::new();
    for (path, &at) in committed {
        if let Some((folder, id)) = item_of(path) {
            let entry = items.entry(folder).or_default().entry(id).or_insert(at);
            *entry = (*entry).max(at);
        }
    }
    items
}

/// The item a content path belongs to: `content/events/2027/x.nl.md` → (`events`, `x`).
fn item_of(path: &str) -> Option<(String, String)> {
    let mut parts = path.split('/');
    if parts.next()? != "content" {
        return None;
    }
    let folder = parts.next()?;
    let id = crate::model::id_of_file_name(path.rsplit('/').next()?)?;
    Some((folder.to_string(), id.to_string()))
}

fn unreadable(reason: &str) -> Diagnostic {
    Diagnostic::warning(
        "git-unreadable",
        "content",
        crate::msg!(
            GitUnreadable,
            reason = reason.lines().next().unwrap_or(reason).trim()
        ),
    )
    .with_help(crate::msg!(GitUnreadableHelp))
}

enum Git {
    /// Not installed (or not runnable).
    Missing,
    /// It ran and failed: why, unless the root is simply not in a repository.
    Failed(Option<String>),
    Ran(String),
}

/// Runs git in `root`.
/// `git status` of `paths`: every file not committed as it is, untracked ones too.
fn status_of<'a>(paths: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "status",
        "--porcelain=v1",
        "-z",
        "--untracked-files=all",
        "--",
    ];
    args.extend_from_slice(paths);
    args
}

fn git(root: &Path, args: &[&str]) -> Git {
    let out = match Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["-c", "core.quotepath=off"])
        .args(args)
        .env("LC_ALL", "C")
        .stdin(Stdio::null())
        .output()
    {
        Ok(out) => out,
        Err(_) => return Git::Missing,
    };
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr).to_string();
        // Outside a repository, or in one without commits yet: no history, no warning.
        let outside =
            stderr.contains("not a git repository") || stderr.contains("does not have any commits");
        return Git::Failed((!outside).then_some(stderr));
    }
    match String::from_utf8(out.stdout) {
        Ok(text) => Git::Ran(text),
        Err(_) => Git::Failed(Some("its output is not UTF-8".into())),
    }
}

/// `\x01<unix time>\n` starts a commit; the names of its files follow, each ended by NUL
/// (`-z`: no quoting, whatever the name holds). The newest time per file wins (merges and
/// skewed clocks can put an older commit first).
fn parse_log(log: &str) -> HashMap<String, Timestamp> {
    let mut out = HashMap::new();
    let mut at = None;
    for token in log.split('\0') {
        let mut path = token.trim_start_matches('\n');
        if let Some(commit) = path.strip_prefix('\u{1}') {
            let (time, first) = commit.split_once('\n').unwrap_or((commit, ""));
            at = time
                .trim()
                .parse::<i64>()
                .ok()
                .and_then(|s| Timestamp::from_second(s).ok());
            path = first;
        }
        if let (false, Some(at)) = (path.is_empty(), at) {
            let entry = out.entry(path.to_string()).or_insert(at);
            *entry = (*entry).max(at);
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
        let log = "\u{1}1800000000\ncontent/events/a.nl.md\0\0\u{1}1700000000\ncontent/events/a.nl.md\0content/events/b \"c\".nl.md\0";
        let committed = parse_log(log);
        assert_eq!(
            committed["content/events/a.nl.md"].as_second(),
            1_800_000_000
        );
        assert_eq!(
            committed["content/events/b \"c\".nl.md"].as_second(),
            1_700_000_000,
            "names are read as they are, not quoted"
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
    fn a_dirty_file_counts_with_the_later_of_its_times_and_the_clamp_holds() {
        let a = "content/events/a.nl.md";
        let mut h = History {
            committed: [(a.to_string(), Timestamp::from_second(100).expect("ts"))].into(),
            ..History::default()
        };
        let at = |s| SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(s);
        assert_eq!(
            h.changed("events", "a", [(a, Some(at(500)))]).as_second(),
            100
        );
        h.dirty.insert(a.into());
        assert_eq!(
            h.changed("events", "a", [(a, Some(at(500)))]).as_second(),
            500
        );
        // An edit that keeps an older modification time (cp -p) never moves it back.
        assert_eq!(
            h.changed("events", "a", [(a, Some(at(50)))]).as_second(),
            100
        );
        h.clamp = Timestamp::from_second(300).ok();
        assert_eq!(
            h.changed("events", "a", [(a, Some(at(500)))]).as_second(),
            300
        );
    }

    #[test]
    fn files_an_item_no_longer_has_still_count() {
        let log = "\u{1}300\ncontent/events/a.en.md\0\0\u{1}200\ncontent/events/2026/a.nl.md\0\0\u{1}100\ncontent/events/a.nl.md\0";
        let committed = parse_log(log);
        let h = History {
            items: items_of(&committed),
            committed,
            ..History::default()
        };
        // Only the moved Dutch file is left: the deleted translation's commit still counts.
        let now = [("content/events/2026/a.nl.md", None)];
        assert_eq!(h.changed("events", "a", now).as_second(), 300);
        assert_eq!(
            item_of("content/locations/x.yaml"),
            Some(("locations".into(), "x".into()))
        );
        assert_eq!(
            item_of("content/pages/v1.2.md"),
            Some(("pages".into(), "v1.2".into()))
        );
    }
}
