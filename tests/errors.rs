//! One fixture per error class of SPEC §1.6: each overlay in `tests/fixtures/errors/`
//! breaks the minimal site in one way, and the test asserts the exact diagnostic —
//! code, message, file, line, column — that `check --format json` prints, and that
//! `build` refuses with exit code 1.

mod common;
use common::{Site, find};

struct Expect {
    overlay: &'static str,
    code: &'static str,
    file: &'static str,
    line: u64,
    column: u64,
    message: &'static str,
    help: Option<&'static str>,
    /// Words the Dutch message (and help) must hold.
    nl: &'static [&'static str],
}

fn assert_diag(e: &Expect) {
    let site = Site::new(&[e.overlay]);
    let (code, diags) = site.check_json_in("en");
    let hits: Vec<_> = diags
        .iter()
        .filter(|d| d["code"] == e.code && d["file"] == e.file && d["message"] == e.message)
        .collect();
    assert_eq!(
        hits.len(),
        1,
        "expected `{}` in {}: {}\ngot: {diags:#?}",
        e.code,
        e.file,
        e.message
    );
    let d = hits[0];
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(e.line), Some(e.column)),
        "{}: {d}",
        e.overlay
    );
    if let Some(help) = e.help {
        assert_eq!(d["help"], help, "{}", e.overlay);
    }
    // The same problem in Dutch (the site's default language): same code and place.
    let (nl_code, nl_diags) = site.check_json();
    assert_eq!(nl_code, code, "{}", e.overlay);
    assert_eq!(nl_diags.len(), diags.len(), "{}: {nl_diags:#?}", e.overlay);
    let same: Vec<_> = nl_diags
        .iter()
        .filter(|n| {
            n["code"] == d["code"]
                && n["file"] == d["file"]
                && n["line"] == d["line"]
                && n["column"] == d["column"]
        })
        .collect();
    assert!(
        !same.is_empty(),
        "{}: no Dutch twin in {nl_diags:#?}",
        e.overlay
    );
    let dutch = same
        .iter()
        .map(|n| {
            format!(
                "{} {}",
                n["message"].as_str().unwrap_or(""),
                n["help"].as_str().unwrap_or("")
            )
        })
        .collect::<Vec<_>>()
        .join("\n");
    for word in e.nl {
        assert!(
            dutch.contains(word),
            "{}: `{word}` not in the Dutch text: {dutch}",
            e.overlay
        );
    }
    let is_error = d["severity"] == "error";
    assert_eq!(
        code,
        if is_error { 1 } else { 0 },
        "check exit code for {}",
        e.overlay
    );
    if is_error {
        let build = site.build();
        assert_eq!(
            build.code, 1,
            "build must refuse {}: {}",
            e.overlay, build.stderr
        );
        assert!(
            !site.root().join("public").exists(),
            "a failed first build writes nothing"
        );
        assert!(
            build
                .stderr
                .contains(&format!("--> {}:{}:{}", e.file, e.line, e.column)),
            "{}",
            build.stderr
        );
    }
}

macro_rules! case {
    ($name:ident, $overlay:literal, $code:literal, $file:literal, $line:literal : $col:literal, $msg:literal $(, help = $help:literal)? $(, nl = [$($nl:literal),*])?) => {
        #[test]
        fn $name() {
            assert_diag(&Expect {
                overlay: concat!("errors/", $overlay),
                code: $code,
                file: $file,
                line: $line,
                column: $col,
                message: $msg,
                help: None $(.or(Some($help)))?,
                nl: &[$($($nl),*)?],
            });
        }
    };
}

case!(invalid_yaml, "invalid-yaml", "invalid-yaml", "content/events/kapot.nl.md", 3:10,
    "the `[` here is never closed with `]`",
    help = "close it on the same line, like `summary: [a, b]`; a text that begins with `[` must be in double quotes");

// Issue 12: the YAML traps, named at the character that caused them, with the fix.
case!(colon_in_an_unquoted_title, "yaml-traps", "invalid-yaml", "content/events/dubbele-punt.nl.md", 2:15,
    "the value of `title` holds a colon (`:`), which YAML reads as the start of another field",
    help = "put the whole value in double quotes: `title: \"Webinar: werken als hybride docent\"`");
case!(curly_quotes, "yaml-traps", "invalid-yaml", "content/events/krullen.nl.md", 2:8,
    "the value of `title` begins with a curly quote (“), which YAML does not read as a quote",
    help = "use straight double quotes, as a keyboard types them: `title: \"Open dag: kom kijken\"`");
case!(a_tab_in_indentation, "yaml-traps", "tab-character", "content/events/tab.nl.md", 8:1,
    "a tab is here; YAML allows only spaces to indent and after the `:` of a field",
    help = "replace the tab with spaces (two spaces per level of indenting)");
case!(a_non_breaking_space_in_a_date, "yaml-traps", "invisible-character", "content/events/harde-spatie.nl.md", 5:18,
    "a non-breaking space (U+00A0) is here",
    help = "it looks like a space but is not one (it often comes along when text is copied from Word or a web page): delete it and type a normal space");
case!(a_zero_width_space_in_a_key, "yaml-traps", "invisible-character", "content/events/onzichtbaar.nl.md", 4:3,
    "a zero-width space (U+200B) is here");
case!(a_value_beginning_with_at, "yaml-traps", "invalid-yaml", "content/events/apenstaart.nl.md", 7:12,
    "the value of `organiser` begins with `@`, which YAML reads as a sign of its own",
    help = "put the whole value in double quotes: `organiser: \"@roc-voorbeeld\"`");
case!(an_unclosed_quote, "yaml-traps", "invalid-yaml", "content/events/open-aanhalingsteken.nl.md", 2:8,
    "the quote (`\"`) that begins the value of `title` is never closed",
    help = "end the value with `\"` on the same line");
case!(a_value_beginning_with_a_hash, "yaml-traps", "invalid-yaml", "content/events/hekje.nl.md", 2:8,
    "the value of `title` begins with `#`, which YAML reads as the start of a comment, so `title` is empty",
    help = "put the whole value in double quotes: `title: \"#1 in de regio\"`",
    nl = ["begint met `#`", "commentaar", "`title: \"#1 in de regio\"`"]);
case!(a_value_beginning_with_an_ampersand, "yaml-traps", "invalid-yaml", "content/events/ampersand.nl.md", 2:8,
    "the value of `title` begins with `&`, which YAML reads as a sign of its own",
    help = "put the whole value in double quotes: `title: \"&Co open dag\"`",
    nl = ["begint met `&`", "dubbele aanhalingstekens"]);
case!(a_value_beginning_with_a_bang, "yaml-traps", "invalid-yaml", "content/events/uitroepteken.nl.md", 2:8,
    "the value of `title` begins with `!`, which YAML reads as a sign of its own",
    help = "put the whole value in double quotes: `title: \"!Nieuw open dag\"`");
case!(a_value_beginning_with_greater_than, "yaml-traps", "invalid-yaml", "content/events/groter-dan.nl.md", 7:7,
    "the value of `cost` begins with `>`, which YAML reads as a sign of its own",
    help = "put the whole value in double quotes: `cost: \"> 18 jaar gratis\"`");
case!(no_space_after_the_colon, "yaml-traps", "invalid-yaml", "content/events/geen-spatie.nl.md", 3:9,
    "there is no space after the colon of `summary`, so YAML does not read it as a field",
    help = "put a space after the colon: `summary: Kom kijken.`",
    nl = ["geen spatie", "`summary: Kom kijken.`"]);
case!(one_text_written_as_a_list, "yaml-traps", "wrong-type", "content/events/lijst-als-tekst.nl.md", 2:8,
    "`title` is one text, but it is written as a list",
    help = "write the text right after the colon, without brackets or `- `: `title: Open dag`",
    nl = ["één tekst", "`title: Open dag`"]);
case!(a_list_without_dashes, "yaml-traps", "list-as-text", "content/events/lijst-zonder-streepjes.nl.md", 8:3,
    "`audiences` is a list, but `vo parents` is written as one text",
    help = "put the items between square brackets: `audiences: [vo, parents]`");
// Dutch words for codes, from the theme's labels and a few synonyms.
case!(a_dutch_status, "dutch-words", "invalid-value", "content/events/geannuleerd.nl.md", 7:9,
    "`geannuleerd` is not a valid `status`", help = "write the code `cancelled` for `geannuleerd`",
    nl = ["schrijf de code `cancelled` voor `geannuleerd`"]);
case!(a_dutch_event_type, "dutch-words", "invalid-value", "content/events/open-dag-type.nl.md", 4:7,
    "`Open dag` is not a valid `type`", help = "write the code `open-day` for `Open dag`");
case!(a_dutch_audience, "dutch-words", "invalid-value", "content/events/ouders.nl.md", 7:17,
    "`ouders` is not a valid `audiences`", help = "write the code `parents` for `ouders`");
case!(a_dutch_audience_with_a_hyphen, "dutch-words", "invalid-value", "content/courses/zij-instromers.nl.md", 8:12,
    "`zij-instromers` is not a valid `audiences`", help = "write the code `career-switchers` for `zij-instromers`");
case!(a_dutch_level, "dutch-words", "invalid-value", "content/courses/niveau.nl.md", 7:8,
    "`Mbo niveau 2` is not a valid `level`", help = "write the code `mbo-2` for `Mbo niveau 2`");
case!(a_dutch_location_kind, "dutch-words", "invalid-value", "content/locations/opleidingscentrum.yaml", 3:7,
    "`Opleidingscentrum` is not a valid `kind`", help = "write the code `training-centre` for `Opleidingscentrum`");
case!(unknown_field_suggests_the_nearest, "unknown-field", "unknown-field", "content/events/tikfout.nl.md", 5:1,
    "unknown field `strat`", help = "did you mean `start`?");
case!(missing_field_in_same_run, "unknown-field", "missing-field", "content/events/tikfout.nl.md", 2:1,
    "required field `start` is missing", help = "add a line `start: …`");
case!(missing_field, "missing-field", "missing-field", "content/courses/zonder-niveau.nl.md", 2:1,
    "required field `level` is missing");
case!(wrong_type, "wrong-type", "wrong-type", "content/locations/verkeerd.yaml", 4:8,
    "`lat` should be a number, found text");
case!(missing_reference_suggests_ids, "missing-reference", "missing-reference", "content/events/verkeerde-plek.nl.md", 6:11,
    "there is no location `werkplaats-woerdn`", help = "did you mean `werkplaats-woerden`?");
case!(duplicate_id, "duplicate-id", "duplicate-id", "content/events/open-dag.nl.md", 1:1,
    "the event id `open-dag` is already used by content/events/2027/open-dag.nl.md");
case!(page_on_a_generated_url, "url-collision", "url-collision", "content/pages/agenda.nl.md", 1:1,
    "/agenda/ is already taken by the agenda");
case!(event_slug_on_the_archive, "url-collision", "url-collision", "content/events/archief-dag.nl.md", 4:7,
    "/agenda/archief/ is already taken by the agenda archive");
case!(end_before_start, "end-before-start", "end-before-start", "content/events/omgekeerd.nl.md", 6:6,
    "the event ends at 2027-03-13 10:00, before it starts at 2027-03-13 14:00");
case!(nonexistent_local_time, "dst", "nonexistent-time", "content/events/zomertijd.nl.md", 5:8,
    "2027-03-28 02:30 does not exist in Europe/Amsterdam: the clocks skip that hour (daylight saving time starts)");
case!(ambiguous_local_time, "dst", "ambiguous-time", "content/events/wintertijd.nl.md", 6:6,
    "2027-10-31 02:30 happens twice in Europe/Amsterdam: the clocks go back an hour (daylight saving time ends)");
case!(javascript_url_field, "invalid-url", "invalid-url", "content/events/javascript.nl.md", 7:19,
    "`registration_url` must be an absolute http(s) URL, found `javascript:alert(1)`");
case!(inherited_field_in_translation, "inherited-field", "inherited-field", "content/events/open-dag.en.md", 4:1,
    "`start` is set in open-dag.en.md; translations inherit it",
    help = "remove `start` here and set it in open-dag.nl.md, so the languages cannot drift apart");
case!(image_without_alt, "image-without-alt", "image-without-alt", "content/pages/foto.nl.md", 4:1,
    "`image` needs `image_alt`, a text that says what the image shows");
case!(not_utf8, "not-utf8", "not-utf8", "content/pages/latin.nl.md", 2:11,
    "the file is not UTF-8 text");
case!(invalid_id, "invalid-id", "invalid-id", "content/events/Open_Dag.nl.md", 1:1,
    "`Open_Dag` is not a valid id",
    help = "ids use lowercase letters, digits and single hyphens, at most 100 characters: rename the file to `open-dag.nl.md`");
case!(invalid_slug, "invalid-slug", "invalid-slug", "content/pages/uitbreker.nl.md", 4:7,
    "`../../etc` is not a valid slug");
case!(translation_without_original, "missing-original", "missing-original", "content/events/alleen-engels.en.md", 1:1,
    "this translation has no original in Dutch");
case!(broken_item_reference, "broken-reference", "broken-reference", "content/pages/links.nl.md", 6:5,
    "`@/initiatives/techniekhuis-oud.md` does not lead to any item", help = "did you mean `@/initiatives/techniekhuis.md`?");
case!(broken_internal_link_warns, "broken-link", "broken-link", "content/pages/links.nl.md", 6:43,
    "`/bestaat-niet/` leads to no page of this site");
case!(old_event_warns, "old-event", "old-event", "content/events/heel-oud.nl.md", 1:1,
    "this event ended more than a year ago");

// Issue 10: content that used to be accepted silently.
case!(amount_above_a_trillion, "amount-too-large", "amount-too-large", "content/initiatives/miljarden.nl.md", 7:44,
    "the amount € 9223372036854775807 is more than € 10¹² (one trillion euros)");
case!(funding_total_above_a_trillion, "funding-total", "amount-too-large", "content/initiatives/veel.nl.md", 6:1,
    "the amounts in `funding` add up to more than € 10¹² (one trillion euros): € 1200000000000");
case!(repeat_until_before_start, "repeat-rules", "repeat-until-before-start", "content/events/omgekeerde-reeks.nl.md", 7:31,
    "the series ends on 2027-03-01 (`until`), before its first session on 2027-03-10");
case!(repeat_that_excepts_every_session, "repeat-rules", "repeat-without-sessions", "content/events/alles-vervalt.nl.md", 7:42,
    "`except` leaves out every session of this series, so it never takes place");
case!(repeat_count_above_1000, "repeat-rules", "invalid-value", "content/events/eindeloos.nl.md", 9:10,
    "`count` is 1000000000; a series may have at most 1000 sessions");
case!(repeat_interval_below_1, "repeat-rules", "invalid-value", "content/events/nul-interval.nl.md", 9:13,
    "`interval` must be at least 1, found 0");
case!(except_date_that_is_no_session_warns, "except-not-a-session", "except-not-a-session", "content/events/wekelijks.nl.md", 10:24,
    "2027-03-18 in `except` is not a session of this series, so it leaves nothing out");
case!(duplicate_uid_names_both_files, "duplicate-uid", "duplicate-uid", "content/events/tweede-open-dag.nl.md", 7:6,
    "the uid `11111111-2222-4333-8444-555555555555` is already used by content/events/open-dag.nl.md");
case!(sequence_outside_rfc_5545, "sequence-range", "invalid-value", "content/events/volgnummer.nl.md", 7:11,
    "`sequence` is 4294967295; it must be a whole number from 0 to 2147483647");
case!(control_character_in_a_body, "control-character", "control-character", "content/pages/geplakt.nl.md", 6:14,
    "an invisible control character (U+0000) is here");
case!(two_sections_on_one_name_blame_site_yaml, "section-collision", "url-collision", "content/site.yaml", 8:16,
    "the initiatives section and the courses section are both called `opleidingen` in Dutch");

/// Written by the test, not kept as a fixture: a checkout on a file system that ignores
/// case (macOS, Windows) could not hold both files.
#[test]
fn media_names_differing_in_case_or_with_capitals() {
    let site = Site::new(&[]);
    site.write("content/media/Foto.png", "A");
    site.write("content/media/foto.png", "B");
    if site.read("content/media/foto.png") != "B" || site.read("content/media/Foto.png") != "A" {
        return; // this file system folds case: the two names are one file here
    }
    let (code, diags) = site.check_json_in("en");
    assert_eq!(code, 1);
    let d = find(&diags, "media-case-collision", "content/media/foto.png");
    assert_eq!(
        d["message"],
        "this name differs only in upper and lower case from content/media/Foto.png"
    );
    let d = find(&diags, "invalid-media-name", "content/media/Foto.png");
    assert_eq!(
        d["help"],
        "rename it to content/media/foto.png (and use that name where it is linked)"
    );
}

#[test]
fn control_characters_in_site_yaml_too() {
    let site = Site::new(&[]);
    let config = site.read("content/site.yaml");
    site.write(
        "content/site.yaml",
        config.replace("theme: default", "theme: default # \u{7}"),
    );
    let (code, diags) = site.check_json_in("en");
    assert_eq!(code, 1);
    let d = find(&diags, "control-character", "content/site.yaml");
    assert_eq!(d["line"].as_u64(), Some(6), "{d}");
}

#[test]
fn an_id_over_the_limit_says_the_limit() {
    let site = Site::new(&[]);
    let id = "a".repeat(249);
    let rel = format!("content/pages/{id}.md");
    site.write(&rel, "---\ntitle: Lang\nsummary: x\n---\n");
    let (code, diags) = site.check_json_in("en");
    assert_eq!(code, 1);
    let d = find(&diags, "invalid-id", &rel);
    assert_eq!(
        d["message"],
        format!(
            "the id `{}…` is 249 characters long; at most 100 are allowed",
            "a".repeat(40)
        )
    );
    let help = d["help"].as_str().expect("help");
    let suggested = help
        .rsplit('`')
        .nth(1)
        .expect("a suggested name")
        .trim_end_matches(".md");
    assert!(
        suggested.len() <= 100 && suggested != id,
        "the help suggests a name within the limit: {help}"
    );
}

#[test]
fn numbers_in_text_fields_keep_their_written_form() {
    let site = Site::new(&[]);
    site.write(
        "content/pages/versie.nl.md",
        "---\ntitle: 2027.10\nsummary: 1.50\n---\n",
    );
    site.write(
        "content/organisations/ja.yaml",
        "name: { nl: True, en: 3.0 }\nkind: network\n",
    );
    assert_eq!(site.build().code, 0);
    let page = site.read("public/versie/index.html");
    assert!(
        page.contains("<h1>2027.10</h1>") || page.contains(">2027.10<"),
        "{page}"
    );
    assert!(page.contains("1.50"), "summary as written");
    assert!(!page.contains("2027.1<"), "not the number YAML read");
    assert!(
        site.read("public/organisaties/ja/index.html")
            .contains("True")
    );
    assert!(
        site.read("public/en/organisations/ja/index.html")
            .contains("3.0")
    );
}

#[test]
fn a_circular_include_names_the_template_and_line() {
    let site = Site::new(&[]);
    let partial = site.read("themes/default/templates/partials/links.html");
    site.write(
        "themes/default/templates/partials/links.html",
        format!("{partial}{{% include \"partials/links.html\" %}}\n"),
    );
    let (code, diags) = site.check_json_in("en");
    assert_eq!(code, 1);
    let d = find(
        &diags,
        "template-error",
        "themes/default/templates/partials/links.html",
    );
    assert_eq!(
        d["line"].as_u64(),
        Some(partial.lines().count() as u64 + 1),
        "{d}"
    );
    assert!(
        d["message"]
            .as_str()
            .expect("message")
            .contains("Circular include")
    );
}

#[test]
fn names_from_files_reach_the_terminal_escaped() {
    let site = Site::new(&[]);
    site.write(
        "content/pages/a\u{1b}[31mb\nerror: vals.nl.md",
        "---\ntitle: x\nsummary: x\n---\n",
    );
    site.write(
        "content/pages/sleutel.nl.md",
        "---\ntitle: x\nsummary: x\n\"\\e]0;titel\\a\": 1\n---\n",
    );
    let r = site.run(&["check", "--now", common::NOW]);
    assert_eq!(r.code, 1);
    assert!(
        !r.stderr.contains('\u{1b}') && !r.stderr.contains('\u{7}'),
        "no escape sequences: {:?}",
        r.stderr
    );
    assert!(
        !r.stderr.lines().any(|l| l.starts_with("error: vals")),
        "no forged line: {}",
        r.stderr
    );
}

#[test]
fn javascript_link_in_markdown() {
    let site = Site::new(&["errors/invalid-url"]);
    let (_, diags) = site.check_json_in("en");
    let hits: Vec<_> = diags
        .iter()
        .filter(|d| d["message"] == "links with `javascript:` are not allowed")
        .collect();
    assert_eq!(hits.len(), 1, "{diags:#?}");
    assert_eq!(
        (hits[0]["line"].as_u64(), hits[0]["column"].as_u64()),
        (Some(10), Some(6))
    );
}

#[test]
fn missing_translation_warns_and_strict_fails() {
    let site = Site::new(&[]);
    let (code, diags) = site.check_json_in("en");
    assert_eq!(code, 0, "warnings alone pass: {diags:#?}");
    let d = find(&diags, "missing-translation", "content/pages/over.nl.md");
    assert_eq!(
        d["message"],
        "there is no English translation (over.en.md); the English site shows the text in Dutch"
    );
    let strict = site.run(&["check", "--strict", "--now", common::NOW]);
    assert_eq!(strict.code, 1, "--strict fails on warnings");
}

#[test]
fn symlink_leading_out_of_the_site() {
    let site = Site::new(&[]);
    let outside = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        outside.path().join("geheim.nl.md"),
        "---\ntitle: Geheim\nsummary: x\n---\n",
    )
    .expect("write");
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        outside.path().join("geheim.nl.md"),
        site.root().join("content/pages/geheim.nl.md"),
    )
    .expect("symlink");
    #[cfg(unix)]
    std::os::unix::fs::symlink(outside.path(), site.root().join("content/pages/buiten"))
        .expect("symlink");
    let (code, diags) = site.check_json_in("en");
    assert_eq!(code, 1);
    let d = find(&diags, "symlink-outside", "content/pages/geheim.nl.md");
    assert_eq!(d["message"], "this symlink leads outside the site root");
    find(&diags, "symlink-outside", "content/pages/buiten");
    assert_eq!(site.build().code, 1);
}

#[test]
fn all_problems_of_a_run_are_reported_together() {
    let site = Site::new(&[
        "errors/unknown-field",
        "errors/missing-reference",
        "errors/dst",
        "errors/wrong-type",
    ]);
    let (code, diags) = site.check_json_in("en");
    assert_eq!(code, 1);
    let codes: std::collections::BTreeSet<&str> =
        diags.iter().filter_map(|d| d["code"].as_str()).collect();
    for c in [
        "unknown-field",
        "missing-field",
        "missing-reference",
        "nonexistent-time",
        "ambiguous-time",
        "wrong-type",
    ] {
        assert!(codes.contains(c), "{c} missing from {codes:?}");
    }
}

#[test]
fn each_translation_of_an_item_with_an_image_needs_alt() {
    let site = Site::new(&["errors/image-without-alt"]);
    site.write(
        "content/pages/foto.nl.md",
        "---\ntitle: Foto\nsummary: x\nimage: werkplaats.png\nimage_alt: Een werkbank\n---\n",
    );
    site.write(
        "content/pages/foto.en.md",
        "---\ntitle: Photo\nsummary: x\n---\n",
    );
    let (code, diags) = site.check_json_in("en");
    assert_eq!(code, 1);
    let d = find(&diags, "image-without-alt", "content/pages/foto.en.md");
    assert_eq!(
        d["message"],
        "this item has an image, so its translation needs `image_alt` too"
    );
    site.write(
        "content/pages/foto.en.md",
        "---\ntitle: Photo\nsummary: x\nimage_alt: A workbench\n---\n",
    );
    assert_eq!(site.build().code, 0);
    assert!(site.read("public/en/foto/index.html").contains(
        r#"<img src="/media/werkplaats-480.png" srcset="/media/werkplaats-480.png 480w""#
    ));
    assert!(
        site.read("public/en/foto/index.html")
            .contains(r#"width="480" height="320" alt="A workbench" loading="eager""#)
    );
    assert!(
        site.root().join("public/media/werkplaats.png").is_file(),
        "media copied"
    );
}

#[test]
fn links_in_location_descriptions_resolve_and_are_checked() {
    let site = Site::new(&[]);
    let loc = site.read("content/locations/werkplaats-woerden.yaml").replace(
        "description: { nl: Een **werkplaats**., en: A **workshop**. }",
        "description:\n  nl: Zie [het huis](@/initiatives/techniekhuis.md).\n  en: See [nothing](@/initiatives/niets.md).",
    );
    site.write("content/locations/werkplaats-woerden.yaml", loc);
    let (code, diags) = site.check_json_in("en");
    assert_eq!(code, 1);
    let d = find(
        &diags,
        "broken-reference",
        "content/locations/werkplaats-woerden.yaml",
    );
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(8), Some(7)),
        "{d}"
    );
    let fixed = site
        .read("content/locations/werkplaats-woerden.yaml")
        .replace("@/initiatives/niets.md", "@/initiatives/techniekhuis.md");
    site.write("content/locations/werkplaats-woerden.yaml", fixed);
    assert_eq!(site.build().code, 0);
    assert!(
        site.read("public/en/locations/werkplaats-woerden/index.html")
            .contains(r#"<a href="/en/initiatives/techniekhuis/">nothing</a>"#)
    );
    assert!(
        site.read("public/locaties/werkplaats-woerden/index.html")
            .contains(r#"<a href="/initiatieven/techniekhuis/">het huis</a>"#)
    );
}

#[test]
fn a_course_needs_a_location() {
    let site = Site::new(&[]);
    let course = site
        .read("content/courses/lassen.nl.md")
        .replace("locations: [werkplaats-woerden]", "locations: []");
    site.write("content/courses/lassen.nl.md", course);
    let (code, diags) = site.check_json_in("en");
    assert_eq!(code, 1);
    let d = find(&diags, "missing-field", "content/courses/lassen.nl.md");
    assert_eq!(
        d["message"],
        "a course needs at least one location in `locations`"
    );
    assert_eq!(d["line"].as_u64(), Some(5));
}

/// One mistake, one problem: a file whose YAML breaks is reported once, at its cause.
#[test]
fn each_yaml_trap_is_one_problem_in_its_own_file() {
    let site = Site::new(&["errors/yaml-traps"]);
    let (code, diags) = site.check_json_in("en");
    assert_eq!(code, 1);
    let mut files: Vec<&str> = diags
        .iter()
        .filter(|d| d["severity"] == "error")
        .filter_map(|d| d["file"].as_str())
        .collect();
    let all = files.len();
    files.dedup();
    assert_eq!((all, files.len()), (14, 14), "{diags:#?}");
}

case!(a_list_written_as_text, "list-as-text", "list-as-text", "content/events/komma-lijst.nl.md", 7:12,
    "`audiences` is a list, but `vo, parents` is written as one text",
    help = "put the items between square brackets: `audiences: [vo, parents]`");

// Issue 12: no follow-on errors. A link to an item whose file has errors, and a translation
// whose file has errors, are not reported again; a suggestion is a link that can be written.
case!(a_broken_link_suggests_a_writable_link, "follow-on", "broken-reference", "content/pages/verwijst.nl.md", 6:50,
    "`@/events/open-dg.md` does not lead to any item",
    help = "did you mean `@/events/open-dag.md` or `@/events/vorig-jaar.md`?");

#[test]
fn a_broken_file_is_reported_once_not_where_it_is_used() {
    let site = Site::new(&["errors/follow-on"]);
    let (_, diags) = site.check_json_in("en");
    let errors: Vec<(&str, &str)> = diags
        .iter()
        .filter(|d| d["severity"] == "error")
        .filter_map(|d| Some((d["code"].as_str()?, d["file"].as_str()?)))
        .collect();
    assert_eq!(
        errors,
        [
            ("invalid-yaml", "content/events/kapotte-dag.nl.md"),
            ("invalid-yaml", "content/events/open-dag.en.md"),
            ("broken-reference", "content/pages/verwijst.nl.md"),
        ],
        "{diags:#?}"
    );
    let about_open_dag = diags
        .iter()
        .filter(|d| {
            d["code"] == "missing-translation" && d["file"] == "content/events/open-dag.nl.md"
        })
        .count();
    assert_eq!(
        about_open_dag, 0,
        "the English file is there, with its own error"
    );
}

/// One file with many mistakes a communicator makes (a Dutch word for a code, a date in
/// Dutch order with a dotted time, an ISO `T`, a list written as text, a field name in
/// Dutch, a summary that repeats the title, "klik hier", a skipped heading, an image
/// described as "foto"): each is named where it is, in Dutch by default and in English
/// on request, with the same codes and places.
#[test]
fn many_mistakes_in_one_file_read_the_same_in_both_languages() {
    let site = Site::new(&["errors/five-mistakes"]);
    let nl = site.run(&["check", "--now", common::NOW]);
    assert_eq!(nl.code, 1, "{}", nl.stderr);
    insta::assert_snapshot!("many_mistakes_nl", nl.stderr);
    let en = site.run(&["check", "--now", common::NOW, "--messages", "en"]);
    assert_eq!(en.code, 1, "{}", en.stderr);
    insta::assert_snapshot!("many_mistakes_en", en.stderr);
    let places = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|l| l.starts_with("  --> ") || l.contains("]: "))
            .map(|l| {
                l.split("]: ")
                    .next()
                    .unwrap_or(l)
                    .replace("fout[", "[")
                    .replace("error[", "[")
                    .replace("waarschuwing[", "[")
                    .replace("warning[", "[")
            })
            .collect()
    };
    assert_eq!(places(&nl.stderr), places(&en.stderr));
    for code in [
        "summary-repeats-title",
        "list-as-text",
        "unknown-field",
        "vague-link-text",
        "skipped-heading",
        "poor-alt-text",
    ] {
        assert!(
            nl.stderr.contains(&format!("[{code}]")),
            "{code}: {}",
            nl.stderr
        );
    }
    for words in [
        "schrijf de code `open-day` voor `open dag`",
        "schrijf de code `cancelled` voor `geannuleerd`",
        "schrijf jaar-maand-dag: `start: 2027-03-13 10:00`",
        "zet een spatie tussen de datum en de tijd: `end: 2027-03-13 12:00`",
        "zet de onderdelen tussen vierkante haken: `audiences: [vo, ouders]`",
        "bedoel je `registration_url`?",
    ] {
        assert!(nl.stderr.contains(words), "{words}: {}", nl.stderr);
    }
    // Warnings only: `check --strict` fails on the writing checks.
    let clean = Site::new(&[]);
    clean.write(
        "content/pages/over.nl.md",
        "---\ntitle: Over ons\nsummary: Over ons\n---\n\n[Lees meer](https://www.example.nl)\n",
    );
    assert_eq!(clean.run(&["check", "--now", common::NOW]).code, 0);
    assert_eq!(
        clean.run(&["check", "--now", common::NOW, "--strict"]).code,
        1
    );
}

/// A comment after an empty field is a comment (`summary:   # later`), reported as the
/// missing field it is; only a `#` glued to text (`#1 in de regio`) is named as the sign.
#[test]
fn a_comment_after_an_empty_field_is_not_called_a_sign() {
    let site = Site::new(&[]);
    site.write(
        "content/pages/leeg.nl.md",
        "---\ntitle: Leeg\nsummary:   # later invullen\n---\n",
    );
    let (code, diags) = site.check_json_in("en");
    assert_eq!(code, 1);
    let d = find(&diags, "missing-field", "content/pages/leeg.nl.md");
    assert_eq!(d["message"], "required field `summary` is missing", "{d}");
}
