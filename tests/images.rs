//! Pictures (SPEC §2.2): the widths a page gets, in WebP and the original's format, made
//! upright and without metadata, never upscaled, cached between builds and byte-identical;
//! the markup pages give them. The pictures are made here with the `image` crate, and
//! what the build wrote is read back with it (and checked for WebP's own signature).

mod common;
use common::Site;
use image::{ImageEncoder, Rgb, RgbImage};
use std::collections::BTreeMap;
use std::path::Path;

/// A picture `w`×`h` with a red top-left corner on a blue-to-green ground.
fn picture(w: u32, h: u32) -> RgbImage {
    RgbImage::from_fn(w, h, |x, y| {
        if x < w / 4 && y < h / 4 {
            Rgb([230, 20, 20])
        } else {
            Rgb([20, (200 * x / w) as u8, (200 * y / h) as u8 + 50])
        }
    })
}

fn jpeg(img: &RgbImage, exif: Option<Vec<u8>>) -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90);
    if let Some(exif) = exif {
        encoder.set_exif_metadata(exif).expect("jpeg takes exif");
    }
    encoder
        .write_image(
            img.as_raw(),
            img.width(),
            img.height(),
            image::ExtendedColorType::Rgb8,
        )
        .expect("jpeg");
    out
}

fn png(img: &RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(
            img.as_raw(),
            img.width(),
            img.height(),
            image::ExtendedColorType::Rgb8,
        )
        .expect("png");
    out
}

/// EXIF (little-endian TIFF) with an orientation and a description that must not leak.
fn exif(orientation: u16, description: &str) -> Vec<u8> {
    let mut text = description.as_bytes().to_vec();
    text.push(0);
    let mut e = b"II*\0".to_vec();
    e.extend(8u32.to_le_bytes());
    e.extend(2u16.to_le_bytes());
    // ImageDescription (ASCII), its text after the IFD.
    e.extend(0x010Eu16.to_le_bytes());
    e.extend(2u16.to_le_bytes());
    e.extend((text.len() as u32).to_le_bytes());
    e.extend(38u32.to_le_bytes());
    // Orientation (SHORT), its value in place.
    e.extend(0x0112u16.to_le_bytes());
    e.extend(3u16.to_le_bytes());
    e.extend(1u32.to_le_bytes());
    e.extend(u32::from(orientation).to_le_bytes());
    e.extend(0u32.to_le_bytes());
    e.extend(text);
    e
}

/// The open day shows `image`; its English file describes it too.
fn with_image(site: &Site, image: &str) {
    let nl = site.read("content/events/open-dag.nl.md").replace(
        "type: open-day\n",
        &format!("type: open-day\nimage: {image}\nimage_alt: \"Leerlingen aan een werkbank\"\n"),
    );
    site.write("content/events/open-dag.nl.md", nl);
    let en = site.read("content/events/open-dag.en.md").replacen(
        "---\n",
        "---\nimage_alt: \"Pupils at a workbench\"\n",
        1,
    );
    site.write("content/events/open-dag.en.md", en);
}

fn decoded(bytes: &[u8]) -> image::DynamicImage {
    image::load_from_memory(bytes).expect("the build wrote a readable picture")
}

fn media(site: &Site) -> BTreeMap<String, Vec<u8>> {
    site.public()
        .into_iter()
        .filter(|(path, _)| path.starts_with("media/"))
        .collect()
}

#[test]
fn a_picture_becomes_the_themes_widths_in_webp_and_its_own_format() {
    let site = Site::new(&[]);
    site.write(
        "content/media/werkbank.jpg",
        jpeg(&picture(2000, 1000), None),
    );
    with_image(&site, "werkbank.jpg");
    let r = site.build();
    assert_eq!(r.code, 0, "{}", r.stderr);
    let files = media(&site);
    let names: Vec<&str> = files.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "media/werkbank-1600.jpg",
            "media/werkbank-1600.webp",
            "media/werkbank-480.jpg",
            "media/werkbank-480.webp",
            "media/werkbank-960.jpg",
            "media/werkbank-960.webp",
            "media/werkbank.jpg",
        ]
    );
    for w in [480u32, 960, 1600] {
        let webp = &files[&format!("media/werkbank-{w}.webp")];
        assert_eq!(&webp[..4], b"RIFF");
        assert_eq!(&webp[8..12], b"WEBP");
        for ext in ["jpg", "webp"] {
            let img = decoded(&files[&format!("media/werkbank-{w}.{ext}")]);
            assert_eq!((img.width(), img.height()), (w, w / 2), "{w}.{ext}");
        }
    }
    let page = site.read("public/agenda/open-dag/index.html");
    let webp_set = "/media/werkbank-480.webp 480w, /media/werkbank-960.webp 960w, /media/werkbank-1600.webp 1600w";
    assert!(
        page.contains(&format!(
            "<source type=\"image/webp\" srcset=\"{webp_set}\""
        )),
        "{page}"
    );
    assert!(page.contains("<img src=\"/media/werkbank-960.jpg\" srcset=\"/media/werkbank-480.jpg 480w, /media/werkbank-960.jpg 960w, /media/werkbank-1600.jpg 1600w\" sizes=\""));
    assert!(page.contains("width=\"1600\" height=\"800\" alt=\"Leerlingen aan een werkbank\""));
    // After the facts, not above them.
    let facts = page.find("<dl class=\"facts\">").expect("facts");
    assert!(page.find("<picture>").expect("picture") > facts);
    assert!(page.contains(
        "<meta property=\"og:image\" content=\"https://proef.example/media/werkbank-1600.jpg\">"
    ));
    let en = site.read("public/en/agenda/open-dag/index.html");
    assert!(en.contains("alt=\"Pupils at a workbench\""));
    // The card on the home page: decorative, lazy, at the width a card takes.
    let home = site.read("public/index.html");
    let card = home.find("<div class=\"card-image\">").expect("card image");
    let card = &home[card..home[card..].find("</div>").expect("end") + card];
    assert!(card.contains("alt=\"\" loading=\"lazy\""), "{card}");
    assert!(card.contains("sizes=\"(min-width: 40rem) 23rem"), "{card}");
}

#[test]
fn a_picture_is_never_upscaled_and_unused_media_are_copied_as_they_are() {
    let site = Site::new(&[]);
    let small = png(&picture(700, 300));
    site.write("content/media/klein.png", &small);
    site.write("content/media/folder.pdf", b"%PDF-1.4 not shown anywhere");
    site.write(
        "content/media/ongebruikt.jpg",
        b"not a picture, but nobody shows it",
    );
    with_image(&site, "klein.png");
    let r = site.build();
    assert_eq!(r.code, 0, "{}", r.stderr);
    let files = media(&site);
    let names: Vec<&str> = files.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "media/folder.pdf",
            "media/klein-480.png",
            "media/klein-480.webp",
            "media/klein-700.png",
            "media/klein-700.webp",
            "media/klein.png",
            "media/ongebruikt.jpg",
        ]
    );
    assert_eq!(
        files["media/klein.png"], small,
        "the original is copied as it is"
    );
    let img = decoded(&files["media/klein-700.png"]);
    assert_eq!((img.width(), img.height()), (700, 300));
    let img = decoded(&files["media/klein-480.webp"]);
    assert_eq!((img.width(), img.height()), (480, 206));
}

#[test]
fn exif_orientation_is_applied_and_no_metadata_reaches_the_site() {
    let site = Site::new(&[]);
    // Stored 1200×800 with "rotate 90° clockwise to show" (6): upright it is 800×1200,
    // and the red corner, stored top left, shows top right.
    let stored = jpeg(&picture(1200, 800), Some(exif(6, "GEHEIM-ADRES thuis")));
    assert!(
        stored.windows(12).any(|w| w == b"GEHEIM-ADRES"),
        "the fixture carries it"
    );
    site.write("content/media/telefoon.jpg", &stored);
    with_image(&site, "telefoon.jpg");
    let r = site.build();
    assert_eq!(r.code, 0, "{}", r.stderr);
    let files = media(&site);
    for (path, bytes) in files
        .iter()
        .filter(|(p, _)| p.as_str() != "media/telefoon.jpg")
    {
        assert!(
            !bytes.windows(12).any(|w| w == b"GEHEIM-ADRES"),
            "{path} keeps the original's metadata"
        );
        assert!(
            !bytes.windows(6).any(|w| w == b"Exif\0\0"),
            "{path} has an EXIF block"
        );
    }
    let img = decoded(&files["media/telefoon-800.jpg"]).to_rgb8();
    assert_eq!((img.width(), img.height()), (800, 1200));
    let top_right = img.get_pixel(760, 40);
    let top_left = img.get_pixel(40, 40);
    assert!(top_right[0] > 180 && top_right[2] < 90, "{top_right:?}");
    assert!(top_left[0] < 90, "{top_left:?}");
    let page = site.read("public/agenda/open-dag/index.html");
    assert!(page.contains("width=\"800\" height=\"1200\""), "{page}");
}

/// Each file in the cache with its modification time.
fn cache_files(root: &Path) -> BTreeMap<String, std::time::SystemTime> {
    walkdir::WalkDir::new(root.join(".werkplaats-cache/images"))
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .filter(|e| {
            let name = e.file_name().to_string_lossy();
            name.ends_with(".webp") || name.ends_with(".jpg") || name.ends_with(".png")
        })
        .map(|e| {
            let time = e.metadata().expect("meta").modified().expect("mtime");
            (e.file_name().to_string_lossy().to_string(), time)
        })
        .collect()
}

#[test]
fn a_rebuild_encodes_only_what_changed_and_the_output_is_byte_identical() {
    let site = Site::new(&[]);
    site.write(
        "content/media/werkbank.jpg",
        jpeg(&picture(1700, 900), None),
    );
    with_image(&site, "werkbank.jpg");
    let body = "\n![Schema van de route](/media/schema.png)\n";
    let course = site.read("content/courses/lassen.nl.md");
    site.write("content/courses/lassen.nl.md", format!("{course}{body}"));
    site.write("content/media/schema.png", png(&picture(1000, 400)));
    assert_eq!(site.build().code, 0);
    let first = site.public();
    let cached = cache_files(site.root());
    // 3 widths of the photo, 3 of the diagram (480, 960, 1000), each twice.
    assert_eq!(cached.len(), 12, "{cached:?}");
    // A Markdown image is the same picture markup, lazy below the top of the page.
    let page = site.read("public/opleidingen/lassen/index.html");
    assert!(page.contains("<picture><source type=\"image/webp\" srcset=\"/media/schema-480.webp 480w, /media/schema-960.webp 960w, /media/schema-1000.webp 1000w\""), "{page}");
    assert!(page.contains("width=\"1000\" height=\"400\" alt=\"Schema van de route\" loading=\"lazy\" decoding=\"async\"></picture>"));

    std::thread::sleep(std::time::Duration::from_millis(20));
    assert_eq!(site.build().code, 0);
    assert_eq!(cache_files(site.root()), cached, "nothing made again");
    assert_eq!(site.public(), first, "the same bytes from the cache");

    // Made again from nothing: the same bytes (encoding is deterministic).
    std::fs::remove_dir_all(site.root().join(".werkplaats-cache")).expect("rm cache");
    assert_eq!(site.build().code, 0);
    assert_eq!(site.public(), first, "the same bytes when encoded again");
    let again = cache_files(site.root());

    // A changed photo: its files are new, the diagram's are the cache's.
    std::thread::sleep(std::time::Duration::from_millis(20));
    site.write(
        "content/media/werkbank.jpg",
        jpeg(&picture(1800, 900), None),
    );
    assert_eq!(site.build().code, 0);
    let after = cache_files(site.root());
    let kept = again
        .iter()
        .filter(|(name, time)| after.get(*name) == Some(time))
        .count();
    assert_eq!(kept, 12, "the old files stay, untouched");
    assert_eq!(after.len(), 18, "six new files for the changed photo");
    let img = decoded(&site.public()["media/werkbank-1600.webp"]);
    assert_eq!((img.width(), img.height()), (1600, 800));
}

#[test]
fn a_large_original_is_warned_about() {
    let site = Site::new(&[]);
    // Noise does not compress: a PNG over 5 MB.
    let mut seed = 12345u32;
    let noise = RgbImage::from_fn(1500, 1300, |_, _| {
        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
        let b = seed.to_le_bytes();
        Rgb([b[1], b[2], b[3]])
    });
    let bytes = png(&noise);
    assert!(bytes.len() > 5 * 1024 * 1024, "{}", bytes.len());
    site.write("content/media/groot.png", &bytes);
    with_image(&site, "groot.png");
    let (code, diags) = site.check_json_in("en");
    assert_eq!(code, 0, "a warning only: {diags:?}");
    let d = common::find(&diags, "large-image", "content/media/groot.png");
    assert_eq!(d["severity"], "warning");
    assert!(
        d["message"].as_str().expect("text").contains("5.6 MB"),
        "{d}"
    );
}

#[test]
fn a_location_shows_its_picture_described_in_each_language() {
    let site = Site::new(&[]);
    site.write("content/media/gebouw.png", png(&picture(1200, 600)));
    let place = site.read("content/locations/werkplaats-woerden.yaml");
    site.write(
        "content/locations/werkplaats-woerden.yaml",
        format!("{place}image: gebouw.png\n"),
    );
    let (code, diags) = site.check_json_in("en");
    assert_eq!(code, 1);
    let d = common::find(
        &diags,
        "image-without-alt",
        "content/locations/werkplaats-woerden.yaml",
    );
    assert_eq!(d["line"], place.lines().count() + 1, "{d}");
    site.write(
        "content/locations/werkplaats-woerden.yaml",
        format!("{place}image: gebouw.png\nimage_alt:\n  nl: Het gebouw\n  en: The building\n"),
    );
    let r = site.build();
    assert_eq!(r.code, 0, "{}", r.stderr);
    let nl = site.read("public/locaties/werkplaats-woerden/index.html");
    assert!(
        nl.contains("width=\"1200\" height=\"600\" alt=\"Het gebouw\""),
        "{nl}"
    );
    assert!(nl.contains("content=\"https://proef.example/media/gebouw-1200.png\""));
    let en = site.read("public/en/locations/werkplaats-woerden/index.html");
    assert!(en.contains("alt=\"The building\""));
}

#[test]
fn the_theme_chooses_the_widths_and_a_wrong_one_is_an_error() {
    let site = Site::new(&[]);
    site.write("content/media/werkbank.png", png(&picture(1000, 500)));
    with_image(&site, "werkbank.png");
    site.write(
        "themes/default/theme.yaml",
        "image_widths: [600, 300]\nimage_quality: 70\n",
    );
    let r = site.build();
    assert_eq!(r.code, 0, "{}", r.stderr);
    let names: Vec<String> = media(&site).into_keys().collect();
    assert_eq!(
        names,
        [
            "media/werkbank-300.png",
            "media/werkbank-300.webp",
            "media/werkbank-600.png",
            "media/werkbank-600.webp",
            "media/werkbank.png",
        ]
    );
    site.write(
        "themes/default/theme.yaml",
        "image_widths: [600, 0]\nimage_quality: 70\n",
    );
    let (code, diags) = site.check_json_in("en");
    assert_eq!(code, 1);
    let d = common::find(&diags, "invalid-value", "themes/default/theme.yaml");
    assert_eq!(
        d["message"],
        "each number in `image_widths` must be from 16 to 16383, not `0`"
    );
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(1), Some(21))
    );
}

#[test]
fn a_width_is_the_same_file_whatever_other_widths_the_theme_asks_for() {
    let made = |widths: &str| {
        let site = Site::new(&[]);
        site.write(
            "content/media/werkbank.jpg",
            jpeg(&picture(2000, 1000), None),
        );
        with_image(&site, "werkbank.jpg");
        site.write(
            "themes/default/theme.yaml",
            format!("image_widths: {widths}\n"),
        );
        let r = site.build();
        assert_eq!(r.code, 0, "{}", r.stderr);
        let files = media(&site);
        (
            files["media/werkbank-480.webp"].clone(),
            files["media/werkbank-480.jpg"].clone(),
        )
    };
    assert_eq!(made("[480, 960, 1600]"), made("[480]"));
}

#[test]
fn check_reads_the_cache_but_writes_nothing_and_still_finds_a_broken_picture() {
    let site = Site::new(&[]);
    site.write(
        "content/media/werkbank.jpg",
        jpeg(&picture(1700, 900), None),
    );
    with_image(&site, "werkbank.jpg");
    let before = common::tree(site.root());
    let (code, diags) = site.check_json_in("en");
    assert_eq!(code, 0, "{diags:?}");
    assert_eq!(common::tree(site.root()), before, "check wrote nothing");
    assert!(!site.root().join(".werkplaats-cache").exists());

    // After a build the cache is full; check uses it and leaves it as it is.
    assert_eq!(site.build().code, 0);
    let built = common::tree(site.root());
    assert_eq!(site.check_json_in("en").0, 0);
    assert_eq!(common::tree(site.root()), built);

    // A picture cut short is decoded by check (its header alone looks fine): an error,
    // and still nothing written, not even the new file's stamp in the cache.
    let whole = jpeg(&picture(1200, 800), None);
    site.write("content/media/werkbank.jpg", &whole[..whole.len() / 2]);
    let cut = common::tree(site.root());
    let (code, diags) = site.check_json_in("en");
    assert_eq!(code, 1, "{diags:?}");
    common::find(&diags, "unreadable-image", "content/media/werkbank.jpg");
    assert_eq!(common::tree(site.root()), cut);
}

#[test]
fn pages_without_a_picture_preview_with_the_themes_default_image() {
    let site = Site::new(&[]);
    site.write("content/media/werkbank.png", png(&picture(1000, 500)));
    with_image(&site, "werkbank.png");
    assert_eq!(site.build().code, 0);
    let base = "https://proef.example";
    let home = site.read("public/index.html");
    assert!(
        home.contains(&format!(
            "<meta property=\"og:image\" content=\"{base}/og-image.png\">"
        )),
        "{home}"
    );
    assert!(home.contains("content=\"summary_large_image\""));
    let preview = decoded(&site.public()["og-image.png"]);
    assert_eq!((preview.width(), preview.height()), (1200, 630));
    // A page with its own picture keeps it.
    let event = site.read("public/agenda/open-dag/index.html");
    assert!(event.contains(&format!("content=\"{base}/media/werkbank-1000.png\"")));
    assert!(!event.contains("og-image.png"), "{event}");

    // A default that is not there, or not a picture a preview can show, is an error.
    let settings = site.read("themes/default/theme.yaml");
    for wrong in [
        "ontbreekt.png",
        "favicon.svg",
        "../static/og-image.png",
        "./og-image.png",
    ] {
        site.write(
            "themes/default/theme.yaml",
            settings.replace(
                "default_image: og-image.png",
                &format!("default_image: {wrong}"),
            ),
        );
        let (code, diags) = site.check_json_in("en");
        assert_eq!(code, 1, "{wrong}");
        let d = common::find(&diags, "invalid-value", "themes/default/theme.yaml");
        assert!(d["message"].as_str().expect("text").contains(wrong), "{d}");
    }
    // Without the setting, pages have no og:image and a small card.
    site.write(
        "themes/default/theme.yaml",
        settings.replace("default_image: og-image.png", ""),
    );
    assert_eq!(site.build().code, 0);
    let home = site.read("public/index.html");
    assert!(!home.contains("og:image"), "{home}");
    assert!(home.contains("content=\"summary\""));
}

/// An animated PNG of two frames, `w`×`h`, written by the `png` crate.
fn apng(w: u32, h: u32) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, w, h);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_animated(2, 0).expect("animated");
        let mut writer = encoder.write_header().expect("header");
        for frame in [picture(w, h), picture(h, w)] {
            let frame = image::imageops::resize(&frame, w, h, image::imageops::FilterType::Nearest);
            writer.write_image_data(frame.as_raw()).expect("frame");
        }
        writer.finish().expect("finish");
    }
    out
}

/// An animated WebP of two frames, by libwebp's animation encoder.
fn animated_webp(w: u32, h: u32) -> Vec<u8> {
    let frames: Vec<Vec<u8>> = [[200, 20, 20, 255], [20, 20, 200, 255]]
        .iter()
        .map(|c| c.repeat((w * h) as usize))
        .collect();
    let config = webp::WebPConfig::new().expect("config");
    let mut encoder = webp::AnimEncoder::new(w, h, &config);
    for (i, frame) in frames.iter().enumerate() {
        encoder.add_frame(webp::AnimFrame::from_rgba(frame, w, h, i as i32 * 500));
    }
    encoder.encode().to_vec()
}

#[test]
fn an_animation_is_shown_as_it_is_not_cut_to_its_first_frame() {
    let site = Site::new(&[]);
    let moving = apng(600, 400);
    let webp = animated_webp(300, 200);
    site.write("content/media/beweging.png", &moving);
    site.write("content/media/draaiend.webp", &webp);
    with_image(&site, "beweging.png");
    let course = site.read("content/courses/lassen.nl.md");
    site.write(
        "content/courses/lassen.nl.md",
        format!("{course}\n![Een draaiende las](/media/draaiend.webp)\n"),
    );
    let r = site.build();
    assert_eq!(r.code, 0, "{}", r.stderr);
    let files = media(&site);
    let names: Vec<&str> = files.keys().map(String::as_str).collect();
    assert_eq!(names, ["media/beweging.png", "media/draaiend.webp"]);
    assert_eq!(files["media/beweging.png"], moving);
    assert_eq!(files["media/draaiend.webp"], webp);
    let event = site.read("public/agenda/open-dag/index.html");
    assert!(
        event.contains("<img src=\"/media/beweging.png\" width=\"600\" height=\"400\" alt=\"Leerlingen aan een werkbank\""),
        "{event}"
    );
    let course = site.read("public/opleidingen/lassen/index.html");
    assert!(
        course.contains("<img src=\"/media/draaiend.webp\" width=\"300\" height=\"200\" alt=\"Een draaiende las\""),
        "{course}"
    );
    // A still PNG beside it is still made at the theme's widths.
    site.write("content/media/beweging.png", png(&picture(600, 400)));
    assert_eq!(site.build().code, 0);
    assert!(media(&site).contains_key("media/beweging-480.webp"));
}

/// EXIF with a GPS position (52°5′ N), as a phone writes it.
fn exif_with_place() -> Vec<u8> {
    let mut e = b"II*\0".to_vec();
    e.extend(8u32.to_le_bytes());
    // IFD0: one entry, the pointer to the GPS folder at 26.
    e.extend(1u16.to_le_bytes());
    e.extend(0x8825u16.to_le_bytes());
    e.extend(4u16.to_le_bytes());
    e.extend(1u32.to_le_bytes());
    e.extend(26u32.to_le_bytes());
    e.extend(0u32.to_le_bytes());
    // The GPS folder: latitude reference `N` and the latitude, three rationals at 56.
    e.extend(2u16.to_le_bytes());
    e.extend(0x0001u16.to_le_bytes());
    e.extend(2u16.to_le_bytes());
    e.extend(2u32.to_le_bytes());
    e.extend(*b"N\0\0\0");
    e.extend(0x0002u16.to_le_bytes());
    e.extend(5u16.to_le_bytes());
    e.extend(3u32.to_le_bytes());
    e.extend(56u32.to_le_bytes());
    e.extend(0u32.to_le_bytes());
    for (n, d) in [(52u32, 1u32), (5, 1), (0, 1)] {
        e.extend(n.to_le_bytes());
        e.extend(d.to_le_bytes());
    }
    e
}

#[test]
fn a_photo_that_says_where_it_was_taken_is_warned_about() {
    let site = Site::new(&[]);
    site.write(
        "content/media/thuis.jpg",
        jpeg(&picture(800, 600), Some(exif_with_place())),
    );
    site.write(
        "content/media/zonder.jpg",
        jpeg(&picture(800, 600), Some(exif(1, "Werkbank"))),
    );
    with_image(&site, "thuis.jpg");
    let course = site.read("content/courses/lassen.nl.md");
    site.write(
        "content/courses/lassen.nl.md",
        format!("{course}\n![Een werkbank](/media/zonder.jpg)\n"),
    );
    let warned = |site: &Site| {
        let (code, diags) = site.check_json_in("en");
        assert_eq!(code, 0, "a warning only: {diags:?}");
        let places: Vec<&str> = diags
            .iter()
            .filter(|d| d["code"] == "photo-location")
            .map(|d| d["file"].as_str().expect("file"))
            .collect();
        assert_eq!(places, ["content/media/thuis.jpg"], "{diags:?}");
        let d = common::find(&diags, "photo-location", "content/media/thuis.jpg");
        assert_eq!(d["severity"], "warning");
        assert!(
            d["message"]
                .as_str()
                .expect("text")
                .contains("/media/thuis.jpg"),
            "{d}"
        );
    };
    warned(&site);
    // From the cache too (the header is not read again).
    let r = site.build();
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("photo-location"), "{}", r.stderr);
    warned(&site);
    let noted: Vec<String> = walkdir::WalkDir::new(site.root().join(".werkplaats-cache/images"))
        .into_iter()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".size"))
        .map(|e| std::fs::read_to_string(e.path()).expect("size"))
        .collect();
    assert!(
        noted.contains(&"jpeg 800 600 gps\n".to_string()),
        "{noted:?}"
    );
    assert!(noted.contains(&"jpeg 800 600\n".to_string()), "{noted:?}");
    // The copies pages show have no position; the original is left as it was.
    let files = media(&site);
    let place: &[u8] = &[52, 0, 0, 0, 1, 0, 0, 0, 5, 0, 0, 0, 1, 0, 0, 0];
    for (name, bytes) in &files {
        if name.starts_with("media/thuis-") {
            assert!(!bytes.windows(4).any(|w| w == b"Exif"), "{name}");
        }
    }
    assert!(
        files["media/thuis.jpg"]
            .windows(place.len())
            .any(|w| w == place)
    );
}
