//! Search (SPEC §2.3): the Pagefind index the build writes under `/pagefind/`, read back
//! here without our code: its entry file is JSON, its fragments gzip'd JSON (decompressed
//! with flate2). One index per language, records with the filters and metadata of the
//! typed model, an untranslated item under the section's language, byte-identical builds;
//! the search page and the header's field.

mod common;
use common::Site;
use std::collections::BTreeMap;
use std::io::Read;

fn pagefind(site: &Site) -> BTreeMap<String, Vec<u8>> {
    site.public()
        .into_iter()
        .filter(|(path, _)| path.starts_with("pagefind/"))
        .collect()
}

/// Every fragment (one per indexed page) as JSON, by its language and URL.
fn fragments(files: &BTreeMap<String, Vec<u8>>) -> BTreeMap<(String, String), serde_json::Value> {
    let mut out = BTreeMap::new();
    for (path, bytes) in files {
        let Some(name) = path.strip_prefix("pagefind/fragment/") else {
            continue;
        };
        let mut text = Vec::new();
        flate2::read::GzDecoder::new(&bytes[..])
            .read_to_end(&mut text)
            .expect("a gzip'd fragment");
        let json = text
            .strip_prefix(b"pagefind_dcd")
            .expect("Pagefind's signature");
        let value: serde_json::Value = serde_json::from_slice(json).expect("JSON");
        let lang = name.split('_').next().expect("language first").to_string();
        let url = value["url"].as_str().expect("url").to_string();
        out.insert((lang, url), value);
    }
    out
}

fn strings(value: &serde_json::Value) -> Vec<&str> {
    value
        .as_array()
        .map(|a| a.iter().filter_map(|v| v.as_str()).collect())
        .unwrap_or_default()
}

#[test]
fn each_language_has_its_own_index_with_the_models_filters_and_metadata() {
    let site = Site::new(&[]);
    let r = site.build();
    assert_eq!(r.code, 0, "{}", r.stderr);
    let files = pagefind(&site);
    for file in [
        "pagefind/pagefind.js",
        "pagefind/wasm.nl.pagefind",
        "pagefind/wasm.en.pagefind",
    ] {
        assert!(files.contains_key(file), "{file}: {:?}", files.keys());
    }
    let entry: serde_json::Value =
        serde_json::from_slice(&files["pagefind/pagefind-entry.json"]).expect("entry JSON");
    let languages: Vec<&String> = entry["languages"]
        .as_object()
        .expect("languages")
        .keys()
        .collect();
    assert_eq!(languages, ["en", "nl"]);

    let pages = fragments(&files);
    let course = &pages[&("nl".to_string(), "/opleidingen/lassen/".to_string())];
    assert_eq!(course["meta"]["title"], "Lassen");
    assert_eq!(course["meta"]["summary"], "Leer lassen.");
    assert_eq!(course["meta"]["kind"], "Opleiding");
    assert_eq!(strings(&course["filters"]["kind"]), ["Opleiding"]);
    assert_eq!(strings(&course["filters"]["level"]), ["Mbo niveau 2"]);
    assert_eq!(strings(&course["filters"]["municipality"]), ["Woerden"]);
    let content = course["content"].as_str().expect("content");
    assert!(
        content.contains("Lassen leer je in de werkplaats"),
        "{content}"
    );
    assert!(
        content.contains("Werkplaats Woerden"),
        "the place is found: {content}"
    );
    assert!(
        !content.contains("Opleiding"),
        "the kind is a filter, not text: {content}"
    );

    // The event: its type, its audiences, and its start to sort by.
    let event = &pages[&("nl".to_string(), "/agenda/open-dag/".to_string())];
    assert_eq!(strings(&event["filters"]["type"]), ["Open dag"]);
    assert!(
        !strings(&event["filters"]["audience"]).is_empty(),
        "{event}"
    );
    // Its start as people read it, and as the sort key (also in `start` for scripts).
    assert_eq!(
        event["meta"]["date"],
        "zaterdag 13 maart 2027, 10.00–14.00 uur"
    );
    assert_eq!(event["meta"]["start"], "2027-03-13T10:00+01:00");

    // The course has no English text: the English site shows (and indexes) the Dutch one
    // under English, marked as Dutch; the Dutch index holds no English page.
    let fallback = &pages[&("en".to_string(), "/en/courses/lassen/".to_string())];
    assert_eq!(fallback["meta"]["text_lang"], "nl");
    assert_eq!(fallback["meta"]["kind"], "Course");
    assert!(
        pages
            .keys()
            .all(|(lang, url)| (lang == "en") == url.starts_with("/en/"))
    );
    // Locations and organisations are found too.
    assert!(pages.contains_key(&(
        "nl".to_string(),
        "/locaties/werkplaats-woerden/".to_string()
    )));
    assert!(pages.contains_key(&(
        "en".to_string(),
        "/en/organisations/roc-voorbeeld/".to_string()
    )));
}

#[test]
fn two_builds_give_a_byte_identical_index() {
    let site = Site::new(&[]);
    assert_eq!(site.build().code, 0);
    let first = pagefind(&site);
    assert!(first.len() > 10, "{:?}", first.keys());
    std::fs::remove_dir_all(site.root().join("public")).expect("rm");
    assert_eq!(site.build().code, 0);
    assert_eq!(pagefind(&site), first);
}

#[test]
fn the_search_page_works_without_script_and_every_page_has_the_field() {
    let site = Site::new(&[]);
    assert_eq!(site.build().code, 0);
    let nl = site.read("public/zoeken/index.html");
    assert!(nl.contains("<script type=\"module\" src=\"/search.js\"></script>"));
    // Without JavaScript: the lists and audience pages to browse.
    for link in [
        "href=\"/opleidingen/\"",
        "href=\"/agenda/\"",
        "href=\"/voor/ouders/\"",
    ] {
        assert!(nl.contains(link), "{link}: {nl}");
    }
    let en = site.read("public/en/search/index.html");
    assert!(en.contains("<html lang=\"en\">"));
    assert!(en.contains("Search needs JavaScript"));
    for page in [
        "public/index.html",
        "public/opleidingen/lassen/index.html",
        "public/en/index.html",
    ] {
        let html = site.read(page);
        let action = if page.contains("/en/") {
            "/en/search/"
        } else {
            "/zoeken/"
        };
        assert!(
            html.contains(&format!(
                "<form class=\"site-search\" role=\"search\" action=\"{action}\" method=\"get\">"
            )),
            "{page}"
        );
        assert!(html.contains("<label for=\"site-search-q\">"), "{page}");
    }
    let embed = site.read("public/embed/agenda/index.html");
    assert!(
        !embed.contains("site-search"),
        "the iframe agenda has no search field"
    );
    // `check` passes with the search page and makes no index (it writes nothing).
    std::fs::remove_dir_all(site.root().join("public")).expect("rm");
    let (code, _) = site.check_json();
    assert_eq!(code, 0);
    assert!(!site.root().join("public").exists());
}

#[test]
fn a_page_cannot_take_the_search_pages_url() {
    let site = Site::new(&[]);
    site.write(
        "content/pages/zoeken.nl.md",
        "---\ntitle: Zoeken\nsummary: Een pagina op de plek van het zoeken.\n---\n\nTekst.\n",
    );
    let (code, diags) = site.check_json_in("en");
    assert_eq!(code, 1, "{diags:?}");
    assert!(
        diags
            .iter()
            .any(|d| d["file"] == "content/pages/zoeken.nl.md"
                && d["message"]
                    .as_str()
                    .is_some_and(|m| m.contains("the search page"))),
        "{diags:?}"
    );
}
