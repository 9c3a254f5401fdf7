//! `werkplaats serve`: assembles the site in memory with the base URL rewritten to the
//! local address, serves it with tiny_http (one thread per request, so long-polling tabs
//! never starve page requests), watches `content/` and `themes/`, and after each save
//! makes the new site, swaps it in with one pointer store, and only then wakes the waiting
//! browser tabs. A save that changed only what some events and courses say is patched
//! into the last site (`crate::patch`: the files the watcher named, read and parsed again,
//! nothing else); any other save re-parses the files whose text changed and assembles the
//! whole site again. Files are made from the published site when asked for, so a reload
//! never sees a half-built site and the wait does not grow with the number of pages. A
//! failed rebuild keeps the last good site and adds an overlay naming the problems.
//! `public/` is never touched; only paths in the site's plan are ever served.

mod backend;
mod door;
mod http;
pub mod inject;
mod watch;

use crate::diagnostic::Diagnostic;
use crate::render::{Content, Job, Plan, Uses};
use crate::site::Site;
use crate::theme::Theme;
use crate::{EnvError, Options};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, OnceLock, RwLock};
use std::time::{Duration, Instant};

pub struct ServeOptions {
    pub options: Options,
    pub bind: String,
    pub port: u16,
    pub poll: bool,
    /// `--messages`: the language of messages, else the site's default language.
    pub messages: Option<crate::model::Lang>,
}

/// A site as served: the assembled site and its plan. Files are made when a browser asks
/// for them (each at most once per generation), so a save is visible as soon as the site
/// is assembled, however large it is; a background pass then makes every file once to
/// find template errors on pages nobody has opened, on threads of the lowest priority.
pub struct Served {
    site: Site,
    theme: Arc<Theme>,
    plan: Plan,
    /// Every file of the site, shared with the sites patched from this one.
    layout: Arc<Layout>,
    counts: crate::render::Rendered,
    /// Which files show each event and course: found by the background check of every
    /// file, kept by the sites patched from this one (a patch changes no list).
    deps: OnceLock<Arc<Deps>>,
    /// The events and courses whose files the background check must make again: those
    /// this site changed, and those of earlier patches whose check did not finish clean.
    /// `None`: every file.
    changed: Option<Vec<Uses>>,
    /// Its background check made what it had to and found no problem.
    checked: AtomicBool,
    made: Mutex<HashMap<usize, Arc<Vec<u8>>>>,
    /// The search index's files (`pagefind/…`): made after the site is published, so a
    /// save reloads the page first; a browser asking for them waits until they are made.
    search: OnceLock<Result<Files, Diagnostic>>,
}

/// Files by their path in the site.
type Files = HashMap<String, Arc<Vec<u8>>>;

/// For each event and course, the files (indexes into `Layout::jobs`) that show it.
type Deps = HashMap<Uses, Vec<u32>>;

/// The jobs of a plan's files, and their paths → index into `jobs`.
struct Layout {
    jobs: Vec<Job>,
    index: HashMap<String, usize>,
}

impl Served {
    pub fn new(site: Site, theme: Theme) -> Result<Served, Vec<Diagnostic>> {
        let mut plan = Plan::new(&site, &theme)?;
        let counts = plan.counts();
        let files = std::mem::take(&mut plan.files);
        let mut jobs = Vec::with_capacity(files.len());
        let mut index = HashMap::with_capacity(files.len());
        for (i, (path, job)) in files.into_iter().enumerate() {
            jobs.push(job);
            index.insert(path, i);
        }
        Ok(Served {
            site,
            theme: Arc::new(theme),
            plan,
            layout: Arc::new(Layout { jobs, index }),
            counts,
            deps: OnceLock::new(),
            changed: None,
            checked: AtomicBool::new(false),
            made: Mutex::new(HashMap::new()),
            search: OnceLock::new(),
        })
    }

    /// This site with `site` in its place: a site patched from this one (`patch`), with
    /// the same files, theme and relations. Nothing made for this site is kept.
    fn patched(&self, site: Site, changed: Vec<Uses>) -> Served {
        let deps = OnceLock::new();
        if let Some(known) = self.deps.get() {
            let _ = deps.set(known.clone());
        }
        let plan = self.plan.patched(&site, &self.theme, &changed);
        let to_check = match (&self.changed, self.checked.load(Ordering::SeqCst)) {
            (_, true) => Some(changed),
            (Some(before), false) => {
                let mut all: Vec<Uses> = before.iter().chain(&changed).copied().collect();
                all.sort_unstable();
                all.dedup();
                Some(all)
            }
            (None, false) => None,
        };
        Served {
            plan,
            site,
            theme: self.theme.clone(),
            layout: self.layout.clone(),
            counts: self.counts,
            deps,
            changed: to_check,
            checked: AtomicBool::new(false),
            made: Mutex::new(HashMap::new()),
            search: OnceLock::new(),
        }
    }

    pub fn contains(&self, path: &str) -> bool {
        self.layout.index.contains_key(path)
    }

    /// The search index of this site, made on the first call (later calls wait for it).
    fn search(&self) -> &Result<Files, Diagnostic> {
        self.search.get_or_init(|| {
            crate::render::search_files(&self.site, &self.theme).map(|files| {
                files
                    .into_iter()
                    .map(|(path, bytes)| (path, Arc::new(bytes)))
                    .collect()
            })
        })
    }

    /// The bytes of the file at `path`: `None` if the site has no such file, an error if
    /// its page does not render.
    pub fn get(&self, path: &str) -> Option<Result<Arc<Vec<u8>>, Diagnostic>> {
        if path.starts_with(crate::search::FOLDER)
            && path[crate::search::FOLDER.len()..].starts_with('/')
        {
            return match self.search() {
                Ok(files) => files.get(path).map(|b| Ok(b.clone())),
                Err(d) => Some(Err(d.clone())),
            };
        }
        let &i = self.layout.index.get(path)?;
        if let Some(bytes) = lock(&self.made).get(&i) {
            return Some(Ok(bytes.clone()));
        }
        let job = self.layout.jobs[i];
        let made = match self.plan.make(&self.site, &self.theme, job) {
            Ok(Content::Bytes(b)) => Arc::new(b),
            // Static and media files are read when asked for, never kept, and only while
            // the path still holds the file that was loaded (not one swapped in since).
            // A picture's variant is the cache's own file, made just now if it was not there.
            Ok(Content::File(p)) if matches!(job, Job::Image(..)) => {
                return crate::safefs::read(&p).ok().map(|b| Ok(Arc::new(b)));
            }
            Ok(Content::File(p)) => {
                let identity = match job {
                    Job::Media(m) => self.site.media[m].identity,
                    Job::Static(s) => self.theme.statics[s].identity,
                    _ => None,
                };
                return identity
                    .and_then(|id| crate::safefs::read_same(&p, &id))
                    .map(|b| Ok(Arc::new(b)));
            }
            Err(d) => return Some(Err(d)),
        };
        lock(&self.made).insert(i, made.clone());
        Some(Ok(made))
    }
}

/// A lock that a panicked holder did not poison for the others.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// What is served now.
pub struct Snapshot {
    /// The last good site, if any build succeeded yet.
    pub site: Option<Arc<Served>>,
    /// Problems of the last rebuild if it failed (then `site` is the last good one), or
    /// pages of the current site that do not render.
    pub errors: Vec<Diagnostic>,
    /// The last rebuild failed, so `site` is an older one.
    pub stale: bool,
    pub generation: u64,
    /// The language the overlay speaks.
    pub lang: crate::model::Lang,
}

/// The state shared by the server threads and the watcher.
pub struct Shared {
    snapshot: RwLock<Arc<Snapshot>>,
    generation: Mutex<u64>,
    changed: Condvar,
    /// The newest generation handed out (a rebuild in progress may not be published yet).
    latest: AtomicU64,
    pub stop: AtomicBool,
}

impl Shared {
    pub fn current(&self) -> Arc<Snapshot> {
        self.snapshot
            .read()
            .map(|s| s.clone())
            .unwrap_or_else(|e| e.into_inner().clone())
    }

    fn next_generation(&self) -> u64 {
        self.latest.fetch_add(1, Ordering::SeqCst) + 1
    }

    /// The generation after `generation` if that is still the newest (no save since), so
    /// that what was found about a site is never published over a newer one.
    fn next_generation_after(&self, generation: u64) -> Option<u64> {
        self.latest
            .compare_exchange(
                generation,
                generation + 1,
                Ordering::SeqCst,
                Ordering::SeqCst,
            )
            .ok()
            .map(|g| g + 1)
    }

    fn is_latest(&self, generation: u64) -> bool {
        self.latest.load(Ordering::SeqCst) == generation
    }

    /// Puts a complete snapshot in place, then wakes every waiting tab. A snapshot older
    /// than the one served is dropped.
    fn publish(&self, snapshot: Snapshot) {
        let generation = snapshot.generation;
        {
            let mut slot = self.snapshot.write().unwrap_or_else(|e| e.into_inner());
            if slot.generation > generation {
                return;
            }
            *slot = Arc::new(snapshot);
        }
        let mut g = lock(&self.generation);
        *g = generation;
        self.changed.notify_all();
    }

    /// Waits until the generation differs from `since` (or `timeout` passes); returns it.
    pub fn wait(&self, since: u64, timeout: Duration) -> u64 {
        let deadline = Instant::now() + timeout;
        let mut g = lock(&self.generation);
        while *g == since && !self.stop.load(Ordering::Relaxed) {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            g = match self
                .changed
                .wait_timeout(g, left.min(Duration::from_millis(500)))
            {
                Ok((guard, _)) => guard,
                Err(e) => e.into_inner().0,
            };
        }
        *g
    }
}

/// Builds once, then serves until Ctrl-C. Environment problems (port in use) are errors.
pub fn serve(opts: ServeOptions) -> Result<(), EnvError> {
    let fd_limit = door::raise_fd_limit();
    let address = format!("{}:{}", opts.bind, opts.port);
    let listener = std::net::TcpListener::bind(&address).map_err(|e| {
        EnvError(format!(
            "cannot listen on {address}: {e} (is another server using the port? try --port 0)"
        ))
    })?;
    let local = listener
        .local_addr()
        .map_err(|e| EnvError(format!("the server has no address: {e}")))?;
    let host = if local.ip().is_unspecified() {
        "127.0.0.1".to_string()
    } else {
        local.ip().to_string()
    };
    let base_url = format!("http://{host}:{}", local.port());
    let hosts = http::Hosts {
        ip: local.ip(),
        port: local.port(),
    };
    let mut options = opts.options.clone();
    options.base_url = Some(base_url.clone());
    // The watcher names files by the path it watches: an absolute root makes those the
    // paths loading reads, and the ones a save is shown by relative to the root.
    if let Ok(root) = std::path::absolute(&options.root) {
        options.root = root;
    }

    let shared = Arc::new(Shared {
        snapshot: RwLock::new(Arc::new(Snapshot {
            site: None,
            errors: Vec::new(),
            stale: false,
            generation: 0,
            lang: crate::messages::choose(opts.messages, None),
        })),
        generation: Mutex::new(0),
        changed: Condvar::new(),
        latest: AtomicU64::new(0),
        stop: AtomicBool::new(false),
    });
    // Watch before the first build, so no save is missed; the watcher acts on what it saw
    // only once the first build is in place.
    let (ready, ready_rx) = std::sync::mpsc::channel();
    let _watcher = watch::start(&options, opts.poll, shared.clone(), ready_rx)?;
    let mut rebuilder = Rebuilder::new(options, opts.messages);
    rebuilder.rebuild(&shared, None)?;
    let _ = ready.send(rebuilder);
    let lang = crate::messages::choose(
        opts.messages,
        crate::config::message_lang(&opts.options.root),
    );
    println!(
        "{}",
        crate::msg!(ServeListening, url = format!("{base_url}/")).text(lang)
    );

    let handler: backend::Handler = {
        let shared = shared.clone();
        Arc::new(move |request| http::respond(request, &shared, hosts))
    };
    let backend = backend::Backend::start(handler)
        .map_err(|e| EnvError(format!("cannot start the local server: {e}")))?;
    quiet_tiny_http_panics();
    {
        let shared = shared.clone();
        let backend = backend.clone();
        ctrlc::set_handler(move || {
            shared.stop.store(true, Ordering::Relaxed);
            shared.changed.notify_all();
            backend.stop();
        })
        .map_err(|e| EnvError(format!("cannot handle Ctrl-C: {e}")))?;
    }
    {
        let shared = shared.clone();
        let backend = backend.clone();
        std::thread::spawn(move || {
            door::run(listener, backend, fd_limit, move || {
                shared.stop.load(Ordering::Relaxed)
            })
        });
    }
    while !shared.stop.load(Ordering::Relaxed) {
        std::thread::sleep(Duration::from_millis(100));
    }
    println!("{}", crate::msg!(ServeStopped).text(lang));
    Ok(())
}

/// The last rebuild failed because files could not be opened for want of descriptors
/// (not because of the content): worth trying again by itself.
fn short_of_descriptors(snapshot: &Snapshot) -> bool {
    snapshot.stale
        && snapshot
            .errors
            .iter()
            .any(|d| d.code == "too-many-open-files")
}

/// tiny_http's accept thread panics when descriptors run out (the backend then starts a
/// new one); say so in one plain line instead of a panic report. Every other panic is
/// reported as usual.
fn quiet_tiny_http_panics() {
    let usual = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let in_tiny_http = info
            .location()
            .is_some_and(|l| l.file().contains("tiny_http"));
        let payload = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or("");
        let out_of_descriptors = payload.contains(&format!("code: {}", libc::EMFILE))
            || payload.contains(&format!("code: {}", libc::ENFILE));
        if in_tiny_http && out_of_descriptors {
            eprintln!("serve: out of file descriptors for a moment; connections wait");
        } else {
            usual(info);
        }
    }));
}

/// What the watcher keeps between rebuilds: parsed files by text, and the warnings
/// already shown (a save repeats only new ones in the terminal).
pub struct Rebuilder {
    options: Options,
    messages: Option<crate::model::Lang>,
    cache: crate::Cache,
    /// The warnings of the last rebuild, shown in the terminal (a patch changes them).
    warnings: Vec<Diagnostic>,
    /// The site this rebuilder published last, if its rebuild succeeded: the next save
    /// may be patched onto it.
    served: Option<Arc<Served>>,
}

/// One rebuild: its generation, the language it speaks, the file that was saved.
struct Round<'a> {
    generation: u64,
    lang: crate::model::Lang,
    changed: Option<&'a str>,
}

/// How long the background check waits, so the reloading tabs' requests go first.
const CHECK_DELAY: Duration = Duration::from_millis(150);

/// How long the search index waits for the next save (it costs the size of the site).
const INDEX_DELAY: Duration = Duration::from_millis(1000);

impl Rebuilder {
    pub fn new(options: Options, messages: Option<crate::model::Lang>) -> Rebuilder {
        Rebuilder {
            options,
            messages,
            cache: crate::Cache::keeping(),
            warnings: Vec::new(),
            served: None,
        }
    }

    pub fn options(&self) -> &Options {
        &self.options
    }

    /// Files named by change events: read again whatever their times say.
    pub fn touched(&mut self, paths: impl IntoIterator<Item = std::path::PathBuf>) {
        self.cache.read.dirty.extend(paths);
    }

    /// Loads, parses (changed files only) and assembles the site and publishes it as a new
    /// generation; pages are made on request. A save that changed only what some events
    /// and courses say is patched into the last site instead (`patch`), in the time of the
    /// files it changed. On content errors the last good site stays, with the errors for
    /// the overlay. Then checks every file in the background.
    pub fn rebuild(&mut self, shared: &Arc<Shared>, changed: Option<&str>) -> Result<(), EnvError> {
        let started = Instant::now();
        let generation = shared.next_generation();
        let lang = crate::messages::choose(
            self.messages,
            crate::config::message_lang(&self.options.root),
        );
        let round = Round {
            generation,
            lang,
            changed,
        };
        let previous = shared.current();
        // Patched only onto the site this rebuilder made last, if that one was good.
        if let Some(last) = self.served.clone() {
            let mut touched: Vec<std::path::PathBuf> =
                self.cache.read.dirty.iter().cloned().collect();
            touched.sort();
            let patched = crate::timed("patch", || {
                crate::patch::patch(
                    &last.site,
                    &self.warnings,
                    &self.options.root,
                    &touched,
                    &mut self.cache,
                )
            });
            if let Some(patched) = patched {
                if patched.items.is_empty() {
                    // A name that came and went: nothing the site shows changed.
                    return Ok(());
                }
                let items = patched.items.len();
                let served =
                    crate::timed("patch: plan", || last.patched(patched.site, patched.items));
                let what = crate::msg!(
                    ServePatched,
                    items = items,
                    ms = started.elapsed().as_millis() as u64
                );
                self.publish(shared, served, patched.warnings, what, &round);
                return Ok(());
            }
        }
        let loaded = crate::load_site(&self.options, &mut self.cache);
        let loaded = match loaded {
            Ok(l) => l,
            Err(e) => {
                if previous.site.is_none() && generation == 1 {
                    return Err(e);
                }
                eprintln!("error: {e}");
                return Ok(());
            }
        };
        let warnings: Vec<Diagnostic> = loaded
            .diagnostics
            .iter()
            .filter(|d| !d.is_error())
            .cloned()
            .collect();
        let served = crate::timed("plan", || {
            loaded.site.map(|(site, theme)| Served::new(site, theme))
        });
        let errors = match served {
            Some(Ok(served)) => {
                let counts = served.counts;
                let what = crate::msg!(
                    ServeRebuilt,
                    ms = started.elapsed().as_millis() as u64,
                    pages = counts.pages,
                    feeds = counts.feeds,
                    files = counts.files
                );
                self.publish(shared, served, warnings, what, &round);
                return Ok(());
            }
            Some(Err(diags)) => diags,
            None => loaded
                .diagnostics
                .into_iter()
                .filter(Diagnostic::is_error)
                .collect(),
        };
        self.show_warnings(warnings, lang);
        // The caches now hold what failed: the next save loads the whole site again.
        self.served = None;
        for d in &errors {
            eprint!("{}", d.human(lang));
        }
        if previous.site.is_none() {
            eprintln!(
                "{}",
                crate::msg!(ServeNothingYet, errors = errors.len()).text(lang)
            );
        } else {
            eprintln!(
                "{}",
                crate::msg!(ServeLastGood, errors = errors.len()).text(lang)
            );
        }
        shared.publish(Snapshot {
            site: previous.site.clone(),
            errors,
            stale: true,
            generation,
            lang,
        });
        Ok(())
    }

    /// Prints the warnings the last rebuild did not have (a save repeats only new ones)
    /// and keeps them as the last rebuild's.
    fn show_warnings(&mut self, warnings: Vec<Diagnostic>, lang: crate::model::Lang) {
        let shown: HashSet<&Diagnostic> = self.warnings.iter().collect();
        for d in warnings.iter().filter(|d| !shown.contains(d)) {
            eprint!("{}", d.human(lang));
        }
        self.warnings = warnings;
    }

    /// Publishes a good site as the round's generation, says so in one line (`rebuilt`),
    /// and starts the search index and the check of every file in the background.
    fn publish(
        &mut self,
        shared: &Arc<Shared>,
        served: Served,
        warnings: Vec<Diagnostic>,
        rebuilt: crate::messages::Msg,
        round: &Round,
    ) {
        let Round {
            generation,
            lang,
            changed,
        } = *round;
        let mut line = match changed {
            Some(c) => crate::msg!(ServeAfter, file = c, rebuilt = rebuilt),
            None => rebuilt,
        }
        .text(lang);
        if !warnings.is_empty() {
            line.push_str(&crate::msg!(ServeWarnings, warnings = warnings.len()).text(lang));
        }
        self.show_warnings(warnings, lang);
        let served = Arc::new(served);
        self.served = Some(served.clone());
        crate::timed("publish", || {
            shared.publish(Snapshot {
                site: Some(served.clone()),
                errors: Vec::new(),
                stale: false,
                generation,
                lang,
            })
        });
        println!("{line}");
        index_in_background(shared.clone(), &served, generation, lang);
        check_in_background(shared.clone(), served, generation, lang);
    }
}

/// Where the background work runs (the search index, the check of every file): threads
/// of their own at the lowest scheduling priority, so that the next save's rebuild and
/// the reloading tab's requests get the cores first. `None` if the pool could not be
/// made: then the work shares the usual threads.
fn background() -> Option<&'static rayon::ThreadPool> {
    static POOL: OnceLock<Option<rayon::ThreadPool>> = OnceLock::new();
    POOL.get_or_init(|| {
        rayon::ThreadPoolBuilder::new()
            .thread_name(|i| format!("werkplaats-background-{i}"))
            .start_handler(|_| lowest_priority())
            .build()
            .ok()
    })
    .as_ref()
}

/// Runs `f` on the background threads (see `background`).
fn in_background<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    match background() {
        Some(pool) => pool.install(f),
        None => f(),
    }
}

/// Gives the calling thread the lowest priority (nice 19). On Linux a thread's nice value
/// is its own, so only the background threads are lowered. If the system refuses, the
/// thread keeps its priority: nothing but speed depends on it.
fn lowest_priority() {
    #[cfg(target_os = "linux")]
    let _ = rustix::process::setpriority_process(Some(rustix::thread::gettid()), 19);
}

/// Makes the search index of `served` once saves have paused, unless a newer save came
/// first (then the newer site makes its own); a search page asking for it sooner makes it
/// then.
fn index_in_background(
    shared: Arc<Shared>,
    served: &Arc<Served>,
    generation: u64,
    lang: crate::model::Lang,
) {
    // One index at a time: a save during one leaves the next to the newest site only.
    static INDEXING: Mutex<()> = Mutex::new(());
    let served = Arc::downgrade(served);
    std::thread::spawn(move || {
        std::thread::sleep(INDEX_DELAY);
        let _one = lock(&INDEXING);
        if !shared.is_latest(generation) {
            return;
        }
        let Some(served) = served.upgrade() else {
            return;
        };
        if let Err(d) = in_background(|| served.search()) {
            eprint!("{}", d.human(lang));
        }
    });
}

/// Makes every file of `served` once (keeping nothing) to find pages whose templates fail,
/// and notes which files show each event and course; a site patched from another makes
/// only the files that show what the patch changed, when that is known. Stops as soon as
/// a newer save is being built. Failures are published with the same site so that open
/// tabs reload and show them.
fn check_in_background(
    shared: Arc<Shared>,
    served: Arc<Served>,
    generation: u64,
    lang: crate::model::Lang,
) {
    std::thread::spawn(move || {
        std::thread::sleep(CHECK_DELAY);
        let started = Instant::now();
        let errors = Mutex::new(Vec::new());
        let jobs = &served.layout.jobs;
        let only: Option<Vec<u32>> = match (&served.changed, served.deps.get()) {
            (Some(changed), Some(deps)) => {
                let mut only: Vec<u32> = changed
                    .iter()
                    .flat_map(|u| deps.get(u).into_iter().flatten().copied())
                    .collect();
                only.sort_unstable();
                only.dedup();
                Some(only)
            }
            _ => None,
        };
        let is_latest = || shared.is_latest(generation);
        let make = |buf: &mut Vec<u8>, job: Job| -> Option<Vec<Uses>> {
            if !is_latest() || matches!(job, Job::Static(_) | Job::Media(_)) {
                return None;
            }
            match served
                .plan
                .make_using(&served.site, &served.theme, job, buf)
            {
                Ok(uses) => Some(uses),
                Err(d) => {
                    lock(&errors).push(d);
                    None
                }
            }
        };
        in_background(|| match &only {
            Some(only) => only.par_iter().for_each_init(Vec::new, |buf, &i| {
                make(buf, jobs[i as usize]);
            }),
            None => {
                let used: Vec<Option<Vec<Uses>>> = jobs
                    .par_iter()
                    .map_init(Vec::new, |buf, &job| make(buf, job))
                    .collect();
                // Only a whole, clean check: a page that failed says nothing of what it shows,
                // and must be made again after every save until it is fixed.
                if is_latest() && lock(&errors).is_empty() {
                    let mut deps: Deps = HashMap::new();
                    for (i, uses) in used.into_iter().enumerate() {
                        for u in uses.into_iter().flatten() {
                            deps.entry(u).or_default().push(i as u32);
                        }
                    }
                    let _ = served.deps.set(Arc::new(deps));
                }
            }
        });
        if !is_latest() {
            return;
        }
        let errors =
            crate::render::sorted_errors(errors.into_inner().unwrap_or_else(|e| e.into_inner()));
        if errors.is_empty() {
            served.checked.store(true, Ordering::SeqCst);
            let seconds = format!("{:.2}", started.elapsed().as_secs_f64());
            println!(
                "{}",
                crate::msg!(ServeChecked, seconds = seconds).text(lang)
            );
            return;
        }
        for d in &errors {
            eprint!("{}", d.human(lang));
        }
        eprintln!(
            "{}",
            crate::msg!(ServePagesFail, pages = errors.len()).text(lang)
        );
        let Some(generation) = shared.next_generation_after(generation) else {
            return;
        };
        shared.publish(Snapshot {
            site: Some(served),
            errors,
            stale: false,
            generation,
            lang,
        });
    });
}
