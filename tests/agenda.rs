//! The agenda over time (SPEC §2.1) as the build writes it, and where the times
//! subscribers see come from (SPEC §1.3). The fixture `tests/fixtures/agenda` holds a
//! weekly series with an exception, a monthly series whose `count` includes an excepted
//! date, a cancelled event and a postponed one with `previous_start`. What the script
//! does with this markup in a browser with a moved clock is tested in `tests/a11y/`.

mod common;
use common::{Site, git};
use std::process::Command;

fn built() -> Site {
    let site = Site::new(&["agenda"]);
    let r = site.build();
    assert_eq!(r.code, 0, "{}", r.stderr);
    site
}

/// Every card on `html` that links to `href`.
fn cards<'a>(html: &'a str, href: &str) -> Vec<&'a str> {
    html.match_indices("<li class=\"card")
        .map(|(at, _)| {
            let rest = &html[at..];
            &rest[..rest.find("</li>").map_or(rest.len(), |e| e + 5)]
        })
        .filter(|card| card.contains(&format!("<a href=\"{href}\">")))
        .collect()
}

fn attr<'a>(card: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let from = card.find(&key)? + key.len();
    card[from..].find('"').map(|end| &card[from..from + end])
}

/// The starts in a card's `data-sessions`.
fn session_starts(card: &str) -> Vec<String> {
    attr(card, "data-sessions")
        .unwrap_or("")
        .split(';')
        .filter(|s| !s.is_empty())
        .map(|s| s.split(',').next().unwrap_or("").to_string())
        .collect()
}

#[test]
fn a_series_is_one_card_with_its_rule_next_session_and_sessions() {
    let site = built();
    let home = site.read("public/index.html");
    let weekly = cards(&home, "/agenda/reeks-wekelijks/");
    assert_eq!(weekly.len(), 1, "one card on the home page");
    let card = weekly[0];
    assert!(card.contains("elke woensdag, 14.00–16.00 uur"), "{card}");
    assert!(
        card.contains(r#"volgende: <time datetime="2027-01-06T14:00+01:00">6 januari 2027</time>"#),
        "{card}"
    );
    // Until 24 February, without 10 February: seven sessions, the card ends after the last.
    let starts = session_starts(card);
    assert_eq!(starts.len(), 7, "{starts:?}");
    assert!(!starts.iter().any(|s| s.starts_with("2027-02-10")));
    assert_eq!(attr(card, "data-ends"), Some("2027-02-24T15:00:00Z"));
    assert!(
        attr(card, "data-sessions")
            .is_some_and(|s| s.contains(",2027-01-06T15:00:00Z,6 januari 2027")),
        "each session carries its effective end in UTC and its date in words"
    );

    // The monthly series counts its excepted March date (RFC 5545): five sessions.
    let monthly = cards(&home, "/agenda/reeks-maandelijks/");
    assert_eq!(monthly.len(), 1);
    assert!(monthly[0].contains("elke maand op de 5e, 19.00–21.00 uur"));
    let starts = session_starts(monthly[0]);
    assert_eq!(
        starts.iter().map(|s| &s[..10]).collect::<Vec<_>>(),
        [
            "2027-01-05",
            "2027-02-05",
            "2027-04-05",
            "2027-05-05",
            "2027-06-05"
        ]
    );
    let english = site.read("public/en/index.html");
    let card = cards(&english, "/en/agenda/reeks-maandelijks/")[0];
    assert!(card.contains("monthly on the 5th, 19:00–21:00"), "{card}");
}

#[test]
fn an_agenda_month_lists_the_days_of_a_series_in_that_month() {
    let site = built();
    let agenda = site.read("public/agenda/index.html");
    let weekly = cards(&agenda, "/agenda/reeks-wekelijks/");
    assert_eq!(weekly.len(), 2, "January and February");
    assert!(
        weekly[0].contains("6, 13, 20 en 27 januari"),
        "{}",
        weekly[0]
    );
    assert_eq!(attr(weekly[0], "data-ends"), Some("2027-01-27T15:00:00Z"));
    assert_eq!(session_starts(weekly[0]).len(), 4);
    assert!(weekly[1].contains("3, 17 en 24 februari"), "{}", weekly[1]);
    assert_eq!(attr(weekly[1], "data-ends"), Some("2027-02-24T15:00:00Z"));
    // Months come in order, and a card sits under its own month's heading.
    let january = agenda.find("id=\"m-2027-01\"").expect("January");
    let february = agenda.find("id=\"m-2027-02\"").expect("February");
    let first = agenda.find("6, 13, 20 en 27 januari").expect("card");
    assert!(january < first && first < february);
}

#[test]
fn lists_and_the_embed_count_events_not_sessions() {
    let site = built();
    let location = site.read("public/locaties/werkplaats-woerden/index.html");
    let upcoming = &location[location.find("data-upcoming").expect("upcoming list")..];
    for href in [
        "/agenda/reeks-wekelijks/",
        "/agenda/reeks-maandelijks/",
        "/agenda/afgezegd/",
        "/agenda/verzet/",
        "/agenda/open-dag/",
    ] {
        assert_eq!(
            cards(upcoming, href).len(),
            1,
            "{href} once on the location page"
        );
    }
    let embed = site.read("public/embed/agenda/index.html");
    let all = embed.matches("<li class=\"card").count();
    assert_eq!(all, 5, "the embed lists each upcoming event once");
    // The past event is in the archive, once, and nothing there can be hidden by the script.
    let archive = site.read("public/agenda/archief/index.html");
    let past = cards(&archive, "/agenda/vorig-jaar/");
    assert_eq!(past.len(), 1);
    assert!(
        !archive.contains("data-ends"),
        "the archive is never hidden"
    );
    // The home page keeps spares for when shown events end after the build.
    let home = site.read("public/index.html");
    assert!(home.contains(r#"data-upcoming data-limit="6""#));
    // The empty text is there for the script, hidden while there are events.
    assert!(location.contains("<p class=\"empty\" data-empty hidden>"));
}

#[test]
fn a_cancelled_event_offers_no_calendar_links_but_keeps_its_ics() {
    let site = built();
    let page = site.read("public/agenda/afgezegd/index.html");
    assert!(page.contains("badge-cancelled"));
    assert!(!page.contains("afgezegd.ics"), "no add to calendar");
    assert!(!page.contains("calendar.google.com"), "no Google Calendar");
    assert!(!page.contains("example.org/aanmelden"), "no registration");
    assert!(page.contains("EventCancelled"));
    let ics = site.read("public/agenda/afgezegd.ics");
    assert!(ics.contains("STATUS:CANCELLED\r\n"));
    let home = site.read("public/index.html");
    assert!(cards(&home, "/agenda/afgezegd/")[0].contains("Afgelast"));
}

#[test]
fn a_postponed_event_says_when_it_was_planned() {
    let site = built();
    let page = site.read("public/agenda/verzet/index.html");
    assert!(
        page.contains(r#"Eerder gepland: <time datetime="2027-03-20T10:00+01:00">zaterdag 20 maart 2027, 10.00 uur</time>"#),
        "{page}"
    );
    let ld = json_ld(&page);
    assert_eq!(ld["eventStatus"], "https://schema.org/EventRescheduled");
    assert_eq!(ld["previousStartDate"], "2027-03-20T10:00:00+01:00");
    assert_eq!(ld["startDate"], "2027-04-10T10:00:00+02:00");
    assert!(
        page.contains("verzet.ics"),
        "it still goes ahead: add to calendar"
    );
    // A postponed event without `previous_start` is EventPostponed; one that is not
    // postponed may not claim an earlier start.
    site.write(
        "content/events/verzet.nl.md",
        site.read("content/events/verzet.nl.md")
            .replace("status: postponed\n", ""),
    );
    let (_, diags) = site.check_json();
    let d = common::find(
        &diags,
        "previous-start-not-postponed",
        "content/events/verzet.nl.md",
    );
    assert_eq!(d["severity"], "warning");
    assert_eq!(d["line"], 7);
}

#[test]
fn a_postponed_event_says_so_on_its_card_and_in_its_feeds() {
    let site = built();
    let home = site.read("public/index.html");
    let card = cards(&home, "/agenda/verzet/")[0];
    assert!(
        card.contains("Uitgesteld</strong> eerder gepland op zaterdag 20 maart 2027, 10.00 uur"),
        "{card}"
    );
    let ics = site.read("public/agenda/verzet.ics").replace("\r\n ", "");
    assert!(
        ics.contains("DESCRIPTION:Eerder gepland op zaterdag 20 maart 2027\\, 10.00 uur."),
        "{ics}"
    );
    assert!(
        ics.contains("STATUS:CONFIRMED\r\n"),
        "moved to a new date, which stands"
    );
    let atom = site.read("public/agenda.atom");
    assert!(atom.contains("Uitgesteld: eerder gepland op zaterdag 20 maart 2027, 10.00 uur."));
    // Without an earlier start the new date is still to come: only tentative.
    let file = "content/events/verzet.nl.md";
    site.write(
        file,
        site.read(file)
            .replace("previous_start: 2027-03-20 10:00\n", ""),
    );
    assert_eq!(site.build().code, 0);
    let ics = site.read("public/agenda/verzet.ics");
    assert!(ics.contains("STATUS:TENTATIVE\r\n"));
    let page = site.read("public/agenda/verzet/index.html");
    assert!(page.contains("de nieuwe datum volgt"));
    assert_eq!(
        json_ld(&page)["eventStatus"],
        "https://schema.org/EventPostponed"
    );
}

#[test]
fn a_series_far_ahead_is_listed_and_one_that_is_over_says_so() {
    let site = Site::new(&["agenda"]);
    site.write(
        "content/events/ver-weg.nl.md",
        "---\ntitle: Reeks over ruim een jaar\nsummary: Begint in 2028.\ntype: workshop\nstart: 2028-01-10 14:00\nrepeat: { every: week, count: 5 }\nlocation: werkplaats-woerden\n---\n",
    );
    site.write(
        "content/events/voorbij.nl.md",
        "---\ntitle: Afgelopen reeks\nsummary: Was in oktober.\ntype: workshop\nstart: 2026-10-05 14:00\nrepeat: { every: week, count: 3 }\nlocation: werkplaats-woerden\n---\n",
    );
    let r = site.build();
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        !r.stderr.contains("ended more than a year ago"),
        "no warning: {}",
        r.stderr
    );
    let home = site.read("public/index.html");
    let far = site.read("public/agenda/index.html");
    assert_eq!(
        cards(&far, "/agenda/ver-weg/").len(),
        1,
        "in the agenda, in January 2028"
    );
    assert!(far.contains("id=\"m-2028-01\""));
    let template = &home[home.find("data-spares").unwrap_or(0)..];
    assert!(
        !cards(&home, "/agenda/ver-weg/").is_empty()
            || !cards(template, "/agenda/ver-weg/").is_empty(),
        "on the home page or among its spares"
    );
    assert!(
        site.read("public/agenda.ics")
            .contains("SUMMARY:Reeks over ruim een jaar")
    );
    let page = site.read("public/agenda/ver-weg/index.html");
    assert!(page.contains("Eerstvolgende keer"));
    let over = site.read("public/agenda/voorbij/index.html");
    assert!(
        over.contains("<dt>Laatste keer</dt><dd><time datetime=\"2026-10-19T14:00+02:00\">"),
        "{over}"
    );
    let archive = site.read("public/agenda/archief/index.html");
    assert_eq!(cards(&archive, "/agenda/voorbij/").len(), 1);
}

#[test]
fn the_google_link_of_a_series_carries_its_rule() {
    let site = built();
    let page = site.read("public/agenda/reeks-wekelijks/index.html");
    let at = page
        .find("https://calendar.google.com/")
        .expect("google link");
    let link = &page[at..at + page[at..].find('"').expect("end")];
    assert!(
        link.contains("dates=20270106T140000/20270106T160000"),
        "{link}"
    );
    assert!(
        link.contains("recur=RRULE%3AFREQ%3DWEEKLY%3BUNTIL%3D20270224T130000Z"),
        "{link}"
    );
    assert!(link.contains("ctz=Europe%2FAmsterdam"), "{link}");
    // Google takes no exceptions in the link: the dates left out are in the text.
    assert!(
        link.contains("Niet%20op%3A%2010%20februari%202027"),
        "{link}"
    );
    let single = site.read("public/agenda/open-dag/index.html");
    assert!(!single.contains("recur="), "a single event has no rule");
}

#[test]
fn pages_and_feeds_agree_on_every_session() {
    let site = built();
    let home = site.read("public/index.html");
    for (lang, prefix) in [("", ""), ("en/", "/en")] {
        let json: serde_json::Value =
            serde_json::from_str(&site.read(&format!("public/{lang}agenda.json"))).expect("json");
        let page = if lang.is_empty() {
            home.clone()
        } else {
            site.read("public/en/index.html")
        };
        for id in ["reeks-wekelijks", "reeks-maandelijks"] {
            let feed: Vec<String> = json["events"]
                .as_array()
                .expect("events")
                .iter()
                .filter(|e| e["id"] == id)
                .map(|e| e["start"].as_str().unwrap_or("").replace(":00+", "+"))
                .collect();
            let card = cards(&page, &format!("{prefix}/agenda/{id}/"))[0];
            assert_eq!(session_starts(card), feed, "{lang}{id}");
        }
    }
}

fn json_ld(page: &str) -> serde_json::Value {
    let start =
        page.find("application/ld+json\">").expect("json-ld") + "application/ld+json\">".len();
    let end = start + page[start..].find("</script>").expect("end");
    serde_json::from_str(&page[start..end]).expect("valid JSON-LD")
}

/// The `LAST-MODIFIED` of the event with `uid` in the site's feed.
fn last_modified(site: &Site, uid: &str) -> String {
    let ics = site.read("public/agenda.ics").replace("\r\n ", "");
    let at = ics
        .find(&format!("UID:{uid}\r\n"))
        .unwrap_or_else(|| panic!("no {uid}"));
    let block = &ics[at..at + ics[at..].find("END:VEVENT").expect("end")];
    let line = block
        .lines()
        .find(|l| l.starts_with("LAST-MODIFIED:"))
        .expect("LAST-MODIFIED");
    assert!(
        block.contains(&format!("DTSTAMP:{}", &line[14..])),
        "DTSTAMP is the same time"
    );
    line[14..].to_string()
}

/// A git repository of the whole site with one commit at `date`.
fn commit_all(site: &Site, message: &str, date: &str) {
    git(site, &["init", "-q"], date);
    git(site, &["add", "."], date);
    git(site, &["commit", "-q", "-m", message], date);
}

fn set_mtime(site: &Site, rel: &str, unix: u64) {
    let file = std::fs::File::options()
        .write(true)
        .open(site.root().join(rel))
        .expect("open");
    file.set_modified(std::time::UNIX_EPOCH + std::time::Duration::from_secs(unix))
        .expect("set mtime");
}

const WEEKLY: &str = "bbbbbbbb-0000-4000-8000-000000000001";
const MONTHLY: &str = "bbbbbbbb-0000-4000-8000-000000000002";

#[test]
fn a_commit_moves_last_modified_forward_for_that_event_only() {
    let site = Site::new(&["agenda"]);
    commit_all(&site, "agenda", "2026-10-01T12:00:00Z");
    assert_eq!(site.build().code, 0);
    assert_eq!(last_modified(&site, WEEKLY), "20261001T120000Z");
    assert_eq!(last_modified(&site, MONTHLY), "20261001T120000Z");

    let file = "content/events/reeks-wekelijks.nl.md";
    site.write(
        file,
        site.read(file)
            .replace("behalve in de vakantie", "niet in de vakantie"),
    );
    git(
        &site,
        &["commit", "-q", "-am", "tekst"],
        "2026-11-02T09:30:00Z",
    );
    assert_eq!(site.build().code, 0);
    assert_eq!(
        last_modified(&site, WEEKLY),
        "20261102T093000Z",
        "moved forward"
    );
    assert_eq!(
        last_modified(&site, MONTHLY),
        "20261001T120000Z",
        "others unchanged"
    );
    let json = site.read("public/agenda.json");
    assert!(json.contains(r#""updated":"2026-11-02T09:30:00Z""#));
    let atom = site.read("public/agenda.atom");
    assert!(atom.contains("<updated>2026-11-02T09:30:00Z</updated>"));

    // Edited but not committed: the file's own time, which is later.
    site.write(
        file,
        site.read(file)
            .replace("niet in de vakantie", "buiten de vakanties"),
    );
    set_mtime(&site, file, 1_794_800_000); // 2026-11-16
    assert_eq!(site.build().code, 0);
    assert_eq!(last_modified(&site, WEEKLY), "20261116T033320Z");
    // A translation counts as one of the item's files.
    site.write(
        "content/events/reeks-maandelijks.en.md",
        "---\ntitle: Monthly hour\nsummary: On the fifth.\n---\n",
    );
    set_mtime(
        &site,
        "content/events/reeks-maandelijks.en.md",
        1_794_000_000,
    );
    assert_eq!(site.build().code, 0);
    assert_eq!(last_modified(&site, MONTHLY), "20261106T212000Z");

    // Committed, then removed again: the removal is a change too, never a step back.
    git(&site, &["add", "."], "2026-11-08T10:00:00Z");
    git(
        &site,
        &["commit", "-q", "-m", "vertaling"],
        "2026-11-08T10:00:00Z",
    );
    git(
        &site,
        &["rm", "-q", "content/events/reeks-maandelijks.en.md"],
        "2026-11-09T10:00:00Z",
    );
    git(
        &site,
        &["commit", "-q", "-m", "weg"],
        "2026-11-09T10:00:00Z",
    );
    assert_eq!(site.build().code, 0);
    assert_eq!(last_modified(&site, MONTHLY), "20261109T100000Z");
    // Moved to a subfolder with an old modification time (`git mv` keeps it), staged but
    // not committed: never earlier than before.
    std::fs::create_dir_all(site.root().join("content/events/2027")).expect("mkdir");
    git(
        &site,
        &[
            "mv",
            "content/events/reeks-maandelijks.nl.md",
            "content/events/2027/",
        ],
        "2026-11-10T10:00:00Z",
    );
    set_mtime(
        &site,
        "content/events/2027/reeks-maandelijks.nl.md",
        1_700_000_000,
    );
    assert_eq!(site.build().code, 0);
    assert_eq!(last_modified(&site, MONTHLY), "20261109T100000Z");
}

#[test]
fn a_repository_without_commits_is_no_history_and_no_warning() {
    let site = Site::new(&["agenda"]);
    git(&site, &["init", "-q"], "2026-10-01T12:00:00Z");
    let (code, diags) = site.check_json();
    assert_eq!(code, 0);
    assert!(
        !diags
            .iter()
            .any(|d| d["code"] == "git-unreadable" || d["code"] == "shallow-history"),
        "{diags:?}"
    );
}

#[test]
fn the_archive_groups_by_the_year_an_event_ended_each_year_once() {
    let site = Site::new(&[]);
    let event = |id: &str, start: &str, end: &str| {
        site.write(
            &format!("content/events/{id}.nl.md"),
            format!("---\ntitle: {id}\nsummary: Rond de jaarwisseling.\ntype: meeting\nstart: {start}\n{end}location: werkplaats-woerden\n---\n"),
        );
    };
    event("oudjaar-laat", "2025-12-31 23:30", "");
    event(
        "over-middernacht",
        "2025-12-31 22:00",
        "end: 2026-01-01 00:15\n",
    );
    event("oudjaarsdag", "2025-12-31", "");
    event("nieuwjaar", "2026-01-02", "");
    assert_eq!(site.build().code, 0);
    let archive = site.read("public/agenda/archief/index.html");
    for year in ["y-2026", "y-2025"] {
        assert_eq!(
            archive.matches(&format!("id=\"{year}\"")).count(),
            1,
            "{year}: {archive}"
        );
    }
    let in_2026 = &archive[archive.find("id=\"y-2026\"").expect("2026")
        ..archive.find("id=\"y-2025\"").expect("2025")];
    for id in ["oudjaar-laat", "over-middernacht", "nieuwjaar"] {
        assert!(
            in_2026.contains(&format!("/agenda/{id}/")),
            "{id} ended in 2026"
        );
    }
    assert!(
        !in_2026.contains("/agenda/oudjaarsdag/"),
        "a whole day ends on itself"
    );
}

#[test]
fn a_shallow_clone_is_named_in_a_warning() {
    let site = Site::new(&["agenda"]);
    commit_all(&site, "een", "2026-10-01T12:00:00Z");
    let file = "content/events/reeks-wekelijks.nl.md";
    site.write(file, site.read(file).replace("Elke", "Iedere"));
    git(
        &site,
        &["commit", "-q", "-am", "twee"],
        "2026-10-02T12:00:00Z",
    );
    let clone = tempfile::tempdir().expect("tempdir");
    let url = format!("file://{}", site.root().display());
    let target = clone.path().join("site");
    let out = Command::new("git")
        .args(["clone", "-q", "--depth", "1", &url])
        .arg(&target)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .expect("git clone");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let args = [
        "check",
        "--root",
        ".",
        "--now",
        common::NOW,
        "--format",
        "json",
    ];
    let r = common::run_in(&target, &args);
    assert!(
        r.stdout.contains("\"code\":\"shallow-history\""),
        "{}",
        r.stdout
    );
    let full = site.check_json().1;
    assert!(!full.iter().any(|d| d["code"] == "shallow-history"));
}

#[test]
fn updated_is_clamped_to_source_date_epoch() {
    let site = Site::new(&["agenda"]);
    let file = "content/events/reeks-wekelijks.nl.md";
    site.write(
        file,
        site.read(file)
            .replace("uid:", "updated: 2027-12-01 10:00\nuid:"),
    );
    let out = Command::new(env!("CARGO_BIN_EXE_werkplaats"))
        .args(["build", "--root", ".", "--now", common::NOW])
        .current_dir(site.root())
        .env("SOURCE_DATE_EPOCH", "1790000000")
        .output()
        .expect("build");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(last_modified(&site, WEEKLY), "20260921T141320Z");
}

#[test]
fn without_git_the_newest_file_time_counts_and_never_passes_now() {
    let site = Site::new(&["agenda"]);
    for entry in content_files(&site) {
        set_mtime(&site, &entry, 1_790_000_000); // 2026-09-21
    }
    assert_eq!(site.build().code, 0);
    let first = site.read("public/agenda.ics");
    assert_eq!(last_modified(&site, WEEKLY), "20260921T141320Z");
    // Same files and times: the same bytes.
    assert_eq!(site.build().code, 0);
    assert_eq!(site.read("public/agenda.ics"), first);

    let file = "content/events/reeks-wekelijks.nl.md";
    site.write(
        file,
        site.read(file).replace("Elke woensdag", "Iedere woensdag"),
    );
    set_mtime(&site, file, 1_793_000_000); // 2026-10-26
    assert_eq!(site.build().code, 0);
    assert_eq!(last_modified(&site, WEEKLY), "20261026T073320Z");
    assert_eq!(last_modified(&site, MONTHLY), "20260921T141320Z");
    // A file touched after the build's `now` (2026-11-21 12:00 in Amsterdam) is clamped
    // to it: the build for a given `--now` stays the same.
    set_mtime(&site, file, 1_900_000_000);
    assert_eq!(site.build().code, 0);
    assert_eq!(last_modified(&site, WEEKLY), "20261121T110000Z");
}

/// Content files, relative to the site root.
fn content_files(site: &Site) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![site.root().join("content")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read_dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Some(rel) = path.strip_prefix(site.root()).ok().and_then(|p| p.to_str()) {
                out.push(rel.to_string());
            }
        }
    }
    out
}
