//! One language's index in Pagefind's format (version 1.6), from its pages with their
//! words: the metadata file that the script loads first (`pagefind.<hash>.pf_meta`: the
//! pages, the ranges of words in each index chunk, the filters, the sort orders), the
//! word index in chunks (`index/*.pf_index`), one file per filter (`filter/*.pf_filter`),
//! all CBOR, and one JSON fragment per page (`fragment/*.pf_fragment`: its URL, text and
//! metadata). Each is named by the SHA-1 of its bytes; `super` gzips them.

use super::words::{MetaPosition, Page, Position};
use hashbrown::HashMap;
use minicbor::Encode;
use rayon::prelude::*;
use serde::Serialize;
use sha1::{Digest, Sha1};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// How many positions a chunk of the word index holds before the next one starts.
const CHUNK_SIZE: usize = 20_000;

/// One language's index.
pub struct Index {
    /// The name of its metadata file without `pagefind.` and `.pf_meta` (`nl_29e7eb1c67`).
    pub meta_hash: String,
    pub page_count: usize,
    /// Its files, paths relative to `/pagefind/`, before gzip.
    pub files: Vec<(String, Vec<u8>)>,
}

#[derive(Encode)]
struct Meta {
    #[n(0)]
    version: String,
    #[n(1)]
    pages: Vec<MetaPage>,
    #[n(2)]
    index_chunks: Vec<Chunk>,
    #[n(3)]
    filters: Vec<MetaFilter>,
    #[n(4)]
    sorts: Vec<MetaSort>,
    #[n(5)]
    meta_fields: Vec<String>,
}

#[derive(Encode)]
struct MetaPage {
    #[n(0)]
    hash: String,
    #[n(1)]
    word_count: u32,
    /// Fragments bundled in groups (Pagefind's `max_fragments`): not used, one per page.
    #[n(2)]
    group_hash: String,
}

/// The words from `from` to `to` are in the chunk `hash`.
#[derive(Encode)]
struct Chunk {
    #[n(0)]
    from: String,
    #[n(1)]
    to: String,
    #[n(2)]
    hash: String,
}

#[derive(Encode)]
struct MetaFilter {
    #[n(0)]
    filter: String,
    #[n(1)]
    hash: String,
}

#[derive(Encode)]
struct MetaSort {
    #[n(0)]
    sort: String,
    #[n(1)]
    pages: Vec<usize>,
}

#[derive(Encode)]
struct WordIndex {
    #[n(0)]
    words: Vec<Word>,
}

/// A stem and the pages it is on.
#[derive(Encode, Clone)]
struct Word {
    #[n(0)]
    word: String,
    #[n(1)]
    pages: Vec<WordPage>,
    /// Written forms with accents, each with its own pages.
    #[n(2)]
    additional_variants: Vec<Variant>,
}

#[derive(Encode, Clone)]
struct Variant {
    #[n(0)]
    form: String,
    #[n(1)]
    pages: Vec<WordPage>,
}

/// Where a word is on one page: `locs` in the text (a negative number sets the weight
/// of the positions after it), `meta_locs` in the metadata (a negative number names
/// the field). Positions count on from the one before.
#[derive(Encode, Clone)]
struct WordPage {
    #[n(0)]
    page_number: usize,
    #[n(1)]
    locs: Vec<i32>,
    #[n(2)]
    meta_locs: Vec<i32>,
}

#[derive(Encode)]
struct FilterIndex {
    #[n(0)]
    filter: String,
    #[n(1)]
    values: Vec<FilterValue>,
}

#[derive(Encode)]
struct FilterValue {
    #[n(0)]
    value: String,
    #[n(1)]
    pages: Vec<usize>,
}

/// What a result shows of its page.
#[derive(Serialize)]
struct Fragment<'a> {
    url: &'a str,
    content: &'a str,
    word_count: usize,
    filters: &'a BTreeMap<String, Vec<String>>,
    meta: &'a BTreeMap<String, String>,
    anchors: [(); 0],
}

/// Where one word is on one page: as written without accents, and in each form with.
#[derive(Default)]
struct OnPage {
    plain: Option<WordPage>,
    variants: Vec<(Arc<str>, WordPage)>,
}

/// A word's pages so far.
#[derive(Default)]
struct Merged {
    pages: Vec<WordPage>,
    variants: Vec<(Arc<str>, Vec<WordPage>)>,
}

/// A page's words, packed.
struct Packed {
    words: Vec<(Arc<str>, OnPage)>,
    fragment: String,
    full_hash: String,
    word_count: usize,
}

/// The index of `pages` (all in `lang`, in the order the site lists them: a page's number
/// is its place) for Pagefind `version`.
pub fn build(lang: &str, pages: Vec<Page>, version: &str) -> Result<Index, String> {
    // A page without words is not in Pagefind's index.
    let pages: Vec<Page> = pages.into_iter().filter(|p| !p.words.is_empty()).collect();
    if u32::try_from(pages.len()).is_err() {
        return Err(format!("too many pages in {lang} to index"));
    }
    let meta_fields: Vec<String> = pages
        .iter()
        .flat_map(|p| p.meta.keys().cloned())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let sorts = sorts(&pages);
    let packed: Vec<Packed> = pages
        .par_iter()
        .enumerate()
        .map(|(number, page)| pack(lang, number, page, &meta_fields))
        .collect();

    let mut words: HashMap<Arc<str>, Merged> = HashMap::new();
    let mut filters: BTreeMap<&str, BTreeMap<&str, Vec<usize>>> = BTreeMap::new();
    for (number, page) in pages.iter().enumerate() {
        for (filter, values) in &page.filters {
            for value in values {
                filters
                    .entry(filter)
                    .or_default()
                    .entry(value)
                    .or_default()
                    .push(number);
            }
        }
    }
    let mut files = Vec::new();
    let mut fragment_names: HashMap<String, String> = HashMap::new();
    let mut meta_pages = Vec::with_capacity(packed.len());
    for page in packed {
        for (stem, on) in page.words {
            let known = words.entry(stem).or_default();
            known.pages.extend(on.plain);
            for (form, at) in on.variants {
                match known.variants.iter_mut().find(|v| v.0 == form) {
                    Some(v) => v.1.push(at),
                    None => known.variants.push((form, vec![at])),
                }
            }
        }
        let mut len = lang.len() + 8;
        while let Some(other) = fragment_names.get(&page.full_hash[..len]) {
            if *other == page.full_hash || len == page.full_hash.len() {
                return Err(format!("two pages in {lang} have the same search record"));
            }
            len += 1;
        }
        let name = page.full_hash[..len].to_string();
        fragment_names.insert(name.clone(), page.full_hash.clone());
        meta_pages.push(MetaPage {
            hash: name.clone(),
            word_count: page.word_count as u32,
            group_hash: String::new(),
        });
        files.push((
            format!("fragment/{name}.pf_fragment"),
            page.fragment.into_bytes(),
        ));
    }

    let filter_files: Vec<(String, Vec<u8>)> = filters
        .into_iter()
        .map(|(filter, values)| {
            let index = FilterIndex {
                filter: filter.to_string(),
                values: values
                    .into_iter()
                    .map(|(value, pages)| FilterValue {
                        value: value.to_string(),
                        pages,
                    })
                    .collect(),
            };
            (filter.to_string(), cbor(&index))
        })
        .collect();
    let mut meta_filters = Vec::new();
    let mut filter_names = BTreeSet::new();
    for (filter, bytes) in filter_files {
        let name = unique(
            &format!("{lang}_{}", full_hash(&bytes)),
            lang,
            &filter_names,
        );
        filter_names.insert(name.clone());
        files.push((format!("filter/{name}.pf_filter"), bytes));
        meta_filters.push(MetaFilter { filter, hash: name });
    }

    let mut words: Vec<Word> = words
        .into_iter()
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|(stem, m)| Word {
            word: stem.to_string(),
            pages: m.pages,
            additional_variants: m
                .variants
                .into_iter()
                .map(|(form, pages)| Variant {
                    form: form.to_string(),
                    pages,
                })
                .collect(),
        })
        .collect();
    words.par_sort_unstable_by(|a, b| a.word.cmp(&b.word));
    let chunks = chunk(words);
    let mut index_chunks = ranges(&chunks);
    let encoded: Vec<Vec<u8>> = chunks
        .into_par_iter()
        .map(|chunk| {
            cbor(&WordIndex {
                words: chunk.into_iter().map(delta).collect(),
            })
        })
        .collect();
    let mut chunk_names = BTreeSet::new();
    for (range, bytes) in index_chunks.iter_mut().zip(encoded) {
        let name = unique(&format!("{lang}_{}", full_hash(&bytes)), lang, &chunk_names);
        chunk_names.insert(name.clone());
        range.hash = name.clone();
        files.push((format!("index/{name}.pf_index"), bytes));
    }

    let page_count = meta_pages.len();
    let meta = cbor(&Meta {
        version: version.to_string(),
        pages: meta_pages,
        index_chunks,
        filters: meta_filters,
        sorts,
        meta_fields,
    });
    let meta_hash = format!("{lang}_{}", &full_hash(&meta)[..lang.len() + 8]);
    files.push((format!("pagefind.{meta_hash}.pf_meta"), meta));
    Ok(Index {
        meta_hash,
        page_count,
        files,
    })
}

/// A page's words and its fragment.
fn pack(lang: &str, number: usize, page: &Page, meta_fields: &[String]) -> Packed {
    let field_ids: Vec<u16> = page
        .meta
        .keys()
        .map(|k| meta_fields.iter().position(|f| f == k).unwrap_or(0) as u16)
        .collect();
    let mut words: HashMap<Arc<str>, OnPage> = HashMap::with_capacity(page.words.len());
    for (stem, positions) in &page.words {
        let on = words.entry(stem.clone()).or_default();
        if positions.iter().all(|p| p.original.is_none()) {
            on.plain = Some(locations(positions.clone(), number));
            continue;
        }
        let (plain, variants) = split_by_form(positions, |p| &p.original);
        if !plain.is_empty() {
            on.plain = Some(locations(plain, number));
        }
        for (form, at) in variants {
            on.variants.push((form, locations(at, number)));
        }
    }
    for (stem, positions) in &page.meta_words {
        let positions: Vec<MetaPosition> = positions
            .iter()
            .map(|p| MetaPosition {
                field: field_ids[p.field as usize],
                ..p.clone()
            })
            .collect();
        let (plain, variants) = split_by_form(&positions, |p| &p.original);
        let on = words.entry(stem.clone()).or_default();
        if !plain.is_empty() {
            set_meta(&mut on.plain, number, meta_locations(plain));
        }
        for (form, at) in variants {
            let at = meta_locations(at);
            match on.variants.iter_mut().find(|v| v.0 == form) {
                Some(v) => v.1.meta_locs = at,
                None => on.variants.push((
                    form,
                    WordPage {
                        page_number: number,
                        locs: Vec::new(),
                        meta_locs: at,
                    },
                )),
            }
        }
    }
    let fragment = serde_json::to_string(&Fragment {
        url: &page.url,
        content: &page.content,
        word_count: page.word_count,
        filters: &page.filters,
        meta: &page.meta,
        anchors: [],
    })
    .unwrap_or_default();
    let full_hash = format!("{lang}_{}", full_hash(fragment.as_bytes()));
    Packed {
        words: words.into_iter().collect(),
        fragment,
        full_hash,
        word_count: page.word_count,
    }
}

/// The positions of a word as written without accents, and those of each form with, in
/// the order of the forms.
fn split_by_form<T: Clone>(
    positions: &[T],
    original: impl Fn(&T) -> &Option<Arc<str>>,
) -> (Vec<T>, BTreeMap<Arc<str>, Vec<T>>) {
    let mut plain = Vec::new();
    let mut forms: BTreeMap<Arc<str>, Vec<T>> = BTreeMap::new();
    for p in positions {
        match original(p) {
            None => plain.push(p.clone()),
            Some(form) => forms.entry(form.clone()).or_default().push(p.clone()),
        }
    }
    (plain, forms)
}

fn set_meta(page: &mut Option<WordPage>, number: usize, meta_locs: Vec<i32>) {
    page.get_or_insert_with(|| WordPage {
        page_number: number,
        locs: Vec::new(),
        meta_locs: Vec::new(),
    })
    .meta_locs = meta_locs;
}

/// A word's positions in a text: the usual weight first, then by position, each as the
/// step from the one before; a change of weight as its negative, then the position.
fn locations(mut positions: Vec<Position>, number: usize) -> WordPage {
    positions.sort_by_key(|p| (if p.weight == 25 { 0 } else { p.weight }, p.position));
    let mut weight = 25;
    let mut last = 0;
    let mut locs = Vec::with_capacity(positions.len() + 1);
    for p in positions {
        if p.weight != weight {
            locs.push(-(p.weight as i32) - 1);
            locs.push(p.position as i32);
            weight = p.weight;
        } else {
            locs.push((p.position - last) as i32);
        }
        last = p.position;
    }
    WordPage {
        page_number: number,
        locs,
        meta_locs: Vec::new(),
    }
}

/// A word's positions in the metadata: by field, each field as its negative (less one),
/// then the steps between positions.
fn meta_locations(mut positions: Vec<MetaPosition>) -> Vec<i32> {
    positions.sort_by_key(|p| (p.field, p.position));
    let mut field = None;
    let mut last = 0;
    let mut out = Vec::with_capacity(positions.len() + 2);
    for p in positions {
        if field != Some(p.field) {
            out.push(-(p.field as i32) - 1);
            field = Some(p.field);
            last = 0;
        }
        out.push((p.position - last) as i32);
        last = p.position;
    }
    out
}

/// The page numbers in each sort order: by number where every value is one, else as text.
fn sorts(pages: &[Page]) -> Vec<MetaSort> {
    let keys: BTreeSet<&String> = pages.iter().flat_map(|p| p.sort.keys()).collect();
    keys.into_iter()
        .map(|key| {
            let mut values: Vec<(&str, usize)> = pages
                .iter()
                .enumerate()
                .filter_map(|(n, p)| p.sort.get(key).map(|v| (v.as_str(), n)))
                .collect();
            let numeric = values.iter().all(|(v, _)| number(v).is_some());
            if numeric {
                values.sort_by(|a, b| {
                    let (a, b) = (number(a.0).unwrap_or(0.0), number(b.0).unwrap_or(0.0));
                    a.total_cmp(&b)
                });
            } else {
                values.sort_by_key(|v| v.0);
            }
            MetaSort {
                sort: key.clone(),
                pages: values.into_iter().map(|(_, n)| n).collect(),
            }
        })
        .collect()
}

/// A sort value as Pagefind reads a number: a whole one (i32), else a decimal (f32).
fn number(value: &str) -> Option<f32> {
    lexical_core::parse::<i32>(value.as_bytes())
        .map(|i| i as f32)
        .ok()
        .or_else(|| lexical_core::parse::<f32>(value.as_bytes()).ok())
}

/// The words in chunks of about `CHUNK_SIZE` positions, in word order.
fn chunk(words: Vec<Word>) -> Vec<Vec<Word>> {
    let mut chunks = Vec::new();
    let mut current = Vec::new();
    let mut size = 0;
    for word in words {
        size += word
            .pages
            .iter()
            .chain(word.additional_variants.iter().flat_map(|v| &v.pages))
            .map(|p| p.locs.len() + p.meta_locs.len() + 1)
            .sum::<usize>()
            + word.additional_variants.len();
        current.push(word);
        if size >= CHUNK_SIZE {
            chunks.push(std::mem::take(&mut current));
            size = 0;
        }
    }
    if !current.is_empty() {
        chunks.push(current);
    }
    chunks
}

/// The range of words of each chunk, each end cut to the shortest prefix that still
/// tells it from the next chunk's start.
fn ranges(chunks: &[Vec<Word>]) -> Vec<Chunk> {
    let mut ranges: Vec<Chunk> = chunks
        .iter()
        .map(|c| Chunk {
            from: c.first().map_or(String::new(), |w| w.word.clone()),
            to: c.last().map_or(String::new(), |w| w.word.clone()),
            hash: String::new(),
        })
        .collect();
    for i in 1..ranges.len() {
        let (to, from) = prefixes(&ranges[i - 1].to, &ranges[i].from);
        if to >= ranges[i - 1].from {
            ranges[i - 1].to = to;
        }
        ranges[i].from = from;
    }
    ranges
}

/// The prefixes of `a` and `b` one character longer than what they share.
fn prefixes(a: &str, b: &str) -> (String, String) {
    let common = b.chars().zip(a.chars()).take_while(|(x, y)| x == y).count();
    (
        a.chars().take(common + 1).collect(),
        b.chars().take(common + 1).collect(),
    )
}

/// A word with its page numbers each as the step from the one before.
fn delta(mut word: Word) -> Word {
    let steps = |pages: &mut Vec<WordPage>| {
        let mut last = 0;
        for page in pages {
            let n = page.page_number;
            page.page_number = n - last;
            last = n;
        }
    };
    steps(&mut word.pages);
    for v in &mut word.additional_variants {
        steps(&mut v.pages);
    }
    word
}

/// `hash` cut to the language, its `_` and seven hex digits; where `taken` has that, two
/// digits longer at a time, as Pagefind does.
fn unique(hash: &str, lang: &str, taken: &BTreeSet<String>) -> String {
    let mut len = lang.len() + 8;
    while taken.contains(&hash[..len]) && len < hash.len() {
        len = (len + 2).min(hash.len());
    }
    hash[..len].to_string()
}

fn cbor<T: Encode<()>>(value: &T) -> Vec<u8> {
    let mut out = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = minicbor::encode(value, &mut out);
    out
}

/// The SHA-1 of `bytes` in hex as Pagefind writes it: each byte without a leading zero.
fn full_hash(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(40);
    for b in Sha1::digest(bytes) {
        let _ = write!(out, "{b:x}");
    }
    out
}
