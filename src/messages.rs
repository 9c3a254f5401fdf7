//! The generator's own words, in Dutch and in English: every diagnostic's message and
//! help, and the lines around them. A diagnostic carries a `Msg` (which text, with which
//! values) and is put into words only when it is printed, in the message language
//! (`--messages`, else the site's default language).
//!
//! The texts live in one table per language, `messages/nl.rs` and `messages/en.rs`, each
//! a `match` over every `Id`: a text missing in one language does not compile. A
//! placeholder is `{name}`; the tests check that both texts of an id have the same
//! placeholders, and that every `msg!` in the code gives exactly those.

use crate::model::Lang;
use std::fmt::Write as _;

mod en;
mod nl;

/// A text with its values, put into words by `text(lang)`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Msg {
    pub id: Id,
    pub args: Vec<(&'static str, Arg)>,
}

/// A value in a text.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Arg {
    /// Written as it is.
    Text(String),
    /// Alternatives, each in backticks: "`a`, `b` or `c`" / "`a`, `b` of `c`".
    Either(Vec<String>),
    /// Another text, in the same language.
    Msg(Box<Msg>),
}

impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Text(s)
    }
}

impl From<&String> for Arg {
    fn from(s: &String) -> Arg {
        Arg::Text(s.clone())
    }
}

impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Text(s.to_string())
    }
}

impl From<Msg> for Arg {
    fn from(m: Msg) -> Arg {
        Arg::Msg(Box::new(m))
    }
}

macro_rules! from_number {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Arg {
                Arg::Text(n.to_string())
            }
        }
    )*};
}
from_number!(usize, u32, u64, i64, f64);

impl Arg {
    pub fn either<S: AsRef<str>>(options: impl IntoIterator<Item = S>) -> Arg {
        Arg::Either(
            options
                .into_iter()
                .map(|s| s.as_ref().to_string())
                .collect(),
        )
    }
}

/// `msg!(UnknownField, key = name)`: the text `Id::UnknownField` with `{key}` = `name`.
#[macro_export]
macro_rules! msg {
    ($id:ident $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::messages::Msg::new($crate::messages::Id::$id)
            $(.arg(stringify!($name), $value))*
    };
}

impl Msg {
    pub fn new(id: Id) -> Msg {
        Msg {
            id,
            args: Vec::new(),
        }
    }

    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Msg {
        self.args.push((name, value.into()));
        self
    }

    /// The text in `lang`, with its values filled in.
    pub fn text(&self, lang: Lang) -> String {
        let template = template(self.id, lang);
        let mut out = String::with_capacity(template.len() + 32);
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            match placeholder(after) {
                Some(name) => {
                    match self.args.iter().find(|(n, _)| *n == name) {
                        Some((_, value)) => write_arg(&mut out, value, lang),
                        None => {
                            debug_assert!(false, "{:?} has no value for {{{name}}}", self.id);
                            out.push_str(&rest[open..open + name.len() + 2]);
                        }
                    }
                    rest = &after[name.len() + 1..];
                }
                None => {
                    out.push('{');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }
}

fn template(id: Id, lang: Lang) -> &'static str {
    match lang {
        Lang::Nl => nl::text(id),
        Lang::En => en::text(id),
    }
}

/// The name of a placeholder that `text` (just after a `{`) begins with.
fn placeholder(text: &str) -> Option<&str> {
    let end = text.find('}')?;
    let name = &text[..end];
    (!name.is_empty() && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')).then_some(name)
}

/// The placeholders of a text, in order of first appearance.
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        rest = &rest[open + 1..];
        if let Some(name) = placeholder(rest) {
            if !names.contains(&name) {
                names.push(name);
            }
            rest = &rest[name.len() + 1..];
        }
    }
    names
}

fn write_arg(out: &mut String, value: &Arg, lang: Lang) {
    match value {
        Arg::Text(s) => out.push_str(s),
        Arg::Msg(m) => out.push_str(&m.text(lang)),
        Arg::Either(options) => {
            let or = match lang {
                Lang::Nl => "of",
                Lang::En => "or",
            };
            for (i, o) in options.iter().enumerate() {
                if i > 0 {
                    out.push_str(if i + 1 == options.len() { " " } else { ", " });
                    if i + 1 == options.len() {
                        out.push_str(or);
                        out.push(' ');
                    }
                }
                let _ = write!(out, "`{o}`");
            }
        }
    }
}

/// The message language: `--messages` if given, else the site's default language.
pub fn choose(flag: Option<Lang>, site_default: Option<Lang>) -> Lang {
    flag.or(site_default).unwrap_or(Lang::Nl)
}

macro_rules! ids {
    ($($id:ident),* $(,)?) => {
        /// Every text the generator says. Each has a Dutch and an English text.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Id { $($id),* }

        impl Id {
            pub const ALL: &'static [Id] = &[$(Id::$id),*];
        }
    };
}

ids! {
    // The report around the messages.
    LabelError, LabelWarning, LabelHelp, Summary, NoProblems, NothingWritten, Built,
    OverlayTitle, OverlayClose, OverlayNote, OverlayNoSite, OverlayCurrent,
    // Names used inside messages.
    LangNl, LangEn,
    KindInitiative, KindCourse, KindEvent, KindPage, KindLocation, KindOrganisation,
    // Suggestions used by many messages.
    DidYouMean, UseOneOf, DutchWord,
    // What YAML found, in "should be …, found …".
    FoundNothing, FoundBool, FoundInt, FoundNumber, FoundText, FoundList, FoundMapping,
    // Expected shapes.
    ExpectMapping, ExpectList, ExpectText, ExpectBool, ExpectInt, ExpectNumber,
    ExpectTranslatable,
    // Fields (fields.rs).
    RootNotMapping, MissingField, MissingFieldIn, MissingFieldHelp, WrongType,
    ItemNotMapping, ItemNotText, UnknownField, KnownFields, IntTooSmall, UnknownLanguage,
    SiteLanguages, TranslationNotText, InvalidChoice, ListAsText, ListAsTextHelp,
    TextAsList, TextAsListHelp, InvalidIdIn, IdHelp, SlugHelp, IdTooLong, IdNotValid,
    WhatId, WhatSlug, InvalidAlias, InvalidAliasHelp, InvalidUrl, InvalidUrlHelp, InvalidEmail, InvalidEmailHelp,
    InvalidDate, InvalidDateHelp, InvalidWhen, InvalidWhenHelp, DutchDateOrder,
    DutchDateOrderHelp, DottedTime, DottedTimeHelp, IsoT, IsoTHelp, Placeholder,
    PlaceholderBody, PlaceholderHelp, PlaceholderIdHelp, PlaceholderDataHelp,
    // The fields of each kind (kinds.rs).
    AmountTooLarge, AmountHelp, FundingTotal, FundingTotalIs, FundingTotalHelp,
    PeriodEndBeforeStart, CourseNeedsLocation, CourseNeedsLocationHelp, NotCrebo,
    CreboHelp, EventNeedsPlace, EventNeedsPlaceHelp, PreviousStartNotPostponed,
    PreviousStartHelp, InvalidUid, InvalidUidHelp, SequenceRange, SequenceHelp,
    RepeatUntilBeforeStart, RepeatUntilHelp, RepeatWithoutSessions,
    RepeatWithoutSessionsHelp, ExceptNotASession, ExceptHelp, EndBeforeStartDay,
    EndBeforeStartTime, EndBeforeStartHelp, StartEndKinds, StartEndKindsHelp,
    NonexistentTime, NonexistentTimeHelp, AmbiguousTime, AmbiguousTimeHelp, TheTimeZone,
    CountTooLarge, CountHelp, UntilAndCount, NotOnEarth, GeoHelp,
    // YAML traps (yaml/traps.rs) and the parser's other errors (yaml.rs).
    CharNbsp, CharFigureSpace, CharNarrowNbsp, CharThinSpace, CharIdeographicSpace,
    CharZwsp, CharZwnj, CharZwj, CharWordJoiner, CharBom, CharSoftHyphen,
    InvisibleOne, InvisibleMany, InvisibleSpaceHelp, InvisibleHelp, Tab, TabHelp,
    CurlyQuote, CurlyQuoteHelp, SignAtStart, ColonInValue, HashInValue, QuoteValueHelp,
    UnclosedBracket, UnclosedBracketHelp, UnclosedQuote, UnclosedQuoteHelp,
    NoSpaceAfterColon, NoSpaceAfterColonHelp, YamlOther, YamlAnchors, YamlTooDeep,
    YamlDuplicateKey,
    // Files (frontmatter.rs, load.rs, parse.rs).
    NoFrontMatter, NoFrontMatterHelp, FrontMatterOpen, FrontMatterOpenHelp, NotUtf8,
    NotUtf8Help, ControlCharacter, ControlCharacterMany, ControlCharacterHelp,
    FileTooLarge, FileTooLargeHelp, FileGrew, Unreadable, NotAFile, NotAFileHelp,
    SymlinkOutside, SymlinkOutsideHelp, SymlinkLoop, IgnoredFile, UnknownFolder,
    UnknownFolderHelp, OnlyMarkdown, OnlyMarkdownHelp, OnlyYaml, LanguageInFileName,
    LanguageInFileNameHelp, RenameFileHelp, MissingSiteYaml, MissingSiteYamlHelp,
    InheritedField, InheritedFieldHelp, SummaryTooLong, SummaryTooLongHelp,
    ImageWithoutAlt, ImageWithoutAltHelp, LinkScheme, LinkSchemeHelp, MissingImage,
    MissingImageHelp,
    // Pictures (images.rs).
    LargeImage, LargeImageHelp, ImageChanged, ImageChangedHelp, NumberRange, ThemeSettingsHelp, NotAnImage, NotAnImageHelp, UnsupportedImage, ImageTooLarge,
    ImageTooLargeHelp, BrokenImage, BrokenImageHelp, ImageCache, ImageCacheHelp,
    DefaultImage, PhotoLocation, PhotoLocationHelp,
    // The search index (search.rs).
    SearchIndex,
    // site.yaml (config.rs).
    LanguagesList, DuplicateLanguage, NoSuchLanguage, NoSuchLanguageHelp, MissingBaseUrl,
    MissingBaseUrlHelp, InvalidTheme, InvalidTimezone, InvalidTimezoneHelp,
    InvalidSectionName, InvalidSectionNameHelp, SectionCollision, SectionCollisionHelp,
    // The site as a whole (assemble.rs, links.rs, history.rs).
    TranslationNeedsAlt, TranslationNeedsAltHelp, DuplicateId, DuplicateIdHelp,
    MissingOriginal, MissingOriginalHelp, MissingReference, MissingReferenceDraft,
    MissingReferenceHelp, DuplicateUid, DuplicateUidHelp, MediaCaseCollision,
    MediaCaseCollisionHelp, MediaName, MediaNameHelp, MissingMedia, MissingMediaHelp,
    UrlCollision, UrlCollisionHelp, MissingTranslation, MissingTranslationHelp, OldEvent,
    OldEventHelp, BrokenReference, BrokenReferenceHelp, BrokenLink, BrokenLinkHelp,
    ShallowHistory, ShallowHistoryHelp, GitUnreadable, GitUnreadableHelp,
    // Writing checks.
    VagueLink, VagueLinkHelp, AltIsFileName, AltIsWord, AltHelp, SkippedHeading,
    SkippedHeadingHelp, SummaryRepeatsTitle, SummaryRepeatsTitleHelp,
    // The theme and rendering.
    MissingTheme, MissingThemeHelp, MissingTemplate, MissingTemplateHelp, TemplateError,
    MissingI18n, MissingI18nKey, MissingI18nKeyHelp, InvalidUrlWord, UrlWordTaken,
    UrlWordTakenHelp, MakerStatic, MakerMedia, MakerImage, MakerPage, MakerAlias,
    MakerFeed, MakerItself, MadeTwice, MadeTwiceHelp,
    // `serve`'s own lines.
    ServeListening, ServeStopped, ServeRebuilt, ServePatched, ServeAfter, ServeWarnings,
    ServeNothingYet, ServeLastGood, ServeChecked, ServePagesFail,
    // `werkplaats new`: its comments, example text and replies.
    NewNoneYet, NewChooseOne, NewSummary, NewDraft, NewSlug, NewImage, NewImageAlt, NewAliases,
    NewOneOf, NewIds, NewAmount, NewStart, NewOnline, NewUid, NewUpdated, NewSequence,
    NewMenu, NewLocationName, NewMunicipality, NewAddress, NewOrganisationName, NewBody,
    NewInvalidId, NewExists, NewCannotWrite, NewWrote,
}

/// A language's name, for messages ("Dutch" / "Nederlands").
pub fn lang_name(lang: Lang) -> Msg {
    Msg::new(match lang {
        Lang::Nl => Id::LangNl,
        Lang::En => Id::LangEn,
    })
}

/// A kind's name, for messages ("event" / "evenement").
pub fn kind_name(kind: crate::model::Kind) -> Msg {
    use crate::model::Kind;
    Msg::new(match kind {
        Kind::Initiative => Id::KindInitiative,
        Kind::Course => Id::KindCourse,
        Kind::Event => Id::KindEvent,
        Kind::Page => Id::KindPage,
        Kind::Location => Id::KindLocation,
        Kind::Organisation => Id::KindOrganisation,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_has_the_same_placeholders_in_both_languages() {
        for &id in Id::ALL {
            let (nl, en) = (nl::text(id), en::text(id));
            let (mut a, mut b) = (placeholders(nl), placeholders(en));
            a.sort();
            b.sort();
            assert_eq!(a, b, "{id:?}:\n  nl: {nl}\n  en: {en}");
            assert!(!nl.trim().is_empty() && !en.trim().is_empty(), "{id:?}");
        }
    }

    #[test]
    fn values_fill_their_places_in_either_language() {
        let d = msg!(DidYouMean, options = Arg::either(["a", "b", "c"]));
        assert_eq!(d.text(Lang::En), "did you mean `a`, `b` or `c`?");
        assert_eq!(d.text(Lang::Nl), "bedoel je `a`, `b` of `c`?");
        let one = msg!(DidYouMean, options = Arg::either(["start"]));
        assert_eq!(one.text(Lang::Nl), "bedoel je `start`?");
    }

    #[test]
    fn a_brace_that_is_no_placeholder_stays() {
        assert_eq!(
            placeholders("`{ nl: …, en: … }` or {name} and {x_y}"),
            ["name", "x_y"]
        );
    }

    /// Every `msg!(Id, a = …, b = …)` in the source names exactly the placeholders of its
    /// texts, so no message is printed with a hole or an unused value.
    #[test]
    fn every_use_in_the_code_gives_the_placeholders_of_its_text() {
        let mut checked = 0;
        for entry in walkdir::WalkDir::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src")) {
            let entry = entry.expect("src is readable");
            if entry.path().extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let code = std::fs::read_to_string(entry.path()).expect("source is text");
            for (id, names) in uses(&code) {
                let Some(&id) = Id::ALL.iter().find(|i| format!("{i:?}") == id) else {
                    continue;
                };
                let mut want = placeholders(en::text(id));
                want.sort();
                let mut got = names;
                got.sort();
                assert_eq!(got, want, "{id:?} in {}", entry.path().display());
                checked += 1;
            }
        }
        assert!(checked > 100, "only {checked} uses of msg! found");
    }

    /// Every text is said somewhere: no table keeps words nobody sees.
    #[test]
    fn every_text_is_used_in_the_code() {
        let mut code = String::new();
        for entry in walkdir::WalkDir::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src")) {
            let entry = entry.expect("src is readable");
            let path = entry.path();
            let table = path.parent().is_some_and(|p| p.ends_with("messages"));
            if path.extension().is_some_and(|e| e == "rs") && !table {
                code.push_str(&std::fs::read_to_string(path).expect("source is text"));
            }
        }
        let said = |name: &str| {
            code.split("msg!(")
                .skip(1)
                .chain(code.split("Id::").skip(1))
                .any(|rest| {
                    let rest = rest.trim_start();
                    rest.starts_with(name)
                        && !rest[name.len()..].starts_with(|c: char| c.is_alphanumeric())
                })
        };
        let unused: Vec<&Id> = Id::ALL
            .iter()
            .filter(|id| !said(&format!("{id:?}")))
            .collect();
        assert!(unused.is_empty(), "texts nobody uses: {unused:?}");
    }

    /// The `msg!` calls in `code`: the id and the names given.
    fn uses(code: &str) -> Vec<(String, Vec<&str>)> {
        let mut out = Vec::new();
        let mut rest = code;
        while let Some(at) = rest.find("msg!(") {
            rest = &rest[at + 5..];
            let mut depth = 1;
            let mut end = 0;
            for (i, c) in rest.char_indices() {
                match c {
                    '(' | '[' | '{' => depth += 1,
                    ')' | ']' | '}' => depth -= 1,
                    _ => {}
                }
                if depth == 0 {
                    end = i;
                    break;
                }
            }
            let inside = &rest[..end];
            let mut parts = split_top(inside).into_iter();
            let Some(id) = parts.next() else { continue };
            let id = id.trim();
            if !id.chars().all(|c| c.is_ascii_alphanumeric()) || id.is_empty() {
                continue; // the macro's own definition
            }
            let names = parts
                .filter_map(|p| p.split_once('=').map(|(n, _)| n.trim()))
                .filter(|n| !n.is_empty())
                .collect();
            out.push((id.to_string(), names));
        }
        out
    }

    fn split_top(text: &str) -> Vec<&str> {
        let (mut parts, mut depth, mut from) = (Vec::new(), 0i32, 0);
        let mut in_str = false;
        let mut prev = ' ';
        for (i, c) in text.char_indices() {
            match c {
                '"' if prev != '\\' => in_str = !in_str,
                '(' | '[' | '{' if !in_str => depth += 1,
                ')' | ']' | '}' if !in_str => depth -= 1,
                ',' if depth == 0 && !in_str => {
                    parts.push(&text[from..i]);
                    from = i + 1;
                }
                _ => {}
            }
            prev = c;
        }
        parts.push(&text[from..]);
        parts
    }
}
