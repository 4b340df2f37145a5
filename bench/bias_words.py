#!/usr/bin/env python3
"""Loaded-language lexicon against expert word-level bias labels (BABE).

Converts the labelled sentences of ../shared/benchmarks/bias-words-dev to Slant
input with ../shared/tools/bias_words_eval.py to-jsonl, runs
`slant analyze --json --lexicon LEXICON ...` over them, and scores the result
with bias_words_eval.py score, which prints word-level P/R/F1, sentence-level
P/R/F1 and the outlet rank correlation (with its per-outlet table).

With several lexicons (`--lexicon` repeated), the words all of them tag are
scored together, and an epistemic-framing or labels lexicon can be scored alone: `slant analyze --json` prints each measure's hits in a field
of its own (`loaded`, `epistemic`, `labels`), and this script hands the scorer
their union as `loaded`, so the outlet figure also uses their weighted hits
together. That is a comparison for this benchmark only: BABE's "biased words"
include verbs of saying ("claimed") and labels, which Slant measures apart
(epistemic-framing.en.yaml, labels.en.yaml) and never adds up in a report.
`--measures` is short for the three English loaded-kind lexicons.

The benchmark is for evaluation only: this script prints nothing but the
scorer's aggregate figures. The converted sentences and Slant's annotations of
them stay in a temporary directory that is removed at the end.

Uses the prebuilt .build/release/slant; builds it (swift build -c release
--product slant) only when it is missing.

usage: bench/bias_words.py [--lexicon FILE]... [--measures]
       (FILE relative to the current directory; default:
       lexicons/loaded-language.en.yaml of the project)
"""
import argparse, json, os, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(ROOT), "shared")
LABELS = os.path.join(SHARED, "benchmarks", "bias-words-dev", "final_labels_SG1.csv")
SCORER = os.path.join(SHARED, "tools", "bias_words_eval.py")
BINARY = os.path.join(ROOT, ".build", "release", "slant")
DEFAULT_LEXICON = os.path.join(ROOT, "lexicons", "loaded-language.en.yaml")
MEASURES = [os.path.join(ROOT, "lexicons", name)
            for name in ("loaded-language.en.yaml", "epistemic-framing.en.yaml", "labels.en.yaml")]


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
    parser = argparse.ArgumentParser(description="Score a loaded-language lexicon on the BABE word labels.")
    parser.add_argument("--lexicon", action="append", help="lexicon file, repeatable (default: %s)" % DEFAULT_LEXICON)
    parser.add_argument("--measures", action="store_true",
                        help="the three English loaded-kind lexicons together (loaded language, epistemic framing, labels)")
    args = parser.parse_args()
    lexicons = [os.path.abspath(path) for path in (args.lexicon or [])] + (MEASURES if args.measures else [])
    lexicons = lexicons or [DEFAULT_LEXICON]
    for lexicon in lexicons:
        if not os.path.exists(lexicon):
            sys.exit(f"no such lexicon: {lexicon}")
    slant = binary()
    with tempfile.TemporaryDirectory(prefix="slant-bias-words-") as directory:
        sentences = os.path.join(directory, "input.jsonl")
        analyzed = os.path.join(directory, "analyze.jsonl")
        with open(sentences, "w", encoding="utf-8") as out:
            subprocess.run([sys.executable, SCORER, "to-jsonl", LABELS], stdout=out, check=True)
        with open(analyzed, "w", encoding="utf-8") as out:
            options = [part for lexicon in lexicons for part in ("--lexicon", lexicon)]
            result = subprocess.run([slant, "analyze", "--json", *options, sentences],
                                    stdout=out, stderr=subprocess.PIPE, text=True)
        if result.returncode not in (0, 1):
            # 2 = usage error (e.g. an invalid lexicon): show slant's message, which names the lexicon, not the data
            sys.exit(f"slant analyze failed (exit {result.returncode}):\n{result.stderr.strip()[-2000:]}")
        if result.returncode == 1:
            print("note: slant analyze reported documents it could not analyse (the scorer counts them below)",
                  file=sys.stderr)
        merge_measures(analyzed)
        print("lexicons: " + ", ".join(os.path.relpath(lexicon) for lexicon in lexicons))
        subprocess.run([sys.executable, SCORER, "score", LABELS, analyzed], check=True)


if __name__ == "__main__":
    main()
