#!/usr/bin/env python3
"""Conformance of a built site's agenda feeds, judged by independent tools:

- every .ics is parsed by PyPI `icalendar`, and the site agendas (nl, en) are expanded by
  `recurring-ical-events`: the upcoming occurrences must be exactly those the HTML agenda
  lists across its month pages (same count, same start instants);
- every .atom is parsed by `feedparser` without the bozo flag, one entry per VEVENT of the
  matching .ics;
- every .json feed (not the search index's) validates against the published /agenda.schema.json (JSON Schema 2020-12),
  and its upcoming occurrences equal the HTML agenda's too.

    check_feeds.py SITE_DIR NOW_RFC3339 [TIMEZONE]
"""
import datetime
import json
import pathlib
import re
import sys
import zoneinfo

import feedparser
import icalendar
import jsonschema
import recurring_ical_events
from dateutil.relativedelta import relativedelta

site = pathlib.Path(sys.argv[1])
now = datetime.datetime.fromisoformat(sys.argv[2])
tz = zoneinfo.ZoneInfo(sys.argv[3] if len(sys.argv) > 3 else "Europe/Amsterdam")
horizon = now.astimezone(tz).date() + relativedelta(months=12)
problems = []


def utc(value):
    """A DTSTART value (date or datetime) or an HTML datetime string, as a UTC instant."""
    if isinstance(value, str):
        value = datetime.datetime.fromisoformat(value) if "T" in value else datetime.date.fromisoformat(value)
    if not isinstance(value, datetime.datetime):
        value = datetime.datetime.combine(value, datetime.time(), tz)
    if value.tzinfo is None:
        value = value.replace(tzinfo=tz)
    return value.astimezone(datetime.timezone.utc)


def ics_upcoming(cal):
    """Upcoming occurrences as the agenda shows them: repeating events up to the horizon."""
    out = []
    far = now + datetime.timedelta(days=366 * 30)
    repeating_uids = {str(ev["UID"]) for ev in cal.walk("VEVENT") if "RRULE" in ev}
    for occ in recurring_ical_events.of(cal).between(now, far):
        start = occ["DTSTART"].dt
        repeating = str(occ["UID"]) in repeating_uids
        local_date = start if not isinstance(start, datetime.datetime) else start.astimezone(tz).date()
        if repeating and local_date > horizon:
            continue
        out.append(utc(start))
    return sorted(out)


CARD = re.compile(r'<li class="card[^"]*"([^>]*)>(.*?)</li>', re.S)
ATTR = re.compile(r'\s([a-z-]+)="([^"]*)"')
TIME = re.compile(r'<time datetime="([^"]+)"')


def html_cards(path):
    """Upcoming sessions as an HTML agenda page lists them, and its number of upcoming
    cards: a series card (one per month) names its sessions in data-sessions
    ("datetime,start,end,words;…"), a single event its <time>."""
    html = path.read_text(encoding="utf-8")
    out = []
    cards = 0
    for attrs, body in CARD.findall(html):
        a = dict(ATTR.findall(" " + attrs))
        ends = a.get("data-ends")
        if not ends or datetime.datetime.fromisoformat(ends.replace("Z", "+00:00")) <= now:
            continue
        cards += 1
        if "data-sessions" in a:
            for session in a["data-sessions"].split(";"):
                start, _start_utc, end, _words = session.split(",", 3)
                if datetime.datetime.fromisoformat(end.replace("Z", "+00:00")) > now:
                    out.append(utc(start))
        else:
            out.append(utc(TIME.search(body).group(1)))
    return sorted(out), cards


counts = {"ics": 0, "vevents": 0, "atom": 0, "entries": 0, "json": 0, "json_occurrences": 0}
vevents_by_stem = {}
for path in sorted(site.rglob("*.ics")):
    rel = path.relative_to(site)
    try:
        cal = icalendar.Calendar.from_ical(path.read_bytes())
    except Exception as e:  # noqa: BLE001 - any parser complaint is a failure
        problems.append(f"{rel}: icalendar cannot parse it: {e}")
        continue
    for name in ("VERSION", "PRODID", "CALSCALE", "METHOD", "X-WR-CALNAME"):
        if name not in cal:
            problems.append(f"{rel}: no {name}")
    events = cal.walk("VEVENT")
    counts["ics"] += 1
    counts["vevents"] += len(events)
    vevents_by_stem[str(rel)[:-4]] = len(events)
    tzids = {str(z["TZID"]) for z in cal.walk("VTIMEZONE")}
    for ev in events:
        param = ev["DTSTART"].params.get("TZID")
        if param and str(param) not in tzids:
            problems.append(f"{rel}: {ev.get('SUMMARY')} uses TZID {param} without a VTIMEZONE")
    try:
        recurring_ical_events.of(cal).between(now - datetime.timedelta(days=400), now + datetime.timedelta(days=800))
    except Exception as e:  # noqa: BLE001
        problems.append(f"{rel}: recurring-ical-events cannot expand it: {e}")

schema = json.loads((site / "agenda.schema.json").read_text(encoding="utf-8"))
validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
for path in sorted(site.rglob("*.json")):
    rel = path.relative_to(site)
    # The schema itself, and the search index's entry file (Pagefind's, not a feed).
    if path.name == "agenda.schema.json" or rel.parts[0] == "pagefind":
        continue
    doc = json.loads(path.read_text(encoding="utf-8"))
    for error in validator.iter_errors(doc):
        problems.append(f"{rel}: {error.json_path}: {error.message}")
    counts["json"] += 1
    counts["json_occurrences"] += len(doc.get("events", []))

for path in sorted(site.rglob("*.atom")):
    rel = path.relative_to(site)
    feed = feedparser.parse(path.read_bytes())
    if feed.bozo:
        problems.append(f"{rel}: feedparser bozo: {feed.bozo_exception}")
    counts["atom"] += 1
    counts["entries"] += len(feed.entries)
    expected = vevents_by_stem.get(str(rel)[:-5])
    if expected is not None and expected != len(feed.entries):
        problems.append(f"{rel}: {len(feed.entries)} entries, but the .ics has {expected} events")

MONTH_DIR = re.compile(r"^\d{4}/\d{2}$")
# The agenda page shows the next 50 events (SPEC 2.4); its months hold every event.
PER_PAGE = 50


def agenda_upcoming(agenda_dir):
    """Upcoming sessions of the whole HTML agenda: the union of its month pages
    (agenda/YYYY/MM/), each holding every event of its month. The agenda page itself must
    show the soonest sessions, only sessions the months hold, and all of them when it has
    room (fewer than 50 cards)."""
    name = agenda_dir.relative_to(site).as_posix()
    first, cards = html_cards(agenda_dir / "index.html")
    months = sorted(p.parent for p in agenda_dir.glob("*/*/index.html")
                    if MONTH_DIR.match(p.parent.relative_to(agenda_dir).as_posix()))
    every = sorted(t for m in months for t in html_cards(m / "index.html")[0])
    if first and not months:
        problems.append(f"{name}/index.html lists upcoming events but the agenda has no month pages")
    stray = sorted(set(first) - set(every))[:5]
    if stray:
        problems.append(f"{name}/index.html shows sessions no month page holds: {stray}")
    if every and (not first or min(first) != every[0]):
        problems.append(f"{name}/index.html does not start with the soonest session {every[0]}")
    if cards < PER_PAGE and first != every:
        problems.append(f"{name}/index.html has room ({cards} cards) but does not show every session")
    return every, f"{len(months)} month pages ({len(first)} sessions, {cards} cards on {name}/)"


agendas = {"agenda.ics": "agenda"}
if (site / "en").is_dir():
    agendas["en/agenda.ics"] = "en/agenda"
for ics, html in agendas.items():
    feed_occ = ics_upcoming(icalendar.Calendar.from_ical((site / ics).read_bytes()))
    page_occ, html = agenda_upcoming(site / html)
    json_doc = json.loads((site / ics.replace(".ics", ".json")).read_text(encoding="utf-8"))
    json_occ = sorted(utc(e["start"]) for e in json_doc["events"]
                      if datetime.datetime.fromisoformat(e["end"]) > now)
    print(f"{ics}: {len(feed_occ)} upcoming occurrences expanded by recurring-ical-events, "
          f"{len(page_occ)} in {html}, {len(json_occ)} in the JSON feed")
    if feed_occ != page_occ:
        missing = sorted(set(page_occ) - set(feed_occ))[:5]
        extra = sorted(set(feed_occ) - set(page_occ))[:5]
        problems.append(f"{ics} and {html} differ: only in HTML {missing}, only in iCalendar {extra}")
    if json_occ != page_occ:
        problems.append(f"{ics.replace('.ics', '.json')} and {html} list different occurrences")

print("feeds: {ics} iCalendar ({vevents} VEVENTs), {atom} Atom ({entries} entries), "
      "{json} JSON ({json_occurrences} occurrences)".format(**counts))
for p in problems[:50]:
    print("FAIL", p)
if problems:
    print(f"{len(problems)} problem(s)")
    sys.exit(1)
print("all feeds conform")
