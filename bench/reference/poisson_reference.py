#!/usr/bin/env python3
"""Reference values for the Poisson bootstrap tests, computed outside the project.

1. An independent re-implementation, in plain Python, of Slant's Poisson bootstrap:
   each article's weight in replicate r is the r-th draw of SplitMix64 seeded with
   FNV-1a of "poisson/<article id>", a 53-bit uniform integer (the top 53 bits)
   compared with floor(F(k) * 2^53) for the Poisson(1) distribution function F
   (inversion); sums are fixed-point integers (value * 2^20); the ratio of sums in
   each replicate; the 95% percentile interval with numpy's default linear
   interpolation. Its output is written into
   Tests/SlantMeasureTests/PoissonBootstrapTests.swift: Slant must give the same
   weights and the same interval to the last digit.
2. The same data with the multinomial (classical) bootstrap of
   bootstrap_reference.py and with SciPy's bootstrap: the Poisson interval must agree
   with them within Monte Carlo error.

usage: python3 bench/reference/poisson_reference.py
"""
import math, os, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bootstrap_reference import SplitMix64, bootstrap_ratio, quantile  # noqa: E402

UNIT = 1 << 20

def thresholds(maximum=20):
    result = []
    probability = 0.36787944117144233
    cumulative = probability
    for k in range(maximum):
        result.append(int(cumulative * 9007199254740992.0))
        probability = probability / (k + 1)
        cumulative = cumulative + probability
    return result

THRESHOLDS = thresholds()

def weights(article_id, replicates):
    generator = SplitMix64("poisson/" + article_id)
    out = []
    for _ in range(replicates):
        uniform = generator.next() >> 11
        weight = 0
        while weight < 20 and uniform >= THRESHOLDS[weight]:
            weight += 1
        out.append(weight)
    return out

def fixed(value):
    # Swift's (value * 2^20).rounded(): half away from zero.
    scaled = value * UNIT
    return int(math.floor(scaled + 0.5)) if scaled >= 0 else -int(math.floor(-scaled + 0.5))

def poisson_interval(ids, numerators, denominators, scale, replicates=2000):
    top = [0] * replicates
    bottom = [0] * replicates
    for article, n, d in zip(ids, numerators, denominators):
        w = weights(article, replicates)
        fn, fd = fixed(n), fixed(d)
        for r in range(replicates):
            top[r] += w[r] * fn
            bottom[r] += w[r] * fd
    ratios = sorted(t / b * scale for t, b in zip(top, bottom) if b > 0)
    return quantile(ratios, 0.025), quantile(ratios, 0.975), len(ratios)

# The data of the Swift test: 12 articles of one outlet.
IDS = [f"article-{i:02d}" for i in range(12)]
HITS = [3, 0, 5, 2, 1, 4, 0, 2, 6, 1, 3, 2]
TOKENS = [800, 450, 1200, 700, 300, 950, 500, 650, 1500, 400, 900, 750]

if __name__ == "__main__":
    print("weights of article-00, first 12 replicates:", weights("article-00", 12))
    sample = [w for i in range(200) for w in weights(f"w{i}", 2000)]
    mean = sum(sample) / len(sample)
    variance = sum((w - mean) ** 2 for w in sample) / len(sample)
    print(f"400,000 weights: mean {mean:.4f}, variance {variance:.4f}")
    lower, upper, defined = poisson_interval(IDS, HITS, TOKENS, 1000)
    print(f"Poisson interval: [{lower!r}, {upper!r}] ({defined} replicates defined)")
    print(f"value: {sum(HITS) / sum(TOKENS) * 1000!r}")
    lower, upper = bootstrap_ratio(HITS, TOKENS, "bootstrap/outlet", scale=1000)
    print(f"multinomial bootstrap (2,000 resamples, Slant's earlier method): [{lower:.4f}, {upper:.4f}]")
    try:
        import numpy as np
        from scipy import stats
        hits = np.array(HITS, dtype=float)
        tokens = np.array(TOKENS, dtype=float)
        result = stats.bootstrap((hits, tokens), lambda h, t: h.sum() / t.sum() * 1000, paired=True,
                                 vectorized=False, n_resamples=20000, method="percentile", random_state=1)
        print(f"SciPy percentile bootstrap (20,000 resamples): [{result.confidence_interval.low:.4f}, {result.confidence_interval.high:.4f}]")
    except ImportError:
        print("SciPy not installed: skipped")
