//! Whole builds of the minimal fixture: what the pages contain in both languages,
//! determinism, atomic replacement of the output, `new`, exit codes, and snapshots of
//! representative outputs (tests/snapshots/).

mod common;
use common::{NOW, Site, run_in, tree};

fn page(site: &Site, rel: &str) -> String {
    site.read(&format!("public/{rel}"))
}

#[test]
fn every_page_kind_exists_in_both_languages() {
    let site = Site::new(&[]);
    let r = site.build();
    assert_eq!(r.code, 0, "{}", r.stderr);
    // The summary speaks the site's language (Dutch), or the one asked for.
    assert!(
        r.stdout.contains(" pagina's, "),
        "summary line: {}",
        r.stdout
    );
    let en = site.run(&["build", "--now", NOW, "--messages", "en"]);
    assert!(
        en.stdout.starts_with("built "),
        "summary line: {}",
        en.stdout
    );
    for rel in [
        "index.html",
        "en/index.html",
        "initiatieven/index.html",
        "initiatieven/techniekhuis/index.html",
        "en/initiatives/techniekhuis/index.html",
        "opleidingen/lassen/index.html",
        "en/courses/lassen/index.html",
        "agenda/index.html",
        "agenda/open-dag/index.html",
        "en/agenda/open-dag/index.html",
        "agenda/archief/index.html",
        "en/agenda/archive/index.html",
        "agenda/insluiten/index.html",
        "en/agenda/embed/index.html",
        "embed/agenda/index.html",
        "en/embed/agenda/index.html",
        "locaties/werkplaats-woerden/index.html",
        "en/locations/werkplaats-woerden/index.html",
        "organisaties/roc-voorbeeld/index.html",
        "en/organisations/roc-voorbeeld/index.html",
        "voor/vo/index.html",
        "en/for/vo/index.html",
        "over/index.html",
        "en/over/index.html",
        "404.html",
        "en/404.html",
        "sitemap.xml",
        "robots.txt",
        "style.css",
    ] {
        assert!(
            site.root().join("public").join(rel).is_file(),
            "missing {rel}"
        );
    }
}

#[test]
fn pages_link_their_language_versions() {
    let site = Site::new(&[]);
    assert_eq!(site.build().code, 0);
    let html = page(&site, "en/agenda/open-dag/index.html");
    assert!(html.contains("<html lang=\"en\">"));
    assert!(
        html.contains(r#"<link rel="canonical" href="https://proef.example/en/agenda/open-dag/">"#)
    );
    assert!(html.contains(
        r#"<link rel="alternate" hreflang="nl" href="https://proef.example/agenda/open-dag/">"#
    ));
    assert!(html.contains(r#"<link rel="alternate" hreflang="x-default" href="https://proef.example/agenda/open-dag/">"#));
    // The language switch leads to the same item, not to the home page.
    assert!(
        html.contains(r#"<a href="/agenda/open-dag/" hreflang="nl" lang="nl">Nederlands</a>"#),
        "{html}"
    );
}

#[test]
fn untranslated_items_show_the_default_text_marked_as_dutch() {
    let site = Site::new(&[]);
    assert_eq!(site.build().code, 0);
    let html = page(&site, "en/over/index.html");
    assert!(html.contains("<html lang=\"en\">"));
    assert!(html.contains("<article lang=\"nl\">"), "{html}");
    assert!(html.contains("This text has not been translated yet."));
    assert!(html.contains("<h1>Over ons</h1>"));
    // In lists, the card carries the language too.
    let home = page(&site, "en/index.html");
    assert!(
        home.contains(r#"<a href="/en/over/">Over ons</a>"#),
        "menu entry"
    );
}

#[test]
fn markdown_features_and_item_links() {
    let site = Site::new(&[]);
    assert_eq!(site.build().code, 0);
    let nl = page(&site, "initiatieven/techniekhuis/index.html");
    assert!(
        nl.contains(r#"<h2 id="wat-we-doen">Wat we doen</h2>"#),
        "heading anchors"
    );
    assert!(
        nl.contains(r#"<a href="/agenda/open-dag/">open dag</a>"#),
        "@/ link in nl"
    );
    assert!(nl.contains(r#"<a href="/over/">over ons</a>"#));
    assert!(
        nl.contains("<table>") && nl.contains("<del>2</del>"),
        "tables, strikethrough"
    );
    assert!(nl.contains("footnote-definition"), "footnotes");
    assert!(
        nl.contains(r#"<pre class="code" data-lang="rust" tabindex="0"><code><span class="hl-"#),
        "syntect classes"
    );
    assert!(
        nl.contains("&lt;b&gt;vet&lt;/b&gt;"),
        "raw HTML escaped by default"
    );
    let en = page(&site, "en/initiatives/techniekhuis/index.html");
    assert!(
        en.contains(r#"<a href="/en/agenda/open-dag/">open day</a>"#),
        "@/ link resolves per language"
    );
}

#[test]
fn raw_html_is_kept_when_the_site_allows_it() {
    let site = Site::new(&[]);
    let config = site.read("content/site.yaml") + "markdown: { allow_html: true }\n";
    site.write("content/site.yaml", config);
    assert_eq!(site.build().code, 0);
    assert!(page(&site, "initiatieven/techniekhuis/index.html").contains("<b>vet</b>"));
}

#[test]
fn funding_total_and_event_times_in_words() {
    let site = Site::new(&[]);
    assert_eq!(site.build().code, 0);
    let nl = page(&site, "initiatieven/techniekhuis/index.html");
    assert!(nl.contains("€ 370.005"), "total of the funding table");
    let event = page(&site, "agenda/open-dag/index.html");
    assert!(event.contains(r#"<time datetime="2027-03-13T10:00+01:00">zaterdag 13 maart 2027, 10.00–14.00 uur</time>"#), "{event}");
    let en = page(&site, "en/agenda/open-dag/index.html");
    assert!(en.contains("Saturday 13 March 2027, 10:00–14:00"));
    // The past event is in the archive, not in the agenda.
    assert!(page(&site, "agenda/archief/index.html").contains("Vorige open dag"));
    assert!(!page(&site, "agenda/index.html").contains("Vorige open dag"));
}

#[test]
fn builds_are_byte_identical() {
    let site = Site::new(&[]);
    let a = site.run(&["build", "--now", NOW, "--out", "out-a"]);
    let b = site.run(&["build", "--now", NOW, "--out", "out-b"]);
    assert_eq!((a.code, b.code), (0, 0));
    let (ta, tb) = (
        tree(&site.root().join("out-a")),
        tree(&site.root().join("out-b")),
    );
    assert!(ta.len() > 50);
    assert_eq!(ta, tb);
}

#[test]
fn source_date_epoch_fixes_now() {
    let site = Site::new(&[]);
    let run = |out: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_werkplaats"))
            .args(["build", "--out", out])
            .current_dir(site.root())
            .env("SOURCE_DATE_EPOCH", "1795000000")
            .output()
            .expect("run")
    };
    assert!(run("a").status.success() && run("b").status.success());
    assert_eq!(tree(&site.root().join("a")), tree(&site.root().join("b")));
}

#[test]
fn a_failed_build_leaves_the_previous_output_intact() {
    let site = Site::new(&[]);
    assert_eq!(site.build().code, 0);
    let before = site.public();
    site.write("content/events/open-dag.nl.md", "---\ntitle: [kapot\n---\n");
    let r = site.build();
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("er is niets geschreven; ./public is niet veranderd"),
        "{}",
        r.stderr
    );
    assert_eq!(
        site.public(),
        before,
        "previous output must be byte-for-byte intact"
    );
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .expect("ls")
        .flatten()
        .map(|e| e.file_name())
        .filter(|n| n.to_string_lossy().contains("werkplaats-"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "no temporary folders left: {leftovers:?}"
    );
}

#[test]
fn files_of_deleted_content_vanish() {
    let site = Site::new(&[]);
    assert_eq!(site.build().code, 0);
    assert!(
        site.root()
            .join("public/opleidingen/lassen/index.html")
            .exists()
    );
    site.remove("content/courses/lassen.nl.md");
    assert_eq!(site.build().code, 0);
    assert!(!site.root().join("public/opleidingen/lassen").exists());
}

#[test]
fn drafts_only_with_the_flag() {
    let site = Site::new(&[]);
    site.write(
        "content/pages/concept.nl.md",
        "---\ntitle: Concept\nsummary: Nog niet af.\ndraft: true\n---\n",
    );
    assert_eq!(site.build().code, 0);
    assert!(!site.root().join("public/concept").exists());
    assert_eq!(site.run(&["build", "--now", NOW, "--drafts"]).code, 0);
    assert!(
        page(&site, "concept/index.html")
            .contains("Concept: deze pagina is nog niet gepubliceerd.")
    );
}

#[test]
fn base_url_can_be_overridden() {
    let site = Site::new(&[]);
    assert_eq!(
        site.run(&[
            "build",
            "--now",
            NOW,
            "--base-url",
            "https://staging.example/"
        ])
        .code,
        0
    );
    assert!(page(&site, "index.html").contains("https://staging.example/en/"));
    assert!(page(&site, "robots.txt").contains("Sitemap: https://staging.example/sitemap.xml"));
}

#[test]
fn usage_and_environment_errors_exit_2() {
    let empty = tempfile::tempdir().expect("tempdir");
    let r = run_in(empty.path(), &["build", "--now", NOW]);
    assert_eq!(r.code, 2, "no content/ folder: {}", r.stderr);
    assert!(r.stderr.contains("has no content/ folder"));
    let site = Site::new(&[]);
    assert_eq!(site.run(&["build", "--now", "gisteren"]).code, 2);
    assert_eq!(
        site.run(&["build", "--now", NOW, "--out", "."]).code,
        2,
        "never build over the site itself"
    );
    assert_eq!(
        site.run(&["build", "--now", NOW, "--out", "content/x"])
            .code,
        2
    );
    assert!(site.root().join("content/site.yaml").exists());
    assert_eq!(site.run(&["frobnicate"]).code, 2);
}

#[test]
fn new_writes_complete_items_and_never_overwrites() {
    let site = Site::new(&[]);
    let r = site.run(&["new", "event", "techniekavond", "--title", "Techniekavond"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = site.read("content/events/techniekavond.nl.md");
    assert!(text.contains("title: \"Techniekavond\""));
    let uid = text
        .lines()
        .find_map(|l| l.strip_prefix("uid: "))
        .and_then(|l| l.split_whitespace().next())
        .expect("uid line");
    assert!(uuid_like(uid), "random uid: {uid}");
    for field in [
        "# online:",
        "# repeat:",
        "# sequence:",
        "draft: true",
        // A reference is left to choose, with the ids there are beside it.
        "location: kies-een-id",
        "# kies uit `werkplaats-woerden`",
        "summary: \"[VUL IN: ",
        "\n[VUL IN: ",
    ] {
        assert!(text.contains(field), "{field} in {text}");
    }
    let again = site.run(&["new", "event", "techniekavond"]);
    assert_ne!(again.code, 0);
    assert!(
        again.stderr.contains("overschrijft nooit"),
        "{}",
        again.stderr
    );
    assert_eq!(site.read("content/events/techniekavond.nl.md"), text);
    for kind in ["initiative", "course", "page"] {
        let r = site.run(&["new", kind, &format!("nieuw-{kind}")]);
        assert_eq!(r.code, 0, "{kind}: {}", r.stderr);
    }
    // A new Markdown item is a draft: it checks clean as it is, and is not published.
    let check = site.run(&["check", "--now", NOW]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    // Published with its example text, it is an error naming each field.
    site.write(
        "content/events/techniekavond.nl.md",
        text.replace("draft: true", "draft: false"),
    );
    let (code, diags) = site.check_json_in("en");
    assert_eq!(code, 1);
    let placeholders: Vec<(String, u64)> = diags
        .iter()
        .filter(|d| d["code"] == "placeholder-text")
        .map(|d| {
            (
                d["message"].as_str().unwrap_or("").to_string(),
                d["line"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(
        placeholders.len(),
        3,
        "summary, location and the text: {placeholders:#?}"
    );
    assert!(
        placeholders[0].0.starts_with("`summary` still holds"),
        "{placeholders:?}"
    );
    assert!(
        placeholders[1].0.starts_with("`location` still holds"),
        "{placeholders:?}"
    );
    assert!(
        placeholders[2].0.starts_with("the text below the fields"),
        "{placeholders:?}"
    );
    // In the body a heading is text too; a link that merely contains the words is not
    // example text.
    site.write(
        "content/pages/kop.nl.md",
        "---\ntitle: Kop\nsummary: Een pagina.\n---\n\n## [VUL IN: kop]\n\n[gids](https://www.example.nl/choose-an-id-guide)\n",
    );
    let (_, diags) = site.check_json_in("en");
    let in_page: Vec<u64> = diags
        .iter()
        .filter(|d| d["code"] == "placeholder-text" && d["file"] == "content/pages/kop.nl.md")
        .filter_map(|d| d["line"].as_u64())
        .collect();
    assert_eq!(in_page, [6], "{diags:#?}");
    site.remove("content/pages/kop.nl.md");
    // Comments follow --messages; the example text the site's language.
    let en = site.run(&["new", "event", "engels", "--messages", "en"]);
    assert_eq!(en.code, 0, "{}", en.stderr);
    let en_text = site.read("content/events/engels.nl.md");
    assert!(
        en_text.contains("# remove this line when the item is ready"),
        "{en_text}"
    );
    assert!(en_text.contains("[VUL IN: "), "{en_text}");
    // A location has no draft: its example text is an error until it is filled in.
    assert_eq!(site.run(&["new", "location", "nieuwe-plek"]).code, 0);
    let (_, diags) = site.check_json();
    assert!(
        diags.iter().any(|d| d["code"] == "placeholder-text"
            && d["file"] == "content/locations/nieuwe-plek.yaml"
            && d["message"] == "`name` bevat nog de voorbeeldtekst die `werkplaats new` schreef"),
        "{diags:#?}"
    );
    let second = site.run(&["new", "event", "tweede"]);
    assert_eq!(second.code, 0);
    let uid2 = site
        .read("content/events/tweede.nl.md")
        .lines()
        .find_map(|l| l.strip_prefix("uid: "))
        .and_then(|l| l.split_whitespace().next().map(str::to_string));
    assert_ne!(
        uid2.as_deref(),
        Some(uid),
        "each new event gets its own uid"
    );
}

fn uuid_like(s: &str) -> bool {
    s.len() == 36 && s.chars().filter(|c| *c == '-').count() == 4
}

#[test]
fn snapshots_of_representative_outputs() {
    let site = Site::new(&[]);
    assert_eq!(site.build().code, 0);
    insta::assert_snapshot!("event_nl", page(&site, "agenda/open-dag/index.html"));
    insta::assert_snapshot!(
        "initiative_en",
        page(&site, "en/initiatives/techniekhuis/index.html")
    );
    insta::assert_snapshot!(
        "location_nl",
        page(&site, "locaties/werkplaats-woerden/index.html")
    );
    insta::assert_snapshot!("sitemap", page(&site, "sitemap.xml"));
    let check = site.run(&["check", "--now", NOW]);
    insta::assert_snapshot!("check_human_nl", check.stderr);
    let check = site.run(&["check", "--now", NOW, "--messages", "en"]);
    insta::assert_snapshot!("check_human_en", check.stderr);
}

#[test]
fn a_missing_interface_string_falls_back_with_a_warning() {
    let site = Site::new(&[]);
    let en = site
        .read("themes/default/i18n/en.yaml")
        .replace("register: Register\n", "");
    site.write("themes/default/i18n/en.yaml", en);
    let (code, diags) = site.check_json_in("en");
    assert_eq!(code, 0, "a missing key is a warning: {diags:#?}");
    let d = common::find(&diags, "missing-i18n-key", "themes/default/i18n/en.yaml");
    assert_eq!(
        d["message"],
        "`register` is not translated; the text in Dutch is used"
    );
    assert_eq!(site.build().code, 0);
}

#[test]
fn template_errors_name_template_line_and_column() {
    let site = Site::new(&[]);
    let event = site
        .read("themes/default/templates/event.html")
        .replace("{{ page.title }}</h1>", "{{ page.title </h1>");
    site.write("themes/default/templates/event.html", event);
    let (code, diags) = site.check_json();
    assert_eq!(code, 1);
    let d = common::find(
        &diags,
        "template-error",
        "themes/default/templates/event.html",
    );
    assert_eq!(d["line"].as_u64(), Some(4), "{d}");
    assert_eq!(site.build().code, 1);
}

#[test]
fn a_theme_without_a_template_the_site_needs_is_refused_by_name() {
    // A theme copied into a site before `partials/card.html` existed must get a clear
    // error naming the file, not a "not found" from the middle of rendering.
    let site = Site::new(&[]);
    site.remove("themes/default/templates/partials/card.html");
    let (code, diags) = site.check_json_in("en");
    assert_eq!(code, 1);
    let d = common::find(
        &diags,
        "missing-template",
        "themes/default/templates/partials/card.html",
    );
    assert!(
        d["help"]
            .as_str()
            .is_some_and(|h| h.contains("default theme")),
        "{d}"
    );
    assert!(
        !diags.iter().any(|d| d["code"] == "template-error"),
        "reported once, as missing: {diags:?}"
    );
    assert_eq!(site.build().code, 1);
}

/// SPEC §1.5: audience and event-type URLs have a word in the page's language; the old
/// URLs with the code send the visitor on, and an audience's feeds stay where they were.
#[test]
fn audience_and_type_pages_have_words_and_their_old_urls_send_you_on() {
    let site = Site::new(&[]);
    assert_eq!(site.build().code, 0);
    let parents = page(&site, "voor/ouders/index.html");
    assert!(parents.contains("<h1>Ouders</h1>"), "{parents}");
    assert!(page(&site, "en/for/parents/index.html").contains("<h1>Parents</h1>"));
    assert!(page(&site, "en/for/secondary-school/index.html").contains("Secondary"));
    for (old, new) in [
        ("voor/parents/index.html", "/voor/ouders/"),
        ("voor/career-switchers/index.html", "/voor/zij-instromers/"),
        (
            "agenda/soort/open-day/index.html",
            "/agenda/soort/open-dag/",
        ),
        ("en/for/vo/index.html", "/en/for/secondary-school/"),
    ] {
        let moved = page(&site, old);
        assert!(
            moved.contains(&format!(
                r#"<link rel="canonical" href="https://proef.example{new}">"#
            )),
            "{old}: {moved}"
        );
        assert!(
            moved.contains(&format!(
                r#"<meta http-equiv="refresh" content="0; url={new}">"#
            )),
            "{old}: {moved}"
        );
    }
    // No redirect where the word is the code (English `parents`), and the feeds stay.
    assert!(!page(&site, "en/for/parents/index.html").contains("http-equiv"));
    assert!(site.root().join("public/voor/parents/agenda.ics").exists());
    assert!(!site.root().join("public/voor/ouders/agenda.ics").exists());
    assert!(
        parents.contains(r#"href="/voor/parents/agenda.ics""#),
        "the page links its feed"
    );
    // Moved pages are not in the sitemap; the new ones are.
    let sitemap = page(&site, "sitemap.xml");
    assert!(sitemap.contains("/voor/ouders/</loc>"));
    assert!(!sitemap.contains("/voor/parents/</loc>"));
}

/// The sitemap for people lists every page by kind, in each language, and the footer
/// links to it; a page's `menu` weight places it among the built-in sections.
#[test]
fn the_sitemap_page_and_menu_weights() {
    let site = Site::new(&[]);
    let over = site
        .read("content/pages/over.nl.md")
        .replace("menu: 1", "menu: 15");
    site.write("content/pages/over.nl.md", over);
    assert_eq!(site.build().code, 0);
    let map = page(&site, "sitemap/index.html");
    for link in [
        r#"<a href="/initiatieven/">Alle initiatieven</a>"#,
        r#"<a href="/initiatieven/techniekhuis/">"#,
        r#"<a href="/opleidingen/lassen/">Lassen</a>"#,
        r#"<a href="/agenda/open-dag/">Open dag</a>"#,
        r#"<a href="/agenda/soort/open-dag/">Open dagen</a>"#,
        r#"<a href="/locaties/werkplaats-woerden/">Werkplaats Woerden</a>"#,
        r#"<a href="/organisaties/roc-voorbeeld/">"#,
        r#"<a href="/voor/ouders/">Ouders</a>"#,
        r#"<a href="/over/">Over ons</a>"#,
    ] {
        assert!(map.contains(link), "{link} in {map}");
    }
    let en = page(&site, "en/sitemap/index.html");
    assert!(
        en.contains(r#"<a href="/en/courses/">All courses</a>"#),
        "{en}"
    );
    let home = page(&site, "index.html");
    assert!(home.contains(r#"<li><a href="/sitemap/">Sitemap</a></li>"#));
    // Weight 15: after the initiatives (10), before the courses (20).
    let nav: Vec<&str> = home
        .split("<nav class=\"main-nav\"")
        .nth(1)
        .and_then(|n| n.split("</nav>").next())
        .unwrap_or("")
        .split("<li><a href=\"")
        .skip(1)
        .filter_map(|l| l.split('"').next())
        .collect();
    assert_eq!(
        nav,
        [
            "/",
            "/initiatieven/",
            "/over/",
            "/opleidingen/",
            "/agenda/",
            "/locaties/"
        ]
    );
}

/// A word for a code that is not a URL segment, or that is another code, is an error at
/// the theme's string.
#[test]
fn a_url_word_must_be_a_segment_of_its_own() {
    let site = Site::new(&[]);
    let nl = site
        .read("themes/default/i18n/nl.yaml")
        .replace("  parents: ouders\n", "  parents: Ouders en verzorgers\n")
        .replace("  teachers: docenten\n", "  teachers: mbo\n");
    site.write("themes/default/i18n/nl.yaml", nl);
    let (code, diags) = site.check_json_in("en");
    assert_eq!(code, 1, "{diags:#?}");
    let words: Vec<&str> = diags
        .iter()
        .filter(|d| d["code"] == "invalid-slug" && d["file"] == "themes/default/i18n/nl.yaml")
        .filter_map(|d| d["message"].as_str())
        .collect();
    assert_eq!(
        words,
        [
            "`mbo`, the URL word for `teachers`, is already that of `mbo`",
            "`Ouders en verzorgers`, the URL word for `parents`, is not a valid URL segment",
        ],
        "{diags:#?}"
    );
}

#[test]
fn agenda_filters_by_type_work_without_javascript() {
    let site = Site::new(&[]);
    assert_eq!(site.build().code, 0);
    let agenda = page(&site, "agenda/index.html");
    assert!(
        agenda.contains(r#"<a href="/agenda/soort/open-dag/">Open dagen</a>"#),
        "type filter links"
    );
    assert!(
        agenda.contains(r#"<a href="/locaties/werkplaats-woerden/agenda/">Werkplaats Woerden</a>"#),
        "location filter links lead to the location's agenda"
    );
    assert!(
        agenda.contains(r#"<a href="/voor/middelbare-school/agenda/">Middelbare scholieren</a>"#),
        "audience filter links lead to the audience's agenda"
    );
    let at = page(&site, "locaties/werkplaats-woerden/agenda/index.html");
    assert!(at.contains("data-ends=\"2027-03-13T13:00:00Z\""), "{at}");
    let open_days = page(&site, "agenda/soort/open-dag/index.html");
    assert!(open_days.contains("Open dag"));
    let workshops = page(&site, "agenda/soort/workshop/index.html");
    assert!(
        !workshops.contains("/agenda/open-dag/"),
        "only events of that type"
    );
    assert!(page(&site, "en/agenda/type/open-day/index.html").contains("Open day"));
    // Each card says when the event ends, for the script that hides ended events.
    assert!(
        agenda.contains(r#"data-ends="2027-03-13T13:00:00Z""#),
        "{agenda}"
    );
}

#[test]
fn cancelled_events_stay_visible_and_marked() {
    let site = Site::new(&[]);
    let event = site
        .read("content/events/open-dag.nl.md")
        .replace("type: open-day", "type: open-day\nstatus: cancelled");
    site.write("content/events/open-dag.nl.md", event);
    assert_eq!(site.build().code, 0);
    let card = page(&site, "agenda/index.html");
    assert!(card.contains(r#"<li class="card cancelled""#));
    assert!(card.contains(r#"<strong class="badge badge-cancelled">Afgelast</strong>"#));
    let html = page(&site, "en/agenda/open-dag/index.html");
    assert!(html.contains("This activity will not take place."));
    assert!(html.contains(r#""eventStatus":"https://schema.org/EventCancelled""#));
}
