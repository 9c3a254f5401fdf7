//! The markup of a picture (§2.2): a `<picture>` with the WebP widths as a `<source>` and
//! the original format's widths on the `<img>`, which carries `width` and `height` (so
//! nothing shifts while it loads), `sizes` for the place it is shown, `alt`, `loading`
//! and `decoding`. Used for `image:` on pages and cards, and for Markdown images in
//! bodies, whose `<img>` is replaced here once the picture's sizes are known.

use crate::images::{Format, Picture};
use crate::markdown::escape_html;
use crate::site::Site;
use serde::Serialize;
use std::fmt::Write;

/// Where a picture is shown: the width it takes there, for `sizes`.
#[derive(Debug, Clone, Copy)]
pub enum Place {
    /// The text column of a page (44rem at most).
    Page,
    /// A card in a grid of cards.
    Card,
}

impl Place {
    fn sizes(self) -> &'static str {
        match self {
            Place::Page => "(min-width: 47rem) 44rem, calc(100vw - 2rem)",
            Place::Card => "(min-width: 40rem) 23rem, calc(100vw - 2rem)",
        }
    }
}

/// A picture for a template: its markup, and its parts for themes that write their own.
#[derive(Debug, Clone, Serialize)]
pub struct PictureView {
    /// The whole `<picture>` (or `<img>`), escaped.
    pub html: String,
    pub src: String,
    pub alt: String,
    pub width: Option<u32>,
    pub height: Option<u32>,
    /// `url 480w, …` in the original's format, and in WebP (empty if none).
    pub srcset: String,
    pub webp_srcset: String,
}

/// `image` (`/media/…`) as shown at `place`; its description `alt` (empty: decorative).
/// A picture the site did not measure (none is left once the build checked it) is a
/// plain `<img>`.
pub fn view(site: &Site, image: &str, alt: &str, place: Place) -> PictureView {
    let rel = crate::images::media_rel(image);
    let src = format!("/media/{rel}");
    let Some(picture) = site.images.get(rel) else {
        let html = format!("<img src=\"{src}\" alt=\"{}\">", escape_html(alt));
        return PictureView {
            html,
            src,
            alt: alt.to_string(),
            width: None,
            height: None,
            srcset: String::new(),
            webp_srcset: String::new(),
        };
    };
    let m = Markup::of(picture, place);
    let html = m.html(&format!("alt=\"{}\"", escape_html(alt)));
    PictureView {
        html,
        src: m.src,
        alt: alt.to_string(),
        width: m.size.map(|s| s.0),
        height: m.size.map(|s| s.1),
        srcset: m.srcset,
        webp_srcset: m.webp_srcset,
    }
}

/// The absolute URL of the picture for `og:image`: its largest processed width in the
/// original's format (which every link preview reads), or the file itself.
pub fn og_image(site: &Site, image: &str) -> Option<String> {
    let picture = site.images.get(image)?;
    let path = picture
        .of_format(picture.fallback())
        .last()
        .map_or_else(|| format!("media/{}", picture.rel), |v| v.path.clone());
    Some(format!("{}/{path}", site.config.base_url))
}

/// A Markdown body with each `<img src="/media/…">` that pulldown-cmark wrote replaced by
/// the picture's markup (its `alt` and `title` kept as written).
pub fn body(site: &Site, html: &str) -> String {
    const START: &str = "<img src=\"/media/";
    let mut out = String::with_capacity(html.len() + 512);
    let mut rest = html;
    while let Some(at) = rest.find(START) {
        out.push_str(&rest[..at]);
        let tag = &rest[at..];
        let Some(end) = tag_end(tag) else {
            rest = tag;
            break;
        };
        let (tag, after) = tag.split_at(end + 1);
        rest = after;
        let src_end = tag[START.len()..].find('"').map(|i| START.len() + i);
        let Some(picture) = src_end.and_then(|e| site.images.get(&tag[START.len()..e])) else {
            out.push_str(tag);
            continue;
        };
        let src_end = src_end.unwrap_or(START.len());
        // `alt="…"` and an optional ` title="…"`, as pulldown-cmark wrote them.
        let attrs = tag[src_end + 1..]
            .trim_end_matches('>')
            .trim_end_matches('/')
            .trim();
        let mut m = Markup::of(picture, Place::Page);
        // In a body, below the top of the page.
        m.lazy = true;
        out.push_str(&m.html(attrs));
    }
    out.push_str(rest);
    out
}

/// Where the tag at the start of `html` ends (its `>`): pulldown-cmark escapes `>` in the
/// values it writes, but a raw `<img alt="a > b">` in a body need not.
fn tag_end(html: &str) -> Option<usize> {
    let mut quote = None;
    // The last character outside quotes that was not a space: a quote opens a value only
    // after `=` (`alt=O'Brien` holds no quote).
    let mut before = ' ';
    for (i, c) in html.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') if before == '=' => quote = Some(c),
            (Some(q), c) if c == q => {
                quote = None;
                before = c;
            }
            (None, '>') => return Some(i),
            (None, c) if !c.is_whitespace() => before = c,
            _ => {}
        }
    }
    None
}

/// What a picture's markup is made of.
struct Markup {
    src: String,
    srcset: String,
    webp_srcset: String,
    size: Option<(u32, u32)>,
    sizes: &'static str,
    lazy: bool,
}

impl Markup {
    fn of(picture: &Picture, place: Place) -> Markup {
        let fallback = picture.fallback();
        Markup {
            src: shown(picture).unwrap_or_else(|| format!("/media/{}", picture.rel)),
            srcset: srcset_of(picture, fallback),
            webp_srcset: if fallback == Format::Webp {
                String::new()
            } else {
                srcset_of(picture, Format::Webp)
            },
            size: largest(picture).or(picture.size),
            sizes: place.sizes(),
            lazy: matches!(place, Place::Card),
        }
    }

    /// The markup, with `attrs` (`alt`, and maybe `title`) on the `<img>`.
    fn html(&self, attrs: &str) -> String {
        let mut img = format!("<img src=\"{}\"", self.src);
        if !self.srcset.is_empty() {
            let _ = write!(img, " srcset=\"{}\" sizes=\"{}\"", self.srcset, self.sizes);
        }
        if let Some((w, h)) = self.size {
            let _ = write!(img, " width=\"{w}\" height=\"{h}\"");
        }
        let loading = if self.lazy { "lazy" } else { "eager" };
        let _ = write!(img, " {attrs} loading=\"{loading}\" decoding=\"async\">");
        if self.webp_srcset.is_empty() {
            return img;
        }
        format!(
            "<picture><source type=\"image/webp\" srcset=\"{}\" sizes=\"{}\">{img}</picture>",
            self.webp_srcset, self.sizes
        )
    }
}

fn srcset_of(picture: &Picture, format: Format) -> String {
    picture
        .of_format(format)
        .map(|v| format!("/{} {}w", v.path, v.width))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The width shown where `srcset` is not understood: the largest up to 960 pixels.
fn shown(picture: &Picture) -> Option<String> {
    let fallback: Vec<_> = picture.of_format(picture.fallback()).collect();
    let v = fallback
        .iter()
        .rev()
        .find(|v| v.width <= 960)
        .or(fallback.first())?;
    Some(format!("/{}", v.path))
}

/// The size of the largest variant: the `width` and `height` the page gives it.
fn largest(picture: &Picture) -> Option<(u32, u32)> {
    picture.variants.last().map(|v| (v.width, v.height))
}

#[cfg(test)]
mod tests {
    use super::tag_end;

    #[test]
    fn a_tag_ends_at_the_first_unquoted_angle() {
        let tag = r#"<img src="/media/a.png" alt="a > b" title='c>d'>after"#;
        assert_eq!(tag_end(tag).map(|e| &tag[e + 1..]), Some("after"));
        assert_eq!(tag_end(r#"<img src="/media/a.png">x"#), Some(23));
        assert_eq!(tag_end(r#"<img alt="never closed>"#), None);
        let bare = "<img src=\"/media/a.png\" alt=O'Brien>after 'quoted'";
        assert_eq!(
            tag_end(bare).map(|e| &bare[e + 1..]),
            Some("after 'quoted'")
        );
    }
}
