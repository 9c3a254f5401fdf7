#!/usr/bin/env bash
# Accessibility and validity of the example site, as CI runs it:
#   1. build the example site;
#   2. the current Nu Html Checker (npm vnu-jar 26, on the machine's Java) over every HTML file;
#   3. serve it on loopback and run axe-core in Debian's Chromium on every page, then search
#      it (search.mjs);
#   4. a site past one page of everything (paged_site.py): Nu Html Checker and axe on its
#      paged lists, agenda months, archive years, scope agendas;
#   5. the agenda over time: a build with a fixed --now, opened with the clock moved on;
#   6. live reload: `werkplaats serve`, a page open in Chromium, a file edited on disk.
# Installs what it needs (Debian chromium and Java, npm packages from the lock file).
set -euo pipefail
cd "$(dirname "$0")"
repo=$(cd ../.. && pwd)
site="$repo/target/a11y-site"

need_apt=()
command -v chromium >/dev/null || need_apt+=(chromium)
command -v java >/dev/null || need_apt+=(default-jre-headless)
if [ ${#need_apt[@]} -gt 0 ]; then
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need_apt[@]}"
fi
[ -d node_modules/axe-core ] && [ -d node_modules/playwright-core ] && [ -f node_modules/vnu-jar/build/dist/vnu.jar ] || npm ci --no-audit --no-fund

# target/a11y-site is this script's own scratch folder (a build refuses to replace a
# folder without its marker, such as one left by an older version).
rm -rf "$site"
(cd "$repo" && cargo run --release --locked -q -- build --now "2026-11-21 12:00" --out "$site")

# The Nu Html Checker over every HTML file of a folder: every error fails; warnings are
# printed but do not.
validate() {
  java -jar node_modules/vnu-jar/build/dist/vnu.jar --skip-non-html --errors-only "$1"
  echo "Nu Html Checker: no errors in $(find "$1" -name '*.html' | wc -l) HTML files"
}

# Serves a folder on a free loopback port until the script ends; sets $port once it answers.
servers=()
trap 'kill "${servers[@]}" 2>/dev/null || true' EXIT
serve_folder() {
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  python3 -m http.server "$port" --bind 127.0.0.1 --directory "$1" >/dev/null 2>&1 &
  servers+=($!)
  for _ in $(seq 50); do
    python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/')" 2>/dev/null && break
    sleep 0.1
  done
}

echo "== Nu Html Checker $(java -jar node_modules/vnu-jar/build/dist/vnu.jar --version)"
validate "$site"

echo "== axe-core in Chromium"
serve_folder "$site"
SCREENSHOTS="$repo/target/screenshots" node check.mjs "$site" "http://127.0.0.1:$port"

echo "== search in Chromium (keyboard, both languages, filters, axe with results)"
node search.mjs "http://127.0.0.1:$port" "2026-11-21T11:00:00Z"

echo "== a site past one page of everything (SPEC 2.4): Nu Html Checker and axe on its paged pages"
# The example site plus 60 courses and 115 events (paged_site.py), built into this
# script's own scratch folders target/paged-src and target/paged-site.
paged_src="$repo/target/paged-src"
paged="$repo/target/paged-site"
python3 paged_site.py "$repo" "$paged_src"
rm -rf "$paged"
(cd "$repo" && cargo run --release --locked -q -- build --root "$paged_src" --now "2026-11-21 12:00" --out "$paged")
validate "$paged"
serve_folder "$paged"
# Every page with page navigation or a "more" link: lists and their second pages, the
# agenda and a month, the archive and a year, a location and its agenda, an audience and
# its course list, the embed help and a narrowed embed, and every second page; in both
# languages. REQUIRE names those that must be there.
REQUIRE='/opleidingen/pagina/2/ /en/courses/page/2/ /agenda/2027/01/ /en/agenda/2027/01/
/agenda/archief/2026/ /en/agenda/archive/2026/ /agenda/archief/2026/pagina/2/
/locaties/technohub-woerden/agenda/ /en/locations/technohub-woerden/agenda/
/voor/middelbare-school/opleidingen/ /en/for/secondary-school/courses/
/embed/agenda/locatie/technohub-woerden/ /en/embed/agenda/location/technohub-woerden/' \
PAGES='^/(en/)?(opleidingen/|courses/|agenda/|agenda/20[0-9]{2}/[0-9]{2}/|agenda/(archief|archive)/(2026/)?|(locaties|locations)/technohub-woerden/(agenda/)?|(voor/middelbare-school|for/secondary-school)/((opleidingen|courses|agenda)/)?|agenda/(insluiten|embed)/|embed/agenda/(locatie|location)/technohub-woerden/)$|/(pagina|page)/2/$' \
  node check.mjs "$paged" "http://127.0.0.1:$port"

echo "== the agenda over time in Chromium (clock at +1, +7 and +30 days)"
# Built the day before the weekly workshop's first session, so that its "next" date moves
# on within the month; target/time-site is this script's own scratch folder.
time_site="$repo/target/time-site"
rm -rf "$time_site"
(cd "$repo" && cargo run --release --locked -q -- build --now "2027-01-12 12:00" --out "$time_site")
serve_folder "$time_site"
node time.mjs "http://127.0.0.1:$port" "2027-01-12T11:00:00Z"

echo "== live reload in Chromium"
live="$repo/target/live-site"
rm -rf "$live" && mkdir -p "$live"
cp -r "$repo/content" "$repo/themes" "$live/"
bin="${CARGO_TARGET_DIR:-$repo/target}/release/werkplaats"
[ -x "$bin" ] || { echo "a11y: no werkplaats binary at $bin" >&2; exit 1; }
node reload.mjs "$bin" "$live"
