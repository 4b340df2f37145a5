#!/usr/bin/env python3
"""Extract article bodies with trafilatura, for a side-by-side benchmark.

usage: trafilatura_extract.py OUT.json PAGE.html...
Writes {page id: {"articleBody": text}} and prints the seconds spent extracting
(reading the files and importing trafilatura are not counted).
"""
import json, os, sys, time

import trafilatura

def main():
    out, paths = sys.argv[1], sys.argv[2:]
    pages = [(os.path.basename(p)[: -len(".html")], open(p, "rb").read()) for p in paths]
    start = time.perf_counter()
    results = {}
    for key, data in pages:
        text = trafilatura.extract(data, include_comments=False, include_tables=True, favor_precision=False)
        results[key] = {"articleBody": text or ""}
    elapsed = time.perf_counter() - start
    json.dump(results, open(out, "w", encoding="utf-8"), ensure_ascii=False)
    print(f"{elapsed:.6f}")

if __name__ == "__main__":
    main()
