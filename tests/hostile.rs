//! Hostile input: whatever the content holds, werkplaats gives a clear error or safe
//! output — never a panic, a hang, or a write outside `--out`. (Panics are caught by
//! the harness, hangs by its 120-second limit.)

mod common;
use common::{NOW, Site, tree};

const EVIL: &str = r#"<script>alert("x")</script> ' " & </textarea>"#;

/// A real 4×4 PNG.
fn tiny_png() -> Vec<u8> {
    use image::ImageEncoder;
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(&[200u8; 48], 4, 4, image::ExtendedColorType::Rgb8)
        .expect("png");
    out
}

fn yaml_str(s: &str) -> String {
    serde_json::to_string(s).expect("json string is a YAML string")
}

#[test]
fn script_and_quotes_in_every_text_field_come_out_escaped() {
    let site = Site::new(&[]);
    let e = yaml_str(EVIL);
    site.write(
        "content/locations/werkplaats-woerden.yaml",
        format!(
            "name: {e}\nmunicipality: {e}\naddress: {{ street: {e}, postcode: {e}, city: {e} }}\ndescription: {e}\naccessibility: {e}\nwebsite: https://x.example/?a=b&c=d\n"
        ),
    );
    site.write(
        "content/organisations/roc-voorbeeld.yaml",
        format!("name: {e}\nkind: education\ndescription: {e}\n"),
    );
    site.write(
        "content/events/open-dag.nl.md",
        format!(
            "---\ntitle: {e}\nsummary: {e}\ntype: open-day\nstart: 2027-03-13 10:00\nlocation: werkplaats-woerden\norganiser: roc-voorbeeld\ncost: {e}\nimage: x.png\nimage_alt: {e}\n---\n\n<script>alert(1)</script>\n"
        ),
    );
    site.write(
        "content/events/open-dag.en.md",
        format!("---\ntitle: {e}\nsummary: {e}\nimage_alt: {e}\n---\n"),
    );
    site.write("content/media/x.png", tiny_png());
    site.write(
        "content/initiatives/techniekhuis.nl.md",
        format!("---\ntitle: {e}\nsummary: {e}\nstatus: active\nlead: roc-voorbeeld\ncontact: {{ role: {e}, phone: {e} }}\nfunding: [{{ organisation: roc-voorbeeld, amount: 1 }}]\n---\n"),
    );
    let r = site.build();
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out = site.public();
    let mut json_ld_seen = 0;
    for (path, bytes) in &out {
        if !path.ends_with(".html") && !path.ends_with(".xml") {
            continue;
        }
        let text = String::from_utf8_lossy(bytes);
        assert!(
            !text.contains("<script>alert"),
            "unescaped script in {path}"
        );
        assert!(!text.contains("</textarea>"), "unescaped end tag in {path}");
        // Quotes are harmless in text but must never end an attribute early.
        assert!(
            !text.contains(r#"="<script"#) && !text.contains(r#"alert("x")">"#),
            "attribute broken in {path}"
        );
        for block in text.split(r#"<script type="application/ld+json">"#).skip(1) {
            let json = block.split("</script>").next().expect("closed");
            let value: serde_json::Value =
                serde_json::from_str(json).unwrap_or_else(|e| panic!("JSON-LD in {path}: {e}"));
            assert!(value.is_object());
            if json.contains("\\u003cscript") {
                json_ld_seen += 1;
            }
        }
    }
    assert!(
        json_ld_seen >= 3,
        "escaped text reached JSON-LD in several pages"
    );
    let event = String::from_utf8_lossy(&out["agenda/open-dag/index.html"]).to_string();
    assert!(
        event.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"),
        "text escaped"
    );
    assert!(
        event.contains(r#"alt="&lt;script&gt;alert(&quot;x&quot;)"#),
        "attribute escaped"
    );
}

#[test]
fn invalid_utf8_is_an_error_not_a_panic() {
    let site = Site::new(&[]);
    site.write(
        "content/events/binair.nl.md",
        [0xff, 0xfe, 0x00, 0x2d, 0x2d, 0x2d, 0x0a, 0xc3, 0x28],
    );
    let (code, diags) = site.check_json_in("en");
    assert_eq!(code, 1);
    common::find(&diags, "not-utf8", "content/events/binair.nl.md");
}

#[test]
fn a_50_mb_file_is_refused_quickly() {
    let site = Site::new(&[]);
    let big = format!(
        "---\ntitle: Groot\nsummary: x\n---\n{}",
        "a".repeat(50 * 1024 * 1024)
    );
    site.write("content/pages/groot.nl.md", big);
    let (code, diags) = site.check_json_in("en");
    assert_eq!(code, 1);
    let d = common::find(&diags, "file-too-large", "content/pages/groot.nl.md");
    assert!(
        d["message"].as_str().expect("message").contains("52 MB"),
        "{d}"
    );
}

#[test]
fn deep_nesting_and_alias_bombs_are_refused() {
    let site = Site::new(&[]);
    let deep = format!(
        "---\ntitle: Diep\nsummary: x\nmenu: {}\n---\n",
        "[".repeat(100_000)
    );
    site.write("content/pages/diep.nl.md", deep);
    let mut bomb =
        String::from("name: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n");
    let mut prev = "a".to_string();
    for n in ["b", "c", "d", "e", "f", "g", "h", "i"] {
        bomb.push_str(&format!(
            "{n}: &{n} [{}]\n",
            vec![format!("*{prev}"); 9].join(",")
        ));
        prev = n.to_string();
    }
    bomb.push_str("municipality: Woerden\n");
    site.write("content/locations/bom.yaml", bomb);
    let (code, diags) = site.check_json_in("en");
    assert_eq!(code, 1);
    let deep = common::find(&diags, "invalid-yaml", "content/pages/diep.nl.md");
    assert!(
        deep["message"]
            .as_str()
            .expect("message")
            .contains("nested too deeply"),
        "{deep}"
    );
    let bomb = common::find(&diags, "invalid-yaml", "content/locations/bom.yaml");
    assert!(
        bomb["message"]
            .as_str()
            .expect("message")
            .contains("anchors"),
        "{bomb}"
    );
}

#[test]
fn slugs_cannot_leave_the_output_folder() {
    let site = Site::new(&[]);
    for (i, slug) in ["../buiten", "/etc/passwd", "a/b", "..", "x\\y"]
        .iter()
        .enumerate()
    {
        site.write(
            &format!("content/pages/p{i}.nl.md"),
            format!("---\ntitle: P\nsummary: x\nslug: {}\n---\n", yaml_str(slug)),
        );
    }
    let (code, diags) = site.check_json_in("en");
    assert_eq!(code, 1);
    assert_eq!(
        diags.iter().filter(|d| d["code"] == "invalid-slug").count(),
        5,
        "{diags:#?}"
    );
    let before: Vec<_> = std::fs::read_dir(site.root().parent().expect("parent"))
        .expect("ls")
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(site.build().code, 1);
    let after: Vec<_> = std::fs::read_dir(site.root().parent().expect("parent"))
        .expect("ls")
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(before.len(), after.len(), "nothing written beside the site");
}

#[test]
fn two_items_on_one_url() {
    let site = Site::new(&[]);
    site.write(
        "content/pages/a.nl.md",
        "---\ntitle: A\nsummary: x\nslug: zelfde\n---\n",
    );
    site.write(
        "content/pages/b.nl.md",
        "---\ntitle: B\nsummary: x\nslug: zelfde\n---\n",
    );
    let (code, diags) = site.check_json_in("en");
    assert_eq!(code, 1);
    let d = common::find(&diags, "url-collision", "content/pages/b.nl.md");
    assert_eq!(
        d["message"],
        "/zelfde/ is already taken by content/pages/a.nl.md"
    );
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(4), Some(7))
    );
}

#[test]
fn odd_but_harmless_input_builds() {
    let site = Site::new(&[]);
    // Empty body, BOM, CRLF line ends, emoji and a 200-character Dutch title.
    let title = "Één ".repeat(50);
    site.write(
        "content/pages/crlf.nl.md",
        format!("\u{feff}---\r\ntitle: \"{title}🔧\"\r\nsummary: ok\r\n---\r\n"),
    );
    site.write(
        "content/pages/leeg.nl.md",
        "---\ntitle: Leeg\nsummary: x\n---\n",
    );
    let r = site.build();
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(site.read("public/crlf/index.html").contains("🔧"));
}

#[test]
fn garbage_in_every_content_folder_never_panics() {
    let site = Site::new(&[]);
    let samples: [&[u8]; 8] = [
        b"",
        b"---",
        b"---\n---\n",
        b"---\n- a\n- b\n---\n",
        b"---\n: :\n---\n",
        b"\x00\x01\x02",
        b"---\ntitle: !!binary aGVsbG8=\nsummary: x\n---\n",
        b"---\n? [a]\n: b\n---\n",
    ];
    for (i, s) in samples.iter().enumerate() {
        for folder in ["initiatives", "courses", "events", "pages"] {
            site.write(&format!("content/{folder}/g{i}.nl.md"), s);
        }
        site.write(&format!("content/locations/g{i}.yaml"), s);
        site.write(&format!("content/organisations/g{i}.yaml"), s);
    }
    let r = site.run(&["check", "--now", NOW]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(site.build().code, 1);
    assert!(tree(&site.root().join("content")).len() > 40);
}

fn mkfifo(path: &std::path::Path) {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    let ok = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo")
        .success();
    assert!(ok, "mkfifo {}", path.display());
}

#[test]
fn a_named_pipe_anywhere_is_an_error_never_a_hang() {
    // Issue 10: a FIFO made `build` and `check` wait for ever for a writer.
    for rel in [
        "content/events/pijp.nl.md",
        "content/media/pijp.txt",
        "content/site.yaml",
        "themes/default/i18n/en.yaml",
        "themes/default/static/pijp.css",
        "themes/default/templates/pijp.html",
    ] {
        let site = Site::new(&[]);
        let path = site.root().join(rel);
        let _ = std::fs::remove_file(&path);
        mkfifo(&path);
        let (code, diags) = site.check_json_in("en");
        assert_eq!(code, 1, "{rel}: {diags:#?}");
        let d = common::find(&diags, "not-a-file", rel);
        assert!(
            d["message"]
                .as_str()
                .expect("message")
                .contains("named pipe (FIFO)"),
            "{d}"
        );
        let r = site.build();
        assert_eq!(r.code, 1, "{rel}: {}", r.stderr);
        assert!(r.stderr.contains(rel), "{}", r.stderr);
        assert!(!site.root().join("public").exists());
    }
}

/// CRC-32 (ISO 3309, as PNG uses), to write a PNG header by hand.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn png_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut out = (data.len() as u32).to_be_bytes().to_vec();
    let mut body = kind.to_vec();
    body.extend_from_slice(data);
    out.extend_from_slice(&body);
    out.extend(crc32(&body).to_be_bytes());
    out
}

/// A PNG whose header says 100,000 × 100,000 pixels (30 GB decoded) in 70 bytes.
fn png_bomb() -> Vec<u8> {
    let mut ihdr = 100_000u32.to_be_bytes().to_vec();
    ihdr.extend(100_000u32.to_be_bytes());
    ihdr.extend([8, 2, 0, 0, 0]);
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    out.extend(png_chunk(b"IHDR", &ihdr));
    out.extend(png_chunk(b"IDAT", &[0x78, 0x9c, 0x03, 0x00]));
    out.extend(png_chunk(b"IEND", &[]));
    out
}

/// The first half of a real 800×600 JPEG, as an interrupted upload leaves it.
fn truncated_jpeg() -> Vec<u8> {
    use image::ImageEncoder;
    let pixels: Vec<u8> = (0..800 * 600 * 3).map(|i| (i * 7 % 251) as u8).collect();
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
        .write_image(&pixels, 800, 600, image::ExtendedColorType::Rgb8)
        .expect("jpeg");
    out.truncate(out.len() / 2);
    out
}

#[test]
fn pictures_that_cannot_be_read_are_clear_errors_naming_the_file() {
    let cases: [(&str, Vec<u8>, &str); 3] = [
        (
            "kapot.jpg",
            truncated_jpeg(),
            "damaged or was not saved completely",
        ),
        (
            "bom.png",
            png_bomb(),
            "100000×100000 pixels; werkplaats reads up to 16384",
        ),
        (
            "geen-foto.jpg",
            b"Dit is een tekst, geen foto.\n".to_vec(),
            "not a picture",
        ),
    ];
    for (name, bytes, words) in cases {
        let site = Site::new(&[]);
        assert_eq!(site.build().code, 0);
        let before = site.public();
        site.write(&format!("content/media/{name}"), &bytes);
        let nl = site.read("content/events/open-dag.nl.md").replace(
            "type: open-day\n",
            &format!("type: open-day\nimage: {name}\nimage_alt: \"Een werkbank\"\n"),
        );
        site.write("content/events/open-dag.nl.md", nl);
        site.write(
            "content/events/open-dag.en.md",
            site.read("content/events/open-dag.en.md").replacen(
                "---\n",
                "---\nimage_alt: \"A workbench\"\n",
                1,
            ),
        );
        let r = site.build();
        assert_eq!(r.code, 1, "{name}: {}", r.stderr);
        let file = format!("content/media/{name}");
        assert!(r.stderr.contains(&file), "{name}: {}", r.stderr);
        assert_eq!(site.public(), before, "{name}: the last good site stays");
        let (code, diags) = site.check_json_in("en");
        assert_eq!(code, 1);
        let d = common::find(&diags, "unreadable-image", &file);
        let message = d["message"].as_str().expect("message");
        assert!(message.contains(words), "{name}: {message}");
        assert!(d["help"].as_str().is_some_and(|h| !h.is_empty()), "{d}");
    }
}
