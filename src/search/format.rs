//! One language's index in Pagefind's format (version 1.6), from its pages with their
//! words: the metadata file that the script loads first (`pagefind.<hash>.pf_meta`: the
//! pages, the ranges of words in each index chunk, the filters, the sort orders), the
//! word index in chunks (`index/*.pf_index`), one file per filter (`filter/*.pf_filter`),
//! all CBOR, and one JSON fragment per page (`fragment/*.pf_fragment`: its URL, text and
//! metadata). Each is named by the SHA-1 of its bytes; `super` gzips them.

use super::words::{Entry, MetaPosition, Page, Position};
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
    /// The group its fragment is in, where fragments are bundled; else empty.
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

/// A stem and the pages it is on (a chunk of the word index is a list of them; `chunk`
/// writes it).
struct Word {
    word: String,
    pages: Vec<WordPage>,
    /// Written forms with accents, each with its own pages.
    additional_variants: Vec<Variant>,
}

struct Variant {
    form: String,
    pages: Vec<WordPage>,
}

/// Where a word is on one page, already in CBOR: `bytes[start..end]` of its page's packed
/// bytes are the arrays `locs` (positions in the text; a negative number sets the weight
/// of the positions after it) and `meta_locs` (in the metadata; a negative number names
/// the field), each position counted on from the one before. Packing each page's words
/// on its own core this way leaves only these small records to gather per word.
#[derive(Clone, Copy)]
struct WordPage {
    page_number: u32,
    start: u32,
    end: u32,
    /// The numbers in `locs` and `meta_locs`, and one for the page: what a chunk counts.
    size: u32,
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

/// Where one word is on one page: as written without accents, and in each form with.
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

/// One page's words, packed, and its fragment: all the index keeps of a page (where each
/// word is, in `Gathered`, points into `bytes`).
pub struct Packed {
    bytes: Vec<u8>,
    fragment: String,
    full_hash: String,
    word_count: usize,
}

/// What packing a page needs to know of every page of the language: the metadata fields,
/// the sort orders, the filters and whether fragments are bundled. Made from the pages'
/// metadata alone, so each page can be packed as soon as its words are known.
pub struct Shape {
    meta_fields: Vec<String>,
    sorts: Vec<MetaSort>,
    filters: BTreeMap<String, BTreeMap<String, Vec<usize>>>,
    grouped: bool,
}

/// The metadata of one page: its fields, filters and sort keys.
pub type PageMeta<'a> = (
    &'a BTreeMap<String, String>,
    &'a BTreeMap<String, Vec<String>>,
    &'a BTreeMap<String, String>,
);

impl Shape {
    /// The shape of the index of the pages described by `pages`, in their order (a page's
    /// number is its place).
    pub fn of(pages: &[PageMeta<'_>], max_fragments: usize) -> Shape {
        let meta_fields: Vec<String> = pages
            .iter()
            .flat_map(|p| p.0.keys().cloned())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let sort_keys: Vec<&BTreeMap<String, String>> = pages.iter().map(|p| p.2).collect();
        let sorts = sorts(&sort_keys);
        let grouped = max_fragments > 0 && max_fragments < pages.len();
        let mut filters: BTreeMap<String, BTreeMap<String, Vec<usize>>> = BTreeMap::new();
        for (number, page) in pages.iter().enumerate() {
            for (filter, values) in page.1 {
                // A filter without values is no filter (Pagefind writes no file for it).
                if values.is_empty() {
                    continue;
                }
                let filter = match filters.get_mut(filter) {
                    Some(f) => f,
                    None => filters.entry(filter.clone()).or_default(),
                };
                for value in values {
                    match filter.get_mut(value) {
                        Some(pages) => pages.push(number),
                        None => {
                            filter.insert(value.clone(), vec![number]);
                        }
                    }
                }
            }
        }
        Shape {
            meta_fields,
            sorts,
            filters,
            grouped,
        }
    }

    /// Packs page `number` (its place among the pages this shape was made of), its words
    /// added to `gathered`.
    pub fn pack(&self, lang: &str, number: usize, page: Page, gathered: &mut Gathered) -> Packed {
        pack(
            lang,
            number,
            page,
            &self.meta_fields,
            self.grouped,
            gathered,
        )
    }
}

/// The pages of each word, from a run of pages that follow one another (one core packs
/// them in order): the runs are joined in page order by `finish`.
#[derive(Default)]
pub struct Gathered {
    /// The number of the run's first page.
    first: Option<usize>,
    words: HashMap<Arc<str>, Merged>,
}

impl Gathered {
    fn add(&mut self, number: usize, stem: &Arc<str>, on: OnPage) {
        self.first.get_or_insert(number);
        let known = match self.words.get_mut(stem) {
            Some(known) => known,
            None => self.words.entry(stem.clone()).or_default(),
        };
        known.pages.extend(on.plain);
        for (form, at) in &on.variants {
            known.variant(form, std::slice::from_ref(at));
        }
    }
}

/// The index of the pages `packed` (all in `lang`, in the order the site lists them: a
/// page's number is its place; each packed by `shape`) for Pagefind `version`. With more
/// pages than `max_fragments`, their fragments are bundled in that many files (Pagefind's
/// option of that name). Every page must have words: one without is not in the index.
pub fn finish(
    lang: &str,
    packed: Vec<Packed>,
    gathered: Vec<Gathered>,
    shape: Shape,
    version: &str,
    max_fragments: usize,
) -> Result<Index, String> {
    if u32::try_from(packed.len()).is_err() {
        return Err(format!("too many pages in {lang} to index"));
    }
    let Shape {
        meta_fields,
        sorts,
        filters,
        grouped,
    } = shape;
    let words = joined(gathered);
    let (bytes, packed): (Vec<Vec<u8>>, Vec<Packed>) = packed
        .into_iter()
        .map(|mut p| (std::mem::take(&mut p.bytes), p))
        .unzip();
    let mut files = Vec::new();
    let mut fragment_names: HashMap<String, String> = HashMap::new();
    let mut meta_pages = Vec::with_capacity(packed.len());
    let mut fragments = Vec::with_capacity(packed.len());
    for page in packed {
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
        fragments.push((name, page.fragment));
    }
    if grouped {
        let size = (fragments.len() as f32 / max_fragments as f32).ceil() as usize;
        let prefix = format!("{lang}_group_");
        let mut taken = BTreeSet::new();
        // Each group's members are let go of once it is written: the text is held once.
        let mut fragments = fragments.into_iter();
        for group in meta_pages.chunks_mut(size) {
            let members: BTreeMap<String, String> = fragments.by_ref().take(group.len()).collect();
            let bytes: usize = members.iter().map(|(n, f)| n.len() + f.len() + 4).sum();
            let mut json = String::with_capacity(bytes + 2);
            json.push('{');
            for (i, (name, fragment)) in members.into_iter().enumerate() {
                if i > 0 {
                    json.push(',');
                }
                json.push_str(&serde_json::to_string(&name).unwrap_or_default());
                json.push(':');
                json.push_str(&fragment);
            }
            json.push('}');
            let hash = format!("{prefix}{}", full_hash(json.as_bytes()));
            let mut len = prefix.len() + 7;
            while taken.contains(&hash[..len]) && len < hash.len() {
                len += 1;
            }
            let name = hash[..len].to_string();
            taken.insert(name.clone());
            for page in group {
                page.group_hash = name.clone();
            }
            files.push((format!("fragment/{name}.pf_fragment"), json.into_bytes()));
        }
    } else {
        for (name, fragment) in fragments {
            files.push((
                format!("fragment/{name}.pf_fragment"),
                fragment.into_bytes(),
            ));
        }
    }

    let filter_files: Vec<(String, Vec<u8>)> = filters
        .into_iter()
        .map(|(filter, values)| {
            let index = FilterIndex {
                filter: filter.clone(),
                values: values
                    .into_iter()
                    .map(|(value, pages)| FilterValue { value, pages })
                    .collect(),
            };
            (filter, cbor(&index))
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
            let mut out = Cbor(Vec::with_capacity(chunk_bytes(&chunk)));
            out.chunk(&chunk, &bytes);
            out.0
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

/// A page's words and its fragment (as its group has it, where `grouped`).
fn pack(
    lang: &str,
    number: usize,
    page: Page,
    meta_fields: &[String],
    grouped: bool,
    gathered: &mut Gathered,
) -> Packed {
    let field_ids: Vec<u16> = page
        .meta
        .keys()
        .map(|k| meta_fields.iter().position(|f| f == k).unwrap_or(0) as u16)
        .collect();
    let mut out = Cbor(Vec::new());
    let mut scratch = Scratch::default();
    for e in &page.entries {
        let on = on_page(e, number as u32, &field_ids, &mut out, &mut scratch);
        gathered.add(number, &e.stem, on);
    }
    // The fragment as one page's file and as a member of a group: the same fields in
    // another order. Each is written to JSON once (the text is the most of it).
    let url = json(&page.url);
    let content = json(&page.content);
    let filters = json(&page.filters);
    let meta = json(&page.meta);
    let count = page.word_count.to_string();
    let fragment = [
        r#"{"url":"#,
        &url,
        r#","content":"#,
        &content,
        r#","word_count":"#,
        &count,
        r#","filters":"#,
        &filters,
        r#","meta":"#,
        &meta,
        r#","anchors":[]}"#,
    ]
    .concat();
    let full_hash = format!("{lang}_{}", full_hash(fragment.as_bytes()));
    let fragment = if grouped {
        [
            r#"{"anchors":[],"content":"#,
            &content,
            r#","filters":"#,
            &filters,
            r#","meta":"#,
            &meta,
            r#","url":"#,
            &url,
            r#","word_count":"#,
            &count,
            "}",
        ]
        .concat()
    } else {
        fragment
    };
    Packed {
        bytes: out.0,
        fragment,
        full_hash,
        word_count: page.word_count,
    }
}

/// The pages of each word of the language, in page order, from the runs of pages each
/// core gathered.
fn joined(mut gathered: Vec<Gathered>) -> HashMap<Arc<str>, Merged> {
    gathered.sort_by_key(|g| g.first);
    let mut parts = gathered.into_iter().map(|g| g.words);
    let mut words = parts.next().unwrap_or_default();
    for part in parts {
        for (stem, later) in part {
            let known = words.entry(stem).or_default();
            known.pages.extend(later.pages);
            for (form, at) in &later.variants {
                known.variant(form, at);
            }
        }
    }
    words
}

impl Merged {
    /// More pages of the written form `form`, after those it has.
    fn variant(&mut self, form: &Arc<str>, pages: &[WordPage]) {
        match self.variants.iter_mut().find(|v| v.0 == *form) {
            Some(v) => v.1.extend_from_slice(pages),
            None => self.variants.push((form.clone(), pages.to_vec())),
        }
    }
}

/// What packing a page's words reuses from one word to the next.
#[derive(Default)]
struct Scratch {
    sorted: Vec<Position>,
    meta: Vec<(u16, u32)>,
    ints: Vec<i32>,
}

/// Where one stem is on page `number`, written into `out`, with the page's metadata fields
/// renumbered to the language's (`field_ids`). Its forms with accents: those in the text
/// first, then those only in the metadata, each group in the forms' order, as Pagefind
/// has them.
fn on_page(
    entry: &Entry,
    number: u32,
    field_ids: &[u16],
    out: &mut Cbor,
    scratch: &mut Scratch,
) -> OnPage {
    let mut page = |text: &[Position], meta: &[MetaPosition]| {
        if text.is_empty() && meta.is_empty() {
            return None;
        }
        let start = out.0.len() as u32;
        locations(text, scratch);
        let mut size = scratch.ints.len();
        out.ints(&scratch.ints);
        meta_locations(meta, field_ids, scratch);
        size += scratch.ints.len();
        out.ints(&scratch.ints);
        Some(WordPage {
            page_number: number,
            start,
            end: out.0.len() as u32,
            size: size as u32 + 1,
        })
    };
    let plain = page(&entry.text, &entry.meta);
    let mut variants: Vec<&(Arc<str>, Vec<Position>, Vec<MetaPosition>)> =
        entry.variants.iter().collect();
    variants.sort_by(|a, b| (a.1.is_empty(), &a.0).cmp(&(b.1.is_empty(), &b.0)));
    OnPage {
        plain,
        variants: variants
            .into_iter()
            .filter_map(|(form, text, meta)| Some((form.clone(), page(text, meta)?)))
            .collect(),
    }
}

/// A word's positions in a text (into `scratch.ints`): the usual weight first, then by
/// position, each as the step from the one before; a change of weight as its negative,
/// then the position.
fn locations(positions: &[Position], scratch: &mut Scratch) {
    let key = |p: &Position| (if p.weight == 25 { 0 } else { p.weight }, p.position);
    let positions = if positions.is_sorted_by_key(key) {
        positions
    } else {
        scratch.sorted.clear();
        scratch.sorted.extend_from_slice(positions);
        scratch.sorted.sort_by_key(key);
        &scratch.sorted
    };
    let locs = &mut scratch.ints;
    locs.clear();
    let mut weight = 25;
    let mut last = 0;
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
}

/// A word's positions in the metadata (into `scratch.ints`): by field, each field as its
/// negative (less one), then the steps between positions.
fn meta_locations(positions: &[MetaPosition], field_ids: &[u16], scratch: &mut Scratch) {
    let sorted = &mut scratch.meta;
    sorted.clear();
    sorted.extend(
        positions
            .iter()
            .map(|p| (field_ids[p.field as usize], p.position)),
    );
    sorted.sort_unstable();
    let out = &mut scratch.ints;
    out.clear();
    let mut field = None;
    let mut last = 0;
    for &(f, position) in sorted.iter() {
        if field != Some(f) {
            out.push(-(f as i32) - 1);
            field = Some(f);
            last = 0;
        }
        out.push((position - last) as i32);
        last = position;
    }
}

/// The page numbers in each sort order: by number where every value is one, else as text.
fn sorts(pages: &[&BTreeMap<String, String>]) -> Vec<MetaSort> {
    let keys: BTreeSet<&String> = pages.iter().flat_map(|p| p.keys()).collect();
    keys.into_iter()
        .map(|key| {
            let mut values: Vec<(&str, usize)> = pages
                .iter()
                .enumerate()
                .filter_map(|(n, p)| p.get(key).map(|v| (v.as_str(), n)))
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
            .map(|p| p.size as usize)
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

/// About how many bytes `chunk` takes in CBOR.
fn chunk_bytes(chunk: &[Word]) -> usize {
    chunk
        .iter()
        .map(|w| {
            w.word.len()
                + 4
                + w.pages
                    .iter()
                    .chain(w.additional_variants.iter().flat_map(|v| &v.pages))
                    .map(|p| (p.end - p.start) as usize + 6)
                    .sum::<usize>()
        })
        .sum()
}

/// A chunk of the word index written as CBOR, as the derived encoding of Pagefind's
/// structures writes it (each structure an array of its fields; numbers in their
/// shortest form), but straight into one buffer: it holds every position of the site.
struct Cbor(Vec<u8>);

impl Cbor {
    /// A chunk: `[[word, [page…], [[form, [page…]]…]]…]`, each word's page numbers as the
    /// step from the one before.
    fn chunk(&mut self, words: &[Word], bytes: &[Vec<u8>]) {
        self.head(4, 1);
        self.head(4, words.len() as u64);
        for w in words {
            self.head(4, 3);
            self.text(&w.word);
            self.pages(&w.pages, bytes);
            self.head(4, w.additional_variants.len() as u64);
            for v in &w.additional_variants {
                self.head(4, 2);
                self.text(&v.form);
                self.pages(&v.pages, bytes);
            }
        }
    }

    /// A word's pages: each `[step from the page before, locs, meta_locs]`, the two
    /// arrays as packed with their page in `bytes`.
    fn pages(&mut self, pages: &[WordPage], bytes: &[Vec<u8>]) {
        self.head(4, pages.len() as u64);
        let mut last = 0;
        for p in pages {
            self.head(4, 3);
            self.head(0, (p.page_number - last) as u64);
            last = p.page_number;
            let packed = &bytes[p.page_number as usize];
            self.0
                .extend_from_slice(&packed[p.start as usize..p.end as usize]);
        }
    }

    fn ints(&mut self, ints: &[i32]) {
        self.head(4, ints.len() as u64);
        for &i in ints {
            if i >= 0 {
                self.head(0, i as u64);
            } else {
                self.head(1, (-1 - i as i64) as u64);
            }
        }
    }

    fn text(&mut self, s: &str) {
        self.head(3, s.len() as u64);
        self.0.extend_from_slice(s.as_bytes());
    }

    /// A major type with its number, in the fewest bytes.
    fn head(&mut self, major: u8, n: u64) {
        let m = major << 5;
        if n < 24 {
            self.0.push(m | n as u8);
        } else if n <= u8::MAX as u64 {
            self.0.extend_from_slice(&[m | 24, n as u8]);
        } else if n <= u16::MAX as u64 {
            self.0.push(m | 25);
            self.0.extend_from_slice(&(n as u16).to_be_bytes());
        } else if n <= u32::MAX as u64 {
            self.0.push(m | 26);
            self.0.extend_from_slice(&(n as u32).to_be_bytes());
        } else {
            self.0.push(m | 27);
            self.0.extend_from_slice(&n.to_be_bytes());
        }
    }
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

/// `value` in JSON, as serde writes it.
fn json<T: Serialize + ?Sized>(value: &T) -> String {
    // Strings and maps of strings always serialize.
    serde_json::to_string(value).unwrap_or_default()
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
