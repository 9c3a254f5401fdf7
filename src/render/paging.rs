//! Lists split into pages (SPEC §2.4): how many cards a page holds, which slice of a list
//! page N shows, and the numbered navigation between the pages (`rel` links and a `nav`).

use crate::model::Lang;
use crate::urls;
use serde::Serialize;

/// Cards on one page of a list.
pub const PER_PAGE: usize = 50;

/// Upcoming events a location, initiative or audience page shows before linking on.
pub const ON_ITEM_PAGE: usize = 10;

/// How many pages a list of `len` cards takes: at least one, which may be empty.
pub fn count(len: usize) -> usize {
    len.div_ceil(PER_PAGE).max(1)
}

/// The positions in a list of `len` cards that page `number` (1 for the first) shows.
pub fn range(len: usize, number: usize) -> std::ops::Range<usize> {
    let from = number.saturating_sub(1).saturating_mul(PER_PAGE).min(len);
    from..(from + PER_PAGE).min(len)
}

/// The cards of page `number`.
pub fn slice<T>(list: &[T], number: usize) -> &[T] {
    &list[range(list.len(), number)]
}

/// The navigation of one page of a list, for `partials/pager.html` and the `rel` links
/// in the head. `None` where the list fits on one page.
#[derive(Debug, Clone, Serialize)]
pub struct Pager {
    pub number: usize,
    pub count: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
    /// The numbered links: the first, the last and two on each side of this page, with a
    /// gap (`url: None, gap: true`) where numbers are left out.
    pub links: Vec<PagerLink>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PagerLink {
    pub number: usize,
    pub url: String,
    pub current: bool,
    pub gap: bool,
}

impl Pager {
    pub fn new(base: &str, lang: Lang, number: usize, count: usize) -> Option<Pager> {
        if count <= 1 {
            return None;
        }
        let url = |n: usize| urls::page(base, lang, n);
        let mut links = Vec::new();
        let mut last_shown = 0;
        for n in 1..=count {
            let near = n.abs_diff(number) <= 2;
            if n != 1 && n != count && !near {
                continue;
            }
            if n > last_shown + 1 {
                links.push(PagerLink {
                    number: 0,
                    url: String::new(),
                    current: false,
                    gap: true,
                });
            }
            links.push(PagerLink {
                number: n,
                url: url(n),
                current: n == number,
                gap: false,
            });
            last_shown = n;
        }
        Some(Pager {
            number,
            count,
            prev: (number > 1).then(|| url(number - 1)),
            next: (number < count).then(|| url(number + 1)),
            links,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_and_slices() {
        assert_eq!(count(0), 1);
        assert_eq!(count(50), 1);
        assert_eq!(count(51), 2);
        let list: Vec<usize> = (0..120).collect();
        assert_eq!(slice(&list, 1), &list[..50]);
        assert_eq!(slice(&list, 3), &list[100..]);
        assert!(slice(&list, 4).is_empty());
    }

    #[test]
    fn numbered_links_leave_gaps_far_from_the_page() {
        assert!(Pager::new("/a/", Lang::Nl, 1, 1).is_none());
        let p = Pager::new("/a/", Lang::Nl, 10, 40).expect("pages");
        let shown: Vec<String> = p
            .links
            .iter()
            .map(|l| {
                if l.gap {
                    "…".to_string()
                } else {
                    l.number.to_string()
                }
            })
            .collect();
        assert_eq!(shown, ["1", "…", "8", "9", "10", "11", "12", "…", "40"]);
        assert_eq!(p.prev.as_deref(), Some("/a/pagina/9/"));
        assert_eq!(p.next.as_deref(), Some("/a/pagina/11/"));
        let first = Pager::new("/en/a/", Lang::En, 1, 3).expect("pages");
        assert_eq!(first.prev, None);
        assert_eq!(first.links[0].url, "/en/a/");
        assert_eq!(first.links[2].url, "/en/a/page/3/");
        assert!(first.links[0].current && !first.links.iter().any(|l| l.gap));
    }
}
