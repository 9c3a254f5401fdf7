#!/usr/bin/env bash
# Benchmarks werkplaats against Zola (../shared/bench/peers/zola) and Hugo on the same
# generated sites (bench.py), then pictures (images.py)
# and search (search.py: index time and size, and one query's bytes in Chromium); prints
# Markdown tables. WERKPLAATS_BASE_BIN, a binary without search, adds the with/without ratio.
#   bash benches/run.sh                 # 1k, 10k and 50k events (5 runs each), national (3)
#   bash benches/run.sh 1000 national   # chosen sizes
# Needs ../shared/bench/gen_site.py beside the repository. Installs Debian's hugo and, for the photos, Pillow.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hugo >/dev/null || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q hugo; }
[ -x /usr/bin/time ] || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q time; }
cargo build --release --locked -q
python3 -c "import PIL" 2>/dev/null || python3 -m pip install -q pillow
python3 benches/bench.py "$@"
python3 benches/images.py
[ -d tests/a11y/node_modules/playwright-core ] || (cd tests/a11y && npm ci --no-audit --no-fund)
# Search is timed on the event-count sizes (its own defaults when none are given).
counts=()
for size in "$@"; do [[ $size =~ ^[0-9]+$ ]] && counts+=("$size"); done
if [ $# -eq 0 ] || [ ${#counts[@]} -gt 0 ]; then
  python3 benches/search.py ${WERKPLAATS_BASE_BIN:+--base "$WERKPLAATS_BASE_BIN"} "${counts[@]}"
fi
