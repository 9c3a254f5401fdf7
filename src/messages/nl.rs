//! De Nederlandse teksten van alle meldingen. `{naam}` is een waarde die bij het tonen
//! wordt ingevuld; houd dezelfde plaatshouders aan als in `en.rs`. Schrijf kort en
//! gewoon: wie dit leest, schrijft teksten en is geen programmeur.

use super::Id::{self, *};

pub(super) fn text(id: Id) -> &'static str {
    match id {
        LabelError => "fout",
        LabelWarning => "waarschuwing",
        LabelHelp => "tip",
        Summary => "{errors} fout(en), {warnings} waarschuwing(en)",
        NoProblems => "geen problemen gevonden",
        NothingWritten => "er is niets geschreven; {out} is niet veranderd",
        Built => {
            "{pages} pagina's, {feeds} feeds en {files} bestanden gemaakt in {seconds} s → {out}"
        }
        OverlayTitle => "De site kan niet worden gemaakt: {errors} fout(en)",
        OverlayClose => "Sluiten",
        OverlayNote => {
            "Je ziet de laatste versie die werkte. Los het probleem op en sla op: deze pagina laadt dan vanzelf opnieuw."
        }

        OverlayNoSite => {
            "Er kon nog niets worden gemaakt. Los het probleem op en sla op: deze pagina laadt dan vanzelf opnieuw."
        }
        OverlayCurrent => {
            "De andere pagina's zijn bijgewerkt. Los het probleem op en sla op: deze pagina laadt dan vanzelf opnieuw."
        }

        LangNl => "het Nederlands",
        LangEn => "het Engels",
        KindInitiative => "initiatief",
        KindCourse => "opleiding",
        KindEvent => "evenement",
        KindPage => "pagina",
        KindLocation => "locatie",
        KindOrganisation => "organisatie",

        DidYouMean => "bedoel je {options}?",
        UseOneOf => "kies uit {options}",
        DutchWord => "schrijf de code `{code}` voor `{word}`",

        FoundNothing => "niets",
        FoundBool => "ja/nee (true/false)",
        FoundInt => "een heel getal",
        FoundNumber => "een getal",
        FoundText => "tekst",
        FoundList => "een lijst",
        FoundMapping => "een groep velden",

        ExpectMapping => "een groep velden (regels `veld: waarde`)",
        ExpectList => "een lijst (`[a, b]` of regels die beginnen met `- `)",
        ExpectText => "tekst",
        ExpectBool => "`true` of `false`",
        ExpectInt => "een heel getal",
        ExpectNumber => "een getal",
        ExpectTranslatable => "tekst, of per taal een tekst zoals `{ nl: …, en: … }`",

        RootNotMapping => "hier horen regels `veld: waarde`, maar er staat {found}",
        MissingField => "het veld `{name}` ontbreekt, en dat is verplicht",
        MissingFieldIn => "het veld `{name}` ontbreekt in `{within}`, en dat is verplicht",
        MissingFieldHelp => "voeg een regel `{name}: …` toe",
        WrongType => "bij `{name}` hoort {expected}, maar er staat {found}",
        ItemNotMapping => {
            "elk onderdeel van `{name}` moet een groep velden zijn, maar er staat {found}"
        }
        ItemNotText => "elk onderdeel van `{name}` moet tekst zijn, maar er staat {found}",
        UnknownField => "het veld `{key}` bestaat niet",
        KnownFields => "de velden hier zijn {fields}",
        IntTooSmall => "`{name}` moet minstens {min} zijn, maar is {found}",
        UnknownLanguage => "`{code}` is geen taal van deze site",
        SiteLanguages => "de talen van de site zijn {codes}",
        TranslationNotText => "bij `{name}.{code}` hoort tekst, maar er staat {found}",
        InvalidChoice => "`{value}` is geen geldige waarde voor `{name}`",
        ListAsText => "`{name}` is een lijst, maar `{text}` staat er als één tekst",
        ListAsTextHelp => "zet de onderdelen tussen vierkante haken: `{name}: [{items}]`",
        TextAsList => "`{name}` is één tekst, maar staat er als lijst",
        TextAsListHelp => {
            "schrijf de tekst direct na de dubbele punt, zonder haken of `- `: `{name}: {example}`"
        }
        InvalidIdIn => "{problem} (in `{name}`)",
        IdHelp => {
            "een id bestaat uit kleine letters, cijfers en losse streepjes, hoogstens {max} tekens, zoals `technohub-woerden`"
        }
        SlugHelp => {
            "gebruik kleine letters, cijfers en losse streepjes, hoogstens {max} tekens, zoals `{example}`"
        }
        IdTooLong => "`{shown}…` is als {what} {n} tekens lang; er mogen hoogstens {max} zijn",
        IdNotValid => "`{id}` kan geen {what} zijn",
        WhatId => "id",
        WhatSlug => "slug",
        InvalidAlias => {
            "`{alias}` is geen oud adres op deze site: een pad dat met `/` begint en eindigt, met kleine letters, cijfers en `-`"
        }
        InvalidAliasHelp => "schrijf het pad zoals het in de adresbalk stond, zoals `/{example}/`",
        InvalidUrl => {
            "bij `{name}` hoort een volledig webadres (http of https), maar er staat `{url}`"
        }
        InvalidUrlHelp => "schrijf het hele adres, zoals `https://www.example.nl/aanmelden`",
        InvalidEmail => "`{email}` is geen e-mailadres",
        InvalidEmailHelp => "gebruik een adres van de organisatie, zoals `info@example.nl`",
        InvalidDate => "`{text}` bij `{name}` is geen datum",
        InvalidDateHelp => "schrijf een datum als JJJJ-MM-DD, zoals `2027-03-14`",
        InvalidWhen => "`{text}` bij `{name}` is geen datum of datum met tijd",
        InvalidWhenHelp => {
            "schrijf `JJJJ-MM-DD UU:MM`, zoals `2027-03-14 19:30`, of `JJJJ-MM-DD` voor een hele dag"
        }
        DutchDateOrder => {
            "`{text}` bij `{name}` begint met de dag; werkplaats leest een datum met het jaar vooraan"
        }
        DutchDateOrderHelp => "schrijf jaar-maand-dag: `{example}`",
        DottedTime => {
            "`{text}` bij `{name}` schrijft de tijd met een punt; werkplaats leest de tijd met een dubbele punt"
        }
        DottedTimeHelp => "schrijf de tijd met een dubbele punt: `{example}`",
        IsoT => "`{text}` bij `{name}` heeft een `T` tussen de datum en de tijd",
        IsoTHelp => "zet een spatie tussen de datum en de tijd: `{example}`",
        Placeholder => "`{name}` bevat nog de voorbeeldtekst die `werkplaats new` schreef",
        PlaceholderBody => {
            "de tekst onder de velden bevat nog de voorbeeldtekst die `werkplaats new` schreef"
        }
        PlaceholderIdHelp => "kies een van de ids die in het commentaar ernaast staan",
        PlaceholderDataHelp => "schrijf hier de echte waarde",
        PlaceholderHelp => {
            "schrijf hier je eigen tekst; laat `draft: true` staan tot de tekst klaar is, dan wordt hij niet gepubliceerd"
        }

        AmountTooLarge => "het bedrag € {amount} is meer dan € 10¹² (duizend miljard euro)",
        AmountHelp => "schrijf het bedrag in hele euro's, zonder centen",
        FundingTotal => {
            "de bedragen in `funding` zijn samen meer dan € 10¹² (duizend miljard euro)"
        }
        FundingTotalIs => {
            "de bedragen in `funding` zijn samen meer dan € 10¹² (duizend miljard euro): € {total}"
        }
        FundingTotalHelp => "kijk de bedragen na: het zijn hele euro's, zonder centen",
        PeriodEndBeforeStart => "de periode eindigt ({end}) voordat hij begint ({start})",
        CourseNeedsLocation => "een opleiding heeft minstens één locatie nodig in `locations`",
        CourseNeedsLocationHelp => "voeg `locations: [<id van de locatie>]` toe",
        NotCrebo => "`{code}` is geen crebocode",
        CreboHelp => "een crebocode heeft vijf cijfers, zoals `25180`",
        EventNeedsPlace => "een evenement heeft `location` of `online` nodig (of allebei)",
        EventNeedsPlaceHelp => "voeg `location: <id van de locatie>` of `online: https://…` toe",
        PreviousStartNotPostponed => {
            "`previous_start` zegt wanneer een uitgesteld evenement eerst gepland was, maar dit evenement heeft geen `status: postponed`"
        }
        PreviousStartHelp => "voeg `status: postponed` toe, of haal `previous_start` weg",
        InvalidUid => "`uid` mag alleen zichtbare tekens bevatten, zonder spaties",
        InvalidUidHelp => "`werkplaats new event <id>` schrijft een nieuwe uid",
        SequenceRange => "`sequence` is {n}; het moet een heel getal van 0 tot {max} zijn",
        SequenceHelp => "verhoog `sequence` met één bij elke wijziging van tijd of plaats",
        RepeatUntilBeforeStart => {
            "de reeks eindigt op {until} (`until`), vóór de eerste keer op {first}"
        }
        RepeatUntilHelp => "zet bij `until` de datum van de laatste keer, op of na `start`",
        RepeatWithoutSessions => {
            "`except` slaat elke keer van deze reeks over, dus hij vindt nooit plaats"
        }
        RepeatWithoutSessionsHelp => {
            "haal datums weg uit `except`, of haal het evenement zelf weg als het helemaal niet doorgaat"
        }
        ExceptNotASession => {
            "{date} in `except` is geen dag van deze reeks, dus er wordt niets overgeslagen"
        }
        ExceptHelp => "kijk de datum na: het moet een dag zijn waarop het evenement terugkomt",
        EndBeforeStartDay => "het evenement eindigt op {end}, voordat het begint op {start}",
        EndBeforeStartTime => "het evenement eindigt om {end}, voordat het begint om {start}",
        EndBeforeStartHelp => "kijk de datum en tijd bij `start` en `end` na",
        StartEndKinds => {
            "`start` en `end` moeten allebei een datum zijn, of allebei een datum met tijd"
        }
        StartEndKindsHelp => {
            "schrijf `end: JJJJ-MM-DD UU:MM` bij een evenement met tijden, `end: JJJJ-MM-DD` bij hele dagen"
        }
        NonexistentTime => {
            "{time} bestaat niet in {zone}: de klok slaat dat uur over (de zomertijd begint)"
        }
        NonexistentTimeHelp => "kies een tijd buiten het overgeslagen uur",
        AmbiguousTime => {
            "{time} komt twee keer voor in {zone}: de klok gaat een uur terug (de zomertijd eindigt)"
        }
        AmbiguousTimeHelp => "kies een tijd buiten het dubbele uur",
        TheTimeZone => "de tijdzone",
        CountTooLarge => "`count` is {count}; een reeks mag hoogstens {max} keer plaatsvinden",
        CountHelp => "gebruik `until: JJJJ-MM-DD` voor een reeks die lang doorloopt",
        UntilAndCount => "bij `repeat` hoort `until` of `count`, niet allebei",
        NotOnEarth => "{lat}, {lon} is geen plek op aarde",
        GeoHelp => "schrijf graden met decimalen (WGS84), zoals `lat: 52.0857, lon: 4.8838`",

        CharNbsp => "een harde spatie (U+00A0)",
        CharFigureSpace => "een cijferspatie (U+2007)",
        CharNarrowNbsp => "een smalle harde spatie (U+202F)",
        CharThinSpace => "een dunne spatie (U+2009)",
        CharIdeographicSpace => "een brede spatie (U+3000)",
        CharZwsp => "een onzichtbare spatie (U+200B)",
        CharZwnj => "een onzichtbaar scheidingsteken (U+200C)",
        CharZwj => "een onzichtbaar verbindingsteken (U+200D)",
        CharWordJoiner => "een onzichtbare woordverbinder (U+2060)",
        CharBom => "een onzichtbare harde spatie (U+FEFF)",
        CharSoftHyphen => "een zacht afbreekstreepje (U+00AD)",
        InvisibleOne => "hier staat {name}",
        InvisibleMany => {
            "hier staat {name} (in dit deel van het bestand staan {count} onzichtbare tekens)"
        }
        InvisibleSpaceHelp => {
            "het lijkt een spatie, maar is het niet (zo'n teken komt vaak mee als je tekst kopieert uit Word of van een website): haal het weg en typ een gewone spatie"
        }
        InvisibleHelp => {
            "je ziet het niet, maar het staat er wel (zo'n teken komt vaak mee als je tekst kopieert uit Word of van een website): haal het weg"
        }
        Tab => {
            "hier staat een tab; YAML wil alleen spaties, om in te springen en na de `:` van een veld"
        }
        TabHelp => "vervang de tab door spaties (twee spaties per niveau van inspringen)",
        CurlyQuote => {
            "de waarde van `{key}` begint met een krul-aanhalingsteken ({quote}); YAML ziet dat niet als aanhalingsteken"
        }
        CurlyQuoteHelp => {
            "gebruik rechte dubbele aanhalingstekens, zoals het toetsenbord ze typt: {line}"
        }
        SignAtStart => {
            "de waarde van `{key}` begint met `{sign}`; YAML leest dat teken als een eigen opdracht"
        }
        ColonInValue => {
            "in de waarde van `{key}` staat een dubbele punt (`:`); YAML denkt dat daar een nieuw veld begint"
        }
        HashInValue => {
            "de waarde van `{key}` begint met `#`; YAML leest de rest van de regel als commentaar, dus `{key}` is leeg"
        }
        QuoteValueHelp => "zet de hele waarde tussen dubbele aanhalingstekens: {line}",
        UnclosedBracket => "de `{open}` hier wordt nergens gesloten met `{close}`",
        UnclosedBracketHelp => {
            "sluit hem op dezelfde regel, zoals {example}; een tekst die begint met `{open}` moet tussen dubbele aanhalingstekens"
        }
        UnclosedQuote => {
            "het aanhalingsteken (`{quote}`) aan het begin van de waarde van `{key}` wordt nergens gesloten"
        }
        UnclosedQuoteHelp => "sluit de waarde af met `{quote}` op dezelfde regel",
        NoSpaceAfterColon => {
            "na de dubbele punt van `{key}` staat geen spatie, dus YAML ziet het niet als veld"
        }
        NoSpaceAfterColonHelp => "zet een spatie na de dubbele punt: {line}",
        YamlOther => "de YAML kan niet gelezen worden (de lezer zegt: {detail})",
        YamlAnchors => {
            "de YAML herhaalt verwijzingen (`*naam`) zo vaak dat hij te groot zou worden"
        }
        YamlTooDeep => "de YAML is te diep genest",
        YamlDuplicateKey => "het veld `{key}` staat er twee keer; houd er één",

        NoFrontMatter => "het bestand begint niet met de velden (front matter)",
        NoFrontMatterHelp => {
            "begin het bestand met een regel `---`, dan de velden (title, summary, …) en weer een regel `---`"
        }
        FrontMatterOpen => "de velden bovenaan (front matter) worden niet afgesloten",
        FrontMatterOpenHelp => "zet een regel `---` na het laatste veld",
        NotUtf8 => "het bestand is geen UTF-8-tekst",
        NotUtf8Help => {
            "sla het bestand op als UTF-8 (de meeste editors hebben dat bij 'Opslaan met codering')"
        }
        ControlCharacter => "hier staat een onzichtbaar stuurteken ({code})",
        ControlCharacterMany => {
            "hier staat een onzichtbaar stuurteken ({code}) (in dit bestand staan er {count})"
        }
        ControlCharacterHelp => {
            "haal het weg; het komt meestal mee als je tekst kopieert uit een ander programma"
        }
        FileTooLarge => "het bestand is {size} MB; een inhoudsbestand mag hoogstens {max} MB zijn",
        FileTooLargeHelp => "zet grote downloads in content/media/ en link ernaar",
        FileGrew => "het bestand is groter dan {max} MB",
        Unreadable => "het bestand kan niet gelezen worden: {detail}",
        NotAFile => "{detail}",
        NotAFileHelp => {
            "haal het weg uit de map van de site; daar horen alleen bestanden en mappen"
        }
        SymlinkOutside => "deze snelkoppeling (symlink) wijst naar buiten de map van de site",
        SymlinkOutsideHelp => "kopieer het bestand naar de site in plaats van ernaar te verwijzen",
        SymlinkLoop => "deze snelkoppeling (symlink) verwijst in een kringetje",
        IgnoredFile => "bestanden direct in content/ worden overgeslagen, behalve site.yaml",
        UnknownFolder => {
            "content/{folder}/ is geen map van werkplaats, dus dit bestand wordt overgeslagen"
        }
        UnknownFolderHelp => "de mappen zijn {folders}",
        OnlyMarkdown => "hier worden alleen .md-bestanden gelezen; dit bestand wordt overgeslagen",
        OnlyMarkdownHelp => "in {folder} staan Markdown-bestanden met de naam <id>.<taal>.md",
        OnlyYaml => "hier worden alleen .yaml-bestanden gelezen; dit bestand wordt overgeslagen",
        LanguageInFileName => "`{code}` in de bestandsnaam is geen taal van deze site",
        LanguageInFileNameHelp => "noem het bestand <id>.<taal>.md, met als taal {codes}",
        RenameFileHelp => {
            "een id bestaat uit kleine letters, cijfers en losse streepjes, hoogstens {max} tekens: noem het bestand `{name}`"
        }
        MissingSiteYaml => "content/site.yaml ontbreekt",
        MissingSiteYamlHelp => {
            "elke site heeft content/site.yaml nodig, met de titel, base_url en talen"
        }
        InheritedField => {
            "`{key}` staat in {file}, maar een vertaling neemt dat over van het origineel"
        }
        InheritedFieldHelp => {
            "haal `{key}` hier weg en zet het in {canonical}, zodat de talen niet uit elkaar lopen"
        }
        SummaryTooLong => {
            "de samenvatting heeft {n} tekens; op kaarten en in feeds passen er hoogstens 300"
        }
        SummaryTooLongHelp => "maak haar korter, en zet de rest in de tekst onder de velden",
        ImageWithoutAlt => {
            "bij `image` hoort `image_alt`: een tekst die zegt wat er op de afbeelding staat"
        }
        ImageWithoutAltHelp => {
            "voeg `image_alt: …` toe, voor mensen die de afbeelding niet kunnen zien"
        }
        LinkScheme => "links met `{scheme}:` zijn niet toegestaan",
        LinkSchemeHelp => {
            "link naar een http(s)-adres, een mailto:-adres of een pagina van deze site"
        }
        NumberRange => "elk getal in `{name}` moet tussen {min} en {max} liggen, niet `{found}`",
        ThemeSettingsHelp => "de README van het thema zegt wat theme.yaml mag bevatten",
        PhotoLocation => {
            "deze foto zegt waar hij gemaakt is (GPS); pagina's tonen kopieën zonder die plek, maar het origineel op {path} bevat die plek nog, voor iedereen leesbaar"
        }
        PhotoLocationHelp => {
            "haal de locatie weg voordat je de foto in content/media/ zet (op een telefoon: deel hem zonder locatie; of `exiftool -overwrite_original -gps:all= -xmp:geotag= foto.jpg`)"
        }
        SearchIndex => "de zoekindex kon niet gemaakt worden: {detail}",
        DefaultImage => {
            "`default_image` moet een PNG- of JPEG-bestand in de map static/ van het thema noemen; `{found}` is dat niet"
        }
        ImageChanged => "deze afbeelding veranderde terwijl de site gebouwd werd",
        ImageChangedHelp => "bouw de site opnieuw als de afbeelding helemaal opgeslagen is",
        LargeImage => {
            "deze afbeelding is {size} MB; een bezoeker krijgt een verkleinde versie, maar het origineel blijft groot op de site staan"
        }
        LargeImageHelp => {
            "verklein de foto tot zo'n 2000 pixels breed voordat je hem in content/media/ zet"
        }
        NotAnImage => {
            "dit bestand is geen afbeelding die werkplaats kan lezen, hoewel de naam dat doet denken"
        }
        NotAnImageHelp => {
            "sla de afbeelding op als JPEG, PNG, WebP, GIF of SVG (in een tekenprogramma: Exporteren of Opslaan als) en zet die in content/media/"
        }
        UnsupportedImage => "deze afbeelding is {format}; dat formaat kan werkplaats niet lezen",
        ImageTooLarge => {
            "deze afbeelding is {size} pixels; werkplaats leest er tot {max} pixels per kant"
        }
        ImageTooLargeHelp => "maak de afbeelding kleiner, bijvoorbeeld 2000 pixels breed",
        BrokenImage => "deze afbeelding is beschadigd of niet helemaal opgeslagen: {detail}",
        BrokenImageHelp => {
            "open de afbeelding op je eigen computer; zie je hem heel, sla hem dan opnieuw op en zet hem weer in content/media/"
        }
        ImageCache => "de verkleinde afbeeldingen kunnen niet in {dir} bewaard worden: {detail}",
        ImageCacheHelp => {
            "zorg dat werkplaats in de map van de site mag schrijven; de map .werkplaats-cache/ mag je altijd weggooien"
        }
        MissingImage => "{file} bestaat niet; die afbeelding wordt hier getoond",
        MissingImageHelp => {
            "zet de afbeelding in content/media/ en schrijf de naam na `/media/`, zoals `![wat erop staat](/media/open-dag.jpg)`"
        }

        LanguagesList => "`languages` moet een lijst zijn, zoals `[nl, en]`",
        DuplicateLanguage => "`{code}` staat er twee keer",
        NoSuchLanguage => "werkplaats kan niet publiceren in `{code}`",
        NoSuchLanguageHelp => "werkplaats publiceert in `nl` en `en`",
        MissingBaseUrl => "het veld `base_url` ontbreekt, en dat is verplicht",
        MissingBaseUrlHelp => "voeg `base_url: https://…` toe: het adres waarop de site komt",
        InvalidTheme => "het thema `{theme}` is geen mapnaam in themes/",
        InvalidTimezone => "`{name}` is geen bekende tijdzone",
        InvalidTimezoneHelp => "gebruik een IANA-naam, zoals `Europe/Amsterdam`",
        InvalidSectionName => "de naam `{name}` kan geen deel van een webadres zijn",
        InvalidSectionNameHelp => "gebruik kleine letters, cijfers en streepjes, zoals `{example}`",
        SectionCollision => {
            "de onderdelen {first} en {second} heten allebei `{name}` in {language}"
        }
        SectionCollisionHelp => "geef elk onderdeel een eigen naam",

        TranslationNeedsAlt => {
            "dit item heeft een afbeelding, dus de vertaling heeft ook `image_alt` nodig"
        }
        TranslationNeedsAltHelp => {
            "voeg `image_alt: …` toe in deze taal: wat staat er op de afbeelding?"
        }
        DuplicateId => "het id `{id}` ({kind}) is al in gebruik in {first}",
        DuplicateIdHelp => {
            "elk id komt maar één keer voor: geef een van de bestanden een andere naam"
        }
        MissingOriginal => "deze vertaling heeft geen origineel in {language}",
        MissingOriginalHelp => {
            "maak {file} met alle velden; een vertaling heeft alleen title, summary, slug, image_alt en tekst"
        }
        MissingReference => "er is geen {kind} `{id}`",
        MissingReferenceDraft => {
            "`{id}` is een concept: publiceer het (haal `draft: true` weg) of laat het hier weg"
        }
        MissingReferenceHelp => "maak {file}, of gebruik een id dat al bestaat",
        DuplicateUid => "de uid `{uid}` is al in gebruik in {first}",
        DuplicateUidHelp => {
            "elk evenement heeft een eigen uid nodig: haal deze regel weg, of schrijf een nieuwe (`werkplaats new event <id>` maakt er een)"
        }
        MediaCaseCollision => "deze naam verschilt alleen in hoofd- en kleine letters van {first}",
        MediaCaseCollisionHelp => "houd een van de twee bestanden, of geef ze verschillende namen",
        MediaName => {
            "de naam van een mediabestand mag alleen kleine letters, cijfers, `.`, `_` en `-` bevatten"
        }
        MediaNameHelp => "noem het bestand {name} (en gebruik die naam ook waar je het gebruikt)",
        MissingMedia => "{file} bestaat niet",
        MissingMediaHelp => {
            "zet de afbeelding in content/media/ en schrijf hier de naam, zoals `technohub.jpg`"
        }
        UrlCollision => "{url} is al in gebruik door {other}",
        UrlCollisionHelp => "geef dit item een andere `slug`",
        MissingTranslation => {
            "er is geen vertaling in {language} ({file}); de site in {language} toont de tekst in {default}"
        }
        MissingTranslationHelp => "maak {file} naast dit bestand, met title, summary en tekst",
        OldEvent => "dit evenement is meer dan een jaar geleden afgelopen",
        OldEventHelp => {
            "het archief toont het nog; haal oude evenementen weg uit content/events/ als ze niet meer interessant zijn"
        }
        BrokenReference => "`{target}` leidt niet naar een item",
        BrokenReferenceHelp => {
            "schrijf `@/<map>/<id>.md`, zoals `@/initiatives/technohub-woerden.md`"
        }
        BrokenLink => "`{link}` leidt niet naar een pagina van deze site",
        BrokenLinkHelp => {
            "link naar items met `@/<map>/<id>.md`; dan blijft de link kloppen als het item verhuist"
        }
        ShallowHistory => {
            "de git-kopie is onvolledig (shallow): elk bestand dat sinds de oudste commit niet veranderde, krijgt de tijd van die commit, en agenda-programma's zien die evenementen als gewijzigd"
        }
        ShallowHistoryHelp => {
            "haal de hele geschiedenis op (`git clone` zonder `--depth`; in GitHub Actions `fetch-depth: 0`)"
        }
        GitUnreadable => {
            "git kan de geschiedenis van deze site niet lezen ({reason}), dus de tijden voor abonnees komen uit de wijzigingsdatum van de bestanden"
        }
        GitUnreadableHelp => {
            "start werkplaats als de eigenaar van de repository, of markeer hem als veilig met `git config --global --add safe.directory <map>`"
        }

        VagueLink => "de linktekst `{text}` zegt niet waar de link naartoe gaat",
        VagueLinkHelp => {
            "gebruik woorden die zeggen wat de lezer daar vindt, zoals `[aanmelden voor de open dag](…)`: wie een schermlezer gebruikt, hoort de links vaak los van de tekst"
        }
        AltIsFileName => "de beschrijving van de afbeelding is de bestandsnaam (`{alt}`)",
        AltIsWord => "de beschrijving van de afbeelding is alleen `{alt}`",
        AltHelp => {
            "beschrijf wat er op de afbeelding staat, voor wie hem niet kan zien, zoals `Leerlingen aan een lasbank in het Vakcentrum`"
        }
        SkippedHeading => {
            "deze kop heeft niveau {level}, direct na een kop van niveau {previous}: er wordt een niveau overgeslagen"
        }
        SkippedHeadingHelp => {
            "gebruik hier `{marks}`; wie een schermlezer gebruikt, vindt de weg via de niveaus van de koppen"
        }
        SummaryRepeatsTitle => "de samenvatting herhaalt de titel",
        SummaryRepeatsTitleHelp => {
            "zeg in een of twee zinnen wat de lezer eraan heeft: voor wie, wat, wanneer en waar"
        }

        MissingTheme => "er is geen thema `{theme}` (de map templates/ ontbreekt)",
        MissingThemeHelp => "zet `theme: default`, of kopieer een thema naar themes/",
        MissingTemplate => "het thema heeft geen `{name}`, en de site heeft dat nodig",
        MissingTemplateHelp => {
            "kopieer templates/{name} uit het standaardthema (een thema dat eerder gekopieerd is, mist het)"
        }
        TemplateError => "{detail}",
        MissingI18n => "het thema heeft geen teksten in {language}",
        MissingI18nKey => "`{key}` is niet vertaald; de tekst in {language} wordt gebruikt",
        MissingI18nKeyHelp => "voeg `{key}: …` toe aan dit bestand",
        InvalidUrlWord => {
            "`{word}`, het woord voor `{code}` in webadressen, kan geen deel van een webadres zijn"
        }
        UrlWordTaken => "`{word}`, het woord voor `{code}` in webadressen, is al dat van `{other}`",
        UrlWordTakenHelp => "geef elke code een eigen woord, dat geen andere code is",
        MakerStatic => "het vaste bestand {file} van het thema",
        MakerImage => "een verkleinde versie van {file}",
        MakerMedia => "{file}",
        MakerPage => "een pagina van de site",
        MakerAlias => "een oud adres in `aliases` van {file}",
        MakerFeed => "een agenda-feed",
        MakerItself => "werkplaats zelf",
        MadeTwice => "{path} wordt twee keer gemaakt: door {first} en door {second}",
        MadeTwiceHelp => "geef een van de twee een andere naam, zodat elk een eigen adres krijgt",

        ServeListening => "de site draait op {url} (Ctrl-C stopt)",
        ServeStopped => "gestopt",
        ServeRebuilt => {
            "opnieuw gemaakt in {ms} ms: {pages} pagina's, {feeds} feeds, {files} bestanden, gemaakt zodra ze geopend worden"
        }
        ServePatched => "{items} item(s) bijgewerkt in {ms} ms, de rest van de site zoals hij was",
        ServeAfter => "na {file}: {rebuilt}",
        ServeWarnings => "; {warnings} waarschuwing(en)",
        ServeNothingYet => "{errors} fout(en): er is niets te tonen tot ze opgelost zijn",
        ServeLastGood => "{errors} fout(en): de laatste versie die werkte blijft zichtbaar",
        ServeChecked => "alle bestanden nagekeken in {seconds} s: geen problemen",
        ServePagesFail => "{pages} pagina('s) kunnen niet worden gemaakt; de andere zijn er wel",

        NewNoneYet => "er is nog geen {kind}: maak er een met `{command}`",
        NewChooseOne => "kies uit {ids}",
        NewSummary => {
            "een of twee zinnen voor kaarten, zoekmachines en feeds (hoogstens 300 tekens)"
        }
        NewDraft => "haal deze regel weg als het item klaar is om te publiceren",
        NewSlug => "een andere naam in het webadres (anders het id)",
        NewAliases => "oude adressen van deze pagina, die naar de nieuwe doorsturen",
        NewImage => "een bestand in content/media/",
        NewImageAlt => "wat er op de afbeelding staat, voor wie hem niet kan zien",
        NewOneOf => "een van {options}",
        NewIds => "ids van een {kind}",
        NewAmount => "in hele euro's",
        NewStart => "of JJJJ-MM-DD voor een hele dag",
        NewOnline => "het adres van een online bijeenkomst",
        NewUid => "hiermee herkennen agenda's het evenement: nooit veranderen",
        NewUpdated => "zet hier een nieuwere tijd als abonnees een wijziging moeten zien",
        NewSequence => "verhoog met één als de tijd of plaats verandert",
        NewMenu => {
            "zet de pagina in het hoofdmenu: de onderdelen wegen 0 (home) tot 40 (locaties), dus 5 komt vóór de initiatieven en 50 na de locaties"
        }
        NewLocationName => "de naam van de locatie",
        NewMunicipality => "de gemeente",
        NewAddress => "laat weg wat je niet weet",
        NewOrganisationName => "de naam van de organisatie",
        NewBody => "schrijf hier de tekst, in Markdown",
        NewInvalidId => {
            "`{id}` is geen geldig id: gebruik kleine letters, cijfers en losse streepjes, zoals `{example}`"
        }
        NewExists => "{path} bestaat al; werkplaats new overschrijft nooit een bestand",
        NewCannotWrite => "{path} kan niet geschreven worden: {detail}",
        NewWrote => "{path} geschreven",
    }
}
