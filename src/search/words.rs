//! The words of a document as Pagefind's search finds them (§2.3): each word of the text
//! lowercased, without its punctuation, without its accents (the form with them kept
//! beside it), stemmed with the language's Snowball stemmer (Pagefind's `pagefind_stem`,
//! the one its WebAssembly stems a query with); a compound word (`mbo-opleiding`,
//! `TechnoHub`, `werkplaats.nl`) also under its parts. In: a `Document`; out: a `Page`,
//! its words with their positions. Every word is worked out once per thread and kept.
//!
//! The rules are Pagefind 1.6's for text in languages written with spaces between words
//! (not its segmentation of Chinese, Japanese or Thai); `super::tests` holds our index
//! against the crate's.

use super::Document;
use convert_case::{Case, Casing};
use hashbrown::HashMap;
use hashbrown::hash_map::EntryRef;
use pagefind_stem::{Algorithm, Stemmer};
use std::collections::BTreeMap;
use std::sync::Arc;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};
use unicode_segmentation::UnicodeSegmentation;

/// The weight of a word of the text (Pagefind's 1.0 on its scale of 24).
const WEIGHT: u8 = 24;
/// How much of a dotted word's tail counts (`sysconfig.is_python_build`).
const MAX_TAIL_CHARS: usize = 64;

/// Where a word is in a text.
#[derive(Debug, Clone, Copy)]
pub struct Position {
    pub position: u32,
    pub weight: u8,
}

/// Where a word is in one of the metadata (the title, the summary, …).
#[derive(Debug, Clone, Copy)]
pub struct MetaPosition {
    /// The field, by its place in the page's metadata in name order.
    pub field: u16,
    pub position: u32,
}

/// Where one stem is on a page: as written without accents, and in each written form
/// with accents (`één` for the stem `een`), in the text and in the metadata.
pub struct Entry {
    pub stem: Arc<str>,
    pub text: Vec<Position>,
    pub meta: Vec<MetaPosition>,
    /// The forms with accents in the order they came, each with its positions.
    pub variants: Vec<(Arc<str>, Vec<Position>, Vec<MetaPosition>)>,
}

/// One document with its words.
pub struct Page {
    pub url: String,
    /// The text as a result's excerpt shows it: its words with one space between.
    pub content: String,
    pub word_count: usize,
    pub meta: BTreeMap<String, String>,
    pub filters: BTreeMap<String, Vec<String>>,
    /// Each stem on the page once, the text's first.
    pub entries: Vec<Entry>,
    /// Whether the text has any word (a page without is not indexed).
    pub has_text: bool,
}

/// One form a written word is found by: names in `Cache::names`.
#[derive(Debug, Clone, PartialEq)]
struct Form {
    stem: u32,
    /// A part of a compound word, which shares the word's weight with the other parts.
    part: bool,
    original: Option<u32>,
}

/// The words of one language, worked out once.
struct Cache {
    /// Each written word of the text, with its forms and its dotted tails.
    text: HashMap<String, Vec<Form>>,
    /// Each written word of the metadata, with its forms.
    meta: HashMap<String, Vec<Form>>,
    names: Names,
}

/// How the words of one language are stemmed, and every stem and written form by number.
struct Names {
    stemmer: Option<Stemmer>,
    names: Vec<Arc<str>>,
    numbers: HashMap<Arc<str>, u32>,
}

struct Language {
    cache: Cache,
    /// Per stem: the page it was last seen on and its entry's place there.
    slots: Vec<(u32, u32)>,
    /// Pages done, the current one's number.
    pages: u32,
}

/// What one thread has worked out, per language.
pub struct Words<'a> {
    include: &'a [char],
    languages: HashMap<&'static str, Language>,
}

/// The entries of one page as they are made.
struct Entries<'l> {
    slots: &'l mut Vec<(u32, u32)>,
    page: u32,
    list: Vec<Entry>,
}

impl Entries<'_> {
    fn get(&mut self, names: &[Arc<str>], stem: u32) -> &mut Entry {
        let at = stem as usize;
        if self.slots.len() <= at {
            self.slots.resize(names.len().max(at + 1), (0, 0));
        }
        let slot = &mut self.slots[at];
        if slot.0 != self.page {
            *slot = (self.page, self.list.len() as u32);
            self.list.push(Entry {
                stem: names[at].clone(),
                text: Vec::new(),
                meta: Vec::new(),
                variants: Vec::new(),
            });
        }
        &mut self.list[slot.1 as usize]
    }
}

/// The positions of `form` in `entry`: of the stem as such, or of its written form.
fn variant<'e>(
    entry: &'e mut Entry,
    names: &[Arc<str>],
    form: Option<u32>,
) -> (&'e mut Vec<Position>, &'e mut Vec<MetaPosition>) {
    let Some(form) = form else {
        return (&mut entry.text, &mut entry.meta);
    };
    let name = &names[form as usize];
    let at = match entry.variants.iter().position(|v| Arc::ptr_eq(&v.0, name)) {
        Some(at) => at,
        None => {
            entry.variants.push((name.clone(), Vec::new(), Vec::new()));
            entry.variants.len() - 1
        }
    };
    let v = &mut entry.variants[at];
    (&mut v.1, &mut v.2)
}

impl<'a> Words<'a> {
    /// `include`: characters that count as part of a word (Pagefind's `_` and the other
    /// connector punctuation).
    pub fn new(include: &'a [char]) -> Words<'a> {
        Words {
            include,
            languages: HashMap::new(),
        }
    }

    /// `doc` with its words.
    pub fn page(&mut self, doc: Document) -> Page {
        let include = self.include;
        let language = self
            .languages
            .entry(doc.lang)
            .or_insert_with(|| Language::new(doc.lang));
        language.pages += 1;
        let cache = &mut language.cache;
        let mut entries = Entries {
            slots: &mut language.slots,
            page: language.pages,
            list: Vec::new(),
        };
        let mut content = String::with_capacity(doc.content.len());
        let mut position: u32 = 0;
        let mut weights = vec![WEIGHT];
        for raw in doc.content.split_whitespace() {
            if raw.starts_with("___") && marker(raw, &mut weights) {
                continue;
            }
            // U+200B begins with the byte 0xE2, found by memchr; most words have none.
            let word: std::borrow::Cow<str> =
                if raw.as_bytes().contains(&0xE2) && raw.contains('\u{200B}') {
                    raw.replace('\u{200B}', "").into()
                } else {
                    raw.into()
                };
            if word.is_empty() {
                continue;
            }
            content.push_str(&word);
            content.push(' ');
            let weight = weights.last().copied().unwrap_or(1);
            let (forms, names) = cache.text_forms(&word, include);
            let parts = forms.iter().filter(|f| f.part).count();
            let part_weight = if parts > 0 && weight > 0 {
                (weight / u8::try_from(parts).unwrap_or(u8::MAX)).max(1)
            } else {
                0
            };
            for form in forms {
                let at = Position {
                    position,
                    weight: if form.part { part_weight } else { weight },
                };
                let entry = entries.get(names, form.stem);
                variant(entry, names, form.original).0.push(at);
            }
            position += 1;
        }
        content.pop();
        let has_text = !entries.list.is_empty();
        for (field, value) in doc.meta.values().enumerate() {
            for (at, raw) in value.split_whitespace().enumerate() {
                let (forms, names) = cache.meta_forms(raw, include);
                for form in forms {
                    let entry = entries.get(names, form.stem);
                    variant(entry, names, form.original).1.push(MetaPosition {
                        field: field as u16,
                        position: at as u32,
                    });
                }
            }
        }
        Page {
            url: doc.url,
            content,
            word_count: position.max(1) as usize,
            meta: doc.meta,
            filters: doc.filters,
            entries: entries.list,
            has_text,
        }
    }
}

/// Pagefind's own markers in a text, which are no words: `___PAGEFIND_WEIGHT___2` weighs
/// the words after it (up to `___END_PAGEFIND_WEIGHT___`) twice as much, as Pagefind
/// does. (An anchor marker is left out: nothing we write has headings to jump to.)
fn marker(word: &str, weights: &mut Vec<u8>) -> bool {
    let scale = |w: &str| w.parse::<f32>().unwrap_or(1.0).clamp(0.0, 10.0) * f32::from(WEIGHT);
    if let Some(w) = word.strip_prefix("___PAGEFIND_WEIGHT___") {
        let given = w.parse::<f32>().unwrap_or(1.0);
        weights.push(if given <= 0.0 {
            0
        } else {
            (scale(w) as u8).max(1)
        });
    } else if let Some(w) = word.strip_prefix("___PAGEFIND_AUTO_WEIGHT___") {
        let weight = if weights.len() == 1 {
            scale(w) as u8
        } else {
            weights.last().copied().unwrap_or_default()
        };
        weights.push(weight);
    } else if word.starts_with("___END_PAGEFIND_WEIGHT___") {
        weights.pop();
    } else {
        return word.starts_with("___PAGEFIND_ANCHOR___");
    }
    true
}

impl Language {
    fn new(lang: &str) -> Language {
        Language {
            cache: Cache {
                text: HashMap::new(),
                meta: HashMap::new(),
                names: Names {
                    stemmer: stemmer(lang),
                    names: Vec::new(),
                    numbers: HashMap::new(),
                },
            },
            slots: Vec::new(),
            pages: 0,
        }
    }
}

impl Cache {
    /// The forms of a word of the text: its own, its parts and its dotted tails (looked
    /// up once: most words were seen before).
    fn text_forms(&mut self, raw: &str, include: &[char]) -> (&[Form], &[Arc<str>]) {
        let Cache { text, names, .. } = self;
        let forms = match text.entry_ref(raw) {
            EntryRef::Occupied(known) => known.into_mut(),
            EntryRef::Vacant(new) => {
                let mut forms = names.forms(raw, include);
                let tails = names.dotted_tails(raw, include, &forms);
                forms.extend(tails);
                new.insert(forms)
            }
        };
        (forms, &names.names)
    }

    /// The forms of a word of the metadata: its own and its parts.
    fn meta_forms(&mut self, raw: &str, include: &[char]) -> (&[Form], &[Arc<str>]) {
        let Cache { meta, names, .. } = self;
        let forms = match meta.entry_ref(raw) {
            EntryRef::Occupied(known) => known.into_mut(),
            EntryRef::Vacant(new) => new.insert(names.forms(raw, include)),
        };
        (forms, &names.names)
    }
}

impl Names {
    fn forms(&mut self, raw: &str, include: &[char]) -> Vec<Form> {
        let mut forms = Vec::new();
        let word = normalize(raw, include);
        if !word.is_empty() {
            forms.push(self.stemmed(&word, false));
        }
        if !maybe_compound(raw) {
            return forms;
        }
        let parts = raw
            .replace(|c: char| c.is_ascii_punctuation(), " ")
            .to_case(Case::Lower)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if !word.is_empty() && (parts.contains(char::is_whitespace) || !word.starts_with(&parts)) {
            for part in parts.split_whitespace().filter(|p| p.len() > 1) {
                let plain = without_accents(part);
                let base = plain.as_deref().unwrap_or(part);
                let stem = match &self.stemmer {
                    Some(s) => s.stem(base).into_owned(),
                    None => base.to_string(),
                };
                forms.push(Form {
                    stem: self.share(stem),
                    part: true,
                    original: plain.map(|_| self.share(part.to_string())),
                });
            }
        }
        for grapheme in raw.graphemes(true) {
            if emojis::get(grapheme).is_some() {
                forms.push(Form {
                    stem: self.share(grapheme.to_string()),
                    part: false,
                    original: None,
                });
            }
        }
        forms
    }

    /// The tails after each dot of a word that are compound themselves
    /// (`is_python_build` in `sysconfig.is_python_build`), not yet among `forms`.
    fn dotted_tails(&mut self, raw: &str, include: &[char], forms: &[Form]) -> Vec<Form> {
        let mut tails: Vec<Form> = Vec::new();
        if !raw.contains('.') {
            return tails;
        }
        for (i, _) in raw.match_indices('.') {
            let rest = &raw[i + 1..];
            let tail = match rest.char_indices().nth(MAX_TAIL_CHARS) {
                Some((end, _)) => &rest[..end],
                None => rest,
            };
            if !maybe_compound(tail) {
                continue;
            }
            let word = normalize(tail, include);
            if word.chars().count() < 2 {
                continue;
            }
            let form = self.stemmed(&word, true);
            if !forms.iter().any(|f| f.stem == form.stem)
                && !tails.iter().any(|t| t.stem == form.stem)
            {
                tails.push(form);
            }
        }
        tails
    }

    /// `word` (lowercase, without punctuation) stemmed without its accents.
    fn stemmed(&mut self, word: &str, part: bool) -> Form {
        let plain = without_accents(word);
        let base = plain.as_deref().unwrap_or(word);
        let stem = match &self.stemmer {
            Some(s) => s.stem(base).into_owned(),
            None => base.to_string(),
        };
        Form {
            stem: self.share(stem),
            part,
            original: plain.map(|_| self.share(word.to_string())),
        }
    }

    /// The number of a stem or written form.
    fn share(&mut self, name: String) -> u32 {
        if let Some(&n) = self.numbers.get(name.as_str()) {
            return n;
        }
        let n = self.names.len() as u32;
        let shared: Arc<str> = Arc::from(name);
        self.names.push(shared.clone());
        self.numbers.insert(shared, n);
        n
    }
}

/// A word that may be made of parts: with a character that is no letter or digit, or a
/// capital after its first letter.
fn maybe_compound(word: &str) -> bool {
    word.chars().any(|c| !c.is_alphanumeric()) || word.chars().skip(1).any(char::is_uppercase)
}

/// The letters and digits of `raw` (and the `include` characters), in lowercase.
fn normalize(raw: &str, include: &[char]) -> String {
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars() {
        if c.is_alphanumeric() || include.contains(&c) {
            let c = c.to_ascii_lowercase();
            if c.is_uppercase() {
                out.extend(c.to_lowercase());
            } else {
                out.push(c);
            }
        }
    }
    out
}

/// `word` without its accents (`één` → `een`), where it has any. Japanese voicing marks
/// are kept: they tell words apart.
fn without_accents(word: &str) -> Option<String> {
    if word.is_ascii() || !decomposes(word) {
        return None;
    }
    let voicing = |c: char| matches!(c, '\u{3099}' | '\u{309A}');
    let stripped: String = word
        .nfd()
        .filter(|&c| !is_combining_mark(c) || voicing(c))
        .collect();
    let plain = if stripped.chars().any(voicing) {
        stripped.nfc().collect()
    } else {
        stripped
    };
    (plain != word).then_some(plain)
}

fn decomposes(word: &str) -> bool {
    word.chars().any(|c| {
        is_combining_mark(c) || {
            let mut differs = false;
            decompose_canonical(c, |part| differs |= part != c);
            differs
        }
    })
}

/// The Snowball stemmer Pagefind uses for `lang` (`nl`, `en-GB`, …), if it has one.
fn stemmer(lang: &str) -> Option<Stemmer> {
    let algorithm = match lang.split('-').next().unwrap_or(lang) {
        "ar" => Algorithm::Arabic,
        "hy" => Algorithm::Armenian,
        "eu" => Algorithm::Basque,
        "ca" => Algorithm::Catalan,
        "da" => Algorithm::Danish,
        "nl" => Algorithm::Dutch,
        "en" => Algorithm::English,
        "eo" => Algorithm::Esperanto,
        "et" => Algorithm::Estonian,
        "fi" => Algorithm::Finnish,
        "fr" => Algorithm::French,
        "de" => Algorithm::German,
        "el" => Algorithm::Greek,
        "hi" => Algorithm::Hindi,
        "hu" => Algorithm::Hungarian,
        "id" => Algorithm::Indonesian,
        "ga" => Algorithm::Irish,
        "it" => Algorithm::Italian,
        "lt" => Algorithm::Lithuanian,
        "nb" | "nn" | "no" => Algorithm::Norwegian,
        "ne" => Algorithm::Nepali,
        "pt" => Algorithm::Portuguese,
        "ro" => Algorithm::Romanian,
        "ru" => Algorithm::Russian,
        "sr" => Algorithm::Serbian,
        "pl" => Algorithm::Polish,
        "es" => Algorithm::Spanish,
        "sv" => Algorithm::Swedish,
        "ta" => Algorithm::Tamil,
        "tr" => Algorithm::Turkish,
        "yi" => Algorithm::Yiddish,
        _ => return None,
    };
    Some(Stemmer::create(algorithm))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(lang: &str, raw: &str) -> Vec<(String, bool, Option<String>)> {
        let mut l = Language::new(lang).cache;
        let (forms, names) = l.text_forms(raw, &['_']);
        let name = |n: u32| names[n as usize].to_string();
        forms
            .iter()
            .map(|f| (name(f.stem), f.part, f.original.map(name)))
            .collect()
    }

    fn stem(lang: &str, word: &str) -> String {
        stemmer(lang).expect("a stemmer").stem(word).into_owned()
    }

    #[test]
    fn a_word_is_stemmed_lowercase_without_its_punctuation() {
        assert_eq!(
            forms("nl", "Lassers,"),
            vec![(stem("nl", "lassers"), false, None)]
        );
        assert_eq!(forms("en", "Welding."), vec![("weld".into(), false, None)]);
    }

    #[test]
    fn accents_are_dropped_and_the_written_form_kept() {
        assert_eq!(
            forms("nl", "Ideeën"),
            vec![(stem("nl", "ideeen"), false, Some("ideeën".into()))]
        );
        assert_eq!(forms("nl", "lassen"), forms("nl", "Lassen!"));
    }

    #[test]
    fn a_compound_word_is_found_by_its_parts_too() {
        let f = forms("nl", "mbo-opleiding");
        assert_eq!(f[0], (stem("nl", "mboopleiding"), false, None));
        assert!(f.contains(&("mbo".into(), true, None)), "{f:?}");
        assert!(f.contains(&(stem("nl", "opleiding"), true, None)), "{f:?}");
        let f = forms("en", "TechnoHub");
        assert!(f.contains(&("hub".into(), true, None)), "{f:?}");
        assert!(f.contains(&(stem("en", "techno"), true, None)), "{f:?}");
        // A word without parts is only itself.
        assert_eq!(forms("en", "hub").len(), 1);
    }

    #[test]
    fn markers_and_zero_width_spaces_are_no_words() {
        let mut w = Words::new(&['_']);
        let page = w.page(Document {
            url: "/x/".into(),
            lang: "en",
            content: "one ___PAGEFIND_WEIGHT___2 t\u{200B}wo \u{200B}".into(),
            meta: BTreeMap::new(),
            filters: BTreeMap::new(),
            sort: BTreeMap::new(),
        });
        assert_eq!(page.content, "one two");
        assert_eq!(page.word_count, 2);
    }
}
