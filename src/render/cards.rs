//! Cards, the summaries of items on lists, made by the theme's `partials/card.html`. A
//! large agenda shows each event on many pages (the agenda, its type, its audiences,
//! location, initiative and organiser, the embeddable agenda), so each card is made once
//! per language and its HTML copied into every list that shows it.

use crate::diagnostic::Diagnostic;
use crate::site::Site;
use std::sync::OnceLock;

/// Listed in `theme::REQUIRED`, so a theme without it is refused when it loads.
pub const TEMPLATE: &str = "partials/card.html";

type Slot = OnceLock<Result<String, Diagnostic>>;

/// The cards of one language made so far.
pub struct CardCache {
    occurrences: Vec<Slot>,
    initiatives: Vec<Slot>,
    courses: Vec<Slot>,
}

/// Which card.
#[derive(Debug, Clone, Copy)]
pub enum Of {
    /// An upcoming or past occurrence (index into `site.occurrences`).
    Occurrence(usize),
    Initiative(usize),
    Course(usize),
}

fn slots(n: usize) -> Vec<Slot> {
    (0..n).map(|_| OnceLock::new()).collect()
}

impl CardCache {
    pub fn new(site: &Site) -> CardCache {
        CardCache {
            occurrences: slots(site.occurrences.len()),
            initiatives: slots(site.initiatives.len()),
            courses: slots(site.courses.len()),
        }
    }

    pub fn slot(&self, of: Of) -> &Slot {
        match of {
            Of::Occurrence(i) => &self.occurrences[i],
            Of::Initiative(i) => &self.initiatives[i],
            Of::Course(i) => &self.courses[i],
        }
    }
}
