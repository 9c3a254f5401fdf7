#!/usr/bin/env python3
"""Build-time benchmark: werkplaats and Hugo on sites from ../shared/bench/gen_site.py.

For each size: generate both formats into /dev/shm, warm up once, then 5 runs with ours
and Hugo interleaved (so both see the same machine), output to /dev/shm. Reports median
wall time, pages per second, peak RSS (median of /usr/bin/time -v's maximum resident set)
and output bytes; then serve's edit-to-reload latency: the time from saving a file to the
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
RUNS = 5
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


def generate(events, fmt):
    out = f"{WORK}/{fmt}-{events}"
    if not os.path.isdir(out):
        subprocess.run([sys.executable, GEN, "--events", str(events), "--out", out, "--format", fmt,
                        "--themes", os.path.join(REPO, "themes")], check=True, capture_output=True)
    if fmt == "werkplaats":
        # A site generated earlier may carry an older copy of the theme.
        shutil.rmtree(os.path.join(out, "themes"), ignore_errors=True)
        shutil.copytree(os.path.join(REPO, "themes"), os.path.join(out, "themes"))
    return out


def ours(site, out):
    wall, rss, stdout = timed([BIN, "--messages", "en", "build", "--root", site, "--now", NOW, "--out", out])
    pages = int(re.search(r"built (\d+) pages", stdout).group(1))
    return wall, rss, pages


def hugo(site, out):
    wall, rss, stdout = timed(["hugo", "--quiet", "--source", site, "--destination", out, "--cleanDestinationDir"])
    pages = sum(1 for d, _, fs in os.walk(out) for f in fs if f.endswith(".html"))
    return wall, rss, pages


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
    sizes = [int(a) for a in sys.argv[1:]] or [1000, 10000, 50000]
    os.makedirs(WORK, exist_ok=True)
    rows = []
    for events in sizes:
        site_w, site_h = generate(events, "werkplaats"), generate(events, "hugo")
        out_w, out_h = f"{WORK}/out-w-{events}", f"{WORK}/out-h-{events}"
        # Left by an interrupted run (or an older version without the build marker).
        shutil.rmtree(out_w, ignore_errors=True)
        shutil.rmtree(out_h, ignore_errors=True)
        ours(site_w, out_w), hugo(site_h, out_h)  # warm-up
        w_runs, h_runs = [], []
        for _ in range(RUNS):
            w_runs.append(ours(site_w, out_w))
            h_runs.append(hugo(site_h, out_h))
        w_wall = statistics.median(r[0] for r in w_runs)
        h_wall = statistics.median(r[0] for r in h_runs)
        w_rss = statistics.median(r[1] for r in w_runs)
        h_rss = statistics.median(r[1] for r in h_runs)
        w_pages, h_pages = w_runs[0][2], h_runs[0][2]
        latency = serve_latency(site_w)
        rows.append((events, w_wall, w_pages, w_rss, du(out_w), h_wall, h_pages, h_rss, du(out_h), latency))
        # /dev/shm is memory: outputs of one size must not crowd the next size's runs.
        shutil.rmtree(out_w, ignore_errors=True)
        shutil.rmtree(out_h, ignore_errors=True)
        print(f"{events} events: werkplaats {w_wall:.2f} s, hugo {h_wall:.2f} s", file=sys.stderr)
    hugo_version = subprocess.run(["hugo", "version"], capture_output=True, text=True).stdout.split()[1]
    print(f"\nMedian of {RUNS} runs after a warm-up, output to /dev/shm, on {os.cpu_count()} cores; "
          f"Hugo {hugo_version} on `gen_site.py --format hugo` of the same size. werkplaats also writes "
          "the iCalendar/Atom/JSON feeds of every scope and an .ics per event.\n")
    print("| events | werkplaats | pages/s | peak RSS | output | Hugo | pages/s | peak RSS | output | ratio | serve edit→reload |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for e, ww, wp, wr, wb, hw, hp, hr, hb, lat in rows:
        mib = lambda b: f"{b / 2**20:.0f} MiB"
        lat_s = f"{lat:.0f} ms" if lat is not None else "–"
        print(f"| {e:,} | {ww:.2f} s | {wp / ww:,.0f} | {mib(wr)} | {mib(wb)} | {hw:.2f} s | {hp / hw:,.0f} | {mib(hr)} | {mib(hb)} | {ww / hw:.2f} | {lat_s} |")


if __name__ == "__main__":
    main()
