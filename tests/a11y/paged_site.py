#!/usr/bin/env python3
"""The example site grown past one page of everything (SPEC 2.4), for the accessibility and
validity checks of the pages only a large site has: lists of 50 with page navigation, the
agenda's month pages, archive years, a location's own agenda and an audience's course list.

    paged_site.py REPO OUT

Copies REPO's content/ and themes/ to OUT and adds 60 courses and 60 upcoming and 55 past
events (in Dutch and English) at the TechnoHub, for secondary pupils. The added items are
marked as generated test content in their text.
"""
import pathlib
import shutil
import sys

repo, out = (pathlib.Path(a) for a in sys.argv[1:3])
if out.exists():
    shutil.rmtree(out)
shutil.copytree(repo / "content", out / "content")
shutil.copytree(repo / "themes", out / "themes")
content = out / "content"

for i in range(60):
    for lang, title, summary in (("nl", "Testcursus", "Een gegenereerde cursus om pagina's te testen."),
                                 ("en", "Test course", "A generated course to test pages.")):
        front = f"---\ntitle: {title} {i:03}\nsummary: {summary}\n"
        if lang == "nl":
            front += ("provider: roc-midden-nederland\nlocations: [technohub-woerden]\nlevel: mbo-2\n"
                      "audiences: [vo]\n")
        (content / "courses" / f"testcursus-{i:03}.{lang}.md").write_text(
            front + "---\n\n" + summary + "\n", encoding="utf-8")


def events(name, year, count, words):
    for i in range(count):
        month, day = 1 + i // 20, 1 + i % 20
        for lang, title, summary in (("nl", f"{words[0]} {i:03}", words[1]), ("en", f"{words[2]} {i:03}", words[3])):
            front = f"---\ntitle: {title}\nsummary: {summary}\n"
            if lang == "nl":
                front += (f"type: workshop\nstart: {year}-{month:02}-{day:02} 10:00\n"
                          f"end: {year}-{month:02}-{day:02} 12:00\nlocation: technohub-woerden\n"
                          "audiences: [vo]\n")
            (content / "events" / f"{name}-{i:03}.{lang}.md").write_text(
                front + "---\n\n" + summary + "\n", encoding="utf-8")


events("test-komend", 2027, 60, ("Testworkshop", "Een gegenereerde workshop.", "Test workshop", "A generated workshop."))
events("test-voorbij", 2026, 55, ("Oude testworkshop", "Een gegenereerde workshop die voorbij is.",
                                  "Past test workshop", "A generated workshop in the past."))
