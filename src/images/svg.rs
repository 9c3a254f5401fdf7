//! The size an SVG says it has (its root's `width` and `height`, else its `viewBox`), read
//! with quick-xml, so pages can keep its place while it loads.

use super::Problem;
use quick_xml::Reader;
use quick_xml::events::Event;

/// An SVG begins, after an optional BOM and whitespace, with `<?xml`, a comment, a
/// doctype or `<svg`.
pub fn looks_like_svg(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    let text = String::from_utf8_lossy(head);
    let text = text.trim_start_matches('\u{feff}').trim_start();
    (text.starts_with("<?xml")
        || text.starts_with("<!--")
        || text.starts_with("<!DOCTYPE")
        || text.starts_with("<svg"))
        && text.contains("<svg")
}

/// The root element's size in CSS pixels, rounded; `None` where it gives none we can use
/// (percentages, or no size at all).
pub fn size(bytes: &[u8]) -> Result<Option<(u32, u32)>, Problem> {
    let mut reader = Reader::from_reader(bytes);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) => {
                if e.local_name().as_ref() != "svg" {
                    return Err(Problem::NotAnImage);
                }
                let mut width = None;
                let mut height = None;
                let mut view_box = None;
                for attr in e.attributes().flatten() {
                    let value = attr.value.to_string();
                    match attr.key.local_name().as_ref() {
                        "width" => width = length(&value),
                        "height" => height = length(&value),
                        "viewBox" => view_box = Some(value),
                        _ => {}
                    }
                }
                if let (Some(w), Some(h)) = (width, height) {
                    return Ok(Some((w, h)));
                }
                let numbers: Vec<f64> = view_box
                    .unwrap_or_default()
                    .split([' ', ','])
                    .filter(|s| !s.is_empty())
                    .filter_map(|s| s.parse().ok())
                    .collect();
                return Ok(match numbers[..] {
                    [_, _, w, h] => pixels(w).zip(pixels(h)),
                    _ => None,
                });
            }
            Ok(Event::Eof) => return Err(Problem::NotAnImage),
            Ok(_) => {}
            Err(e) => return Err(Problem::Broken(e.to_string())),
        }
    }
}

/// `120`, `120px` or `120.5` → 121; other units are not pixels.
fn length(value: &str) -> Option<u32> {
    let number = value.trim().strip_suffix("px").unwrap_or(value.trim());
    pixels(number.parse().ok()?)
}

fn pixels(n: f64) -> Option<u32> {
    (n.is_finite() && n >= 1.0 && n <= f64::from(super::MAX_SIDE)).then(|| n.round() as u32)
}
