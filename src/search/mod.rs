//! Stage 4, beside render: the search index (§2.3). In: one `Document` per page to find
//! (`render::records` writes them from the typed model). Out: the files of `/pagefind/`
//! in Pagefind's format, for Pagefind's own script and WebAssembly (`runtime`, from the
//! `pagefind` crate) to search.
//!
//! The index is written here, not by the crate: the crate adds records one at a time
//! behind one lock and compresses file after file on one core, which made a build with
//! search of 10,000 events 4.7 times as slow as one without. Here the words of each page
//! are worked out on every core (`words`), each language's index is put together
//! (`format`) and the files are compressed on every core. The tests hold our index
//! against the crate's for the same records: the same files, byte for byte before gzip.

mod format;
mod runtime;
mod words;

use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// One page as search sees it.
#[derive(Debug, Clone)]
pub struct Document {
    /// Its URL path (`/opleidingen/lassen/`): what a result links to.
    pub url: String,
    /// The language of the site section it is in (`nl`): the index it goes to.
    pub lang: &'static str,
    /// The words to find it by.
    pub content: String,
    pub meta: BTreeMap<String, String>,
    pub filters: BTreeMap<String, Vec<String>>,
    pub sort: BTreeMap<String, String>,
}

/// The pages of one language to index: what each is (its record without its words)
/// first, for the shape of the whole index, then each one's words as the index comes to
/// it, so that the words of every page are never all in memory at once.
pub trait Pages: Sync {
    /// Every page's record, its `content` left empty, in the site's order.
    fn records(&self) -> Vec<Document>;

    /// The words of page `number` of `records`.
    fn content(&self, number: usize) -> String;
}

/// Records with their words in them (the tests' records): each page's words are a copy.
impl Pages for Vec<Document> {
    fn records(&self) -> Vec<Document> {
        self.iter()
            .map(|d| Document {
                content: String::new(),
                ..d.clone()
            })
            .collect()
    }

    fn content(&self, number: usize) -> String {
        self[number].content.clone()
    }
}

/// No pages (a language search has no records for).
impl<P: Pages> Pages for Option<P> {
    fn records(&self) -> Vec<Document> {
        self.as_ref().map(P::records).unwrap_or_default()
    }

    fn content(&self, number: usize) -> String {
        self.as_ref().map(|p| p.content(number)).unwrap_or_default()
    }
}

/// The folder of the index in the site.
pub const FOLDER: &str = "pagefind";

/// At most this many fragment files per language: a site with more pages bundles the
/// fragments of neighbouring pages in one file (of 8 pages at 14,000 pages). Each file is a
/// file to write, hash, compare and remove on every build; a visitor fetches a few more
/// kilobytes per result.
const MAX_FRAGMENTS: usize = 2000;

/// The files of the index for `documents`: paths under the site root
/// (`pagefind/pagefind.js`, …) in name order, with their bytes (`index_each`, for
/// documents of every language at once).
#[cfg(test)]
pub fn index(documents: Vec<Document>) -> Result<Vec<(String, Vec<u8>)>, String> {
    index_with(documents, MAX_FRAGMENTS)
}

/// The index of the pages `pages_in` gives for each of `langs`: one language at a time,
/// so that only one language's records and words are in memory at once.
pub fn index_each<P: Pages>(
    langs: &[&'static str],
    pages_in: impl Fn(&'static str) -> P,
) -> Result<Vec<(String, Vec<u8>)>, String> {
    index_languages(langs, pages_in, MAX_FRAGMENTS)
}

#[cfg(test)]
fn index_with(
    documents: Vec<Document>,
    max_fragments: usize,
) -> Result<Vec<(String, Vec<u8>)>, String> {
    let langs: BTreeSet<&'static str> = documents.iter().map(|d| d.lang).collect();
    let mut by_lang: BTreeMap<&'static str, Vec<Document>> = BTreeMap::new();
    for doc in documents {
        by_lang.entry(doc.lang).or_default().push(doc);
    }
    let langs: Vec<&'static str> = langs.into_iter().collect();
    let take = |lang: &'static str| by_lang.get(lang).cloned().unwrap_or_default();
    index_languages(&langs, take, max_fragments)
}

/// One language's index: its files (compressed) and what the entry file says of it.
struct LanguageIndex {
    lang: &'static str,
    meta_hash: String,
    page_count: usize,
    files: Vec<(String, Vec<u8>)>,
}

fn index_languages<P: Pages>(
    langs: &[&'static str],
    pages_in: impl Fn(&'static str) -> P,
    max_fragments: usize,
) -> Result<Vec<(String, Vec<u8>)>, String> {
    let langs: BTreeSet<&'static str> = langs.iter().copied().collect();
    let mut runtime = crate::timed("search index: runtime", || runtime::runtime(&langs))?;
    let include = runtime.include_characters.clone();
    let mut indexes: Vec<LanguageIndex> = Vec::new();
    for &lang in &langs {
        let index = index_language(
            lang,
            &pages_in(lang),
            &include,
            &runtime.version,
            max_fragments,
        )?;
        indexes.extend(index);
    }
    let found: BTreeSet<&'static str> = indexes.iter().map(|i| i.lang).collect();
    if found != langs {
        runtime = runtime::runtime(&found)?;
    }
    let entry = Entry {
        version: &runtime.version,
        languages: indexes
            .iter()
            .map(|index| {
                let language = EntryLanguage {
                    hash: &index.meta_hash,
                    wasm: runtime.stemmed.contains(index.lang).then_some(index.lang),
                    page_count: index.page_count,
                };
                (index.lang, language)
            })
            .collect(),
        include_characters: &include,
    };
    let entry = serde_json::to_vec(&entry).map_err(|e| format!("pagefind-entry.json: {e}"))?;
    let packed = indexes.into_iter().flat_map(|index| index.files);
    let mut out: Vec<(String, Vec<u8>)> = runtime
        .files
        .into_iter()
        .chain(std::iter::once(("pagefind-entry.json".to_string(), entry)))
        .chain(packed)
        .map(|(name, bytes)| (format!("{FOLDER}/{name}"), bytes))
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}

/// The index of `pages` (all in `lang`), `None` if no page has words (a language
/// without an index needs no WebAssembly). Each page's words are made, worked out and
/// packed in one go, numbered by its place, and let go of then: so pages without words,
/// which are not in the index, are found on the first way through, and the language is
/// indexed again without them.
fn index_language(
    lang: &'static str,
    pages: &impl Pages,
    include: &[char],
    version: &str,
    max_fragments: usize,
) -> Result<Option<LanguageIndex>, String> {
    // Each record with its number among `pages`' records.
    let mut records: Vec<(usize, Document)> =
        crate::timed("search index: records", || last_per_url(pages.records()));
    loop {
        let described: Vec<format::PageMeta<'_>> = records
            .iter()
            .map(|(_, d)| (&d.meta, &d.filters, &d.sort))
            .collect();
        let shape = format::Shape::of(&described, max_fragments);
        drop(described);
        let (numbers, records_now): (Vec<usize>, Vec<Document>) = records.into_iter().unzip();
        // Runs of pages that follow one another, a few per core: each gathers its pages'
        // words (a run's words are a map of the words in it, so the runs are not many).
        let run = numbers
            .len()
            .div_ceil(4 * rayon::current_num_threads())
            .max(1);
        let runs: Vec<Run> = crate::timed("search index: words", || {
            records_now
                .into_par_iter()
                .zip(numbers.par_iter())
                .enumerate()
                .with_min_len(run)
                .fold(
                    || (words::Words::new(include), Run::default()),
                    |(mut w, mut run), (number, (mut doc, &at))| {
                        doc.content = pages.content(at);
                        let page = w.page(doc);
                        let has_text = page.has_text;
                        let packed = shape.pack(lang, number, page, &mut run.gathered);
                        run.pages.push((number, has_text, packed));
                        (w, run)
                    },
                )
                .map(|(_, run)| run)
                .collect()
        });
        let mut packed: Vec<(usize, bool, format::Packed)> = Vec::with_capacity(numbers.len());
        let mut gathered = Vec::with_capacity(runs.len());
        for run in runs {
            packed.extend(run.pages);
            gathered.push(run.gathered);
        }
        packed.sort_by_key(|p| p.0);
        if packed.iter().all(|(_, words, _)| *words) {
            if packed.is_empty() {
                return Ok(None);
            }
            let packed = packed.into_iter().map(|(_, _, p)| p).collect();
            let index = crate::timed("search index: pack", || {
                format::finish(lang, packed, gathered, shape, version, max_fragments)
            })?;
            let files = crate::timed("search index: gzip", || {
                index
                    .files
                    .into_par_iter()
                    .map_init(Gzip::new, |gz, (name, bytes)| (name, gz.pack(&bytes)))
                    .collect()
            });
            return Ok(Some(LanguageIndex {
                lang,
                meta_hash: index.meta_hash,
                page_count: index.page_count,
                files,
            }));
        }
        let with_words: Vec<bool> = packed.iter().map(|(_, words, _)| *words).collect();
        drop((packed, gathered));
        let mut all: Vec<Option<Document>> = pages.records().into_iter().map(Some).collect();
        records = numbers
            .into_iter()
            .zip(with_words)
            .filter_map(|(at, words)| Some((at, all.get_mut(at)?.take().filter(|_| words)?)))
            .collect();
    }
}

/// A run of pages packed on one core, in order: each with its number and whether it has
/// words, and the words of them all.
#[derive(Default)]
struct Run {
    pages: Vec<(usize, bool, format::Packed)>,
    gathered: format::Gathered,
}

/// `documents` with one record per URL, each with its place in `documents`: a later
/// record of a URL takes the place of the first, as in Pagefind. (A site cannot have two
/// pages at one URL; this keeps the index whole where records are made wrong.)
fn last_per_url(documents: Vec<Document>) -> Vec<(usize, Document)> {
    let mut at: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut place = Vec::with_capacity(documents.len());
    for (n, doc) in documents.iter().enumerate() {
        let first = *at.entry(doc.url.as_str()).or_insert(n);
        place.push(first);
    }
    let mut slots: Vec<Option<(usize, Document)>> = (0..documents.len()).map(|_| None).collect();
    for (n, (doc, p)) in documents.into_iter().zip(place).enumerate() {
        slots[p] = Some((n, doc));
    }
    slots.into_iter().flatten().collect()
}

/// `pagefind-entry.json`: the version, and each language's metadata file, WebAssembly
/// and number of pages.
#[derive(Serialize)]
struct Entry<'a> {
    version: &'a str,
    languages: BTreeMap<&'a str, EntryLanguage<'a>>,
    include_characters: &'a [char],
}

#[derive(Serialize)]
struct EntryLanguage<'a> {
    hash: &'a str,
    wasm: Option<&'a str>,
    page_count: usize,
}

/// Index files as Pagefind's script reads them: gzip'd, after Pagefind's signature.
/// libdeflate at its fastest level: as fast as zlib's and smaller than zlib's level 2
/// (at 10,000 events, 16.7 MB of fragments against 17.1 MB, in 60% of the time).
struct Gzip {
    compressor: libdeflater::Compressor,
    input: Vec<u8>,
}

impl Gzip {
    fn new() -> Gzip {
        Gzip {
            // Level 1 (libdeflate's `fastest` is 0: no compression at all).
            compressor: libdeflater::Compressor::new(
                libdeflater::CompressionLvl::new(1).unwrap_or_default(),
            ),
            input: Vec::new(),
        }
    }

    fn pack(&mut self, bytes: &[u8]) -> Vec<u8> {
        self.input.clear();
        self.input.extend_from_slice(b"pagefind_dcd");
        self.input.extend_from_slice(bytes);
        let mut out = vec![0; self.compressor.gzip_compress_bound(self.input.len())];
        // The buffer is as large as libdeflate asks for, so compressing cannot fail.
        let n = self
            .compressor
            .gzip_compress(&self.input, &mut out)
            .unwrap_or(0);
        out.truncate(n);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn doc(url: &str, lang: &'static str, content: &str) -> Document {
        Document {
            url: url.to_string(),
            lang,
            content: content.to_string(),
            meta: BTreeMap::new(),
            filters: BTreeMap::new(),
            sort: BTreeMap::new(),
        }
    }

    fn map<const N: usize>(pairs: [(&str, &str); N]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    /// Records in both languages with what makes words hard: accents in the text and in
    /// the metadata, compounds, dots, emoji, ligatures and capitals that lowercase to two
    /// letters; shared words across pages; a page with no words; enough text for several
    /// chunks of the word index; sorts by text and by number.
    fn records() -> Vec<Document> {
        let mut docs = Vec::new();
        let mut welding = doc(
            "/opleidingen/lassen/",
            "nl",
            "Lassen (MIG/MAG) voor beginners: lassers leren het vak in de TechnoHub. \
             Ideeën voor één coördinator — café's, 3D-printen, CNC-frezen, e-mail, \
             werkplaats.nl, sysconfig.is_python_build, WordPress 🚀🔧 x², naïef İstanbul \
             ǅemal ﬁets ___PAGEFIND_WEIGHT___2 t\u{200B}wee \u{200B} mbo-lassen \
             ___END_PAGEFIND_WEIGHT___ drie ___PAGEFIND_WEIGHT___0 vier-vijf \
             ___END_PAGEFIND_WEIGHT___ ___END_PAGEFIND_WEIGHT___ zes-zeven acht",
        );
        welding.meta = map([
            ("title", "Lassen (MIG/MAG) — één opleiding"),
            ("summary", "Voor lassers in spe, ook café-eigenaren"),
            ("image", "/media/lassen.400.webp"),
        ]);
        welding.filters = [
            ("kind", vec!["Opleiding"]),
            ("audience", vec!["Volwassenen", "Scholieren"]),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.into_iter().map(String::from).collect()))
        .collect();
        welding.sort = map([("date", "1|2026-01-01T09:00:00Z"), ("rank", "10")]);
        docs.push(welding);
        let words = [
            "techniek",
            "lassen",
            "één",
            "café",
            "frezen",
            "3D-printen",
            "Robot",
            "werkplaats",
            "coördinator",
            "innovatie",
            "e-mail",
            "metaal",
            "ideeën",
            "draaien",
            "sensor.io",
        ];
        for i in 0..60 {
            let text: Vec<&str> = (0..500)
                .map(|j| words[(i * 7 + j * 3) % words.len()])
                .collect();
            let mut d = doc(&format!("/agenda/dag-{i:02}/"), "nl", &text.join(" "));
            d.meta = map([("title", words[i % words.len()]), ("date", "13 maart 2027")]);
            d.filters = [("kind".to_string(), vec!["Evenement".to_string()])].into();
            d.sort = map([("date", &format!("0|2027-03-{:02}T09:00:00Z", 28 - i % 28))]);
            if i % 2 == 0 {
                d.sort.insert("rank".into(), format!("{}", (i * 37) % 11));
            }
            docs.push(d);
        }
        let mut only_meta = doc("/leeg/", "nl", "  \u{200B} ");
        only_meta.meta = map([("title", "Alleen een titel")]);
        docs.push(only_meta);
        let mut en = doc(
            "/en/courses/welding/",
            "en",
            "Welding for beginners: welders learn the trade. Naïve résumé, e-mail, 3D-printing.",
        );
        en.meta = map([("title", "Welding — a course"), ("text_lang", "nl")]);
        docs.push(en);
        docs.push(doc(
            "/en/locations/woerden/",
            "en",
            "Woerden’s workshop, welding & more",
        ));
        // A filter without values; a second record of a URL; a language without words.
        let mut no_values = doc(
            "/agenda/zonder-doelgroep/",
            "nl",
            "open dag zonder doelgroep",
        );
        no_values.filters = [("audience".to_string(), Vec::new())].into();
        docs.push(no_values);
        docs.push(doc("/agenda/dag-03/", "nl", "vervangen tekst van dag drie"));
        docs.push(doc("/de/", "de", " "));
        docs
    }

    fn unpack(bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(bytes)
            .read_to_end(&mut out)
            .expect("gzip");
        out
    }

    /// Our index and Pagefind's of `records()`, with fragments bundled in at most
    /// `max_fragments` files per language (0: one per page).
    fn side_by_side(max_fragments: u32) -> BTreeMap<String, Vec<u8>> {
        side_by_side_of(records, max_fragments)
    }

    /// `side_by_side` of the records `records` gives.
    fn side_by_side_of(
        records: fn() -> Vec<Document>,
        max_fragments: u32,
    ) -> BTreeMap<String, Vec<u8>> {
        let ours: BTreeMap<String, Vec<u8>> = index_with(records(), max_fragments as usize)
            .expect("our index")
            .into_iter()
            .map(|(name, bytes)| {
                let name = name
                    .strip_prefix("pagefind/")
                    .expect("in /pagefind/")
                    .to_string();
                (name, bytes)
            })
            .collect();
        let theirs: BTreeMap<String, Vec<u8>> = runtime::with_pagefind(records(), max_fragments)
            .expect("Pagefind's index")
            .into_iter()
            .collect();
        let packed = |name: &str| {
            [".pf_meta", ".pf_fragment", ".pf_index", ".pf_filter"]
                .iter()
                .any(|x| name.ends_with(x))
        };
        for (name, bytes) in &theirs {
            if packed(name) {
                let mine = ours
                    .get(name)
                    .unwrap_or_else(|| panic!("we write no {name}; we write {:?}", ours.keys()));
                let raw = unpack(mine);
                assert_eq!(raw, unpack(bytes), "{name} differs");
                assert!(
                    raw.len() < 1000 || mine.len() < raw.len() / 2,
                    "{name} is not compressed: {} bytes of {}",
                    mine.len(),
                    raw.len()
                );
            } else if runtime_file(name) || name == "pagefind-entry.json" {
                assert_eq!(ours.get(name), Some(bytes), "{name} differs");
            }
        }
        let extra: Vec<&String> = ours.keys().filter(|n| !theirs.contains_key(*n)).collect();
        assert!(extra.is_empty(), "files Pagefind does not write: {extra:?}");
        // The fixture reaches what it is for: several chunks of the word index.
        let chunks = ours.keys().filter(|n| n.starts_with("index/nl_")).count();
        assert!(chunks >= 2, "{chunks} chunk(s)");
        ours
    }

    fn fragment_files(files: &BTreeMap<String, Vec<u8>>, lang: &str) -> usize {
        let prefix = format!("fragment/{lang}_");
        files.keys().filter(|n| n.starts_with(&prefix)).count()
    }

    #[test]
    fn our_index_is_the_one_pagefind_writes_for_the_same_records() {
        let files = side_by_side(0);
        assert_eq!(
            fragment_files(&files, "nl"),
            62,
            "the page without words is left out, a URL's second record replaces its first"
        );
    }

    #[test]
    fn where_every_page_has_words_each_is_packed_at_once_into_the_same_index() {
        // Without the pages that have no words, each language is indexed on the first way
        // through (pages packed as their words are found): still Pagefind's index.
        fn with_words() -> Vec<Document> {
            let mut docs = records();
            docs.retain(|d| !d.content.trim().trim_matches('\u{200B}').trim().is_empty());
            docs
        }
        assert_eq!(with_words().len(), records().len() - 2);
        for max_fragments in [0, 20] {
            let files = side_by_side_of(with_words, max_fragments);
            assert_eq!(
                fragment_files(&files, "nl"),
                [62, 16][(max_fragments > 0) as usize]
            );
        }
    }

    #[test]
    fn fragments_are_bundled_as_pagefind_bundles_them() {
        let files = side_by_side(20);
        // 62 pages in groups of 4.
        assert_eq!(fragment_files(&files, "nl"), 16);
        assert_eq!(fragment_files(&files, "en"), 2, "two pages: no groups");
    }

    fn runtime_file(name: &str) -> bool {
        name == "pagefind.js" || name == "pagefind-worker.js" || name.starts_with("wasm.")
    }

    #[test]
    fn only_the_files_a_search_page_loads_are_written() {
        let names: Vec<String> = index(records())
            .expect("our index")
            .into_iter()
            .map(|(n, _)| n)
            .collect();
        assert!(names.iter().any(|n| n == "pagefind/wasm.nl.pagefind"));
        assert!(names.iter().any(|n| n == "pagefind/wasm.en.pagefind"));
        assert!(names.iter().any(|n| n == "pagefind/pagefind-worker.js"));
        assert!(
            !names
                .iter()
                .any(|n| n.contains("-ui.") || n.contains("highlight")),
            "{names:?}"
        );
    }
}
