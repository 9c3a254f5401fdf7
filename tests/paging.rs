//! SPEC §2.4, large sites: lists split into pages of 50 with numbered, accessible
//! navigation and `rel` links; the agenda's next 50 events and its month pages; the
//! archive by year; a location's and an audience's next 10 events and their own agendas;
//! an audience's courses; the embed help by pages and the narrowed embeddable agendas.
//! Every item must be reachable on exactly one page of each list it belongs to.

mod common;

use common::Site;
use std::collections::BTreeSet;

const COURSES: usize = 120;
/// Upcoming events besides the fixture's open day, all at its location, for `vo`.
const UPCOMING: usize = 61;
/// Past events in 2026, besides the fixture's one.
const PAST: usize = 55;

/// The minimal site with enough courses and events to fill several pages.
fn big_site() -> Site {
    let site = Site::new(&[]);
    for i in 0..COURSES {
        site.write(
            &format!("content/courses/cursus-{i:03}.nl.md"),
            format!(
                "---\ntitle: Cursus {i:03}\nsummary: Een cursus.\nprovider: roc-voorbeeld\nlocations: [werkplaats-woerden]\nlevel: mbo-2\naudiences: [vo]\n---\n\nTekst.\n"
            ),
        );
    }
    for i in 0..UPCOMING {
        // From January to April 2027, one a day or so.
        let month = 1 + i / 20;
        let day = 1 + i % 20;
        site.write(
            &format!("content/events/komend-{i:03}.nl.md"),
            format!(
                "---\ntitle: Komend {i:03}\nsummary: Straks.\ntype: workshop\nstart: 2027-{month:02}-{day:02} 10:00\nend: 2027-{month:02}-{day:02} 12:00\nlocation: werkplaats-woerden\naudiences: [vo]\n---\n"
            ),
        );
    }
    for i in 0..PAST {
        let month = 1 + i / 20;
        let day = 1 + i % 20;
        site.write(
            &format!("content/events/voorbij-{i:03}.nl.md"),
            format!(
                "---\ntitle: Voorbij {i:03}\nsummary: Geweest.\ntype: workshop\nstart: 2026-{month:02}-{day:02} 10:00\nend: 2026-{month:02}-{day:02} 12:00\nlocation: werkplaats-woerden\n---\n"
            ),
        );
    }
    let run = site.build();
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    site
}

fn page(site: &Site, rel: &str) -> String {
    site.read(&format!("public/{rel}"))
}

fn exists(site: &Site, rel: &str) -> bool {
    site.root().join("public").join(rel).is_file()
}

/// The links of the cards a page shows (`<li class="card" …><h3><a href="…">`, not the
/// spares in a `<template>`), in order, of the kind under `prefix` (`/opleidingen/`).
fn card_links(html: &str, prefix: &str) -> Vec<String> {
    let shown = match (
        html.find("<template data-spares>"),
        html.find("</template>"),
    ) {
        (Some(from), Some(to)) => format!("{}{}", &html[..from], &html[to..]),
        _ => html.to_string(),
    };
    shown
        .split("<li class=\"card\"")
        .skip(1)
        .filter_map(|card| {
            let at = card.find("<a href=\"")? + 9;
            let url = &card[at..at + card[at..].find('"')?];
            url.starts_with(prefix).then(|| url.to_string())
        })
        .collect()
}

/// Every card link on every page of the list whose first page is `first` (following
/// `rel="next"` links), and how many pages there were.
fn whole_list(site: &Site, first: &str, prefix: &str) -> (Vec<String>, usize) {
    let mut all = Vec::new();
    let mut url = first.to_string();
    let mut pages = 0;
    loop {
        let html = page(site, &format!("{}index.html", &url[1..]));
        pages += 1;
        all.extend(card_links(&html, prefix));
        let Some(at) = html.find("<link rel=\"next\" href=\"") else {
            break;
        };
        let rest = &html[at + 23..];
        url = rest[..rest.find('"').expect("closed")].to_string();
        assert!(pages < 100, "the next links go round: {url}");
    }
    (all, pages)
}

#[test]
fn lists_are_split_into_pages_of_fifty_with_numbered_accessible_navigation() {
    let site = big_site();
    let (courses, pages) = whole_list(&site, "/opleidingen/", "/opleidingen/");
    assert_eq!(pages, 3);
    assert_eq!(courses.len(), COURSES + 1, "every course once");
    let unique: BTreeSet<&String> = courses.iter().collect();
    assert_eq!(unique.len(), courses.len(), "no course on two pages");
    let first = page(&site, "opleidingen/index.html");
    assert_eq!(card_links(&first, "/opleidingen/").len(), 50);
    assert!(!first.contains("rel=\"prev\""));
    let second = page(&site, "opleidingen/pagina/2/index.html");
    assert_eq!(card_links(&second, "/opleidingen/").len(), 50);
    assert!(second.contains(r#"<link rel="prev" href="/opleidingen/">"#));
    assert!(second.contains(r#"<link rel="next" href="/opleidingen/pagina/3/">"#));
    // The navigation: a labelled nav, the current page marked, every page numbered.
    let nav = &second[second.find("<nav class=\"pager\"").expect("pager")..];
    let nav = &nav[..nav.find("</nav>").expect("end")];
    assert!(nav.contains("aria-label=\"Paginanavigatie\""), "{nav}");
    assert!(
        nav.contains(r#"<a href="/opleidingen/pagina/2/" aria-current="page">"#),
        "{nav}"
    );
    assert_eq!(nav.matches("aria-current").count(), 1);
    for n in ["/opleidingen/\"", "/opleidingen/pagina/3/\""] {
        assert!(nav.contains(&format!("href=\"{n}")), "{n} in {nav}");
    }
    // Its own title, canonical and language versions.
    assert!(second.contains("<title>Opleidingen (pagina 2) · Proefsite</title>"));
    assert!(
        second.contains(
            r#"<link rel="canonical" href="https://proef.example/opleidingen/pagina/2/">"#
        )
    );
    assert!(second.contains(
        r#"<link rel="alternate" hreflang="en" href="https://proef.example/en/courses/page/2/">"#
    ));
    let english = page(&site, "en/courses/page/3/index.html");
    assert_eq!(
        card_links(&english, "/en/courses/").len(),
        COURSES + 1 - 100
    );
    assert!(!english.contains("rel=\"next\""));
    assert!(!exists(&site, "opleidingen/pagina/4/index.html"));
    assert!(!exists(&site, "opleidingen/pagina/1/index.html"));
    let sitemap = page(&site, "sitemap.xml");
    assert!(sitemap.contains("<loc>https://proef.example/opleidingen/pagina/3/</loc>"));
    assert!(sitemap.contains("<loc>https://proef.example/en/courses/page/2/</loc>"));
    // The sitemap for people links to the list, not to 121 courses.
    let people = page(&site, "sitemap/index.html");
    assert!(!people.contains("/opleidingen/cursus-000/"));
    assert!(people.contains("href=\"/opleidingen/\""));
}

#[test]
fn the_agenda_shows_the_next_fifty_and_its_months_hold_every_event() {
    let site = big_site();
    let agenda = page(&site, "agenda/index.html");
    let shown = card_links(&agenda, "/agenda/");
    assert!(shown.len() <= 50 && shown.len() >= 40, "{}", shown.len());
    assert!(shown.contains(&"/agenda/komend-000/".to_string()));
    assert!(!shown.contains(&"/agenda/komend-060/".to_string()));
    let mut all = BTreeSet::new();
    for month in ["2027/01", "2027/02", "2027/03", "2027/04"] {
        assert!(
            agenda.contains(&format!("href=\"/agenda/{month}/\"")),
            "{month} linked"
        );
        let html = page(&site, &format!("agenda/{month}/index.html"));
        all.extend(card_links(&html, "/agenda/"));
        assert!(exists(&site, &format!("en/agenda/{month}/index.html")));
    }
    assert_eq!(all.len(), UPCOMING + 1, "every upcoming event in its month");
    let march = page(&site, "agenda/2027/03/index.html");
    assert!(march.contains("<h1>Agenda: maart 2027</h1>"), "{march}");
    assert!(march.contains(r#"<a href="/agenda/2027/03/" aria-current="page">"#));
}

#[test]
fn the_archive_is_split_by_year_and_paginated() {
    let site = big_site();
    let (past, pages) = whole_list(&site, "/agenda/archief/2026/", "/agenda/");
    assert_eq!(pages, 2);
    assert_eq!(past.len(), PAST + 1, "every past event of 2026");
    let archive = page(&site, "agenda/archief/index.html");
    assert!(archive.contains(r#"href="/agenda/archief/2026/""#));
    assert!(card_links(&archive, "/agenda/").len() <= 50);
    assert!(exists(&site, "en/agenda/archive/2026/page/2/index.html"));
    // The past is never hidden by the script.
    assert!(!page(&site, "agenda/archief/2026/pagina/2/index.html").contains("data-ends"));
}

#[test]
fn locations_and_audiences_show_ten_and_link_to_their_own_agendas_and_lists() {
    let site = big_site();
    let location = page(&site, "locaties/werkplaats-woerden/index.html");
    let events: Vec<String> = card_links(&location, "/agenda/");
    assert_eq!(events.len(), 10, "{events:?}");
    assert!(location.contains(r#"<a href="/locaties/werkplaats-woerden/agenda/">"#));
    let (all, pages) = whole_list(&site, "/locaties/werkplaats-woerden/agenda/", "/agenda/");
    assert_eq!(pages, 2);
    let unique: BTreeSet<&String> = all.iter().collect();
    assert_eq!(unique.len(), UPCOMING + 1, "every upcoming event there");
    let audience = page(&site, "voor/middelbare-school/index.html");
    assert_eq!(card_links(&audience, "/opleidingen/").len(), 10);
    assert!(audience.contains(r#"href="/voor/middelbare-school/opleidingen/""#));
    assert!(audience.contains(r#"href="/voor/middelbare-school/agenda/""#));
    let (courses, pages) = whole_list(
        &site,
        "/voor/middelbare-school/opleidingen/",
        "/opleidingen/",
    );
    assert_eq!((courses.len(), pages), (COURSES, 3));
    assert!(exists(
        &site,
        "en/for/secondary-school/courses/page/3/index.html"
    ));
}

#[test]
fn the_embeddable_agenda_has_a_page_per_scope_and_the_help_names_them() {
    let site = big_site();
    let narrowed = page(&site, "embed/agenda/locatie/werkplaats-woerden/index.html");
    assert_eq!(card_links(&narrowed, "/agenda/").len(), UPCOMING + 1);
    assert!(exists(&site, "en/embed/agenda/audience/vo/index.html"));
    assert!(exists(
        &site,
        "embed/agenda/initiatief/techniekhuis/index.html"
    ));
    // The whole site's page sends `?locatie=` on to it (embed.js reads these).
    let whole = page(&site, "embed/agenda/index.html");
    assert!(
        whole.contains(r#"data-scopes="/embed/agenda/" data-words="locatie initiatief doelgroep""#)
    );
    let help = page(&site, "agenda/insluiten/index.html");
    assert!(
        help.contains("https://proef.example/embed/agenda/locatie/werkplaats-woerden/"),
        "{help}"
    );
}

/// A new page URL taken by an alias is reported like any other collision (§1.6).
#[test]
fn an_alias_on_a_page_of_a_list_is_a_collision() {
    let site = big_site();
    let course = site.read("content/courses/cursus-000.nl.md").replace(
        "title: Cursus 000\n",
        "title: Cursus 000\naliases: [/opleidingen/pagina/2/]\n",
    );
    site.write("content/courses/cursus-000.nl.md", course);
    let (code, diags) = site.check_json_in("en");
    assert_eq!(code, 1, "{diags:#?}");
    assert!(
        diags
            .iter()
            .any(|d| d["file"] == "content/courses/cursus-000.nl.md"
                && d["message"]
                    .as_str()
                    .is_some_and(|m| m.contains("/opleidingen/pagina/2/"))),
        "{diags:#?}"
    );
}

#[test]
fn the_home_page_shows_fifty_initiatives_and_links_to_them_all() {
    let site = Site::new(&[]);
    let build = |site: &Site| {
        let run = site.build();
        assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    };
    build(&site);
    let few = page(&site, "index.html");
    assert_eq!(card_links(&few, "/initiatieven/").len(), 1);
    assert!(
        !few.contains("Bekijk alle initiatieven"),
        "one initiative: no link"
    );
    for i in 0..55 {
        site.write(
            &format!("content/initiatives/netwerk-{i:02}.nl.md"),
            format!("---\ntitle: Netwerk {i:02}\nsummary: Een netwerk.\nstatus: active\n---\n"),
        );
    }
    build(&site);
    let home = page(&site, "index.html");
    assert_eq!(
        card_links(&home, "/initiatieven/").len(),
        50,
        "a page's worth"
    );
    assert!(
        home.contains(r#"<p><a href="/initiatieven/">Bekijk alle initiatieven</a></p>"#),
        "and a way to the rest"
    );
    let english = page(&site, "en/index.html");
    assert!(english.contains(r#"<a href="/en/initiatives/">See all initiatives</a>"#));
}
