//! What the browser runs to search (§2.3): Pagefind's script, its worker and its
//! WebAssembly per language, taken from the `pagefind` crate, which is also where the
//! index format comes from. The crate's API is async: the runtime it needs is made here,
//! for the one call, and nothing else in werkplaats knows about it.

use super::Document;
use std::collections::{BTreeMap, BTreeSet};

/// The script files of Pagefind's version, for a site in `langs`.
pub struct Runtime {
    /// Pagefind's version (`1.6.0`): the index must say it, the script checks it.
    pub version: String,
    /// The characters Pagefind counts as part of a word.
    pub include_characters: Vec<char>,
    /// The languages with their own WebAssembly (with stemming).
    pub stemmed: BTreeSet<String>,
    /// `pagefind.js`, `pagefind-worker.js` and the `wasm.*.pagefind` files.
    pub files: Vec<(String, Vec<u8>)>,
}

/// The files a search page loads: the script, its worker, the WebAssembly. Pagefind's
/// ready-made interfaces (`pagefind-ui.js`, …) and its highlighter are left out: the
/// theme's own script uses the API.
fn kept(name: &str) -> bool {
    name == "pagefind.js"
        || name == "pagefind-worker.js"
        || (name.starts_with("wasm.") && name.ends_with(".pagefind"))
}

/// Pagefind's files for `langs`, from the crate: it indexes one word per language, so
/// that it writes each language's WebAssembly; its index of that word is dropped.
pub fn runtime(langs: &BTreeSet<&'static str>) -> Result<Runtime, String> {
    let probes = langs
        .iter()
        .map(|&lang| Document {
            url: format!("/{lang}/"),
            lang,
            content: "werkplaats".to_string(),
            meta: BTreeMap::new(),
            filters: BTreeMap::new(),
            sort: BTreeMap::new(),
        })
        .collect();
    let files = with_pagefind(probes, 0)?;
    let entry = files
        .iter()
        .find(|(name, _)| name == "pagefind-entry.json")
        .ok_or("Pagefind wrote no pagefind-entry.json")?;
    let entry: serde_json::Value = serde_json::from_slice(&entry.1)
        .map_err(|e| format!("Pagefind's pagefind-entry.json: {e}"))?;
    let version = entry["version"]
        .as_str()
        .ok_or("Pagefind's pagefind-entry.json has no version")?
        .to_string();
    let include_characters = entry["include_characters"]
        .as_array()
        .map(|cs| {
            cs.iter()
                .filter_map(|c| c.as_str()?.chars().next())
                .collect()
        })
        .unwrap_or_default();
    let stemmed = entry["languages"]
        .as_object()
        .map(|ls| {
            ls.iter()
                .filter(|(_, l)| l["wasm"].is_string())
                .map(|(lang, _)| lang.clone())
                .collect()
        })
        .unwrap_or_default();
    Ok(Runtime {
        version,
        include_characters,
        stemmed,
        files: files.into_iter().filter(|(name, _)| kept(name)).collect(),
    })
}

/// The whole index of `documents` as the `pagefind` crate writes it, file names relative
/// to `/pagefind/`, in name order, with fragments bundled in at most `max_fragments`
/// files per language (0: one per page). One core, one record at a time: `super::index` writes
/// the same index over all cores; the tests hold the two side by side.
pub fn with_pagefind(
    documents: Vec<Document>,
    max_fragments: u32,
) -> Result<Vec<(String, Vec<u8>)>, String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| format!("cannot start the search indexer: {e}"))?;
    runtime.block_on(async move {
        // Pagefind bundles no fragments where `max_fragments` is 0.
        let options = pagefind::options::PagefindServiceConfig::builder()
            .keep_index_url(false)
            .write_playground(false)
            .max_fragments(max_fragments)
            .build();
        let mut index = pagefind::api::PagefindIndex::new(Some(options))
            .map_err(|e| format!("cannot start the search indexer: {e:#}"))?;
        for doc in documents {
            index
                .add_custom_record(
                    doc.url.clone(),
                    doc.content,
                    doc.lang.to_string(),
                    Some(doc.meta),
                    Some(doc.filters),
                    Some(doc.sort),
                )
                .await
                .map_err(|e| format!("cannot index {}: {e:#}", doc.url))?;
        }
        let files = index
            .get_files()
            .await
            .map_err(|e| format!("cannot write the search index: {e:#}"))?;
        let mut out: Vec<(String, Vec<u8>)> = files
            .into_iter()
            .map(|f| (f.filename.to_string_lossy().replace('\\', "/"), f.contents))
            .collect();
        out.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(out)
    })
}
