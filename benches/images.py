#!/usr/bin/env python3
"""Picture benchmark (SPEC §2.2): the 1k-event site of gen_site.py without pictures, and the
same site with 100 phone-sized photos (4000×3000 JPEG, 2–4 MB each) on 100 events.

Reports the median wall time of 5 builds without photos, the first build with them (an
empty cache: every photo decoded, resized to 480/960/1600 and encoded as WebP and JPEG), the
median of 5 rebuilds with a full cache, and the ratio of that to the build without photos;
then the bytes an event page with a photo costs a phone at 320 px (device pixel ratio 2:
the browser takes the 960 px WebP of the srcset) against the original photo.
"""
import os
import random
import re
import shutil
import statistics
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench import BIN, NOW, WORK, generate, timed  # noqa: E402

PHOTOS = 100
RUNS = 5


def photos(media):
    """100 synthetic photos: gradients under grain, which compress like a camera's."""
    from PIL import Image, ImageFilter
    os.makedirs(media, exist_ok=True)
    rng = random.Random(7)
    for i in range(PHOTOS):
        path = os.path.join(media, f"foto-{i:03d}.jpg")
        if os.path.exists(path):
            continue
        w, h = 4000, 3000
        grad = Image.linear_gradient("L").resize((w, h))
        noise = Image.effect_noise((w, h), 40 + i % 30)
        blur = noise.filter(ImageFilter.GaussianBlur(1))
        img = Image.merge("RGB", (grad, blur, grad.transpose(Image.Transpose.FLIP_LEFT_RIGHT)))
        img.save(path, quality=rng.choice([88, 92, 95]))


def with_photos(site):
    """A copy of `site` whose first 100 events (by id) show a photo each."""
    out = site + "-photos"
    if not os.path.isdir(out):
        shutil.copytree(site, out)
        events = os.path.join(out, "content", "events")
        ids = sorted({f.split(".")[0] for f in os.listdir(events)})[:PHOTOS]
        for i, id_ in enumerate(ids):
            for lang in ("nl", "en"):
                path = os.path.join(events, f"{id_}.{lang}.md")
                if not os.path.exists(path):
                    continue
                text = open(path, encoding="utf-8").read()
                lines = f'image_alt: "Foto {i}"\n'
                if lang == "nl":
                    lines = f"image: foto-{i:03d}.jpg\n" + lines
                open(path, "w", encoding="utf-8").write(text.replace("---\n", "---\n" + lines, 1))
    photos(os.path.join(out, "content", "media"))
    return out


def build(site, out):
    wall, rss, _ = timed([BIN, "--messages", "en", "build", "--root", site, "--now", NOW, "--out", out])
    return wall, rss


def main():
    os.makedirs(WORK, exist_ok=True)
    plain = generate(1000, "werkplaats")
    photo = with_photos(plain)
    out_plain, out_photo = f"{WORK}/out-plain", f"{WORK}/out-photo"
    for o in (out_plain, out_photo):
        shutil.rmtree(o, ignore_errors=True)
    cache = os.path.join(photo, ".werkplaats-cache")
    shutil.rmtree(cache, ignore_errors=True)
    first, first_rss = build(photo, out_photo)
    build(plain, out_plain)  # warm-up
    plain_runs, cached_runs = [], []
    for _ in range(RUNS):
        plain_runs.append(build(plain, out_plain))
        cached_runs.append(build(photo, out_photo))
    p = statistics.median(r[0] for r in plain_runs)
    c = statistics.median(r[0] for r in cached_runs)
    media = os.path.join(photo, "content", "media")
    originals = sorted(os.path.join(media, f) for f in os.listdir(media) if f.endswith(".jpg"))
    orig_mb = sum(os.path.getsize(f) for f in originals) / len(originals) / 2**20
    # An event page with a photo, as a 320 px phone (DPR 2) loads it.
    events_out = os.path.join(out_photo, "agenda")
    page = None
    for name in sorted(os.listdir(events_out)):
        index = os.path.join(events_out, name, "index.html")
        if os.path.exists(index) and "<picture>" in open(index, encoding="utf-8").read():
            page = index
            break
    html = open(page, encoding="utf-8").read()
    webp = re.search(r'(/media/[^" ,]+-960\.webp) 960w', html).group(1)
    assets = ["style.css", "menu.js", "agenda.js"]
    page_bytes = os.path.getsize(page) + sum(os.path.getsize(os.path.join(out_photo, a)) for a in assets)
    image_bytes = os.path.getsize(os.path.join(out_photo, webp.lstrip("/")))
    original = re.search(r"/media/(foto-\d+)-960", webp).group(1)
    original_bytes = os.path.getsize(os.path.join(media, original + ".jpg"))
    print(f"\n{PHOTOS} photos of 4000×3000 px (JPEG, {orig_mb:.1f} MB on average) on the 1k-event site, "
          f"output to /dev/shm, on {os.cpu_count()} cores; median of {RUNS} runs.\n")
    print("| build | wall | peak RSS |")
    print("|---|---:|---:|")
    print(f"| without photos | {p:.2f} s | {statistics.median(r[1] for r in plain_runs) / 2**20:.0f} MiB |")
    print(f"| with photos, empty cache (first build) | {first:.2f} s | {first_rss / 2**20:.0f} MiB |")
    print(f"| with photos, cache full (rebuild) | {c:.2f} s | {statistics.median(r[1] for r in cached_runs) / 2**20:.0f} MiB |")
    print(f"\nRebuild with photos / without: {c / p:.2f}× (+{(c / p - 1) * 100:.0f}%).")
    print(f"An event page with a photo at 320 px (DPR 2): {page_bytes / 1024:.0f} kB of HTML, CSS and JS "
          f"+ {image_bytes / 1024:.0f} kB of WebP (960 px) = {(page_bytes + image_bytes) / 1024:.0f} kB; "
          f"the original photo alone is {original_bytes / 1024:.0f} kB.")
    for o in (out_plain, out_photo):
        shutil.rmtree(o, ignore_errors=True)


if __name__ == "__main__":
    main()
