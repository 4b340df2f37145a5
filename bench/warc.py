#!/usr/bin/env python3
"""WARC input and the prefilter: records per second per core, against warcio and FastWARC.

Targets (issue 16): reading + filtering at >= 5x FastWARC's record rate per core on the same
file; full analysis of the matching records within 1.2x of `slant extract`'s per-page cost.

What it does:
  1. Builds Slant in release mode (`swift build --scratch-path .build-scale`; `--binary` to use another).
  2. Builds, under .build-bench/warc/, from the 88 pages of ../shared/benchmarks/extraction-dev:
       crawl.warc.gz    as Common Crawl writes CC-NEWS: one gzip member per record; a warcinfo
                        record, then per page a request, a response (HTTP/1.1 200, the page as
                        body) and a metadata record. Every dev page once, then COPIES more copies
                        of each page that the Karabakh lexicon's filter does not keep (each copy
                        with its own URL and a comment, so no two bodies are equal): a crawl in
                        which few pages are on the topic, as in CC-NEWS.
       matches.warc.gz  the response records of the pages the filter keeps, once each, and the
                        same pages as files in matches/ (for `slant extract` on files).
     Which pages the filter keeps is found with `slant scan --list` on the dev pages.
  3. Runs, each pinned to one core (taskset -c 0), RUNS times interleaved; medians (best in brackets).
     Rates are timed inside each program around its record loop (start-up and imports excluded):
       slant scan            reading (inflate, parse records and HTTP, decode bodies)
       slant scan --word     reading + filtering (FILTER_WORDS: Ukraine, Kyiv, Kremlin, ...)
       warcio                ArchiveIterator, every record's content read (HTTP bodies decoded)
       FastWARC              ArchiveIterator(parse_http=True), every record's body read
     and, per matching page (whole process, start-up included, as bench/extraction.py times it):
       slant analyze --json matches.warc.gz   (read, clean, segment, tag with both lexicons, print)
       slant extract --json matches.warc.gz
       slant extract --json matches/*.html    (the per-page cost the target is relative to)
       warcio + trafilatura 2.0.0 on matches.warc.gz (extraction loop only)
  4. Prints the table and the ratios.

usage: bench/warc.py [--copies N] [--runs R] [--binary PATH] [--regenerate]
"""
import argparse, gzip, hashlib, io, json, os, statistics, subprocess, sys, time, uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(ROOT), "shared")
DATASET = os.path.join(SHARED, "benchmarks", "extraction-dev", "html")
WORK = os.path.join(ROOT, ".build-bench", "warc")
VENV = os.path.join(ROOT, ".build-bench", "venv")
PIN = ["taskset", "-c", "0"]
LEXICON = os.path.join(ROOT, "lexicons", "karabakh.yaml")
LOADED = os.path.join(ROOT, "lexicons", "loaded-language.en.yaml")
# The filter: words as specific as a study's. The dev pages hold no page on Karabakh (and the whole
# Karabakh lexicon keeps nearly every news page: it has general words such as "occupied" and
# "aggression" among its terms, which the filter, built never to lose a match, keeps too), so the
# bench filters on another conflict that some of them cover.
FILTER_WORDS = ["Ukrain*", "Kyiv", "Kiev", "Kremlin", "Donbas", "Украин*", "Київ"]
FILTER = [argument for word in FILTER_WORDS for argument in ("--word", word)]
GENERATOR_VERSION = 1


def run(command, **kwargs):
    return subprocess.run(command, check=True, **kwargs)


def build(scratch=".build-scale"):
    print(f"building: swift build -c release --product slant --static-swift-stdlib --scratch-path {scratch}", flush=True)
    run(["swift", "build", "-c", "release", "--product", "slant", "--static-swift-stdlib", "--scratch-path", scratch],
        cwd=ROOT, stdout=subprocess.DEVNULL)
    return os.path.join(ROOT, scratch, "release", "slant")


def python_with_packages():
    python = os.path.join(VENV, "bin", "python")
    if not os.path.exists(python):
        run([sys.executable, "-m", "venv", VENV])
    probe = subprocess.run([python, "-c", "import warcio, trafilatura, fastwarc"], capture_output=True)
    if probe.returncode != 0:
        run([python, "-m", "pip", "install", "-q", "warcio", "fastwarc", "trafilatura==2.0.0", "lxml_html_clean"],
            stdout=subprocess.DEVNULL)
    return python


# ---------------------------------------------------------------------------
# WARC files

def record(warc_type, uri, block, content_type):
    header = (f"WARC/1.0\r\nWARC-Type: {warc_type}\r\nWARC-Target-URI: {uri}\r\n"
              f"WARC-Date: 2024-03-01T12:00:00Z\r\nWARC-Record-ID: <urn:uuid:{uuid.uuid4()}>\r\n"
              f"Content-Type: {content_type}\r\nContent-Length: {len(block)}\r\n\r\n").encode()
    return header + block + b"\r\n\r\n"


def member(data):
    return gzip.compress(data, compresslevel=6, mtime=0)


def page_records(uri, body):
    request = record("request", uri, f"GET {uri} HTTP/1.1\r\nHost: bench.example\r\nUser-Agent: bench\r\n\r\n".encode(),
                     "application/http; msgtype=request")
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8\r\nContent-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body
    response = record("response", uri, http, "application/http; msgtype=response")
    metadata = record("metadata", uri, b"fetchTimeMs: 120\r\n", "application/warc-fields")
    return [request, response, metadata]


def write_warc(path, pages, with_others=True):
    """pages: list of (uri, body). Returns the number of records."""
    count = 0
    with open(path, "wb") as out:
        if with_others:
            out.write(member(record("warcinfo", "urn:bench", b"software: bench/warc.py\r\n", "application/warc-fields")))
            count += 1
        for uri, body in pages:
            records = page_records(uri, body)
            if not with_others:
                records = records[1:2]
            for item in records:
                out.write(member(item))
                count += 1
    return count


def dev_pages():
    pages = []
    for name in sorted(os.listdir(DATASET)):
        if name.endswith(".html.gz"):
            with gzip.open(os.path.join(DATASET, name), "rb") as handle:
                pages.append((name[:-8], handle.read()))
    return pages


def generate(binary, copies, regenerate):
    os.makedirs(WORK, exist_ok=True)
    stamp = os.path.join(WORK, "generated.json")
    wanted = {"version": GENERATOR_VERSION, "copies": copies, "filter": FILTER_WORDS}
    if not regenerate and os.path.exists(stamp) and json.load(open(stamp)) == wanted:
        return json.load(open(os.path.join(WORK, "facts.json")))
    pages = dev_pages()
    probe = os.path.join(WORK, "dev.warc.gz")
    write_warc(probe, [(f"https://bench.example/{name}", body) for name, body in pages])
    listed = run([binary, "scan"] + FILTER + ["--list", probe], capture_output=True, text=True).stdout
    kept = {line.split("\t")[1].rsplit("/", 1)[1] for line in listed.splitlines() if "\t" in line}
    matching = [(name, body) for name, body in pages if name in kept]
    others = [(name, body) for name, body in pages if name not in kept]
    crawl = [(f"https://bench.example/{name}", body) for name, body in pages]
    for copy in range(copies):
        for name, body in others:
            crawl.append((f"https://bench.example/{name}/copy-{copy}", body + f"\n<!-- copy {copy} -->\n".encode()))
    records = write_warc(os.path.join(WORK, "crawl.warc.gz"), crawl)
    write_warc(os.path.join(WORK, "matches.warc.gz"), [(f"https://bench.example/{name}", body) for name, body in matching], with_others=False)
    folder = os.path.join(WORK, "matches")
    os.makedirs(folder, exist_ok=True)
    for old in os.listdir(folder):
        os.remove(os.path.join(folder, old))
    for name, body in matching:
        with open(os.path.join(folder, name + ".html"), "wb") as handle:
            handle.write(body)
    facts = {"records": records, "responses": len(crawl), "matching": len(matching),
             "crawl_bytes": os.path.getsize(os.path.join(WORK, "crawl.warc.gz")),
             "inflated_bytes": sum(len(b) for _, b in crawl)}
    json.dump(facts, open(os.path.join(WORK, "facts.json"), "w"))
    json.dump(wanted, open(stamp, "w"))
    return facts


# ---------------------------------------------------------------------------
# The Python side (run in the virtualenv, timed inside)

PY_WARCIO = r"""
import sys, time
from warcio.archiveiterator import ArchiveIterator
count = 0
started = time.perf_counter()
with open(sys.argv[1], "rb") as stream:
    for record in ArchiveIterator(stream):
        record.content_stream().read()
        count += 1
print(count, time.perf_counter() - started)
"""

PY_FASTWARC = r"""
import sys, time
import fastwarc
count = 0
started = time.perf_counter()
for record in fastwarc.ArchiveIterator(fastwarc.GzipReader(sys.argv[1]), parse_http=True):
    record.reader.read()
    count += 1
print(count, time.perf_counter() - started)
"""

PY_TRAFILATURA = r"""
import sys, time
from warcio.archiveiterator import ArchiveIterator
import trafilatura
count = 0
started = time.perf_counter()
with open(sys.argv[1], "rb") as stream:
    for record in ArchiveIterator(stream):
        if record.rec_type != "response":
            continue
        body = record.content_stream().read()
        trafilatura.extract(body, include_comments=False)
        count += 1
print(count, time.perf_counter() - started)
"""


def timed_python(python, script, path):
    output = run(PIN + [python, "-c", script, path], capture_output=True, text=True).stdout.split()
    return int(output[0]), float(output[1])


def timed_scan(binary, path, filtered=False):
    command = PIN + [binary, "scan"] + (FILTER if filtered else []) + [path]
    line = run(command, capture_output=True, text=True).stdout.strip()
    # "PATH: N records · ... · 1.23 s (456 records/s)"
    records = int(line.split(": ", 1)[1].split(" records")[0])
    seconds = float(line.rsplit(" · ", 1)[1].split(" s ")[0])
    return records, seconds


def timed_process(command):
    started = time.perf_counter()
    run(PIN + command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=20)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--binary")
    parser.add_argument("--regenerate", action="store_true")
    args = parser.parse_args()
    binary = args.binary or build()
    python = python_with_packages()
    facts = generate(binary, args.copies, args.regenerate)
    crawl = os.path.join(WORK, "crawl.warc.gz")
    matches = os.path.join(WORK, "matches.warc.gz")
    files = sorted(os.path.join(WORK, "matches", name) for name in os.listdir(os.path.join(WORK, "matches")))
    print(f"crawl.warc.gz: {facts['records']} records ({facts['responses']} HTML responses, {facts['matching']} kept by the "
          f"filter), {facts['crawl_bytes'] / 1e6:.1f} MB gzipped, {facts['inflated_bytes'] / 1e6:.1f} MB of pages", flush=True)
    rates = {key: [] for key in ["scan", "filter", "warcio", "fastwarc"]}
    per_page = {key: [] for key in ["analyze-warc", "extract-warc", "extract-files", "trafilatura"]}
    for index in range(args.runs):
        records, seconds = timed_scan(binary, crawl)
        rates["scan"].append(records / seconds)
        records, seconds = timed_scan(binary, crawl, filtered=True)
        rates["filter"].append(records / seconds)
        records, seconds = timed_python(python, PY_WARCIO, crawl)
        rates["warcio"].append(records / seconds)
        records, seconds = timed_python(python, PY_FASTWARC, crawl)
        rates["fastwarc"].append(records / seconds)
        count = facts["matching"]
        per_page["analyze-warc"].append(timed_process([binary, "analyze", "--json", "--lexicon", LEXICON, "--lexicon", LOADED, matches]) / count)
        per_page["extract-warc"].append(timed_process([binary, "extract", "--json", matches]) / count)
        per_page["extract-files"].append(timed_process([binary, "extract", "--json"] + files) / count)
        pages, seconds = timed_python(python, PY_TRAFILATURA, matches)
        per_page["trafilatura"].append(seconds / pages)
        print(f"  run {index + 1}/{args.runs} done", flush=True)
    median = statistics.median
    print()
    print("records per second on one core (median [best]), the whole crawl:")
    names = {"scan": "slant scan (read)", "filter": "slant scan --word ... (read + filter)",
             "warcio": "warcio 1.8 (read)", "fastwarc": "FastWARC 2.0 (read)"}
    for key, name in names.items():
        print(f"  {name:40s} {median(rates[key]):9.0f}  [{max(rates[key]):.0f}]")
    print(f"  read + filter / FastWARC read: {median(rates['filter']) / median(rates['fastwarc']):.2f}x   "
          f"(target >= 5x); / warcio: {median(rates['filter']) / median(rates['warcio']):.2f}x")
    print()
    print(f"per matching page on one core, ms (median [best]), {facts['matching']} pages:")
    names = {"analyze-warc": "slant analyze --json matches.warc.gz", "extract-warc": "slant extract --json matches.warc.gz",
             "extract-files": "slant extract --json matches/*.html", "trafilatura": "warcio + trafilatura 2.0.0"}
    for key, name in names.items():
        print(f"  {name:40s} {median(per_page[key]) * 1000:8.2f}  [{min(per_page[key]) * 1000:.2f}]")
    print(f"  analyze from WARC / extract from files: {median(per_page['analyze-warc']) / median(per_page['extract-files']):.2f}x "
          f"(target <= 1.2x); extract from WARC / from files: {median(per_page['extract-warc']) / median(per_page['extract-files']):.2f}x")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
