//! The command line: parse arguments, run one command, print diagnostics, and map the
//! outcome to exit codes (0 success, 1 content errors, 2 usage or environment errors).

use clap::{Parser, Subcommand, ValueEnum};

/// Rendering allocates many small strings on both cores; mimalloc handles that pattern
/// markedly faster than the system allocator (see the benchmark in the README).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::path::PathBuf;
use std::process::ExitCode;
use werkplaats::diagnostic::Diagnostic;
use werkplaats::model::{Kind, Lang};
use werkplaats::msg;
use werkplaats::{BuildError, Now, Options};

#[derive(Parser)]
#[command(
    name = "werkplaats",
    version,
    about = "Static sites for regional technology education: initiatives, courses, events and agenda feeds"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// The language of messages: nl or en [default: the site's default language]
    #[arg(long, global = true, value_enum)]
    messages: Option<Messages>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Messages {
    Nl,
    En,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into public/ (or --out), replacing it only if the build succeeds.
    Build {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Output folder [default: <root>/public]
        #[arg(long)]
        out: Option<PathBuf>,
        /// Publish under another address than site.yaml's base_url.
        #[arg(long)]
        base_url: Option<String>,
        /// What counts as now: YYYY-MM-DD, "YYYY-MM-DD HH:MM" (site time zone) or RFC 3339.
        #[arg(long)]
        now: Option<String>,
        /// Include items marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Replace an existing --out folder that werkplaats did not build, and everything in it.
        #[arg(long)]
        force: bool,
    },
    /// Serve the site on your own computer, rebuilding and reloading the browser on every save.
    Serve {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        #[arg(long, default_value_t = 1111)]
        port: u16,
        #[arg(long)]
        drafts: bool,
        #[arg(long)]
        poll: bool,
    },
    /// Check all content, internal links and translations; writes nothing.
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Fail on warnings too.
        #[arg(long)]
        strict: bool,
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        #[arg(long)]
        now: Option<String>,
    },
    /// Write a new item with every field, optional ones commented out.
    New {
        #[arg(value_parser = ["initiative", "course", "event", "page", "location", "organisation"])]
        kind: String,
        id: String,
        #[arg(long)]
        title: Option<String>,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Print a server block that serves the built site right (types, CORS on feeds, cache
    /// headers, 404 pages per language, redirects, security headers).
    DeployConfig {
        #[arg(value_enum)]
        server: Server,
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The folder the server serves: where the site was built [default: <root>/public]
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Server {
    Nginx,
    Caddy,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Human,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let flag = cli.messages.map(|m| match m {
        Messages::Nl => Lang::Nl,
        Messages::En => Lang::En,
    });
    let lang_of = |root: &std::path::Path| {
        werkplaats::messages::choose(flag, werkplaats::config::message_lang(root))
    };
    match cli.command {
        Command::Build {
            root,
            out,
            base_url,
            now,
            drafts,
            force,
        } => {
            let Some(now) = read_now(now.as_deref()) else {
                return ExitCode::from(2);
            };
            let out = out.unwrap_or_else(|| root.join("public"));
            let lang = lang_of(&root);
            build(
                Options {
                    root,
                    now,
                    drafts,
                    base_url,
                    writes: true,
                },
                out,
                force,
                lang,
            )
        }
        Command::Check {
            root,
            strict,
            format,
            now,
        } => {
            let Some(now) = read_now(now.as_deref()) else {
                return ExitCode::from(2);
            };
            let lang = lang_of(&root);
            check(
                Options {
                    root,
                    now,
                    drafts: false,
                    base_url: None,
                    writes: false,
                },
                strict,
                format,
                lang,
            )
        }
        Command::New {
            kind,
            id,
            title,
            root,
        } => {
            let lang = lang_of(&root);
            new(&kind, &id, title.as_deref(), root, lang)
        }
        Command::DeployConfig { server, root, out } => {
            let lang = lang_of(&root);
            let out = out.unwrap_or_else(|| root.join("public"));
            deploy_config(server, root, out, lang)
        }
        Command::Serve {
            root,
            bind,
            port,
            drafts,
            poll,
        } => {
            let options = Options {
                root,
                now: Now::from_environment(),
                drafts,
                base_url: None,
                writes: true,
            };
            let serve = werkplaats::serve::ServeOptions {
                options,
                bind,
                port,
                poll,
                messages: flag,
            };
            match werkplaats::serve::serve(serve) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(2)
                }
            }
        }
    }
}

fn read_now(text: Option<&str>) -> Option<Now> {
    let Some(text) = text else {
        return Some(Now::from_environment());
    };
    let now = Now::parse(text);
    if now.is_none() {
        eprintln!(
            "error: --now takes YYYY-MM-DD, \"YYYY-MM-DD HH:MM\" or an RFC 3339 time, not `{text}`"
        );
    }
    now
}

fn print_human(diags: &[Diagnostic], lang: Lang) {
    for d in diags {
        eprint!("{}", d.human(lang));
    }
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let warnings = diags.len() - errors;
    if !diags.is_empty() {
        eprintln!(
            "{}",
            msg!(Summary, errors = errors, warnings = warnings).text(lang)
        );
    }
}

fn build(opts: Options, out: PathBuf, force: bool, lang: Lang) -> ExitCode {
    let target = werkplaats::Target { out: &out, force };
    werkplaats::progress::enable();
    let result = werkplaats::build(&opts, &target);
    werkplaats::progress::finish();
    match result {
        Ok(report) => {
            print_human(&report.diagnostics, lang);
            let built = msg!(
                Built,
                pages = report.pages,
                feeds = report.feeds,
                files = report.files,
                seconds = format!("{:.2}", report.elapsed.as_secs_f64()),
                out = out.display().to_string()
            );
            println!("{}", built.text(lang));
            ExitCode::SUCCESS
        }
        Err(BuildError::Content(diags)) => {
            print_human(&diags, lang);
            let out = out.display().to_string();
            eprintln!("{}", msg!(NothingWritten, out = out).text(lang));
            ExitCode::from(1)
        }
        Err(BuildError::Env(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

fn deploy_config(server: Server, root: PathBuf, out: PathBuf, lang: Lang) -> ExitCode {
    let opts = Options {
        root,
        now: Now::from_environment(),
        drafts: false,
        base_url: None,
        writes: false,
    };
    let loaded = match werkplaats::load_site(&opts, &mut werkplaats::Cache::default()) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let Some((site, _)) = loaded.site else {
        print_human(&loaded.diagnostics, lang);
        return ExitCode::from(1);
    };
    // The server needs the folder's full path; it need not exist yet. Symlinks stay as
    // they are (`/var/www/site` → `releases/7` must follow the link when it moves).
    let out = std::path::absolute(&out).unwrap_or(out);
    if let Some(why) = werkplaats::deploy::unusable_root(&out) {
        eprintln!("error: {why}");
        return ExitCode::from(2);
    }
    let rules = werkplaats::deploy::Rules::new(&site);
    print!(
        "{}",
        match server {
            Server::Nginx => werkplaats::deploy::nginx(&rules, &out),
            Server::Caddy => werkplaats::deploy::caddy(&rules, &out),
        }
    );
    ExitCode::SUCCESS
}

fn check(opts: Options, strict: bool, format: Format, lang: Lang) -> ExitCode {
    // Templates are part of what build would check: render in memory, write nothing.
    let diags = match werkplaats::render_site(&opts, &werkplaats::render::Discard) {
        Ok(done) => done.diagnostics,
        Err(werkplaats::BuildError::Content(diags)) => diags,
        Err(werkplaats::BuildError::Env(e)) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    match format {
        Format::Json => {
            for d in &diags {
                println!("{}", d.json(lang));
            }
        }
        Format::Human => {
            print_human(&diags, lang);
            if diags.is_empty() {
                println!("{}", msg!(NoProblems).text(lang));
            }
        }
    }
    let errors = diags.iter().any(Diagnostic::is_error);
    if errors || (strict && !diags.is_empty()) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn new(kind: &str, id: &str, title: Option<&str>, root: PathBuf, lang: Lang) -> ExitCode {
    let Some(kind) = Kind::from_singular(kind) else {
        return ExitCode::from(2);
    };
    let content_lang = werkplaats::config::message_lang(&root).unwrap_or(Lang::Nl);
    let today = jiff::Zoned::now().date();
    let item = werkplaats::newitem::NewItem {
        root: &root,
        kind,
        id,
        title,
        lang: content_lang,
        messages: lang,
        today,
    };
    match werkplaats::newitem::create(&item) {
        Ok(path) => {
            let path = path.display().to_string();
            println!("{}", msg!(NewWrote, path = path).text(lang));
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("{}: {}", msg!(LabelError).text(lang), message.text(lang));
            ExitCode::from(2)
        }
    }
}
