//! Shared helpers for the integration tests: copy a fixture site (plus the repository's
//! default theme) into a temporary folder, run the real `werkplaats` binary on it with a
//! bounded wait, and read what it wrote.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

pub const NOW: &str = "2026-11-21 12:00";

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).into_iter().flatten() {
        let rel = entry.path().strip_prefix(from).expect("inside");
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// A temporary site: `tests/fixtures/minimal`, then the named overlays on top of it, and
/// the repository's default theme.
pub struct Site {
    pub dir: tempfile::TempDir,
}

impl Site {
    pub fn new(overlays: &[&str]) -> Site {
        let dir = tempfile::tempdir().expect("tempdir");
        copy_dir(&repo().join("tests/fixtures/minimal"), dir.path());
        for overlay in overlays {
            copy_dir(&repo().join("tests/fixtures").join(overlay), dir.path());
        }
        copy_dir(
            &repo().join("themes/default"),
            &dir.path().join("themes/default"),
        );
        Site { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, rel: &str, text: impl AsRef<[u8]>) {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }

    pub fn remove(&self, rel: &str) {
        std::fs::remove_file(self.root().join(rel)).expect("remove");
    }

    pub fn run(&self, args: &[&str]) -> Run {
        run_in(self.root(), args)
    }

    /// `build --now NOW` into `<root>/public`.
    pub fn build(&self) -> Run {
        self.run(&["build", "--root", ".", "--now", NOW])
    }

    /// `check --format json` in the site's own message language.
    pub fn check_json(&self) -> (i32, Vec<serde_json::Value>) {
        self.check_json_args(&[])
    }

    /// `check --format json --messages <lang>`.
    pub fn check_json_in(&self, lang: &str) -> (i32, Vec<serde_json::Value>) {
        self.check_json_args(&["--messages", lang])
    }

    fn check_json_args(&self, extra: &[&str]) -> (i32, Vec<serde_json::Value>) {
        let mut args = vec!["check", "--root", ".", "--format", "json", "--now", NOW];
        args.extend_from_slice(extra);
        let r = self.run(&args);
        let diags = r
            .stdout
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON: {l}: {e}")))
            .collect();
        (r.code, diags)
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.root().join(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
    }

    pub fn public(&self) -> BTreeMap<String, Vec<u8>> {
        tree(&self.root().join("public"))
    }
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs the binary with a 120-second limit: a hang fails the test instead of blocking CI.
pub fn run_in(dir: &Path, args: &[&str]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_werkplaats"))
        .args(args)
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn werkplaats");
    // The pipes are read while the child runs: a child with more to say than a pipe
    // holds would otherwise wait for us forever.
    let read = |mut pipe: Box<dyn std::io::Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            String::from_utf8_lossy(&bytes).into_owned()
        })
    };
    let stdout = read(Box::new(child.stdout.take().expect("stdout")));
    let stderr = read(Box::new(child.stderr.take().expect("stderr")));
    let deadline = Instant::now() + Duration::from_secs(120);
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("werkplaats {args:?} did not finish within 120 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let r = Run {
        code: status.code().unwrap_or(-1),
        stdout: stdout.join().expect("stdout reader"),
        stderr: stderr.join().expect("stderr reader"),
    };
    assert!(
        !r.stderr.contains("panicked"),
        "werkplaats panicked: {}",
        r.stderr
    );
    r
}

/// Every file under `dir`, relative path → bytes.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .expect("inside")
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read(e.path()).expect("read"))
        })
        .collect()
}

/// Finds the one diagnostic with `code` in `file`, or panics with all of them.
pub fn find<'a>(diags: &'a [serde_json::Value], code: &str, file: &str) -> &'a serde_json::Value {
    let hits: Vec<_> = diags
        .iter()
        .filter(|d| d["code"] == code && d["file"] == file)
        .collect();
    assert_eq!(
        hits.len(),
        1,
        "expected one `{code}` in {file}, got: {diags:#?}"
    );
    hits[0]
}

/// Runs git in the site with a fixed author and time (`date`, RFC 3339), without the
/// machine's own git settings.
pub fn git(site: &Site, args: &[&str], date: &str) {
    let out = Command::new("git")
        .args(args)
        .current_dir(site.root())
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .env("GIT_AUTHOR_NAME", "Redactie")
        .env("GIT_AUTHOR_EMAIL", "redactie@example.org")
        .env("GIT_COMMITTER_NAME", "Redactie")
        .env("GIT_COMMITTER_EMAIL", "redactie@example.org")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}
