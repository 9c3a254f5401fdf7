//! Syntax highlighting of fenced code with syntect, as CSS classes (`hl-…`) so that the
//! theme's stylesheet decides the colours and no inline styles reach the page. The
//! syntax set loads once, on first use, and is never changed afterwards.

use std::sync::OnceLock;
use syntect::html::{ClassStyle, ClassedHTMLGenerator, css_for_theme_with_class_style};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

const STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// Highlights `code` written in `lang` (a fence label such as `rust` or `yaml`).
/// Returns `None` for an unknown language, so the caller prints plain code.
pub fn highlight(code: &str, lang: &str) -> Option<String> {
    let set = syntaxes();
    let syntax = set
        .find_syntax_by_token(lang)
        .or_else(|| set.find_syntax_by_extension(lang))?;
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, set, STYLE);
    for line in LinesWithEndings::from(code) {
        generator
            .parse_html_for_line_which_includes_newline(line)
            .ok()?;
    }
    Some(generator.finalize())
}

/// The stylesheet for the classes `highlight` writes, from a light syntect theme with
/// colours that keep a contrast of at least 4.5:1 on white.
pub fn css() -> String {
    let themes = syntect::highlighting::ThemeSet::load_defaults();
    themes
        .themes
        .get("InspiredGitHub")
        .and_then(|theme| css_for_theme_with_class_style(theme, STYLE).ok())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #[test]
    fn known_languages_get_classes_and_escaping() {
        let html = super::highlight("fn main() { let a = \"<b>\"; }\n", "rust").expect("rust is known");
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(html.contains("&lt;b&gt;"), "{html}");
        assert!(!html.contains("<b>"), "{html}");
    }

    #[test]
    fn unknown_languages_are_left_to_the_caller() {
        assert!(super::highlight("x", "no-such-language").is_none());
    }
}
