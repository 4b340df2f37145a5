#!/usr/bin/env python3
"""`slant analyze` against `slant extract` on the same pages, in one run.

Target (DESIGN.md): analyze (clean + segment + tag + measure) within 1.5x the
time of extract alone. Builds Slant in release mode, decompresses the pages of
../shared/benchmarks/extraction-dev, and on one core times both commands RUNS
times, interleaved, over all pages, with the lexicons of pipeline.yaml.

usage: bench/analysis.py [--runs N]
"""
import argparse, os, statistics, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from extraction import PIN, ROOT, WORK, build, pages, time_process  # noqa: E402

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    os.makedirs(WORK, exist_ok=True)
    binary, _ = build()
    config = os.path.join(ROOT, "pipeline.yaml")
    with tempfile.TemporaryDirectory() as directory:
        paths = pages(directory)
        n = len(paths)
        extract, analyze = [], []
        tags = 0
        for _ in range(args.runs):
            extract.append(time_process(PIN + [binary, "extract", "--json", "--jobs", "1"] + paths)[0])
            elapsed, output = time_process(PIN + [binary, "analyze", "--json", "--jobs", "1", "--config", config] + paths)
            analyze.append(elapsed)
            tags = output.count(b'"family"') + output.count(b'"category"')
        print(f"{n} pages of extraction-dev, one core, {args.runs} interleaved runs (median; best in brackets)")
        for name, times in (("slant extract", extract), ("slant analyze", analyze)):
            print(f"{name:15} {n / statistics.median(times):6.0f} pages/s [{n / min(times):.0f}]")
        print(f"analyze / extract time: {statistics.median(analyze) / statistics.median(extract):.2f} "
              f"[{min(analyze) / min(extract):.2f}]   (target: at most 1.5; {tags} tags in the last run)")

if __name__ == "__main__":
    main()
