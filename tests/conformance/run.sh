#!/usr/bin/env bash
# Feed conformance, as CI runs it: builds the example site and a 1000-event site from
# ../shared/bench/gen_site.py, checks every feed with independent parsers
# (check_feeds.py), and imports every .ics into Debian's khal.
# Installs what it needs (PyPI icalendar, recurring-ical-events, feedparser, jsonschema;
# Debian khal).
set -euo pipefail
cd "$(dirname "$0")"
source ../khal.sh
repo=$(cd ../.. && pwd)
out="$repo/target/conformance"
now_local="2026-11-21 12:00"
now_rfc3339="2026-11-21T12:00:00+01:00"

python3 -c "import icalendar, recurring_ical_events, feedparser, jsonschema, dateutil" 2>/dev/null ||
  python3 -m pip install -q icalendar recurring-ical-events feedparser jsonschema python-dateutil
if ! command -v khal >/dev/null; then
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q khal
fi

rm -rf "$out" && mkdir -p "$out"
(cd "$repo" && cargo build --release --locked -q)
# Where cargo put the binary: CARGO_TARGET_DIR if set (a shared target folder), else ./target.
bin="${CARGO_TARGET_DIR:-$repo/target}/release/werkplaats"
[ -x "$bin" ] || { echo "conformance: no werkplaats binary at $bin after cargo build" >&2; exit 1; }

sites=("example:$repo")
gen="$repo/../shared/bench/gen_site.py"
if [ -f "$gen" ]; then
  python3 "$gen" --events 1000 --out "$out/site-1k" --themes "$repo/themes" >/dev/null
  sites+=("generated-1000:$out/site-1k")
else
  echo "note: $gen not found; checking the example site only"
fi

for entry in "${sites[@]}"; do
  name=${entry%%:*}
  root=${entry#*:}
  echo "== $name"
  "$bin" build --root "$root" --now "$now_local" --out "$out/$name" 2>/dev/null
  python3 check_feeds.py "$out/$name" "$now_rfc3339"

  # khal: import every .ics into a fresh calendar; any error or traceback fails.
  kdir="$out/khal-$name"
  khal_calendar "$kdir" import
  mapfile -t files < <(cd "$out/$name" && find . -name '*.ics' | sort)
  log="$kdir/import.log"
  (cd "$out/$name" && printf '%s\0' "${files[@]}" | xargs -0 -n 200 khal -c "$kdir/config" import --batch -a import) >"$log" 2>&1 || {
    echo "FAIL khal import exited with an error:"; tail -20 "$log"; exit 1; }
  if grep -Eiq 'error|traceback|warning|could not' "$log"; then
    echo "FAIL khal reported problems:"; grep -Ei 'error|traceback|warning|could not' "$log" | head -20; exit 1
  fi
  imported=$(find "$kdir/calendar" -name '*.ics' | wc -l)
  echo "khal: imported ${#files[@]} .ics files without error; its calendar holds $imported distinct events"
  [ "$imported" -gt 0 ] || { echo "FAIL khal imported nothing"; exit 1; }
done
