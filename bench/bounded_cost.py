#!/usr/bin/env python3
"""Cost per document as a page grows: pages of 10 KB to 10 MB of text without sentence punctuation
(a scraped table, a list, a machine-made page), dense with tagged words, each run alone through
`slant run` on an empty store. Prints, per size, wall time, peak resident memory, the store's size
and the report files' sizes, each also per input byte: all must stay flat as the page grows
(DESIGN, "Bounded cost": memory, store size and time linear in the document's size).

usage: bench/bounded_cost.py [--binary .build/release/slant] [--sizes 10000,100000,1000000,10000000]
"""
import argparse, os, shutil, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORDS = ("the occupied Artsakh brutal regime shelling Nagorno-Karabakh separatist forces massacre "
         "Stepanakert Khankendi claimed terrorists table row value cell data entry item list").split()

def page(size):
    body, words, i = [], 0, 0
    while words < size:
        word = WORDS[i % len(WORDS)]
        body.append(word)
        words += len(word) + 1
        i += 7
    text = " ".join(body)
    return ("<!doctype html><html><head><title>Listing</title></head><body><article><p>"
            + text + "</p></article></body></html>")

def directory_bytes(path):
    total = 0
    for base, _, files in os.walk(path):
        for name in files:
            total += os.path.getsize(os.path.join(base, name))
    return total

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "slant"))
    parser.add_argument("--sizes", default="10000,100000,1000000,10000000")
    args = parser.parse_args()
    if not os.path.exists(args.binary):
        sys.exit(f"no binary at {args.binary}: build it with `swift build -c release --product slant`")
    print(f"{'input':>10} {'wall s':>7} {'RSS MB':>7} {'store MB':>9} {'evid MB':>8} {'html KB':>8}"
          f" {'RSS/B':>6} {'store/B':>8} {'evid/B':>7} {'µs/KB':>6}")
    for size in [int(s) for s in args.sizes.split(",")]:
        work = tempfile.mkdtemp(prefix="slant-bounded-")
        try:
            os.makedirs(os.path.join(work, "corpus"))
            with open(os.path.join(work, "corpus", "listing.html"), "w") as f:
                f.write(page(size))
            shutil.copytree(os.path.join(ROOT, "lexicons"), os.path.join(work, "lexicons"))
            with open(os.path.join(work, "pipeline.yaml"), "w") as f:
                f.write("sources:\n  - path: corpus/*.html\n    outlet: Listing\n"
                        "lexicons: [lexicons/karabakh.yaml, lexicons/loaded-language.en.yaml,"
                        " lexicons/epistemic-framing.en.yaml, lexicons/labels.en.yaml]\n"
                        "limits:\n  max_document_bytes: 67108864\n")
            input_bytes = os.path.getsize(os.path.join(work, "corpus", "listing.html"))
            started = time.time()
            run = subprocess.run(["/usr/bin/time", "-f", "%M", args.binary, "run"], cwd=work,
                                 capture_output=True, text=True)
            wall = time.time() - started
            if run.returncode != 0:
                print(run.stdout, run.stderr)
                sys.exit(f"slant run failed at {size} bytes")
            rss_kb = int(run.stderr.strip().splitlines()[-1])
            store = directory_bytes(os.path.join(work, ".slant"))
            evidence = os.path.getsize(os.path.join(work, "reports", "data", "evidence.csv"))
            html = os.path.getsize(os.path.join(work, "reports", "index.html"))
            print(f"{input_bytes:>10} {wall:>7.2f} {rss_kb / 1024:>7.1f} {store / 1e6:>9.2f} {evidence / 1e6:>8.2f}"
                  f" {html / 1e3:>8.1f} {rss_kb * 1024 / input_bytes:>6.1f} {store / input_bytes:>8.2f}"
                  f" {evidence / input_bytes:>7.2f} {wall * 1e6 / (input_bytes / 1e3):>6.0f}", flush=True)
        finally:
            shutil.rmtree(work, ignore_errors=True)

if __name__ == "__main__":
    main()
