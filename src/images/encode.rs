//! Decoding and encoding with the `image` crate (JPEG, PNG, WebP, GIF readers; JPEG and
//! PNG writers; Lanczos resizing) and lossy WebP with `webp` (libwebp, compiled by cargo
//! and linked in: no system library). Encoders write pixels only, so nothing of the
//! original's metadata (EXIF with its GPS place, XMP, comments) reaches the site.

use super::cache::write_made;
use super::{Format, Header, MAX_SIDE, Picture, Problem, Settings};
use crate::diagnostic::Diagnostic;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits, metadata::Orientation};
use std::io::Cursor;

/// The most memory one decode may take: a 16,384 × 16,384 picture, four bytes a pixel, is
/// 1 GiB; a 48-megapixel phone photo needs a fifth of that.
const MAX_ALLOC: u64 = 1024 * 1024 * 1024;

/// The format of `bytes`, the picture's size once upright, and whether its metadata says
/// where it was taken, from its header alone.
pub fn header(bytes: &[u8]) -> Result<Header, Problem> {
    if super::svg::looks_like_svg(bytes) {
        return super::svg::size(bytes).map(|size| Header {
            format: Format::Svg,
            size,
            located: false,
        });
    }
    // No limit on the sides while reading the header: they are checked here, by name.
    let reader = reader(bytes, None)?;
    let format = match format_of(&reader)? {
        Format::Png if is_apng(bytes) => Format::AnimatedPng,
        Format::Webp if is_animated_webp(bytes) => Format::AnimatedWebp,
        other => other,
    };
    let mut decoder = reader.into_decoder().map_err(|e| problem(&e))?;
    let (w, h) = decoder.dimensions();
    if w > MAX_SIDE || h > MAX_SIDE {
        return Err(Problem::TooLarge(w, h));
    }
    if w == 0 || h == 0 {
        return Err(Problem::Broken(format!("{w}×{h} pixels")));
    }
    let located = decoder
        .exif_metadata()
        .ok()
        .flatten()
        .is_some_and(has_place);
    let upright = match decoder.orientation().unwrap_or(Orientation::NoTransforms) {
        Orientation::Rotate90
        | Orientation::Rotate270
        | Orientation::Rotate90FlipH
        | Orientation::Rotate270FlipH => (h, w),
        _ => (w, h),
    };
    Ok(Header {
        format,
        size: Some(upright),
        located,
    })
}

/// Whether EXIF (TIFF) data holds a GPS position.
fn has_place(mut exif: Vec<u8>) -> bool {
    // Some writers keep JPEG's `Exif\0\0` before the TIFF data in PNG and WebP.
    if exif.starts_with(b"Exif\0\0") {
        exif.drain(..6);
    }
    exif::Reader::new().read_raw(exif).is_ok_and(|e| {
        e.get_field(exif::Tag::GPSLatitude, exif::In::PRIMARY)
            .is_some()
    })
}

fn reader(bytes: &[u8], max_side: Option<u32>) -> Result<ImageReader<Cursor<&[u8]>>, Problem> {
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| Problem::Broken(e.to_string()))?;
    let mut limits = Limits::default();
    limits.max_image_width = max_side;
    limits.max_image_height = max_side;
    limits.max_alloc = Some(MAX_ALLOC);
    reader.limits(limits);
    Ok(reader)
}

fn format_of(reader: &ImageReader<Cursor<&[u8]>>) -> Result<Format, Problem> {
    match reader.format() {
        Some(ImageFormat::Jpeg) => Ok(Format::Jpeg),
        Some(ImageFormat::Png) => Ok(Format::Png),
        Some(ImageFormat::WebP) => Ok(Format::Webp),
        Some(ImageFormat::Gif) => Ok(Format::Gif),
        Some(other) => Err(Problem::Unsupported(
            other
                .extensions_str()
                .first()
                .unwrap_or(&"?")
                .to_uppercase(),
        )),
        None => Err(Problem::NotAnImage),
    }
}

fn problem(e: &image::ImageError) -> Problem {
    match e {
        image::ImageError::Unsupported(u) => Problem::Unsupported(u.to_string()),
        other => Problem::Broken(other.to_string()),
    }
}

/// Makes every variant of `picture` into the cache.
pub fn variants(picture: &Picture, settings: &Settings) -> Result<(), Diagnostic> {
    let file = format!("content/media/{}", picture.rel);
    let fail = |p: Problem| p.diagnostic(&file);
    let image = decoded(picture, &file)?;
    let missing: Vec<&super::Variant> = picture
        .variants
        .iter()
        .filter(|v| !v.file.is_file())
        .collect();
    let mut widths: Vec<(u32, u32)> = missing.iter().map(|v| (v.width, v.height)).collect();
    widths.dedup();
    for (w, h) in widths {
        // Each width from the whole picture, so a file's bytes depend on nothing but the
        // original and its own settings (not on which other widths the theme asks for).
        let resized = if (image.width(), image.height()) == (w, h) {
            image.clone()
        } else {
            image.resize_exact(w, h, image::imageops::FilterType::Lanczos3)
        };
        for v in missing.iter().filter(|v| v.width == w) {
            let encoded = encode(&resized, v.format, settings.quality).map_err(fail)?;
            let known = write_made(&v.file, &encoded).map_err(|e| {
                let dir = v.file.parent().unwrap_or(&v.file).to_path_buf();
                super::cache::cannot_write(&dir, &e)
            })?;
            let _ = v.known.set(known);
        }
    }
    Ok(())
}

/// Whether `picture` decodes whole, making nothing (for `check`).
pub fn readable(picture: &Picture) -> Result<(), Diagnostic> {
    decoded(picture, &format!("content/media/{}", picture.rel)).map(drop)
}

/// The original of `picture` decoded, if its bytes are still those the build measured.
fn decoded(picture: &Picture, file: &str) -> Result<DynamicImage, Diagnostic> {
    let bytes =
        crate::safefs::read(&picture.source).map_err(|e| crate::load::unreadable(file, &e))?;
    // The files are kept under the hash the build measured: never other bytes under it.
    if blake3::hash(&bytes) != picture.original.0 {
        return Err(Problem::Changed.diagnostic(file));
    }
    decode(&bytes).map_err(|p| p.diagnostic(file))
}

/// All pixels, upright, as 8-bit RGB (or RGBA where the original has transparency).
fn decode(bytes: &[u8]) -> Result<DynamicImage, Problem> {
    let reader = reader(bytes, Some(MAX_SIDE))?;
    // The JPEG decoder, like a browser, shows what it has of a file cut short, grey below.
    if format_of(&reader)? == Format::Jpeg && !jpeg_is_complete(bytes) {
        return Err(Problem::Broken("the JPEG stops before its end".into()));
    }
    let mut decoder = reader.into_decoder().map_err(|e| problem(&e))?;
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let mut image = DynamicImage::from_decoder(decoder).map_err(|e| problem(&e))?;
    image.apply_orientation(orientation);
    Ok(if image.color().has_alpha() {
        DynamicImage::ImageRgba8(image.into_rgba8())
    } else {
        DynamicImage::ImageRgb8(image.into_rgb8())
    })
}

fn encode(image: &DynamicImage, format: Format, quality: u8) -> Result<Vec<u8>, Problem> {
    let broken = |e: image::ImageError| Problem::Broken(e.to_string());
    let mut out = Vec::new();
    match format {
        Format::Webp => {
            let encoder = match image {
                DynamicImage::ImageRgba8(rgba) => {
                    webp::Encoder::from_rgba(rgba.as_raw(), image.width(), image.height())
                }
                _ => webp::Encoder::from_rgb(image.as_bytes(), image.width(), image.height()),
            };
            let mut config = webp::WebPConfig::new()
                .map_err(|()| Problem::Broken("libwebp could not start".into()))?;
            config.quality = f32::from(quality);
            config.method = 4;
            let memory = encoder
                .encode_advanced(&config)
                .map_err(|e| Problem::Broken(format!("WebP: {e:?}")))?;
            out.extend_from_slice(&memory);
        }
        Format::Jpeg => {
            let rgb = image.to_rgb8();
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality)
                .encode_image(&rgb)
                .map_err(broken)?;
        }
        Format::Png => {
            use image::ImageEncoder;
            let encoder = image::codecs::png::PngEncoder::new_with_quality(
                &mut out,
                image::codecs::png::CompressionType::Best,
                image::codecs::png::FilterType::Adaptive,
            );
            encoder
                .write_image(
                    image.as_bytes(),
                    image.width(),
                    image.height(),
                    image.color().into(),
                )
                .map_err(broken)?;
        }
        Format::Gif | Format::AnimatedPng | Format::AnimatedWebp | Format::Svg => {}
    }
    Ok(out)
}

/// Whether a PNG is animated: an `acTL` chunk before its first `IDAT` (APNG).
fn is_apng(bytes: &[u8]) -> bool {
    let mut i = 8;
    while let Some(head) = bytes.get(i..).and_then(|rest| rest.get(..8)) {
        let len = u32::from_be_bytes([head[0], head[1], head[2], head[3]]) as usize;
        match &head[4..8] {
            b"acTL" => return true,
            b"IDAT" => return false,
            _ => i = i.saturating_add(12).saturating_add(len),
        }
    }
    false
}

/// Whether a WebP is animated: the animation flag of its extended header (`VP8X`).
fn is_animated_webp(bytes: &[u8]) -> bool {
    bytes.get(12..16) == Some(b"VP8X") && bytes.get(20).is_some_and(|flags| flags & 0x02 != 0)
}

/// Whether a JPEG has its end-of-image marker after its first scan. The segments before
/// the scan are stepped over by their lengths (an EXIF thumbnail inside one ends with a
/// marker of its own); scan data never holds the bytes `FF D9`.
fn jpeg_is_complete(bytes: &[u8]) -> bool {
    let mut i = 2;
    while i + 4 <= bytes.len() {
        if bytes[i] != 0xFF {
            return false;
        }
        match bytes[i + 1] {
            // Fill bytes before a marker.
            0xFF => i += 1,
            0xDA => return bytes[i..].windows(2).any(|w| w == [0xFF, 0xD9]),
            _ => i += 2 + usize::from(u16::from_be_bytes([bytes[i + 2], bytes[i + 3]])),
        }
    }
    false
}
