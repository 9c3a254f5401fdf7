//! werkplaats: a static site generator for regional technology-education information.
//!
//! The pipeline in a screenful: load → parse → assemble → render → write. Each stage is
//! a free function over plain data; content problems travel as `Diagnostic`s, and
//! nothing is written unless the whole build succeeded.

pub(crate) mod agenda;
pub(crate) mod assemble;
pub mod config;
pub mod deploy;
pub mod diagnostic;
pub(crate) mod fields;
pub mod frontmatter;
pub(crate) mod highlight;
pub(crate) mod history;
pub(crate) mod images;
pub(crate) mod kinds;
pub(crate) mod links;
pub(crate) mod load;
pub(crate) mod manifest;
pub(crate) mod markdown;
pub mod messages;
pub mod model;
pub mod newitem;
pub(crate) mod outguard;
pub(crate) mod parse;
pub(crate) mod patch;
pub mod progress;
pub mod render;
pub mod safefs;
pub(crate) mod search;
pub mod serve;
pub(crate) mod site;
pub(crate) mod source;
pub(crate) mod theme;
pub(crate) mod urls;
pub(crate) mod words;
pub(crate) mod write;
pub(crate) mod yaml;

use diagnostic::Diagnostic;
use jiff::Timestamp;
use jiff::civil::DateTime;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// When "now" is: a fixed instant, or a local time in the site's time zone.
#[derive(Debug, Clone, Copy)]
pub enum Now {
    Instant(Timestamp),
    Local(DateTime),
}

impl Now {
    /// Reads `--now`: `YYYY-MM-DD`, `YYYY-MM-DD HH:MM` (site time zone) or RFC 3339.
    pub fn parse(text: &str) -> Option<Now> {
        let text = text.trim();
        if let Ok(t) = text.parse::<Timestamp>() {
            return Some(Now::Instant(t));
        }
        if let Ok(dt) = DateTime::strptime("%Y-%m-%d %H:%M", text) {
            return Some(Now::Local(dt));
        }
        jiff::civil::Date::strptime("%Y-%m-%d", text)
            .ok()
            .map(|d| Now::Local(d.to_datetime(jiff::civil::Time::midnight())))
    }

    /// `SOURCE_DATE_EPOCH` if set, else the clock.
    pub fn from_environment() -> Now {
        let epoch = std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|s| s.trim().parse::<i64>().ok());
        match epoch.and_then(|s| Timestamp::from_second(s).ok()) {
            Some(t) => Now::Instant(t),
            None => Now::Instant(Timestamp::now()),
        }
    }

    fn resolve(self, tz: &jiff::tz::TimeZone) -> Timestamp {
        match self {
            Now::Instant(t) => t,
            Now::Local(dt) => tz
                .to_ambiguous_timestamp(dt)
                .compatible()
                .unwrap_or(Timestamp::UNIX_EPOCH),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Options {
    pub root: PathBuf,
    pub now: Now,
    pub drafts: bool,
    pub base_url: Option<String>,
    /// False for `check`: caches are read but never written (it writes nothing, §4).
    pub writes: bool,
}

/// The result of loading a site: the site and theme if there were no errors, and every
/// diagnostic found on the way.
pub struct Loaded {
    pub site: Option<(site::Site, theme::Theme)>,
    pub diagnostics: Vec<Diagnostic>,
    /// Where the symlinks in `content/` and `themes/` lead (resolved): `build` must not
    /// replace a folder the site is read from.
    pub linked: Vec<PathBuf>,
}

/// A problem with the environment rather than the content (exit code 2).
#[derive(Debug)]
pub struct EnvError(pub String);

impl std::fmt::Display for EnvError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for EnvError {}

/// Prints how long a stage took, when `WERKPLAATS_TIMINGS` is set (for profiling).
pub fn stage(name: &str, since: Instant) {
    if std::env::var_os("WERKPLAATS_TIMINGS").is_some() {
        // The peak resident memory so far and now (Linux), to see which stage grows it.
        let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
        let mib = |key: &str| {
            let line = status.lines().find(|l| l.starts_with(key))?;
            Some(line.split_whitespace().nth(1)?.parse::<u64>().ok()? / 1024)
        };
        let peak = match (mib("VmHWM:"), mib("VmRSS:")) {
            (Some(peak), Some(now)) => format!(", peak {peak} MiB, now {now} MiB"),
            _ => String::new(),
        };
        eprintln!(
            "timing: {name} {:.0} ms{peak}",
            since.elapsed().as_secs_f64() * 1000.0
        );
    }
}

/// Runs `f` as the stage `name` (see `stage`).
pub fn timed<T>(name: &str, f: impl FnOnce() -> T) -> T {
    progress::stage(name);
    let started = Instant::now();
    let out = f();
    stage(name, started);
    out
}

/// What a load keeps for the next one: `serve` keeps one between saves (`Cache::keeping`),
/// so files that did not change are not read or parsed again; `build` and `check` pass an
/// empty one that keeps no parse results.
#[derive(Default)]
pub struct Cache {
    pub read: load::ReadCache,
    pub parse: parse::ParseCache,
    /// The git history the last load read.
    pub history: history::History,
}

impl Cache {
    /// A cache that keeps what it parsed for the next load.
    pub fn keeping() -> Cache {
        Cache {
            parse: parse::ParseCache::keeping(),
            ..Cache::default()
        }
    }
}

/// Stages 1–3 and the theme: everything `check` needs and `build` renders from.
pub fn load_site(opts: &Options, cache: &mut Cache) -> Result<Loaded, EnvError> {
    if !opts.root.join("content").is_dir() {
        return Err(EnvError(format!(
            "{} has no content/ folder: run werkplaats in a site root or pass --root",
            opts.root.display()
        )));
    }
    let mut diags = Vec::new();
    let (rel, text) = match load::load_site_yaml(&opts.root) {
        Ok(x) => x,
        Err(d) => {
            return Ok(Loaded {
                site: None,
                diagnostics: vec![d],
                linked: Vec::new(),
            });
        }
    };
    diags.extend(parse::control_character(&rel, &text));
    let (config, config_diags) = config::parse(Arc::new(frontmatter::yaml_source(&rel, text)));
    diags.extend(config_diags);
    let Some(mut config) = config else {
        return Ok(finish(None, diags, Vec::new()));
    };
    if let Some(url) = &opts.base_url {
        if !fields::is_http_url(url) {
            return Err(EnvError(format!(
                "--base-url must be an absolute http(s) URL, not `{url}`"
            )));
        }
        config.base_url = url.trim_end_matches('/').to_string();
    }
    let loaded = timed("load", || {
        load::load(&opts.root, &config.languages, &mut cache.read)
    });
    diags.extend(loaded.diags);
    let mut linked = loaded.linked;
    let theme_dir = opts.root.join("themes").join(&config.theme);
    for dir in [opts.root.join("themes"), theme_dir] {
        if std::fs::symlink_metadata(&dir).is_ok_and(|m| m.file_type().is_symlink())
            && let Ok(target) = std::fs::canonicalize(&dir)
        {
            linked.push(target);
        }
    }
    // The theme first: its labels are the words suggested for codes while parsing.
    let (theme, theme_diags) = timed("theme", || theme::load(&opts.root, &config));
    diags.extend(theme_diags);
    if let Some(theme) = &theme {
        config.words = Arc::new(words::Words::from_strings(theme.strings.values()));
        config.slugs = Arc::new(words::Slugs::from_strings(&theme.strings));
    }
    let (parsed, parse_diags) = timed("parse", || {
        parse::parse_all(&loaded.files, &config, &mut cache.parse)
    });
    diags.extend(parse_diags);
    let now = opts.now.resolve(&config.timezone);
    let (history, history_diags) = timed("history", || history::History::read(&opts.root));
    diags.extend(history_diags);
    cache.history = history;
    let (site, assemble_diags) = timed("assemble", || {
        assemble::assemble(assemble::Input {
            config,
            files: &loaded.files,
            parsed,
            media: loaded.media,
            now,
            drafts: opts.drafts,
            history: &cache.history,
        })
    });
    diags.extend(assemble_diags);
    let mut site = site;
    if let Some(theme) = &theme {
        let (images, image_diags) = timed("images", || {
            images::probe(&site, &opts.root, &theme.images, opts.writes)
        });
        site.images = Arc::new(images);
        diags.extend(image_diags);
    }
    Ok(finish(theme.map(|t| (site, t)), diags, linked))
}

fn finish(
    site: Option<(site::Site, theme::Theme)>,
    mut diags: Vec<Diagnostic>,
    linked: Vec<PathBuf>,
) -> Loaded {
    diagnostic::sort(&mut diags);
    diags.dedup();
    let failed = diags.iter().any(Diagnostic::is_error);
    Loaded {
        site: site.filter(|_| !failed),
        diagnostics: diags,
        linked,
    }
}

pub struct Report {
    pub pages: usize,
    pub feeds: usize,
    pub files: usize,
    pub elapsed: Duration,
    pub diagnostics: Vec<Diagnostic>,
}

pub enum BuildError {
    /// Content problems: exit 1, nothing written.
    Content(Vec<Diagnostic>),
    /// Environment problems: exit 2.
    Env(String),
}

/// What `render_site` made: the counts, the warnings found on the way, and where the
/// site's symlinks lead.
pub struct SiteRendered {
    pub rendered: render::Rendered,
    pub diagnostics: Vec<Diagnostic>,
    pub linked: Vec<PathBuf>,
}

/// Stages 1–4: every file of the site into `sink`, and the warnings found on the way.
pub fn render_site(opts: &Options, sink: &dyn render::Sink) -> Result<SiteRendered, BuildError> {
    let loaded = load_site(opts, &mut Cache::default()).map_err(|e| BuildError::Env(e.0))?;
    let Some((site, theme)) = loaded.site else {
        return Err(BuildError::Content(loaded.diagnostics));
    };
    // Every diagnostic about the content is made: the pages need none of its files' text.
    timed("release texts", || site.release_texts());
    let rendered = render::render(&site, &theme, sink)
        .map_err(|d| BuildError::Content(loaded.diagnostics.iter().cloned().chain(d).collect()))?;
    Ok(SiteRendered {
        rendered,
        diagnostics: loaded.diagnostics,
        linked: loaded.linked,
    })
}

/// Where `build` writes, and whether it may replace a folder it did not make.
pub struct Target<'a> {
    pub out: &'a Path,
    pub force: bool,
}

/// Builds the site into `target.out`, swapping it in only if everything succeeded.
pub fn build(opts: &Options, target: &Target) -> Result<Report, BuildError> {
    let started = Instant::now();
    let checked = outguard::check(&opts.root, target.out, target.force).map_err(BuildError::Env)?;
    let env = |e: anyhow::Error| BuildError::Env(format!("{e:#}"));
    let folder = write::Folder::create(&checked.entry, checked.previous).map_err(env)?;
    let done = match render_site(opts, &folder) {
        Ok(done) => done,
        Err(e) => {
            folder.abandon();
            return Err(e);
        }
    };
    // Only now is it known where the site's symlinks lead.
    if let Err(e) = outguard::refuse_sources_inside(&checked.entry, &done.linked) {
        folder.abandon();
        return Err(BuildError::Env(e));
    }
    timed("swap", || folder.finish()).map_err(env)?;
    Ok(Report {
        pages: done.rendered.pages,
        feeds: done.rendered.feeds,
        files: done.rendered.files,
        elapsed: started.elapsed(),
        diagnostics: done.diagnostics,
    })
}
