#!/usr/bin/env python3
"""The Poisson bootstrap against the classical one on bench/scale.py's corpora.

Runs `slant run` on the same generated corpus (bench/scale.py's generator, N articles in 8
outlets) with two binaries: one of Slant before the Poisson bootstrap (aggregate stage 4:
each outlet's articles resampled with replacement) and one after (stage 5), and compares
every statistic both give an interval for:
  - values must be identical (the change is in the intervals only);
  - each interval endpoint's difference, as a share of the interval's width: median,
    90th percentile and maximum, by kind of statistic;
  - the Monte Carlo standard error of a 2.5% or 97.5% endpoint of 2,000 replicates is
    about 3% of the width of a 95% interval for a normal-shaped distribution
    (sqrt(0.025 * 0.975 / 2000) / phi(1.96) / 3.92), so two independent bootstraps
    differ by about sqrt(2) * 3% = 4.5% typically.

With --bundled, the bundled corpus (corpus/, pipeline.yaml, lexicons/, copied under
.build-bench/bundled) instead of a generated one.

usage: bench/bootstrap_agreement.py --before OLD_SLANT --after NEW_SLANT [--articles N | --bundled]
"""
import argparse, json, os, shutil, statistics, subprocess, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import scale  # noqa: E402


def statistics_of(binary, directory):
    for name in ("store", ".slant", "reports"):
        shutil.rmtree(os.path.join(directory, name), ignore_errors=True)
    subprocess.run([binary, "run", "--config", os.path.join(directory, "pipeline.yaml")], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    data = json.load(open(os.path.join(directory, "reports", "statistics.json"), encoding="utf-8"))
    primary = {statistic["id"]: statistic for statistic in data["statistics"]}
    found = {}
    for statistic in data["statistics"]:
        # IDs and their aliases (an earlier Slant's IDs had no lexicon segment).
        for identifier in [statistic["id"]] + statistic.get("aliases", []):
            found.setdefault(identifier, statistic)
    return primary, found


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--before", required=True)
    parser.add_argument("--after", required=True)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--bundled", action="store_true")
    args = parser.parse_args()
    os.makedirs(scale.WORK, exist_ok=True)
    if args.bundled:
        directory = os.path.join(scale.WORK, "bundled")
        shutil.rmtree(directory, ignore_errors=True)
        for name in ("corpus", "lexicons"):
            shutil.copytree(os.path.join(scale.ROOT, name), os.path.join(directory, name))
        shutil.copy(os.path.join(scale.ROOT, "pipeline.yaml"), directory)
        label = "the bundled corpus"
    else:
        templates = scale.load_templates()
        scale.calibrate(args.after, templates)
        directory = os.path.join(scale.WORK, f"scale-{args.articles}")
        scale.generate(directory, args.articles, templates, False)
        label = f"{args.articles} articles"
    before, _ = statistics_of(args.before, directory)
    after_primary, after = statistics_of(args.after, directory)
    shares = {}
    widths = {}
    same_values = 0
    compared = 0
    for identifier, old in before.items():
        new = after.get(identifier)
        if not new or old.get("ci_lower") is None or new.get("ci_lower") is None:
            continue
        compared += 1
        if old["value"] != new["value"]:
            continue  # another change of the measures: not a like-for-like comparison of intervals
        same_values += 1
        width = old["ci_upper"] - old["ci_lower"]
        if width <= 0:
            continue
        kind = old["kind"] + (" (monthly)" if old.get("period") else "")
        for end in ("ci_lower", "ci_upper"):
            shares.setdefault(kind, []).append(abs(new[end] - old[end]) / width)
        widths.setdefault(kind, []).append((new["ci_upper"] - new["ci_lower"]) / width)
    print(f"{label}: {len(before)} statistics before, {len(after_primary)} after; {compared} statistics with an interval in both; compared (identical values): {same_values}")
    print(f"{'kind':28s} {'endpoints':>9s} {'median':>8s} {'90th':>8s} {'max':>8s}   (|difference| / interval width)   width after / before (median)")
    everything = []
    for kind in sorted(shares):
        values = sorted(shares[kind])
        everything += values
        print(f"{kind:28s} {len(values):9d} {statistics.median(values):8.3f} {values[int(0.9 * (len(values) - 1))]:8.3f} {values[-1]:8.3f}"
              f"   {statistics.median(widths[kind]):.3f}")
    everything.sort()
    if everything:
        print(f"{'all':28s} {len(everything):9d} {statistics.median(everything):8.3f} {everything[int(0.9 * (len(everything) - 1))]:8.3f} {everything[-1]:8.3f}")
    contrasts = [(before[i]["p_value"], after[i]["p_value"]) for i in before
                 if i in after and before[i].get("p_value") is not None and after[i].get("p_value") is not None
                 and before[i]["value"] == after[i]["value"]]
    if contrasts:
        agree = sum(1 for a, b in contrasts if (a < 0.05) == (b < 0.05))
        same = sum(1 for a, b in contrasts if a == b)
        print(f"contrast p-values (identical values): {len(contrasts)}; equal: {same}; same side of 0.05: {agree}")


if __name__ == "__main__":
    main()
