#!/usr/bin/env python3
"""Search benchmark (SPEC §2.3): the time and size of the Pagefind index at 1k, 10k and 50k
events, the whole build with search against a build without it, and the bytes one query
costs a visitor on the 10k site.

    python3 benches/search.py [--base BIN] [sizes…]

`--base` is a werkplaats binary without search (built from the commit before it, e.g.
`git worktree add ../old e104a55 && cargo build --release` there); without it only the
index's own figures are reported. Builds alternate between the two binaries, output to
/dev/shm, and each figure is the median of the runs. The query is measured in Debian's
Chromium (tests/a11y/network.mjs): every byte the search page fetches from /pagefind/ for
one query, after the page itself has loaded.
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench import BIN, NOW, REPO, WORK, du, generate  # noqa: E402


def build(binary, site, out):
    env = dict(os.environ, WERKPLAATS_TIMINGS="1")
    started = time.perf_counter()
    r = subprocess.run([binary, "--messages", "en", "build", "--root", site, "--now", NOW, "--out", out],
                       capture_output=True, text=True, env=env, check=True)
    wall = time.perf_counter() - started
    m = re.search(r"timing: search index (\d+) ms", r.stderr)
    return wall, (int(m.group(1)) / 1000 if m else None)


def query_bytes(out, term):
    port = 8770
    server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
                               "--directory", out], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(0.5)
        r = subprocess.run(["node", os.path.join(REPO, "tests", "a11y", "network.mjs"),
                            f"http://127.0.0.1:{port}", term], capture_output=True, text=True, check=True)
        return r.stdout.strip()
    finally:
        server.terminate()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base")
    parser.add_argument("--base-themes", help="the themes folder of the commit --base was built from")
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10000, 50000])
    args = parser.parse_args()
    os.makedirs(WORK, exist_ok=True)
    print(f"\nOutput to /dev/shm, {os.cpu_count()} cores; medians.\n")
    print("| events | index time | index size | index files | build with search | without | ratio |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    network = None
    for events in args.sizes:
        site = generate(events, "werkplaats")
        base_site = site
        if args.base:
            # The older binary reads its own theme (today's templates use what it lacks).
            base_site = site + "-base"
            if not os.path.isdir(base_site):
                shutil.copytree(site, base_site, symlinks=True)
            shutil.rmtree(os.path.join(base_site, "themes"), ignore_errors=True)
            shutil.copytree(args.base_themes or os.path.join(REPO, "themes"), os.path.join(base_site, "themes"))
        out, base_out = f"{WORK}/search-out-{events}", f"{WORK}/search-base-{events}"
        for o in (out, base_out):
            shutil.rmtree(o, ignore_errors=True)
        runs = 5 if events <= 10000 else 3
        ours, index, base = [], [], []
        build(BIN, site, out)  # warm-up
        if args.base:
            build(args.base, base_site, base_out)
        for _ in range(runs):
            wall, took = build(BIN, site, out)
            ours.append(wall)
            index.append(took)
            if args.base:
                base.append(build(args.base, base_site, base_out)[0])
        folder = os.path.join(out, "pagefind")
        files = sum(len(fs) for _, _, fs in os.walk(folder))
        w = statistics.median(ours)
        b = statistics.median(base) if base else None
        ratio = f"{w / b:.2f}×" if b else "–"
        without = f"{b:.2f} s" if b else "–"
        print(f"| {events:,} | {statistics.median(index):.2f} s | {du(folder) / 2**20:.1f} MiB | {files:,} "
              f"| {w:.2f} s | {without} | {ratio} |")
        if events == 10000:
            network = query_bytes(out, "workshop")
        for o in (out, base_out):
            shutil.rmtree(o, ignore_errors=True)
    if network:
        print(f"\nOne query (\"workshop\") on the 10k site: {network}.")


if __name__ == "__main__":
    main()
