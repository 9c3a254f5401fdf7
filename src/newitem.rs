//! `werkplaats new <kind> <id>`: writes a complete new item with every field, optional
//! ones commented out, so a communicator fills in rather than looks up. Required
//! references are filled with an existing id, so the new file builds at once.

use crate::model::{Kind, is_valid_id};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

pub struct NewItem<'a> {
    pub root: &'a Path,
    pub kind: Kind,
    pub id: &'a str,
    pub title: Option<&'a str>,
    /// The site's default language code.
    pub lang: &'a str,
    pub today: jiff::civil::Date,
}

/// Writes the file and returns its path; refuses invalid ids and existing files.
pub fn create(item: &NewItem) -> Result<PathBuf, String> {
    if !is_valid_id(item.id) {
        return Err(format!(
            "`{}` is not a valid id: use lowercase letters, digits and single hyphens, like `{}`",
            item.id,
            crate::fields::suggest_slug(item.id)
        ));
    }
    let folder = item.root.join("content").join(item.kind.folder());
    let name = if item.kind.is_markdown() {
        format!("{}.{}.md", item.id, item.lang)
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
        return Err(format!(
            "{} already exists; werkplaats new never overwrites a file",
            path.display()
        ));
    }
    std::fs::create_dir_all(&folder)
        .map_err(|e| format!("cannot create {}: {e}", folder.display()))?;
    let text = template(item);
    std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(path)
}

/// Existing ids of a kind (by file name), to fill required references.
fn ids(root: &Path, kind: Kind) -> Vec<String> {
    let mut out: Vec<String> = walkdir::WalkDir::new(root.join("content").join(kind.folder()))
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let n = e.file_name().to_string_lossy().to_string();
            let stem = n.strip_suffix(".yaml").or_else(|| n.strip_suffix(".md"))?;
            Some(stem.split('.').next().unwrap_or(stem).to_string())
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

fn reference(root: &Path, kind: Kind, field: &str) -> String {
    let ids = ids(root, kind);
    match ids.first() {
        Some(first) => format!("{field}: {first}    # one of: {}\n", ids.join(", ")),
        None => format!(
            "{field}: {}    # no {} exists yet: create one with `werkplaats new {} <id>`\n",
            "TODO",
            kind.folder(),
            kind.singular()
        ),
    }
}

fn template(item: &NewItem) -> String {
    let title = item
        .title
        .map_or_else(|| item.id.replace('-', " "), str::to_string);
    let title = serde_json::to_string(&title).unwrap_or_default();
    let root = item.root;
    let mut s = String::new();
    if item.kind.is_markdown() {
        s.push_str("---\n");
        let _ = writeln!(s, "title: {title}");
        s.push_str("summary: \"Eén of twee zinnen voor kaarten, zoekmachines en feeds (hoogstens 300 tekens).\"\n");
        s.push_str("# slug: andere-url-naam          # default: the id\n# draft: true                    # leave out of the site until ready\n# image: foto.jpg                 # a file in content/media/\n# image_alt: \"Wat er op de foto staat\"\n");
    }
    match item.kind {
        Kind::Initiative => {
            s.push_str("status: active                    # planned, active or ended\n");
            s.push_str("# since: 2020\n# until: 2026\n# audiences: [vo, mbo]\n# locations: []\n# lead: organisation-id\n# partners: []\n# website: https://www.example.nl\n");
            s.push_str("# contact: { role: { nl: Projectleider, en: Project lead }, email: info@example.nl }\n# funding:\n#   - { organisation: organisation-id, amount: 10000 }\n# period: { start: 2020-01-01, end: 2022-12-31 }\n");
        }
        Kind::Course => {
            s.push_str(&reference(root, Kind::Organisation, "provider"));
            let locs = ids(root, Kind::Location);
            let _ = writeln!(
                s,
                "locations: [{}]",
                locs.first().map_or("TODO", String::as_str)
            );
            s.push_str("level: mbo-2                      # po, vo, vmbo, havo-vwo, mbo-1 … mbo-4, hbo, course\n");
            s.push_str("# initiative: initiative-id\n# learning_paths: [bbl]            # bbl, bol, bgl, part-time, short-course\n# crebo: \"25180\"\n# duration: { nl: 2 jaar, en: 2 years }\n# cost: { nl: Gratis, en: Free }\n# audiences: [career-switchers]\n# starts: [2027-09-01]\n# registration_url: https://www.example.nl/aanmelden\n");
        }
        Kind::Event => {
            let day = item
                .today
                .checked_add(jiff::ToSpan::days(30))
                .unwrap_or(item.today);
            s.push_str("type: open-day                    # open-day, workshop, info-session, course-start, meeting, other\n");
            let _ = writeln!(
                s,
                "start: {day} 10:00           # or YYYY-MM-DD for a whole day"
            );
            let _ = writeln!(s, "end: {day} 12:00");
            s.push_str(&reference(root, Kind::Location, "location"));
            s.push_str("# online: https://meet.example.nl/sessie\n# timezone: Europe/Amsterdam\n# initiative: initiative-id\n# organiser: organisation-id\n# audiences: [vo, parents]\n# registration_url: https://www.example.nl/aanmelden\n# cost: { nl: Gratis, en: Free }\n# status: cancelled               # scheduled (default), cancelled, postponed\n# repeat: { every: week, interval: 1, until: 2027-12-31, except: [] }\n");
            let _ = writeln!(s, "uid: {}", uuid::Uuid::new_v4());
            s.push_str("# updated: 2027-01-01 12:00       # raise when subscribers should see a change\n# sequence: 0                     # raise when time or place changes\n");
        }
        Kind::Page => {
            s.push_str("# menu: 10                        # put the page in the main navigation\n")
        }
        Kind::Location => {
            let _ = writeln!(s, "name: {{ nl: {title}, en: {title} }}");
            s.push_str("municipality: Woerden\n# kind: training-centre            # school, training-centre, makerspace, company, other\n# address: { street: …, postcode: …, city: … }   # leave out what is not known\n# geo: { lat: 52.0857, lon: 4.8838 }\n# description: { nl: …, en: … }\n# website: https://www.example.nl\n# accessibility: { nl: …, en: … }\n");
        }
        Kind::Organisation => {
            let _ = writeln!(s, "name: {title}");
            s.push_str("kind: education                   # business, education, government, network\n# website: https://www.example.nl\n# description: { nl: …, en: … }\n");
        }
    }
    if item.kind.is_markdown() {
        s.push_str("---\n\nSchrijf hier de tekst in Markdown.\n");
    }
    s
}
