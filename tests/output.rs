//! SPEC §4.1, issue 10: `build` replaces only what it made. Each test is one reproduction
//! from the issue: `--out` through symlinks into `content/` and `themes/`, a folder or file
//! werkplaats did not make, the home folder, temporary folders of killed builds, and
//! modification times of unchanged files.

mod common;
use common::{NOW, Site, tree};
use std::path::Path;
use std::time::{Duration, SystemTime};

fn build_into(site: &Site, out: &Path, extra: &[&str]) -> common::Run {
    let out = out.to_string_lossy().to_string();
    let mut args = vec!["build", "--root", ".", "--now", NOW, "--out", &out];
    args.extend_from_slice(extra);
    site.run(&args)
}

#[test]
fn out_through_a_symlink_into_content_or_themes_is_refused() {
    let site = Site::new(&[]);
    let link = site.root().parent().expect("parent").join(format!(
        "werkplaats-link-{}",
        site.root().file_name().expect("name").to_string_lossy()
    ));
    std::os::unix::fs::symlink(site.root(), &link).expect("symlink");
    let before = tree(site.root());
    for folder in [
        "content",
        "themes",
        "content/events",
        "themes/default/static",
    ] {
        for force in [&[][..], &["--force"][..]] {
            let r = build_into(&site, &link.join(folder), force);
            assert_eq!(r.code, 2, "--out {folder} {force:?}: {}", r.stderr);
            assert!(r.stderr.contains("refusing"), "{}", r.stderr);
        }
    }
    // A link into content/ with a new folder below it: would write content/public.
    let r = build_into(&site, &link.join("content/public"), &[]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("content/"), "{}", r.stderr);
    let r = build_into(&site, &link, &["--force"]);
    assert_eq!(r.code, 2, "the root through a link: {}", r.stderr);
    std::fs::remove_file(&link).expect("unlink");
    assert_eq!(tree(site.root()), before, "not one file changed");
}

#[test]
fn a_content_folder_that_is_itself_a_symlink_is_guarded_at_its_target() {
    let site = Site::new(&[]);
    let real = tempfile::tempdir().expect("tempdir");
    common::copy_dir(&site.root().join("content"), real.path());
    std::fs::remove_dir_all(site.root().join("content")).expect("rm");
    std::os::unix::fs::symlink(real.path(), site.root().join("content")).expect("symlink");
    let before = tree(real.path());
    let r = build_into(&site, &real.path().join("events"), &["--force"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(tree(real.path()), before);
}

#[test]
fn a_folder_werkplaats_did_not_make_is_kept_unless_forced() {
    let site = Site::new(&[]);
    let documents = tempfile::tempdir().expect("tempdir");
    let out = documents.path().join("Documents");
    std::fs::create_dir_all(out.join("belasting")).expect("mkdir");
    std::fs::write(out.join("belasting/2026.pdf"), "mijn aangifte").expect("write");
    let r = build_into(&site, &out, &[]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("--force"),
        "the way out is named: {}",
        r.stderr
    );
    assert_eq!(
        std::fs::read_to_string(out.join("belasting/2026.pdf")).expect("kept"),
        "mijn aangifte"
    );
    assert_eq!(
        std::fs::read_dir(documents.path()).expect("ls").count(),
        1,
        "nothing beside it either"
    );
    // An empty folder holds nothing to lose; a previous build is ours to replace.
    let empty = documents.path().join("leeg");
    std::fs::create_dir(&empty).expect("mkdir");
    assert_eq!(build_into(&site, &empty, &[]).code, 0);
    assert!(empty.join("index.html").exists());
    assert_eq!(build_into(&site, &empty, &[]).code, 0, "a rebuild");
    // With --force the user asked for it.
    let r = build_into(&site, &out, &["--force"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(out.join("index.html").exists());
    assert!(!out.join("belasting").exists());
}

#[test]
fn a_symlinked_output_is_replaced_only_with_force_and_its_target_is_kept() {
    let site = Site::new(&[]);
    let elsewhere = site.root().join("elsewhere");
    std::fs::create_dir_all(elsewhere.join("sub")).expect("mkdir");
    std::fs::write(elsewhere.join("sub/keep.txt"), "mine").expect("write");
    std::os::unix::fs::symlink(&elsewhere, site.root().join("public")).expect("symlink");
    assert_eq!(site.build().code, 2, "a link werkplaats did not make");
    let r = site.run(&["build", "--now", NOW, "--force"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        std::fs::read_to_string(elsewhere.join("sub/keep.txt")).expect("kept"),
        "mine"
    );
    assert!(site.root().join("public/index.html").exists());
}

#[test]
fn files_added_to_a_previous_build_are_not_deleted() {
    // GitHub Pages keeps `.git` and `CNAME` in the published folder.
    let site = Site::new(&[]);
    assert_eq!(site.build().code, 0);
    site.write("public/.git/config", "[core]");
    site.write("public/CNAME", "techniek.example");
    let r = site.build();
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains(".git") && r.stderr.contains("CNAME"),
        "the foreign files are named: {}",
        r.stderr
    );
    assert_eq!(site.read("public/.git/config"), "[core]");
    assert_eq!(site.read("public/CNAME"), "techniek.example");
    let r = site.run(&["build", "--now", NOW, "--force"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!site.root().join("public/CNAME").exists());
}

#[test]
fn a_symlink_to_a_previous_build_is_not_replaced_without_force() {
    let site = Site::new(&[]);
    let www = tempfile::tempdir().expect("tempdir");
    let target = www.path().join("site");
    assert_eq!(build_into(&site, &target, &[]).code, 0);
    std::os::unix::fs::symlink(&target, site.root().join("public")).expect("symlink");
    let r = site.build();
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("symlink"), "{}", r.stderr);
    assert!(
        std::fs::symlink_metadata(site.root().join("public"))
            .expect("link")
            .file_type()
            .is_symlink()
    );
}

#[test]
fn a_folder_the_site_reads_through_a_symlink_is_never_replaced() {
    let site = Site::new(&[]);
    // content/events is a link to a folder beside content/ (inside the root, so allowed).
    std::fs::rename(
        site.root().join("content/events"),
        site.root().join("gedeeld"),
    )
    .expect("move");
    std::os::unix::fs::symlink("../gedeeld", site.root().join("content/events")).expect("symlink");
    assert_eq!(site.build().code, 0, "the link itself is fine");
    let before = tree(&site.root().join("gedeeld"));
    let r = build_into(&site, &site.root().join("gedeeld"), &["--force"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("reads"), "{}", r.stderr);
    assert_eq!(tree(&site.root().join("gedeeld")), before);
}

#[test]
fn a_file_as_out_is_refused_even_with_force() {
    let site = Site::new(&[]);
    let file = site.root().join("notities.txt");
    std::fs::write(&file, "belangrijk").expect("write");
    for force in [&[][..], &["--force"][..]] {
        let r = build_into(&site, &file, force);
        assert_eq!(r.code, 2, "{}", r.stderr);
        assert!(r.stderr.contains("is a file"), "{}", r.stderr);
    }
    assert_eq!(std::fs::read_to_string(&file).expect("kept"), "belangrijk");
}

#[test]
fn the_home_folder_is_refused() {
    let site = Site::new(&[]);
    let home = tempfile::tempdir().expect("tempdir");
    std::fs::write(home.path().join(".bashrc"), "x").expect("write");
    for out in [home.path().to_path_buf(), home.path().join("..")] {
        let r = std::process::Command::new(env!("CARGO_BIN_EXE_werkplaats"))
            .args(["build", "--now", NOW, "--force", "--out"])
            .arg(&out)
            .current_dir(site.root())
            .env("HOME", home.path())
            .output()
            .expect("run");
        let stderr = String::from_utf8_lossy(&r.stderr);
        assert_eq!(r.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains("refusing"), "{stderr}");
        if out == home.path() {
            assert!(stderr.contains("home folder"), "{stderr}");
        }
    }
    assert!(home.path().join(".bashrc").exists());
}

#[test]
fn temporary_folders_of_killed_builds_are_removed_by_the_next_build() {
    let site = Site::new(&[]);
    let root = site.root();
    for stale in [".public.werkplaats-new-4242", ".public.werkplaats-old-4243"] {
        std::fs::create_dir_all(root.join(stale).join("agenda")).expect("mkdir");
        std::fs::write(root.join(stale).join("agenda/index.html"), "x").expect("write");
    }
    std::fs::write(root.join(".public.werkplaats-new-4242.lock"), "").expect("lock");
    // A running build's folder (its lock is held) is left alone.
    std::fs::create_dir_all(root.join(".public.werkplaats-new-4244")).expect("mkdir");
    let held = std::fs::File::create(root.join(".public.werkplaats-new-4244.lock")).expect("lock");
    held.lock().expect("take the lock");
    // Not ours: a name that only looks alike.
    std::fs::create_dir_all(root.join(".public.werkplaats-new-mine")).expect("mkdir");
    assert_eq!(site.build().code, 0);
    let left: Vec<String> = std::fs::read_dir(root)
        .expect("ls")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.contains("werkplaats-"))
        .collect();
    let mut left = left;
    left.sort();
    assert_eq!(
        left,
        [
            ".public.werkplaats-new-4244",
            ".public.werkplaats-new-4244.lock",
            ".public.werkplaats-new-mine"
        ]
    );
}

#[test]
fn a_build_killed_with_sigkill_leaves_nothing_after_the_next_build() {
    let site = Site::new(&[]);
    let temporary = |root: &Path| {
        std::fs::read_dir(root).expect("ls").flatten().any(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with(".public.werkplaats-new-")
        })
    };
    let mut killed_mid_build = 0;
    for _ in 0..20 {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_werkplaats"))
            .args(["build", "--now", NOW])
            .current_dir(site.root())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawn");
        // Kill it while its temporary folder exists.
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while !temporary(site.root())
            && child.try_wait().expect("wait").is_none()
            && std::time::Instant::now() < deadline
        {
            std::thread::sleep(Duration::from_micros(200));
        }
        let _ = child.kill();
        let _ = child.wait();
        if temporary(site.root()) {
            killed_mid_build += 1;
        }
        if killed_mid_build >= 3 {
            break;
        }
    }
    assert!(killed_mid_build >= 1, "never caught a build mid-way");
    let r = site.build();
    assert_eq!(r.code, 0, "{}", r.stderr);
    let left: Vec<String> = std::fs::read_dir(site.root())
        .expect("ls")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.contains("werkplaats-"))
        .collect();
    // A killed build's lock file may be younger than a minute: it is kept until then.
    assert!(
        left.iter().all(|n| n.ends_with(".lock")),
        "no temporary folders: {left:?}"
    );
}

fn mtime(path: &Path) -> SystemTime {
    std::fs::metadata(path)
        .and_then(|m| m.modified())
        .expect("mtime")
}

#[test]
fn unchanged_files_keep_their_modification_time() {
    let site = Site::new(&[]);
    assert_eq!(site.build().code, 0);
    let public = site.root().join("public");
    // Date every file of the build back, as if it were made long ago.
    let long_ago = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000);
    for entry in walkdir::WalkDir::new(&public).into_iter().flatten() {
        if entry.file_type().is_file() {
            std::fs::File::options()
                .write(true)
                .open(entry.path())
                .and_then(|f| f.set_modified(long_ago))
                .expect("set mtime");
        }
    }
    // Someone edits one output file by hand after the build: it is made anew.
    std::fs::File::options()
        .write(true)
        .open(public.join("robots.txt"))
        .and_then(|f| f.set_modified(SystemTime::now()))
        .expect("touch");
    // A file replaced by one of the same size with an old time (`cp -p`) is made anew.
    let agenda = public.join("agenda.schema.json");
    let schema = std::fs::read(&agenda).expect("read");
    let mut forged = schema.clone();
    forged[0] = b' ';
    std::fs::write(&agenda, &forged).expect("write");
    std::fs::File::options()
        .write(true)
        .open(&agenda)
        .and_then(|f| f.set_modified(long_ago))
        .expect("date back");
    let page = site.read("content/courses/lassen.nl.md");
    site.write(
        "content/courses/lassen.nl.md",
        page.replacen("title: Lassen", "title: Lassen vernieuwd", 1),
    );
    assert_eq!(site.build().code, 0);
    let changed = public.join("opleidingen/lassen/index.html");
    assert!(mtime(&changed) > long_ago, "a changed page is new");
    assert!(
        std::fs::read_to_string(&changed)
            .expect("read")
            .contains("Lassen vernieuwd")
    );
    assert_eq!(
        std::fs::read(&agenda).expect("read"),
        schema,
        "the real bytes"
    );
    for same in ["style.css", "organisaties/index.html"] {
        let path = public.join(same);
        assert!(path.exists(), "{same}");
        assert_eq!(mtime(&path), long_ago, "{same} kept its time");
    }
    assert!(mtime(&public.join("robots.txt")) > long_ago);
    // And the output equals a clean build's, byte for byte.
    let clean = tempfile::tempdir().expect("tempdir");
    let out = clean.path().join("schoon");
    assert_eq!(build_into(&site, &out, &[]).code, 0);
    assert_eq!(tree(&public), tree(&out));
}

/// A rebuild trusts the files it kept without reading them again (a site's photos are
/// hundreds of megabytes): taking the previous folder away changes the status time of
/// every file linked from it, so the manifest's time must be later than all of them.
#[cfg(unix)]
#[test]
fn files_kept_by_a_rebuild_are_trusted_by_the_next_without_reading() {
    use std::os::unix::fs::MetadataExt;
    let site = Site::new(&[]);
    assert_eq!(site.build().code, 0);
    assert_eq!(site.build().code, 0);
    let public = site.root().join("public");
    let marker = std::fs::metadata(public.join(".werkplaats-manifest")).expect("marker");
    let written = (marker.mtime(), marker.mtime_nsec());
    let mut files = 0;
    for entry in walkdir::WalkDir::new(&public).into_iter().flatten() {
        if entry.file_type().is_file() && entry.file_name() != ".werkplaats-manifest" {
            let meta = entry.metadata().expect("meta");
            assert!(
                (meta.ctime(), meta.ctime_nsec()) <= written,
                "{} changed after the manifest was written",
                entry.path().display()
            );
            files += 1;
        }
    }
    assert!(files > 50, "{files}");
}
