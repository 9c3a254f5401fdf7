//! Stage 4, beside render: the search index (§2.3). In: one `Document` per page to find
//! (`render::records` writes them from the typed model). Out: the files of `/pagefind/`,
//! in Pagefind's format, made by the `pagefind` crate used as a library (without its web
//! server). Its API is async: the runtime it needs is made here, for the one call, and
//! nothing else in werkplaats knows about it.

use std::collections::BTreeMap;

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

/// The folder of the index in the site.
pub const FOLDER: &str = "pagefind";

/// The files of the index for `documents`: paths under the site root
/// (`pagefind/pagefind.js`, …) in name order, with their bytes.
pub fn index(documents: Vec<Document>) -> Result<Vec<(String, Vec<u8>)>, String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| format!("cannot start the search indexer: {e}"))?;
    runtime.block_on(async move {
        let options = pagefind::options::PagefindServiceConfig::builder()
            .keep_index_url(false)
            .write_playground(false)
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
            .map(|f| {
                let rel = f.filename.to_string_lossy().replace('\\', "/");
                (format!("{FOLDER}/{rel}"), f.contents)
            })
            .collect();
        out.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(out)
    })
}
