//! Between assemble and render: the pictures that pages show (`image:` fields and Markdown
//! images under `/media/`, §2.2). `probe` learns each one's size (from the cache, or from
//! the file's header) and the files it becomes: each of the theme's widths that is not
//! wider than the original, as WebP and in the original's format. `Picture::ensure` makes
//! the files the cache (`<root>/.werkplaats-cache/images/`) does not hold yet: each picture
//! is decoded once, turned upright by its EXIF orientation and written without metadata.
//! `build` runs that beside rendering; `serve` when a browser first asks. Media nobody
//! shows are copied as they are.

mod cache;
mod encode;
mod svg;

use crate::diagnostic::Diagnostic;
use crate::msg;
use crate::site::Site;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// What the theme asks of pictures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// The widths to make, in pixels, smallest first.
    pub widths: Vec<u32>,
    /// Lossy quality (JPEG and WebP), 1–100.
    pub quality: u8,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            widths: vec![480, 960, 1600],
            quality: 80,
        }
    }
}

/// Originals larger than this get a warning: a phone photo a visitor never needs whole.
pub const LARGE: u64 = 5 * 1024 * 1024;

/// What a picture's file holds, found from its bytes (never from its name).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Jpeg,
    Png,
    Webp,
    /// Used as it is: resizing would lose its frames.
    Gif,
    /// An animated PNG (APNG) or WebP: used as it is, like a GIF.
    AnimatedPng,
    AnimatedWebp,
    /// Used as it is: it is sharp at every width.
    Svg,
}

impl Format {
    fn name(self) -> &'static str {
        match self {
            Format::Jpeg => "jpeg",
            Format::Png => "png",
            Format::Webp => "webp",
            Format::Gif => "gif",
            Format::AnimatedPng => "apng",
            Format::AnimatedWebp => "awebp",
            Format::Svg => "svg",
        }
    }

    fn from_name(name: &str) -> Option<Format> {
        [
            Format::Jpeg,
            Format::Png,
            Format::Webp,
            Format::Gif,
            Format::AnimatedPng,
            Format::AnimatedWebp,
            Format::Svg,
        ]
        .into_iter()
        .find(|f| f.name() == name)
    }

    /// Made at the theme's widths (the others are shown as they are: resizing would keep
    /// the first frame of an animation only).
    pub fn resized(self) -> bool {
        matches!(self, Format::Jpeg | Format::Png | Format::Webp)
    }

    pub fn mime(self) -> &'static str {
        match self {
            Format::Jpeg => "image/jpeg",
            Format::Png => "image/png",
            Format::Webp => "image/webp",
            Format::Gif => "image/gif",
            Format::AnimatedPng => "image/png",
            Format::AnimatedWebp => "image/webp",
            Format::Svg => "image/svg+xml",
        }
    }
}

/// What a picture's header says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header {
    pub format: Format,
    /// Its size once upright (`None`: an SVG that does not say).
    pub size: Option<(u32, u32)>,
    /// Its metadata holds where it was taken (GPS): the copied original keeps it.
    pub located: bool,
}

/// One file a picture becomes.
#[derive(Debug, Clone)]
pub struct Variant {
    pub width: u32,
    pub height: u32,
    pub format: Format,
    /// Its path in the output (`media/open-dag-480.webp`).
    pub path: String,
    /// Where the cache keeps it.
    pub file: PathBuf,
    /// Its hash and size once known (from its note in the cache, or when made), so the
    /// write stage need not read it again to hash it.
    pub known: OnceLock<(blake3::Hash, u64)>,
}

/// A picture some page shows.
#[derive(Debug)]
pub struct Picture {
    /// Its path under `content/media/`.
    pub rel: String,
    pub format: Format,
    /// Its size once upright (`None`: an SVG that does not say).
    pub size: Option<(u32, u32)>,
    /// The files made of it, by width then format (WebP first); none for GIF and SVG.
    pub variants: Vec<Variant>,
    source: PathBuf,
    /// The original's hash and size (it is copied too).
    pub original: (blake3::Hash, u64),
    /// Made once, by whichever thread needs the files first.
    made: OnceLock<Result<(), Diagnostic>>,
    /// Whether missing files are made into the cache, or the original only decoded to
    /// know it can be (`check`, which writes nothing).
    writes: bool,
}

impl Picture {
    /// Makes the variants the cache does not hold yet; the same answer on every call.
    pub fn ensure(&self, settings: &Settings) -> Result<(), Diagnostic> {
        self.made
            .get_or_init(|| {
                if self.variants.iter().all(|v| v.file.is_file()) {
                    return Ok(());
                }
                if !self.writes {
                    return encode::readable(self);
                }
                encode::variants(self, settings)
            })
            .clone()
    }

    /// The variants of one format, smallest first.
    pub fn of_format(&self, format: Format) -> impl Iterator<Item = &Variant> {
        self.variants.iter().filter(move |v| v.format == format)
    }

    /// The format of the variants that are not WebP (the original's).
    pub fn fallback(&self) -> Format {
        self.variants
            .iter()
            .map(|v| v.format)
            .find(|&f| f != Format::Webp)
            .unwrap_or(self.format)
    }
}

/// Every picture the site shows, by its path under `content/media/`.
#[derive(Debug, Default)]
pub struct Images {
    pub pictures: Vec<Picture>,
    index: BTreeMap<String, usize>,
    pub settings: Settings,
}

impl Images {
    /// The picture at `/media/<rel>` (or `media/<rel>`, or `<rel>`).
    pub fn get(&self, src: &str) -> Option<&Picture> {
        self.index.get(media_rel(src)).map(|&i| &self.pictures[i])
    }

    /// The picture whose original is exactly `content/media/<rel>`.
    pub fn by_rel(&self, rel: &str) -> Option<&Picture> {
        self.index.get(rel).map(|&i| &self.pictures[i])
    }

    /// Makes every picture's missing files, over all cores; the problems found.
    pub fn ensure_all(&self) -> Vec<Diagnostic> {
        use rayon::prelude::*;
        self.pictures
            .par_iter()
            .filter_map(|p| p.ensure(&self.settings).err())
            .collect()
    }
}

/// The path under `content/media/` that `/media/<rel>` (or `media/<rel>`) names: the
/// prefix taken off once, so `/media/media/x.jpg` stays `media/x.jpg`.
pub fn media_rel(src: &str) -> &str {
    src.strip_prefix("/media/")
        .or_else(|| src.strip_prefix("media/"))
        .unwrap_or(src)
}

/// Where the cache of `root` lives.
pub fn cache_dir(root: &Path) -> PathBuf {
    root.join(".werkplaats-cache")
}

/// The pictures `site` shows, with their sizes and the files they become; the problems of
/// those that cannot be read, and a warning for each very large original. With `writes`
/// false (`check`), the cache is only read: nothing is made or noted, not even its folder.
pub fn probe(
    site: &Site,
    root: &Path,
    settings: &Settings,
    writes: bool,
) -> (Images, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let used = used(site);
    let mut images = Images {
        settings: settings.clone(),
        ..Images::default()
    };
    // A site without pictures gets no cache folder.
    if !site.media.iter().any(|m| used.contains(m.rel.as_str())) {
        return (images, diags);
    }
    let store = cache::Store::open(&cache_dir(root), writes);
    let mut store = match store {
        Ok(s) => s,
        Err(d) => return (images, vec![d]),
    };
    for media in &site.media {
        if !used.contains(media.rel.as_str()) {
            continue;
        }
        let file = format!("content/media/{}", media.rel);
        let found = match store.look(&media.abs, &media.rel) {
            Ok(found) => found,
            Err(e) => {
                diags.push(crate::load::unreadable(&file, &e));
                continue;
            }
        };
        if found.len > LARGE {
            let megabytes = format!("{:.1}", found.len as f64 / (1024.0 * 1024.0));
            diags.push(
                Diagnostic::warning("large-image", &file, msg!(LargeImage, size = megabytes))
                    .with_help(msg!(LargeImageHelp)),
            );
        }
        let Header {
            format,
            size,
            located,
        } = match found.header {
            Ok(header) => header,
            Err(problem) => {
                diags.push(problem.diagnostic(&file));
                continue;
            }
        };
        if located {
            diags.push(
                Diagnostic::warning(
                    "photo-location",
                    &file,
                    msg!(PhotoLocation, path = format!("/media/{}", media.rel)),
                )
                .with_help(msg!(PhotoLocationHelp)),
            );
        }
        let variants = match (format.resized(), size) {
            (true, Some(size)) => variants(&media.rel, format, size, settings, &store, &found),
            _ => Vec::new(),
        };
        images
            .index
            .insert(media.rel.clone(), images.pictures.len());
        images.pictures.push(Picture {
            rel: media.rel.clone(),
            format,
            size,
            variants,
            source: media.abs.clone(),
            original: (found.hash_value(), found.len),
            made: OnceLock::new(),
            writes,
        });
    }
    if let Err(d) = store.save() {
        diags.push(d);
    }
    (images, diags)
}

/// The media paths that pages show.
fn used(site: &Site) -> std::collections::HashSet<&str> {
    fn strip(s: &str) -> &str {
        media_rel(s).split(['#', '?']).next().unwrap_or_default()
    }
    fn add<'s, F>(
        used: &mut std::collections::HashSet<&'s str>,
        items: &'s [std::sync::Arc<crate::site::Item<F>>],
    ) {
        for item in items {
            used.extend(item.common.image.as_deref().map(strip));
            for text in item.texts.values() {
                used.extend(text.body.images.iter().map(|(image, _, _)| strip(image)));
            }
        }
    }
    let mut used = std::collections::HashSet::new();
    add(&mut used, &site.initiatives);
    add(&mut used, &site.courses);
    add(&mut used, &site.events);
    add(&mut used, &site.pages);
    used.extend(
        site.locations
            .iter()
            .filter_map(|l| l.data.image.as_deref().map(strip)),
    );
    used
}

/// The widths to make of a picture `size` wide: each of the theme's that is narrower, and
/// the picture's own width if a wider one was asked for (never upscaled).
pub fn widths(width: u32, asked: &[u32]) -> Vec<u32> {
    let mut out: Vec<u32> = asked.iter().copied().filter(|&w| w < width).collect();
    if asked.iter().any(|&w| w >= width) {
        out.push(width);
    }
    out.sort_unstable();
    out.dedup();
    out
}

fn variants(
    rel: &str,
    format: Format,
    (width, height): (u32, u32),
    settings: &Settings,
    store: &cache::Store,
    found: &cache::Found,
) -> Vec<Variant> {
    // The extension of the file name only: `dir.v2/photo` has none.
    let name_at = rel.rfind('/').map_or(0, |i| i + 1);
    let (stem, ext) = match rel[name_at..].rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => {
            (&rel[..name_at + stem.len()], ext.to_ascii_lowercase())
        }
        _ => (rel, String::new()),
    };
    // The original's own extension, unless its bytes are another format than its name says.
    let own = match (format, ext.as_str()) {
        (Format::Jpeg, "jpg" | "jpeg") | (Format::Png, "png") => ext.clone(),
        (Format::Jpeg, _) => "jpg".into(),
        (f, _) => f.name().into(),
    };
    let mut out = Vec::new();
    for w in widths(width, &settings.widths) {
        // Rounded, at least one pixel: a 4000×1 banner stays a picture.
        let h = ((u64::from(height) * u64::from(w) + u64::from(width) / 2) / u64::from(width))
            .max(1) as u32;
        // WebP has at most 16,383 pixels a side: a taller strip gets its own format only.
        let mut formats = Vec::new();
        if w <= WEBP_MAX && h <= WEBP_MAX {
            formats.push((Format::Webp, "webp".to_string()));
        }
        if format != Format::Webp {
            formats.push((format, own.clone()));
        }
        for (f, ext) in formats {
            let file = store.variant_file(&found.hash, w, f, settings);
            let known = OnceLock::new();
            if let Some(hash) = cache::noted(&file) {
                let _ = known.set(hash);
            }
            out.push(Variant {
                width: w,
                height: h,
                format: f,
                path: format!("media/{stem}-{w}.{ext}"),
                file,
                known,
            });
        }
    }
    out
}

/// Why a file cannot be shown as a picture.
#[derive(Debug, Clone)]
pub enum Problem {
    /// Its bytes are no picture format we read (a PDF or text named `.jpg`).
    NotAnImage,
    /// A format we do not read (TIFF, HEIC, AVIF…).
    Unsupported(String),
    /// Wider or taller than we decode (a "bomb": huge dimensions in a small file).
    TooLarge(u32, u32),
    /// Damaged or cut off.
    Broken(String),
    /// Changed on disk while the build was using it.
    Changed,
}

/// The most pixels on one side that we decode.
pub const MAX_SIDE: u32 = 16_384;

/// The most pixels on one side of a WebP file.
pub const WEBP_MAX: u32 = 16_383;

impl Problem {
    fn diagnostic(&self, file: &str) -> Diagnostic {
        let (message, help) = match self {
            Problem::NotAnImage => (msg!(NotAnImage), msg!(NotAnImageHelp)),
            Problem::Unsupported(format) => (
                msg!(UnsupportedImage, format = format),
                msg!(NotAnImageHelp),
            ),
            Problem::TooLarge(w, h) => (
                msg!(
                    ImageTooLarge,
                    size = format!("{w}×{h}"),
                    max = MAX_SIDE.to_string()
                ),
                msg!(ImageTooLargeHelp),
            ),
            Problem::Broken(detail) => (msg!(BrokenImage, detail = detail), msg!(BrokenImageHelp)),
            Problem::Changed => (msg!(ImageChanged), msg!(ImageChangedHelp)),
        };
        Diagnostic::error("unreadable-image", file, message).with_help(help)
    }
}
