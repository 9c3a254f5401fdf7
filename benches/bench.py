#!/usr/bin/env python3
"""Build-time benchmark: werkplaats, Zola (../shared/bench/peers/zola) and Hugo on sites
from ../shared/bench/gen_site.py: 1k, 10k and 50k events and the national shape.

    bench.py [SIZE ...]      # sizes: a number of events, or "national"

For each size: generate the three formats into /dev/shm, warm up once, then 5 runs (3 on
the national site) with the generators interleaved (so all see the same machine), output
to /dev/shm. Reports median wall time, peak RSS (median of /usr/bin/time -v's maximum
resident set), pages, output bytes, the largest HTML page and the agenda page; then
serve's edit-to-page latency: the time from saving a file to the
moment the reloading tab has the edited page with the edit in it (a waiting tab is told to
reload only once the new build is in place; the page is then made on request).
"""
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
import urllib.request

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GEN = os.path.join(REPO, "..", "shared", "bench", "gen_site.py")
BIN = os.path.join(REPO, "target", "release", "werkplaats")
WORK = "/dev/shm/werkplaats-bench"
ZOLA = os.path.join(REPO, "..", "shared", "bench", "peers", "zola")
RUNS = int(os.environ.get("BENCH_RUNS", 5))
# A national build takes about a minute for each generator: fewer rounds.
NATIONAL_RUNS = int(os.environ.get("BENCH_NATIONAL_RUNS", 3))
# The peers to compare with: BENCH_PEERS=zola leaves Hugo out (its peak memory on the
# national site does not fit beside the sites in /dev/shm on a 24 GiB machine).
PEERS = os.environ.get("BENCH_PEERS", "zola,hugo").split(",")
NOW = "2026-11-21 12:00"


def timed(cmd, cwd=None):
    """Runs cmd under /usr/bin/time -v: (wall seconds, peak RSS bytes, stdout)."""
    started = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-v", *cmd], cwd=cwd, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if p.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{p.stdout[-2000:]}\n{p.stderr[-2000:]}")
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr).group(1)) * 1024
    return wall, rss, p.stdout


def du(path):
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(path) for f in fs)


def generate(size, fmt):
    """The generated site of a size (a number of events, or "national") in a format."""
    out = f"{WORK}/{fmt}-{size}"
    if not os.path.isdir(out):
        shape = ["--national"] if size == "national" else ["--events", str(size)]
        subprocess.run([sys.executable, GEN, *shape, "--out", out, "--format", fmt,
                        "--themes", os.path.join(REPO, "themes")], check=True, capture_output=True)
    if fmt == "werkplaats":
        # A site generated earlier may carry an older copy of the theme.
        shutil.rmtree(os.path.join(out, "themes"), ignore_errors=True)
        shutil.copytree(os.path.join(REPO, "themes"), os.path.join(out, "themes"))
    return out


def html_pages(out):
    return sum(1 for _, _, fs in os.walk(out) for f in fs if f.endswith(".html"))


def ours(site, out):
    wall, rss, stdout = timed([BIN, "--messages", "en", "build", "--root", site, "--now", NOW, "--out", out])
    pages = int(re.search(r"built (\d+) pages", stdout).group(1))
    return wall, rss, pages


def zola(site, out):
    wall, rss, _ = timed([ZOLA, "--root", site, "build", "--output-dir", out, "--force"])
    return wall, rss, html_pages(out)


def hugo(site, out):
    wall, rss, _ = timed(["hugo", "--quiet", "--source", site, "--destination", out, "--cleanDestinationDir"])
    return wall, rss, html_pages(out)


def largest_html(out):
    """The largest HTML file of a built site: (bytes, path relative to it)."""
    return max((os.path.getsize(os.path.join(d, f)), os.path.relpath(os.path.join(d, f), out))
               for d, _, fs in os.walk(out) for f in fs if f.endswith(".html"))


def serve_latency(site, samples=7):
    """Median ms from saving a file to the reload signal."""
    p = subprocess.Popen([BIN, "serve", "--root", site, "--port", "0"], stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL, text=True)
    try:
        base = None
        while base is None:
            line = p.stdout.readline()
            if not line:
                return None
            m = re.search(r"(http://\S+)/ \(Ctrl-C", line)
            base = m.group(1) if m else None
        gen = json.load(urllib.request.urlopen(f"{base}/__werkplaats/wait?since=0"))["generation"]
        target = os.path.join(site, "content", "events", "evenement-000001.nl.md")
        original = open(target, encoding="utf-8").read()
        results = []
        for i in range(samples):
            time.sleep(0.3)
            started = time.perf_counter()
            with open(target, "w", encoding="utf-8") as f:
                f.write(original.replace("summary: \"", f"summary: \"{i} ", 1))
            gen = json.load(urllib.request.urlopen(f"{base}/__werkplaats/wait?since={gen}", timeout=120))["generation"]
            # What the reloading tab gets: the edited page, with the edit in it.
            page = urllib.request.urlopen(f"{base}/agenda/evenement-000001/", timeout=120).read().decode()
            results.append((time.perf_counter() - started) * 1000)
            if f"{i} " not in page:
                sys.exit("serve: the reloaded page does not show the edit")
        with open(target, "w", encoding="utf-8") as f:
            f.write(original)
        return statistics.median(results)
    finally:
        p.terminate()
        p.wait()


def main():
    sizes = [a if a == "national" else int(a) for a in sys.argv[1:]] or [1000, 10000, 50000, "national"]
    os.makedirs(WORK, exist_ok=True)
    peers = [("Hugo", "hugo", hugo)] if "hugo" in PEERS else []
    if "zola" in PEERS and os.access(ZOLA, os.X_OK):
        peers.insert(0, ("Zola", "zola", zola))
    elif "zola" in PEERS:
        print(f"note: no Zola at {ZOLA}; not comparing with it", file=sys.stderr)
    rows = []
    for size in sizes:
        runs = RUNS if size != "national" else NATIONAL_RUNS
        tools = [("werkplaats", generate(size, "werkplaats"), ours)]
        tools += [(name, generate(size, fmt), run) for name, fmt, run in peers]
        outs = {name: f"{WORK}/out-{name}-{size}" for name, _, _ in tools}
        results = {name: [] for name, _, _ in tools}
        for name, _, _ in tools:
            # Left by an interrupted run (or an older version without the build marker).
            shutil.rmtree(outs[name], ignore_errors=True)
        for i in range(runs + 1):  # the first round is a warm-up
            for name, site, run in tools:
                r = run(site, outs[name])
                if i:
                    results[name].append(r)
        row = {"size": size}
        for name, _, _ in tools:
            row[name] = (statistics.median(r[0] for r in results[name]),
                         statistics.median(r[1] for r in results[name]),
                         results[name][0][2], du(outs[name]))
        row["largest"] = largest_html(outs["werkplaats"])
        row["agenda"] = os.path.getsize(os.path.join(outs["werkplaats"], "agenda", "index.html"))
        # /dev/shm is memory: outputs of one size must not crowd the next size's runs.
        for name, _, _ in tools:
            shutil.rmtree(outs[name], ignore_errors=True)
        row["latency"] = serve_latency(tools[0][1])
        rows.append(row)
        # Each size as soon as it is measured (a long run that is stopped keeps these).
        print(f"{size}: " + ", ".join(f"{n} {row[n][0]:.2f} s, {row[n][1] / 2**20:,.0f} MiB"
                                      for n, _, _ in tools)
              + f"; largest page {row['largest'][0]:,} B, agenda {row['agenda']:,} B, serve {row['latency']} ms",
              file=sys.stderr, flush=True)
    names = [name for name, _, _ in peers]
    versions = {}
    if "Hugo" in names:
        versions["Hugo"] = subprocess.run(["hugo", "version"], capture_output=True, text=True).stdout.split()[1]
    if "Zola" in names:
        versions["Zola"] = subprocess.run([ZOLA, "--version"], capture_output=True, text=True).stdout.split()[1]
    print(f"\nMedian of {RUNS} runs ({NATIONAL_RUNS} on the national site) after a warm-up, the generators "
          f"interleaved, output to /dev/shm, on {os.cpu_count()} cores; "
          + ", ".join(f"{n} {versions[n]}" for n in names)
          + " on `gen_site.py --format zola|hugo` of the same content. werkplaats also writes the "
          "iCalendar/Atom/JSON feeds of every scope, an .ics per event and the search index. "
          "Ratio: werkplaats ÷ peer.\n")
    head = "| site | werkplaats | peak RSS | pages | output |"
    rule = "|---|---:|---:|---:|---:|"
    for n in names:
        head += f" {n} | peak RSS | time ratio | RSS ratio |"
        rule += "---:|---:|---:|---:|"
    head += " largest page | agenda | serve edit→page |"
    rule += "---:|---:|---:|"
    print(head)
    print(rule, flush=True)
    mib = lambda b: f"{b / 2**20:,.0f} MiB"
    kb = lambda b: f"{b / 1000:,.0f} kB"
    for row in rows:
        size = row["size"]
        label = "national (100k courses, 10k events)" if size == "national" else f"{size:,} events"
        ww, wr, wp, wb = row["werkplaats"]
        line = f"| {label} | {ww:.2f} s | {mib(wr)} | {wp:,} | {mib(wb)} |"
        for n in names:
            pw, pr, _, _ = row[n]
            line += f" {pw:.2f} s | {mib(pr)} | {ww / pw:.2f} | {wr / pr:.2f} |"
        lat = row["latency"]
        line += f" {kb(row['largest'][0])} | {kb(row['agenda'])} | {f'{lat:.0f} ms' if lat is not None else '–'} |"
        print(line, flush=True)
        print(f"largest HTML page at {size}: {row['largest'][1]}", file=sys.stderr, flush=True)

if __name__ == "__main__":
    main()
