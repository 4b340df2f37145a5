#!/usr/bin/env python3
"""Article-body extraction benchmark: Slant against trafilatura, in one run.

Builds Slant in release mode, decompresses the pages of
../shared/benchmarks/extraction-dev, and on one core (taskset -c 0) times
  - libxml2's parser alone (bench/parse_only.c: the floor),
  - `slant extract --json --jobs 1` over all pages (whole process, start-up included),
  - trafilatura 2.0.0 over the same pages (extraction loop only, in a virtualenv
    under .build-bench/ that this script creates with pip),
each RUNS times, and prints the median pages per second, the ratios, and the
article-body F1 of both with ../shared/tools/extraction_f1.py.

Then, on the 487 varied pages of ../shared/benchmarks/extraction-chunks-dev
(mostly not English), it runs ../shared/tools/chunk_eval.py, which scores Slant
and trafilatura 2.0.0 (with its default settings) in the same run by pooled
chunk precision, recall and F1, one core.

With --baseline BIN, another slant binary (an earlier build) is timed and scored
in the same interleaved runs, so a change's effect on speed is a ratio measured
in one run.

usage: bench/extraction.py [--runs N] [--skip-trafilatura] [--skip-chunks] [--baseline BIN] [--binary BIN]
"""
import argparse, gzip, json, os, shutil, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(ROOT), "shared")
DATASET = os.path.join(SHARED, "benchmarks", "extraction-dev")
SCORER = os.path.join(SHARED, "tools", "extraction_f1.py")
CHUNKS = os.path.join(SHARED, "benchmarks", "extraction-chunks-dev")
CHUNK_SCORER = os.path.join(SHARED, "tools", "chunk_eval.py")
WORK = os.path.join(ROOT, ".build-bench")
PIN = ["taskset", "-c", "0"] if shutil.which("taskset") else []

def run(command, **kwargs):
    return subprocess.run(command, check=True, text=True, **kwargs)

def build(given=None):
    binary = given
    if binary is None:
        run(["swift", "build", "-c", "release", "--product", "slant", "--static-swift-stdlib"], cwd=ROOT, stdout=subprocess.DEVNULL)
        binary = os.path.join(ROOT, ".build", "release", "slant")
    parse_only = os.path.join(WORK, "parse_only")
    flags = run(["pkg-config", "--cflags", "--libs", "libxml-2.0"], capture_output=True).stdout.split()
    run(["cc", "-O2", "-o", parse_only, os.path.join(ROOT, "bench", "parse_only.c")] + flags)
    return binary, parse_only

def pages(directory):
    names = sorted(n for n in os.listdir(os.path.join(DATASET, "html")) if n.endswith(".html.gz"))
    paths = []
    for name in names:
        path = os.path.join(directory, name[: -len(".gz")])
        with gzip.open(os.path.join(DATASET, "html", name)) as source, open(path, "wb") as target:
            target.write(source.read())
        paths.append(path)
    return paths

def trafilatura_python():
    venv = os.path.join(WORK, "venv")
    python = os.path.join(venv, "bin", "python")
    if not os.path.exists(python):
        run([sys.executable, "-m", "venv", venv])
    probe = subprocess.run([python, "-c", "import trafilatura; print(trafilatura.__version__)"], capture_output=True, text=True)
    if probe.returncode != 0 or probe.stdout.strip() != "2.0.0":
        run([python, "-m", "pip", "install", "-q", "trafilatura==2.0.0", "lxml_html_clean"], stdout=subprocess.DEVNULL)
    return python

def time_process(command):
    start = time.perf_counter()
    result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start, result.stdout

def score(predictions):
    path = os.path.join(WORK, "predictions.json")
    json.dump(predictions, open(path, "w", encoding="utf-8"), ensure_ascii=False)
    line = run([sys.executable, SCORER, os.path.join(DATASET, "ground-truth.json"), path], capture_output=True).stdout.strip()
    return dict(part.split("=") for part in line.split())

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--skip-trafilatura", action="store_true")
    parser.add_argument("--skip-chunks", action="store_true")
    parser.add_argument("--baseline", help="another slant binary to time and score in the same runs")
    parser.add_argument("--binary", help="time this slant binary instead of building one (build it with --static-swift-stdlib, as this script does, for comparable figures)")
    args = parser.parse_args()
    os.makedirs(WORK, exist_ok=True)
    binary, parse_only = build(args.binary)
    with tempfile.TemporaryDirectory() as directory:
        paths = pages(directory)
        n = len(paths)
        python = None if args.skip_trafilatura else trafilatura_python()
        parse_times, slant_times, trafilatura_times, baseline_times = [], [], [], []
        slant_output = baseline_output = b""
        trafilatura_out = os.path.join(WORK, "trafilatura.json")
        for _ in range(args.runs):
            parse_times.append(float(run(PIN + [parse_only] + paths, capture_output=True).stdout))
            elapsed, slant_output = time_process(PIN + [binary, "extract", "--json", "--jobs", "1"] + paths)
            slant_times.append(elapsed)
            if args.baseline:
                elapsed, baseline_output = time_process(PIN + [args.baseline, "extract", "--json", "--jobs", "1"] + paths)
                baseline_times.append(elapsed)
            if python:
                trafilatura_times.append(float(run(PIN + [python, os.path.join(ROOT, "bench", "trafilatura_extract.py"), trafilatura_out] + paths, capture_output=True).stdout))
        def predictions(output):
            found = {}
            for line in output.decode("utf-8").splitlines():
                record = json.loads(line)
                key = os.path.basename(record["source"])[: -len(".html")]
                found[key] = {"articleBody": record.get("text") or ""}
            return found
        rows = [("libxml2 parse only (floor)", parse_times, None),
                ("slant extract", slant_times, score(predictions(slant_output)))]
        if args.baseline:
            rows.append(("slant extract (baseline)", baseline_times, score(predictions(baseline_output))))
        if python:
            rows.append(("trafilatura 2.0.0", trafilatura_times, score(json.load(open(trafilatura_out, encoding="utf-8")))))
        print(f"{n} pages of extraction-dev, one core, {args.runs} interleaved runs (median; best in brackets)")
        print(f"{'':30} {'pages/s':>16} {'F1':>7} {'precision':>10} {'recall':>7}")
        for name, times, quality in rows:
            f1 = quality["f1"] if quality else "—"
            p = quality["precision"] if quality else "—"
            r = quality["recall"] if quality else "—"
            rate = f"{n / statistics.median(times):.0f} [{n / min(times):.0f}]"
            print(f"{name:30} {rate:>16} {f1:>7} {p:>10} {r:>7}")
        def ratio(a, b, pick):
            return pick(b) / pick(a)
        print(f"slant / libxml2 parse: {ratio(slant_times, parse_times, statistics.median):.2f} [{ratio(slant_times, parse_times, min):.2f}]")
        if args.baseline:
            print(f"baseline / libxml2 parse: {ratio(baseline_times, parse_times, statistics.median):.2f} [{ratio(baseline_times, parse_times, min):.2f}]")
            print(f"slant / baseline: {ratio(slant_times, baseline_times, statistics.median):.2f} [{ratio(slant_times, baseline_times, min):.2f}] (above 1: faster)")
        if python:
            print(f"slant / trafilatura:   {ratio(slant_times, trafilatura_times, statistics.median):.1f}x [{ratio(slant_times, trafilatura_times, min):.1f}x]")
        if not args.skip_chunks and os.path.exists(CHUNKS):
            # chunk_eval.py imports trafilatura itself: run it with the virtualenv's Python when there is one.
            command = PIN + [python or sys.executable, CHUNK_SCORER, "run", os.path.join(CHUNKS, "chunks.json"),
                             os.path.join(CHUNKS, "html"), "--slant", binary] + ([] if args.skip_trafilatura else ["--trafilatura"])
            print()
            print("487 pages of extraction-chunks-dev, one core, one run (../shared/tools/chunk_eval.py):")
            print(run(command, capture_output=True).stdout.rstrip())
            if args.baseline:
                baseline = PIN + [sys.executable, CHUNK_SCORER, "run", os.path.join(CHUNKS, "chunks.json"),
                                  os.path.join(CHUNKS, "html"), "--slant", args.baseline]
                print("baseline " + run(baseline, capture_output=True).stdout.rstrip())
        load = open("/proc/loadavg").read().split()[:3] if os.path.exists("/proc/loadavg") else []
        if load:
            print(f"load average during the run: {' '.join(load)} (the machine is shared: compare ratios, not absolute rates)")

if __name__ == "__main__":
    main()
