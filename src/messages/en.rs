//! The English texts of every message. `{name}` is a value filled in when it is printed;
//! keep the same placeholders as in `nl.rs`.

use super::Id::{self, *};

pub(super) fn text(id: Id) -> &'static str {
    match id {
        LabelError => "error",
        LabelWarning => "warning",
        LabelHelp => "help",
        Summary => "{errors} error(s), {warnings} warning(s)",
        NoProblems => "no problems found",
        NothingWritten => "nothing was written; {out} is unchanged",
        Built => "built {pages} pages, {feeds} feeds, {files} files in {seconds} s → {out}",
        OverlayTitle => "The site cannot be built: {errors} error(s)",
        OverlayClose => "Close",
        OverlayNote => {
            "You see the last version that worked. Fix the problem and save: this page then reloads by itself."
        }

        OverlayNoSite => {
            "Nothing could be built yet. Fix the problem and save: this page then reloads by itself."
        }
        OverlayCurrent => {
            "The other pages are up to date. Fix the problem and save: this page then reloads by itself."
        }

        LangNl => "Dutch",
        LangEn => "English",
        KindInitiative => "initiative",
        KindCourse => "course",
        KindEvent => "event",
        KindPage => "page",
        KindLocation => "location",
        KindOrganisation => "organisation",

        DidYouMean => "did you mean {options}?",
        UseOneOf => "use one of {options}",
        DutchWord => "write the code `{code}` for `{word}`",

        FoundNothing => "nothing",
        FoundBool => "true/false",
        FoundInt => "a whole number",
        FoundNumber => "a number",
        FoundText => "text",
        FoundList => "a list",
        FoundMapping => "a mapping",

        ExpectMapping => "a mapping (`key: value` lines)",
        ExpectList => "a list (`[a, b]` or lines starting with `- `)",
        ExpectText => "text",
        ExpectBool => "`true` or `false`",
        ExpectInt => "a whole number",
        ExpectNumber => "a number",
        ExpectTranslatable => "text or a mapping like `{ nl: …, en: … }`",

        RootNotMapping => "expected `field: value` lines, found {found}",
        MissingField => "required field `{name}` is missing",
        MissingFieldIn => "required field `{name}` is missing in `{within}`",
        MissingFieldHelp => "add a line `{name}: …`",
        WrongType => "`{name}` should be {expected}, found {found}",
        ItemNotMapping => "each item of `{name}` should be a mapping, found {found}",
        ItemNotText => "each item of `{name}` should be text, found {found}",
        UnknownField => "unknown field `{key}`",
        KnownFields => "the fields here are {fields}",
        IntTooSmall => "`{name}` must be at least {min}, found {found}",
        UnknownLanguage => "`{code}` is not a language of this site",
        SiteLanguages => "the site's languages are {codes}",
        TranslationNotText => "`{name}.{code}` should be text, found {found}",
        InvalidChoice => "`{value}` is not a valid `{name}`",
        ListAsText => "`{name}` is a list, but `{text}` is written as one text",
        ListAsTextHelp => "put the items between square brackets: `{name}: [{items}]`",
        TextAsList => "`{name}` is one text, but it is written as a list",
        TextAsListHelp => {
            "write the text right after the colon, without brackets or `- `: `{name}: {example}`"
        }
        InvalidIdIn => "{problem} (in `{name}`)",
        IdHelp => {
            "ids use lowercase letters, digits and single hyphens, at most {max} characters, like `technohub-woerden`"
        }
        SlugHelp => {
            "use lowercase letters, digits and single hyphens, at most {max} characters, like `{example}`"
        }
        IdTooLong => "the {what} `{shown}…` is {n} characters long; at most {max} are allowed",
        IdNotValid => "`{id}` is not a valid {what}",
        WhatId => "id",
        WhatSlug => "slug",
        InvalidAlias => {
            "`{alias}` is not an old address on this site: a path that starts and ends with `/`, in lowercase letters, digits and `-`"
        }
        InvalidAliasHelp => "write the path as it was in the address bar, like `/{example}/`",
        InvalidUrl => "`{name}` must be an absolute http(s) URL, found `{url}`",
        InvalidUrlHelp => "write the whole address, like `https://www.example.nl/aanmelden`",
        InvalidEmail => "`{email}` is not an e-mail address",
        InvalidEmailHelp => "use an organisation address, like `info@example.nl`",
        InvalidDate => "`{text}` in `{name}` is not a date",
        InvalidDateHelp => "write dates as YYYY-MM-DD, like `2027-03-14`",
        InvalidWhen => "`{text}` in `{name}` is not a date or a date and time",
        InvalidWhenHelp => {
            "write `YYYY-MM-DD HH:MM`, like `2027-03-14 19:30`, or `YYYY-MM-DD` for a whole day"
        }
        DutchDateOrder => {
            "`{text}` in `{name}` puts the day first; werkplaats reads dates year first"
        }
        DutchDateOrderHelp => "write year-month-day: `{example}`",
        DottedTime => {
            "`{text}` in `{name}` writes the time with a dot; werkplaats reads it with a colon"
        }
        DottedTimeHelp => "write the time with a colon: `{example}`",
        IsoT => "`{text}` in `{name}` has a `T` between the date and the time",
        IsoTHelp => "write a space between the date and the time: `{example}`",
        Placeholder => "`{name}` still holds the example text that `werkplaats new` wrote",
        PlaceholderBody => {
            "the text below the fields still holds the example text that `werkplaats new` wrote"
        }
        PlaceholderIdHelp => "choose one of the ids written in the comment beside it",
        PlaceholderDataHelp => "write the real value here",
        PlaceholderHelp => {
            "write your own text here; until it is ready, keep `draft: true`, so it is not published"
        }

        AmountTooLarge => "the amount € {amount} is more than € 10¹² (one trillion euros)",
        AmountHelp => "write the amount in whole euros, without cents",
        FundingTotal => "the amounts in `funding` add up to more than € 10¹² (one trillion euros)",
        FundingTotalIs => {
            "the amounts in `funding` add up to more than € 10¹² (one trillion euros): € {total}"
        }
        FundingTotalHelp => "check the amounts: they are whole euros, without cents",
        PeriodEndBeforeStart => "the period ends ({end}) before it starts ({start})",
        CourseNeedsLocation => "a course needs at least one location in `locations`",
        CourseNeedsLocationHelp => "add `locations: [<location id>]`",
        NotCrebo => "`{code}` is not a crebo code",
        CreboHelp => "a crebo code has five digits, like `25180`",
        EventNeedsPlace => "an event needs `location` or `online` (or both)",
        EventNeedsPlaceHelp => "add `location: <location id>` or `online: https://…`",
        PreviousStartNotPostponed => {
            "`previous_start` says when a postponed event was first planned, but this event is not `status: postponed`"
        }
        PreviousStartHelp => "add `status: postponed`, or remove `previous_start`",
        InvalidUid => "`uid` must be printable characters without spaces",
        InvalidUidHelp => "`werkplaats new event <id>` writes a fresh uid",
        SequenceRange => "`sequence` is {n}; it must be a whole number from 0 to {max}",
        SequenceHelp => "raise `sequence` by one for each change of time or place",
        RepeatUntilBeforeStart => {
            "the series ends on {until} (`until`), before its first session on {first}"
        }
        RepeatUntilHelp => "set `until` to the date of the last session, on or after `start`",
        RepeatWithoutSessions => {
            "`except` leaves out every session of this series, so it never takes place"
        }
        RepeatWithoutSessionsHelp => {
            "remove dates from `except`, or the event itself if none of its sessions takes place"
        }
        ExceptNotASession => {
            "{date} in `except` is not a session of this series, so it leaves nothing out"
        }
        ExceptHelp => "check the date: it should fall on a day the event repeats",
        EndBeforeStartDay => "the event ends on {end}, before it starts on {start}",
        EndBeforeStartTime => "the event ends at {end}, before it starts at {start}",
        EndBeforeStartHelp => "check the date and time of `start` and `end`",
        StartEndKinds => "`start` and `end` must both be dates, or both dates with a time",
        StartEndKindsHelp => {
            "write `end: YYYY-MM-DD HH:MM` for a timed event, `end: YYYY-MM-DD` for whole days"
        }
        NonexistentTime => {
            "{time} does not exist in {zone}: the clocks skip that hour (daylight saving time starts)"
        }
        NonexistentTimeHelp => "choose a time outside the skipped hour",
        AmbiguousTime => {
            "{time} happens twice in {zone}: the clocks go back an hour (daylight saving time ends)"
        }
        AmbiguousTimeHelp => "choose a time outside the repeated hour",
        TheTimeZone => "the time zone",
        CountTooLarge => "`count` is {count}; a series may have at most {max} sessions",
        CountHelp => "use `until: YYYY-MM-DD` for a series that runs a long time",
        UntilAndCount => "`repeat` takes `until` or `count`, not both",
        NotOnEarth => "{lat}, {lon} is not a place on Earth",
        GeoHelp => "write WGS84 decimal degrees, like `lat: 52.0857, lon: 4.8838`",

        CharNbsp => "a non-breaking space (U+00A0)",
        CharFigureSpace => "a figure space (U+2007)",
        CharNarrowNbsp => "a narrow non-breaking space (U+202F)",
        CharThinSpace => "a thin space (U+2009)",
        CharIdeographicSpace => "an ideographic space (U+3000)",
        CharZwsp => "a zero-width space (U+200B)",
        CharZwnj => "a zero-width non-joiner (U+200C)",
        CharZwj => "a zero-width joiner (U+200D)",
        CharWordJoiner => "a word joiner (U+2060)",
        CharBom => "a zero-width no-break space (U+FEFF)",
        CharSoftHyphen => "a soft hyphen (U+00AD)",
        InvisibleOne => "{name} is here",
        InvisibleMany => "{name} is here ({count} invisible characters in this part of the file)",
        InvisibleSpaceHelp => {
            "it looks like a space but is not one (it often comes along when text is copied from Word or a web page): delete it and type a normal space"
        }
        InvisibleHelp => {
            "it cannot be seen but is there (it often comes along when text is copied from Word or a web page): delete it"
        }
        Tab => "a tab is here; YAML allows only spaces to indent and after the `:` of a field",
        TabHelp => "replace the tab with spaces (two spaces per level of indenting)",
        CurlyQuote => {
            "the value of `{key}` begins with a curly quote ({quote}), which YAML does not read as a quote"
        }
        CurlyQuoteHelp => "use straight double quotes, as a keyboard types them: {line}",
        SignAtStart => {
            "the value of `{key}` begins with `{sign}`, which YAML reads as a sign of its own"
        }
        ColonInValue => {
            "the value of `{key}` holds a colon (`:`), which YAML reads as the start of another field"
        }
        HashInValue => {
            "the value of `{key}` begins with `#`, which YAML reads as the start of a comment, so `{key}` is empty"
        }
        QuoteValueHelp => "put the whole value in double quotes: {line}",
        UnclosedBracket => "the `{open}` here is never closed with `{close}`",
        UnclosedBracketHelp => {
            "close it on the same line, like {example}; a text that begins with `{open}` must be in double quotes"
        }
        UnclosedQuote => "the quote (`{quote}`) that begins the value of `{key}` is never closed",
        UnclosedQuoteHelp => "end the value with `{quote}` on the same line",
        NoSpaceAfterColon => {
            "there is no space after the colon of `{key}`, so YAML does not read it as a field"
        }
        NoSpaceAfterColonHelp => "put a space after the colon: {line}",
        YamlOther => "the YAML cannot be read (the parser says: {detail})",
        YamlAnchors => "the YAML repeats anchors (`*name`) so often that it would grow too large",
        YamlTooDeep => "the YAML is nested too deeply",
        YamlDuplicateKey => "the field `{key}` appears twice; keep one",

        NoFrontMatter => "the file does not start with front matter",
        NoFrontMatterHelp => {
            "start the file with a line `---`, the fields (title, summary, …), and another line `---`"
        }
        FrontMatterOpen => "the front matter is not closed",
        FrontMatterOpenHelp => "add a line `---` after the last field",
        NotUtf8 => "the file is not UTF-8 text",
        NotUtf8Help => {
            "save the file as UTF-8 (most editors offer this under 'Save with encoding')"
        }
        ControlCharacter => "an invisible control character ({code}) is here",
        ControlCharacterMany => {
            "an invisible control character ({code}) is here ({count} in this file)"
        }
        ControlCharacterHelp => {
            "delete it; it usually comes along when text is copied out of another program"
        }
        FileTooLarge => "the file is {size} MB; content files may be at most {max} MB",
        FileTooLargeHelp => "put large downloads in content/media/ and link to them",
        FileGrew => "the file is larger than {max} MB",
        Unreadable => "cannot read the file: {detail}",
        NotAFile => "{detail}",
        NotAFileHelp => "remove it from the site folder; only files and folders belong there",
        SymlinkOutside => "this symlink leads outside the site root",
        SymlinkOutsideHelp => "copy the file into the site instead of linking to it",
        SymlinkLoop => "this symlink makes a loop",
        IgnoredFile => "files directly in content/ are ignored, except site.yaml",
        UnknownFolder => "content/{folder}/ is not a content folder, so this file is ignored",
        UnknownFolderHelp => "content folders are {folders}",
        OnlyMarkdown => "only .md files are read here; this file is ignored",
        OnlyMarkdownHelp => "{folder} are Markdown files named <id>.<language>.md",
        OnlyYaml => "only .yaml files are read here; this file is ignored",
        LanguageInFileName => "`{code}` in the file name is not a language of this site",
        LanguageInFileNameHelp => "name the file <id>.<language>.md with one of {codes}",
        RenameFileHelp => {
            "ids use lowercase letters, digits and single hyphens, at most {max} characters: rename the file to `{name}`"
        }
        MissingSiteYaml => "content/site.yaml is missing",
        MissingSiteYamlHelp => {
            "every site needs content/site.yaml with its title, base_url and languages"
        }
        InheritedField => "`{key}` is set in {file}; translations inherit it",
        InheritedFieldHelp => {
            "remove `{key}` here and set it in {canonical}, so the languages cannot drift apart"
        }
        SummaryTooLong => "the summary has {n} characters; at most 300 fit on cards and in feeds",
        SummaryTooLongHelp => "shorten it, and move the rest into the text below the front matter",
        ImageWithoutAlt => "`image` needs `image_alt`, a text that says what the image shows",
        ImageWithoutAltHelp => "add `image_alt: …` for people who cannot see the image",
        LinkScheme => "links with `{scheme}:` are not allowed",
        LinkSchemeHelp => "link to an http(s) address, a mailto: address or a page of this site",
        NumberRange => "each number in `{name}` must be from {min} to {max}, not `{found}`",
        ThemeSettingsHelp => "the theme's README says what theme.yaml may hold",
        PhotoLocation => {
            "this photo says where it was taken (GPS); pages show copies without it, but the original at {path} keeps it for anyone to read"
        }
        PhotoLocationHelp => {
            "remove the location before you put the photo in content/media/ (on a phone: share it without location; or `exiftool -overwrite_original -gps:all= -xmp:geotag= photo.jpg`)"
        }
        SearchIndex => "the search index could not be made: {detail}",
        DefaultImage => {
            "`default_image` must name a PNG or JPEG file in the theme's static/ folder; `{found}` is not one"
        }
        ImageChanged => "this picture changed while the site was being built",
        ImageChangedHelp => "build the site again once the picture is saved completely",
        LargeImage => {
            "this picture is {size} MB; visitors get a smaller version, but the original stays on the site at full size"
        }
        LargeImageHelp => {
            "make the photo about 2000 pixels wide before you put it in content/media/"
        }
        NotAnImage => {
            "this file is not a picture werkplaats can read, although its name says it is"
        }
        NotAnImageHelp => {
            "save the picture as JPEG, PNG, WebP, GIF or SVG (in a drawing program: Export or Save as) and put that in content/media/"
        }
        UnsupportedImage => "this picture is {format}, a format werkplaats cannot read",
        ImageTooLarge => {
            "this picture is {size} pixels; werkplaats reads up to {max} pixels a side"
        }
        ImageTooLargeHelp => "make the picture smaller, for example 2000 pixels wide",
        BrokenImage => "this picture is damaged or was not saved completely: {detail}",
        BrokenImageHelp => {
            "open the picture on your own computer; if it looks whole, save it again and put it in content/media/ again"
        }
        ImageCache => "the resized pictures cannot be kept in {dir}: {detail}",
        ImageCacheHelp => {
            "make sure werkplaats may write in the site's folder; the folder .werkplaats-cache/ can always be thrown away"
        }
        MissingImage => "there is no {file}, which this image should show",
        MissingImageHelp => {
            "put the picture in content/media/ and write its name after `/media/`, like `![what it shows](/media/open-dag.jpg)`"
        }

        LanguagesList => "`languages` should be a list like `[nl, en]`",
        DuplicateLanguage => "`{code}` is listed twice",
        NoSuchLanguage => "werkplaats cannot publish in `{code}`",
        NoSuchLanguageHelp => "the languages werkplaats can publish in are `nl` and `en`",
        MissingBaseUrl => "required field `base_url` is missing",
        MissingBaseUrlHelp => "add `base_url: https://…`, the address the site is published at",
        InvalidTheme => "theme `{theme}` is not a folder name under themes/",
        InvalidTimezone => "`{name}` is not a known time zone",
        InvalidTimezoneHelp => "use an IANA name such as `Europe/Amsterdam`",
        InvalidSectionName => "section name `{name}` is not a valid URL segment",
        InvalidSectionNameHelp => "use lowercase letters, digits and hyphens, like `{example}`",
        SectionCollision => {
            "the {first} section and the {second} section are both called `{name}` in {language}"
        }
        SectionCollisionHelp => "give each section its own name",

        TranslationNeedsAlt => "this item has an image, so its translation needs `image_alt` too",
        TranslationNeedsAltHelp => {
            "add `image_alt: …` in this language, saying what the image shows"
        }
        DuplicateId => "the {kind} id `{id}` is already used by {first}",
        DuplicateIdHelp => "ids must be unique within their kind: rename one of the files",
        MissingOriginal => "this translation has no original in {language}",
        MissingOriginalHelp => {
            "add {file} with every field; translations hold only title, summary, slug, image_alt and text"
        }
        MissingReference => "there is no {kind} `{id}`",
        MissingReferenceDraft => {
            "`{id}` is a draft: publish it (remove `draft: true`) or leave it out here"
        }
        MissingReferenceHelp => "add {file} or use an existing id",
        DuplicateUid => "the uid `{uid}` is already used by {first}",
        DuplicateUidHelp => {
            "every event needs its own uid: remove this line, or write a new one (`werkplaats new event <id>` makes a fresh uid)"
        }
        MediaCaseCollision => "this name differs only in upper and lower case from {first}",
        MediaCaseCollisionHelp => "keep one of the two files, or give them different names",
        MediaName => "media file names may hold only lowercase letters, digits, `.`, `_` and `-`",
        MediaNameHelp => "rename it to {name} (and use that name where it is linked)",
        MissingMedia => "there is no {file}",
        MissingMediaHelp => {
            "put the image in content/media/ and give its path there, like `technohub.jpg`"
        }
        UrlCollision => "{url} is already taken by {other}",
        UrlCollisionHelp => "give this item another `slug`",
        MissingTranslation => {
            "there is no {language} translation ({file}); the {language} site shows the text in {default}"
        }
        MissingTranslationHelp => "add {file} beside this file with title, summary and text",
        OldEvent => "this event ended more than a year ago",
        OldEventHelp => {
            "the archive still shows it; remove old events from content/events/ when they are no longer of interest"
        }
        BrokenReference => "`{target}` does not lead to any item",
        BrokenReferenceHelp => {
            "write `@/<folder>/<id>.md`, like `@/initiatives/technohub-woerden.md`"
        }
        BrokenLink => "`{link}` leads to no page of this site",
        BrokenLinkHelp => "link to items with `@/<folder>/<id>.md`, so the link follows the item",
        ShallowHistory => {
            "the git clone is shallow, so every file not changed since its oldest commit gets that commit's time, and calendar programs see those events as changed"
        }
        ShallowHistoryHelp => {
            "clone the whole history (`git clone` without `--depth`; in GitHub Actions `fetch-depth: 0`)"
        }
        GitUnreadable => {
            "git cannot read this site's history ({reason}), so the times subscribers see come from file modification times"
        }
        GitUnreadableHelp => {
            "run werkplaats as the owner of the repository, or mark it safe with `git config --global --add safe.directory <folder>`"
        }

        VagueLink => "the link text `{text}` does not say where the link leads",
        VagueLinkHelp => {
            "use words that say what the reader finds there, like `[sign up for the open day](…)`: screen reader users often hear the links on their own"
        }
        AltIsFileName => "the image's description is its file name (`{alt}`)",
        AltIsWord => "the image's description is only `{alt}`",
        AltHelp => {
            "describe what the image shows, for people who cannot see it, like `Students at a welding bench in the Vakcentrum`"
        }
        SkippedHeading => {
            "this heading is level {level} right after a heading of level {previous}: a level is skipped"
        }
        SkippedHeadingHelp => {
            "use `{marks}` here; screen reader users find their way by the heading levels"
        }
        SummaryRepeatsTitle => "the summary repeats the title",
        SummaryRepeatsTitleHelp => {
            "say in one or two sentences what the reader gets: for whom, what, when and where"
        }

        MissingTheme => "there is no theme `{theme}` (its templates/ folder is missing)",
        MissingThemeHelp => "set `theme: default`, or copy a theme into themes/",
        MissingTemplate => "the theme has no `{name}`, which the site needs",
        MissingTemplateHelp => {
            "copy templates/{name} from the default theme (a theme copied before it existed lacks it)"
        }
        TemplateError => "{detail}",
        MissingI18n => "the theme has no interface strings in {language}",
        MissingI18nKey => "`{key}` is not translated; the text in {language} is used",
        MissingI18nKeyHelp => "add `{key}: …` to this file",
        InvalidUrlWord => "`{word}`, the URL word for `{code}`, is not a valid URL segment",
        UrlWordTaken => "`{word}`, the URL word for `{code}`, is already that of `{other}`",
        UrlWordTakenHelp => "give each code its own word, which is not another code",
        MakerStatic => "the theme's static file {file}",
        MakerImage => "a resized version of {file}",
        MakerMedia => "{file}",
        MakerPage => "a page of the site",
        MakerAlias => "an old address in `aliases` of {file}",
        MakerFeed => "an agenda feed",
        MakerItself => "werkplaats itself",
        MadeTwice => "{path} is made twice: by {first} and by {second}",
        MadeTwiceHelp => "rename one of them, so that each makes its own URL",

        ServeListening => "serving {url} (Ctrl-C stops)",
        ServeStopped => "stopped",
        ServeRebuilt => {
            "rebuilt in {ms} ms: {pages} pages, {feeds} feeds, {files} files, made when opened"
        }
        ServePatched => "updated {items} item(s) in {ms} ms, the rest of the site as it was",
        ServeAfter => "after {file}: {rebuilt}",
        ServeWarnings => "; {warnings} warning(s)",
        ServeNothingYet => "{errors} error(s): nothing to serve until they are fixed",
        ServeLastGood => "{errors} error(s): still serving the last good version",
        ServeChecked => "checked every file in {seconds} s: no problems",
        ServePagesFail => "{pages} page(s) do not render; the others are served",

        NewNoneYet => "there is no {kind} yet: make one with `{command}`",
        NewChooseOne => "choose one of {ids}",
        NewSummary => {
            "one or two sentences for cards, search engines and feeds (at most 300 characters)"
        }
        NewDraft => "remove this line when the item is ready to publish",
        NewSlug => "another name in the URL (default: the id)",
        NewAliases => "old addresses of this page, which send visitors on to the new one",
        NewImage => "a file in content/media/",
        NewImageAlt => "what the image shows, for people who cannot see it",
        NewOneOf => "one of {options}",
        NewIds => "ids of a {kind}",
        NewAmount => "in whole euros",
        NewStart => "or YYYY-MM-DD for a whole day",
        NewOnline => "the address of an online session",
        NewUid => "the event's identity in calendars: never change it",
        NewUpdated => "raise it when subscribers should see a change",
        NewSequence => "raise it by one when the time or place changes",
        NewMenu => {
            "puts the page in the main menu: the sections weigh 0 (home) to 40 (locations), so 5 comes before the initiatives and 50 after the locations"
        }
        NewLocationName => "the name of the location",
        NewMunicipality => "the municipality",
        NewAddress => "leave out what is not known",
        NewOrganisationName => "the name of the organisation",
        NewBody => "write the text here, in Markdown",
        NewInvalidId => {
            "`{id}` is not a valid id: use lowercase letters, digits and single hyphens, like `{example}`"
        }
        NewExists => "{path} already exists; werkplaats new never overwrites a file",
        NewCannotWrite => "cannot write {path}: {detail}",
        NewWrote => "wrote {path}",
    }
}
