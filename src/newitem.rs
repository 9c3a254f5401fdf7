//! `werkplaats new <kind> <id>`: writes a complete new item with every field, optional
//! ones commented out, so a communicator fills in rather than looks up. A Markdown item
//! is a draft (`draft: true`) with marked example text (`[VUL IN: …]`) that is an error
//! once it is published; references are left to choose (`kies-een-id`), with the ids
//! that exist written beside them. The comments are in the message language, the
//! example text in the site's default language.

use crate::diagnostic::{Diagnostic, Severity};
use crate::messages::{Arg, Msg};
use crate::model::{Kind, Lang, is_valid_id};
use crate::msg;
use crate::source::Source;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

pub struct NewItem<'a> {
    pub root: &'a Path,
    pub kind: Kind,
    pub id: &'a str,
    pub title: Option<&'a str>,
    /// The site's default language: the file's language and that of its example text.
    pub lang: Lang,
    /// The language of the comments.
    pub messages: Lang,
    pub today: jiff::civil::Date,
}

/// Writes the file and returns its path; refuses invalid ids and existing files.
pub fn create(item: &NewItem) -> Result<PathBuf, Msg> {
    if !is_valid_id(item.id) {
        return Err(msg!(
            NewInvalidId,
            id = item.id,
            example = crate::fields::suggest_slug(item.id)
        ));
    }
    let folder = item.root.join("content").join(item.kind.folder());
    let name = if item.kind.is_markdown() {
        format!("{}.{}.md", item.id, item.lang.code())
    } else {
        format!("{}.yaml", item.id)
    };
    let path = folder.join(&name);
    let taken = std::fs::read_dir(&folder)
        .into_iter()
        .flatten()
        .flatten()
        .any(|e| {
            let n = e.file_name().to_string_lossy().to_string();
            n == name || n == format!("{}.md", item.id)
        });
    if taken || path.exists() {
        return Err(msg!(NewExists, path = path.display().to_string()));
    }
    let cannot = |p: &Path, e: std::io::Error| {
        msg!(
            NewCannotWrite,
            path = p.display().to_string(),
            detail = e.to_string()
        )
    };
    std::fs::create_dir_all(&folder).map_err(|e| cannot(&folder, e))?;
    let text = template(item);
    std::fs::write(&path, text).map_err(|e| cannot(&path, e))?;
    Ok(path)
}

/// The markers of example text that must not be published, in either language.
pub const PLACEHOLDER_MARKS: [&str; 2] = ["[VUL IN", "[FILL IN"];

/// The ids `new` writes where a reference is to be chosen, in either language.
pub const PLACEHOLDER_IDS: [&str; 2] = ["kies-een-id", "choose-an-id"];

/// The example text of `new` left in a file, as errors at each place (`draftable`: the
/// item could be kept as a draft instead, which the help then says).
pub fn placeholders_in(source: &Source, draftable: bool) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let text = source.text();
    let text: &str = &text;
    if !PLACEHOLDER_MARKS
        .iter()
        .chain(&PLACEHOLDER_IDS)
        .any(|m| text.contains(m))
    {
        return diags;
    }
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let at = offset;
        offset += line.len();
        let in_yaml = source.yaml.contains(&at);
        if in_yaml && line.trim_start().starts_with('#') {
            continue; // a comment in the YAML
        }
        let mark = PLACEHOLDER_MARKS.iter().filter_map(|m| line.find(m)).min();
        // An id to choose counts only as a whole value (`location: kies-een-id`,
        // `locations: [kies-een-id]`), in the YAML.
        let id = in_yaml.then(|| placeholder_id(line)).flatten();
        let (col, is_id) = match (mark, id) {
            (Some(m), Some(i)) if i < m => (i, true),
            (Some(m), _) => (m, false),
            (None, Some(i)) => (i, true),
            (None, None) => continue,
        };
        let (line_no, column) = crate::source::line_col(text, at + col);
        let key = line[..col]
            .split_once(':')
            .map(|(k, _)| k.trim().trim_start_matches("- "))
            .filter(|k| {
                in_yaml
                    && !k.is_empty()
                    && k.chars()
                        .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
            });
        let message = match key {
            Some(k) => msg!(Placeholder, name = k),
            None => msg!(PlaceholderBody),
        };
        let help = match (is_id, draftable) {
            (true, _) => msg!(PlaceholderIdHelp),
            (false, true) => msg!(PlaceholderHelp),
            (false, false) => msg!(PlaceholderDataHelp),
        };
        diags.push(
            source
                .diag_line(
                    Severity::Error,
                    "placeholder-text",
                    message,
                    line_no,
                    column,
                )
                .with_help(help),
        );
    }
    diags
}

/// The byte column of an id to choose written as a whole value on a YAML line, if any.
fn placeholder_id(line: &str) -> Option<usize> {
    let value_at = line.find(':')? + 1;
    let value = &line[value_at..];
    let value = value.split(" #").next().unwrap_or(value);
    let is_separator = |c: char| matches!(c, '[' | ']' | ',' | '"' | '\'') || c.is_whitespace();
    let mut start = None;
    for (i, c) in value.char_indices().chain([(value.len(), ' ')]) {
        match (is_separator(c), start) {
            (true, Some(s)) => {
                if PLACEHOLDER_IDS.contains(&&value[s..i]) {
                    return Some(value_at + s);
                }
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    None
}

/// Existing ids of a kind (by file name), to offer for required references.
fn ids(root: &Path, kind: Kind) -> Vec<String> {
    let mut out: Vec<String> = walkdir::WalkDir::new(root.join("content").join(kind.folder()))
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let n = e.file_name().to_string_lossy().to_string();
            crate::model::id_of_file_name(&n).map(str::to_string)
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

struct Writer<'a> {
    item: &'a NewItem<'a>,
    out: String,
}

impl Writer<'_> {
    /// A line, with a comment in the message language lined up after it.
    fn line(&mut self, text: &str, comment: Option<Msg>) {
        match comment {
            Some(c) => {
                let _ = writeln!(self.out, "{text:<33} # {}", c.text(self.item.messages));
            }
            None => {
                let _ = writeln!(self.out, "{text}");
            }
        }
    }

    fn plain(&mut self, text: &str) {
        self.line(text, None);
    }

    /// A line whose value is one of `codes`, which the comment lists.
    fn one_of(&mut self, text: &str, codes: &[&str]) {
        self.line(text, Some(msg!(NewOneOf, options = Arg::either(codes))));
    }

    /// A line whose value is ids of `kind`, as the comment says.
    fn ids(&mut self, text: &str, kind: Kind) {
        let kind = crate::messages::kind_name(kind);
        self.line(text, Some(msg!(NewIds, kind = kind)));
    }

    /// Example text in the site's language, marked so that publishing it is an error.
    fn example(&self, m: Msg) -> String {
        let mark = match self.item.lang {
            Lang::Nl => "VUL IN",
            Lang::En => "FILL IN",
        };
        format!("[{mark}: {}]", m.text(self.item.lang))
    }

    fn quoted_example(&self, m: Msg) -> String {
        serde_json::to_string(&self.example(m)).unwrap_or_default()
    }

    /// A reference to choose: the placeholder id, with the ids there are as a comment.
    fn reference(&mut self, kind: Kind, field: &str, list: bool) {
        let choose = match self.item.lang {
            Lang::Nl => PLACEHOLDER_IDS[0],
            Lang::En => PLACEHOLDER_IDS[1],
        };
        let value = if list {
            format!("{field}: [{choose}]")
        } else {
            format!("{field}: {choose}")
        };
        let ids = ids(self.item.root, kind);
        let comment = if ids.is_empty() {
            msg!(
                NewNoneYet,
                kind = crate::messages::kind_name(kind),
                command = format!("werkplaats new {} <id>", kind.singular())
            )
        } else {
            msg!(NewChooseOne, ids = Arg::either(ids.iter().take(12)))
        };
        self.line(&value, Some(comment));
    }
}

fn template(item: &NewItem) -> String {
    let mut w = Writer {
        item,
        out: String::new(),
    };
    let title = item
        .title
        .map_or_else(|| item.id.replace('-', " "), str::to_string);
    let title = serde_json::to_string(&title).unwrap_or_default();
    if item.kind.is_markdown() {
        w.plain("---");
        w.line(&format!("title: {title}"), None);
        let summary = w.quoted_example(msg!(NewSummary));
        w.line(&format!("summary: {summary}"), None);
        w.line("draft: true", Some(msg!(NewDraft)));
        w.line("# slug: andere-url-naam", Some(msg!(NewSlug)));
        w.line("# image: foto.jpg", Some(msg!(NewImage)));
        w.line("# image_alt: \"…\"", Some(msg!(NewImageAlt)));
        w.line("# aliases: [/oud/adres/]", Some(msg!(NewAliases)));
    }
    match item.kind {
        Kind::Initiative => {
            w.one_of("status: active", crate::model::INITIATIVE_STATUSES);
            w.plain("# since: 2020");
            w.plain("# until: 2026");
            w.one_of("# audiences: [vo, mbo]", crate::model::AUDIENCES);
            w.ids("# locations: []", Kind::Location);
            w.ids("# lead: <id>", Kind::Organisation);
            w.ids("# partners: []", Kind::Organisation);
            w.plain("# website: https://www.example.nl");
            w.plain("# contact: { role: { nl: Projectleider, en: Project lead }, email: info@example.nl }");
            w.plain("# funding:");
            w.line(
                "#   - { organisation: <id>, amount: 10000 }",
                Some(msg!(NewAmount)),
            );
            w.plain("# period: { start: 2020-01-01, end: 2022-12-31 }");
        }
        Kind::Course => {
            w.reference(Kind::Organisation, "provider", false);
            w.reference(Kind::Location, "locations", true);
            w.one_of("level: mbo-2", crate::model::LEVELS);
            w.ids("# initiative: <id>", Kind::Initiative);
            w.one_of("# learning_paths: [bbl]", crate::model::LEARNING_PATHS);
            w.plain("# crebo: \"25180\"");
            w.plain("# duration: { nl: 2 jaar, en: 2 years }");
            w.plain("# cost: { nl: Gratis, en: Free }");
            w.one_of("# audiences: [career-switchers]", crate::model::AUDIENCES);
            w.plain("# starts: [2027-09-01]");
            w.plain("# registration_url: https://www.example.nl/aanmelden");
        }
        Kind::Event => {
            let day = item
                .today
                .checked_add(jiff::ToSpan::days(30))
                .unwrap_or(item.today);
            w.one_of("type: open-day", crate::model::EVENT_TYPES);
            w.line(&format!("start: {day} 10:00"), Some(msg!(NewStart)));
            w.line(&format!("end: {day} 12:00"), None);
            w.reference(Kind::Location, "location", false);
            w.line(
                "# online: https://meet.example.nl/sessie",
                Some(msg!(NewOnline)),
            );
            w.plain("# timezone: Europe/Amsterdam");
            w.ids("# initiative: <id>", Kind::Initiative);
            w.ids("# organiser: <id>", Kind::Organisation);
            w.one_of("# audiences: [vo, parents]", crate::model::AUDIENCES);
            w.plain("# registration_url: https://www.example.nl/aanmelden");
            w.plain("# cost: { nl: Gratis, en: Free }");
            w.one_of("# status: cancelled", crate::model::EVENT_STATUSES);
            w.plain("# repeat: { every: week, interval: 1, until: 2027-12-31, except: [] }");
            w.line(
                &format!("uid: {}", uuid::Uuid::new_v4()),
                Some(msg!(NewUid)),
            );
            w.line("# updated: 2027-01-01 12:00", Some(msg!(NewUpdated)));
            w.line("# sequence: 0", Some(msg!(NewSequence)));
        }
        Kind::Page => w.line("# menu: 50", Some(msg!(NewMenu))),
        Kind::Location => {
            let name = w.example(msg!(NewLocationName));
            let name = serde_json::to_string(&name).unwrap_or_default();
            w.line(&format!("name: {name}"), None);
            let town = w.quoted_example(msg!(NewMunicipality));
            w.line(&format!("municipality: {town}"), None);
            w.one_of("# kind: training-centre", crate::model::LOCATION_KINDS);
            w.line(
                "# address: { street: …, postcode: …, city: … }",
                Some(msg!(NewAddress)),
            );
            w.plain("# geo: { lat: 52.0857, lon: 4.8838 }");
            w.plain("# description: { nl: …, en: … }");
            w.plain("# website: https://www.example.nl");
            w.plain("# accessibility: { nl: …, en: … }");
        }
        Kind::Organisation => {
            let name = w.quoted_example(msg!(NewOrganisationName));
            w.line(&format!("name: {name}"), None);
            w.one_of("kind: education", crate::model::ORGANISATION_KINDS);
            w.plain("# website: https://www.example.nl");
            w.plain("# description: { nl: …, en: … }");
        }
    }
    if item.kind.is_markdown() {
        w.plain("---");
        w.plain("");
        let body = w.example(msg!(NewBody));
        w.line(&body, None);
    }
    w.out
}

#[cfg(test)]
mod tests {
    use super::placeholder_id;

    #[test]
    fn an_id_to_choose_counts_only_as_a_whole_value() {
        assert_eq!(
            placeholder_id("location: kies-een-id    # kies uit `a`"),
            Some(10)
        );
        assert_eq!(placeholder_id("locations: [kies-een-id]"), Some(12));
        assert_eq!(placeholder_id("locations: [a, choose-an-id]"), Some(15));
        assert_eq!(placeholder_id("initiative: kies-een-idee"), None);
        assert_eq!(placeholder_id("location: \"kies-een-id\""), Some(11));
        // A wide space before it: the column is still a character boundary.
        assert_eq!(placeholder_id("summary: a\u{2003}kies-een-id"), Some(13));
        assert_eq!(
            placeholder_id("website: https://x.nl/choose-an-id-guide"),
            None
        );
    }
}
