#!/usr/bin/env python3
"""Loaded-language lexicon against expert propaganda spans (SemEval-2020 Task 11).

Runs `slant analyze --json --include-text --lexicon LEXICON` over the articles of
../shared/benchmarks/propaganda-dev and scores the result with
../shared/tools/propaganda_eval.py, which prints span precision / recall / F1
against the Loaded_Language and Name_Calling,Labeling spans, the precision of
each loaded-language category, and the article-level Spearman correlation
between the weighted loaded rate and the gold density.

The benchmark is for evaluation only: this script prints nothing but the
scorer's aggregate figures. Slant's annotations of the articles stay in a
temporary directory that is removed at the end.

Uses the prebuilt .build/release/slant; builds it (swift build -c release
--product slant) only when it is missing.

An epistemic-framing or labels lexicon can be scored alone, and with
`--lexicon` repeated the lexicons' hits are scored together (for instance
loaded language and labels against the Loaded_Language and
Name_Calling,Labeling spans): `slant analyze --json` prints each measure's hits
in a field of its own (`loaded`, `epistemic`, `labels`), and this script hands
the scorer their union as `loaded`. That is a comparison for this benchmark
only; Slant's reports never add measures up.

usage: bench/propaganda.py [--lexicon FILE]...
       (FILE relative to the current directory; default:
       lexicons/loaded-language.en.yaml of the project)
"""
import argparse, glob, json, os, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(ROOT), "shared")
BENCHMARK = os.path.join(SHARED, "benchmarks", "propaganda-dev")
SCORER = os.path.join(SHARED, "tools", "propaganda_eval.py")
BINARY = os.path.join(ROOT, ".build", "release", "slant")
DEFAULT_LEXICON = os.path.join(ROOT, "lexicons", "loaded-language.en.yaml")


def binary():
    if not os.path.exists(BINARY):
        print("slant binary missing: building it (swift build -c release --product slant)", file=sys.stderr)
        subprocess.run(["swift", "build", "-c", "release", "--product", "slant"], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
    return BINARY


def merge_measures(path):
    """Rewrites an analysis file with every measure's hits in `loaded`, the one field the scorer reads."""
    with open(path, encoding="utf-8") as source:
        lines = source.read().splitlines()
    with open(path, "w", encoding="utf-8") as out:
        for line in lines:
            try:
                record = json.loads(line)
            except ValueError:
                out.write(line + "\n")
                continue
            record["loaded"] = [hit for field in ("loaded", "epistemic", "labels") for hit in record.get(field) or []]
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def main():
    parser = argparse.ArgumentParser(description="Score a loaded-language lexicon on the propaganda-dev spans.")
    parser.add_argument("--lexicon", action="append", help="lexicon file, repeatable (default: %s)" % DEFAULT_LEXICON)
    args = parser.parse_args()
    lexicons = [os.path.abspath(path) for path in args.lexicon] if args.lexicon else [DEFAULT_LEXICON]
    for lexicon in lexicons:
        if not os.path.exists(lexicon):
            sys.exit(f"no such lexicon: {lexicon}")
    articles = sorted(glob.glob(os.path.join(BENCHMARK, "articles", "article*.txt")))
    if not articles:
        sys.exit(f"no articles in {BENCHMARK}/articles")
    slant = binary()
    with tempfile.TemporaryDirectory(prefix="slant-propaganda-") as directory:
        analyzed = os.path.join(directory, "analyze.jsonl")
        with open(analyzed, "w", encoding="utf-8") as out:
            options = [part for lexicon in lexicons for part in ("--lexicon", lexicon)]
            result = subprocess.run([slant, "analyze", "--json", "--include-text", *options, *articles],
                                    stdout=out, stderr=subprocess.PIPE, text=True)
        if result.returncode not in (0, 1):
            # 2 = usage error (e.g. an invalid lexicon): show slant's message, which names the lexicon, not the data
            sys.exit(f"slant analyze failed (exit {result.returncode}):\n{result.stderr.strip()[-2000:]}")
        if result.returncode == 1:
            print("note: slant analyze reported documents it could not analyse (the scorer leaves them out)",
                  file=sys.stderr)
        merge_measures(analyzed)
        print("lexicons: " + ", ".join(os.path.relpath(lexicon) for lexicon in lexicons))
        subprocess.run([sys.executable, SCORER, BENCHMARK, analyzed], check=True)


if __name__ == "__main__":
    main()
