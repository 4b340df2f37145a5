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
     (rates by wall time inside the loop, and by the process's cpu time), and, per matching page (whole
     process, start-up included, as bench/extraction.py times it):
       slant analyze --json matches.warc.gz   (read, clean, segment, tag with both lexicons, print)
       slant extract --json matches.warc.gz
       slant extract --json matches/*.html    (the per-page cost the target is relative to)
       warcio + trafilatura 2.0.0 on matches.warc.gz (extraction loop only)
     and the cost of each matching page beyond the first (cpu time of all pages minus that of the first
     page alone, first.warc.gz or its file): a process's fixed start-up (loading and compiling the
     lexicons, about 0.45 G instructions for these two) is divided among only the few matching pages here.
  4. Prints the table and the ratios.

usage: bench/warc.py [--copies N] [--runs R] [--binary PATH] [--regenerate]
"""
import argparse, gzip, hashlib, io, json, os, resource, statistics, subprocess, sys, time, uuid

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


def first_match(path):
    """first.warc.gz: the first record of matches.warc.gz alone (the fixed cost of a process, for the
    marginal cost per page)."""
    with gzip.open(path, "rb") as handle:
        data = handle.read()
    end = data.find(b"\r\n\r\nWARC/1.0\r\n")
    first = data if end < 0 else data[:end + 4]
    target = os.path.join(WORK, "first.warc.gz")
    with open(target, "wb") as out:
        out.write(member(first))
    return target


def generate(binary, copies, regenerate):
    os.makedirs(WORK, exist_ok=True)
    stamp = os.path.join(WORK, "generated.json")
    wanted = {"version": GENERATOR_VERSION, "copies": copies, "filter": FILTER_WORDS}
    if not regenerate and os.path.exists(stamp) and json.load(open(stamp)) == wanted:
        first_match(os.path.join(WORK, "matches.warc.gz"))
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
    first_match(os.path.join(WORK, "matches.warc.gz"))
    return facts


# ---------------------------------------------------------------------------
# The Python side (run in the virtualenv, timed inside)

PY_WARCIO = r"""
import sys, time
from warcio.archiveiterator import ArchiveIterator
count = 0
started = time.perf_counter()
cpu = time.process_time()
with open(sys.argv[1], "rb") as stream:
    for record in ArchiveIterator(stream):
        record.content_stream().read()
        count += 1
print(count, time.perf_counter() - started, time.process_time() - cpu)
"""

PY_FASTWARC = r"""
import sys, time
import fastwarc
count = 0
started = time.perf_counter()
cpu = time.process_time()
for record in fastwarc.ArchiveIterator(fastwarc.GzipReader(sys.argv[1]), parse_http=True):
    record.reader.read()
    count += 1
print(count, time.perf_counter() - started, time.process_time() - cpu)
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
    """(records, wall s, cpu s) of the record loop."""
    output = run(PIN + [python, "-c", script, path], capture_output=True, text=True).stdout.split()
    return int(output[0]), float(output[1]), float(output[2]) if len(output) > 2 else float(output[1])


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_scan(binary, path, filtered=False):
    """(records, wall s inside the record loop, cpu s of the whole process)."""
    command = PIN + [binary, "scan"] + (FILTER if filtered else []) + [path]
    before = children_cpu()
    line = run(command, capture_output=True, text=True).stdout.strip()
    cpu = children_cpu() - before
    # "PATH: N records · ... · 1.23 s (456 records/s)"
    records = int(line.split(": ", 1)[1].split(" records")[0])
    seconds = float(line.rsplit(" · ", 1)[1].split(" s ")[0])
    return records, seconds, cpu


def timed_process(command):
    """(wall s, cpu s) of the whole process."""
    before = children_cpu()
    started = time.perf_counter()
    run(PIN + command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started, children_cpu() - before


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
    first = os.path.join(WORK, "first.warc.gz")
    rates = {key: [] for key in ["scan", "filter", "warcio", "fastwarc"]}
    cpu_rates = {key: [] for key in rates}
    per_page = {key: [] for key in ["analyze-warc", "extract-warc", "extract-files", "trafilatura"]}
    marginal = {key: [] for key in ["analyze-warc", "extract-files"]}
    analyze = [binary, "analyze", "--json", "--lexicon", LEXICON, "--lexicon", LOADED]
    for index in range(args.runs):
        records, seconds, cpu = timed_scan(binary, crawl)
        rates["scan"].append(records / seconds)
        cpu_rates["scan"].append(records / cpu)
        records, seconds, cpu = timed_scan(binary, crawl, filtered=True)
        rates["filter"].append(records / seconds)
        cpu_rates["filter"].append(records / cpu)
        records, seconds, cpu = timed_python(python, PY_WARCIO, crawl)
        rates["warcio"].append(records / seconds)
        cpu_rates["warcio"].append(records / cpu)
        records, seconds, cpu = timed_python(python, PY_FASTWARC, crawl)
        rates["fastwarc"].append(records / seconds)
        cpu_rates["fastwarc"].append(records / cpu)
        count = facts["matching"]
        wall, all_cpu = timed_process(analyze + [matches])
        per_page["analyze-warc"].append(wall / count)
        _, one_cpu = timed_process(analyze + [first])
        marginal["analyze-warc"].append((all_cpu - one_cpu) / (count - 1))
        per_page["extract-warc"].append(timed_process([binary, "extract", "--json", matches])[0] / count)
        wall, all_cpu = timed_process([binary, "extract", "--json"] + files)
        per_page["extract-files"].append(wall / count)
        _, one_cpu = timed_process([binary, "extract", "--json", files[0]])
        marginal["extract-files"].append((all_cpu - one_cpu) / (count - 1))
        pages, seconds, _ = timed_python(python, PY_TRAFILATURA, matches)
        per_page["trafilatura"].append(seconds / pages)
        print(f"  run {index + 1}/{args.runs} done", flush=True)
    median = statistics.median
    print()
    print("records per second on one core (median [best]), the whole crawl; by wall time inside the record loop,")
    print("and by the process's cpu time (user + sys, start-up included), which the other work on a shared machine")
    print("does not change:")
    names = {"scan": "slant scan (read)", "filter": "slant scan --word ... (read + filter)",
             "warcio": "warcio 1.8 (read)", "fastwarc": "FastWARC 2.0 (read)"}
    for key, name in names.items():
        print(f"  {name:40s} wall {median(rates[key]):9.0f}  [{max(rates[key]):.0f}]   cpu {median(cpu_rates[key]):9.0f}  [{max(cpu_rates[key]):.0f}]")
    print(f"  read + filter / FastWARC read: {median(rates['filter']) / median(rates['fastwarc']):.2f}x by wall, "
          f"{median(cpu_rates['filter']) / median(cpu_rates['fastwarc']):.2f}x by cpu   (target >= 5x); "
          f"/ warcio: {median(cpu_rates['filter']) / median(cpu_rates['warcio']):.2f}x by cpu")
    print()
    print(f"per matching page on one core, ms (median [best]), {facts['matching']} pages, whole process (start-up included):")
    names = {"analyze-warc": "slant analyze --json matches.warc.gz", "extract-warc": "slant extract --json matches.warc.gz",
             "extract-files": "slant extract --json matches/*.html", "trafilatura": "warcio + trafilatura 2.0.0"}
    for key, name in names.items():
        print(f"  {name:40s} {median(per_page[key]) * 1000:8.2f}  [{min(per_page[key]) * 1000:.2f}]")
    print(f"  analyze from WARC / extract from files: {median(per_page['analyze-warc']) / median(per_page['extract-files']):.2f}x "
          f"(target <= 1.2x); extract from WARC / from files: {median(per_page['extract-warc']) / median(per_page['extract-files']):.2f}x")
    print("per matching page beyond the first (cpu: all pages minus the first page alone, over the other pages), ms:")
    print(f"  analyze from WARC {median(marginal['analyze-warc']) * 1000:.2f}, extract from files {median(marginal['extract-files']) * 1000:.2f}: "
          f"{median(marginal['analyze-warc']) / median(marginal['extract-files']):.2f}x (target <= 1.2x)")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
