#!/usr/bin/env python3
"""Reference values for Slant's statistics tests, computed outside the project.

1. An independent re-implementation, in plain Python, of Slant's article-level
   bootstrap (SplitMix64 seeded with FNV-1a of the seed text; Lemire's unbiased
   bounded integers; 2,000 resamples of articles with replacement; ratio of sums;
   percentile interval with numpy's default linear interpolation). Its output is
   written into Tests/SlantMeasureTests/StatisticsTests.swift: Slant must give
   the same interval to the last digit.
2. A check of the same data with SciPy's own bootstrap (percentile method,
   different random numbers): the interval must agree within Monte Carlo error.
3. Dunning's G² and the log ratio for the counts used in the tests.

usage: python3 bench/reference/bootstrap_reference.py
"""
import math

MASK = (1 << 64) - 1

def fnv1a(text):
    h = 0xcbf29ce484222325
    for b in text.encode("utf-8"):
        h = ((h ^ b) * 0x100000001b3) & MASK
    return h

class SplitMix64:
    def __init__(self, seed_text):
        self.state = fnv1a(seed_text)
    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)
    def below(self, bound):
        if bound <= 1:
            return 0
        product = self.next() * bound
        low = product & MASK
        if low < bound:
            threshold = ((1 << 64) - bound) % bound
            while low < threshold:
                product = self.next() * bound
                low = product & MASK
        return product >> 64

def quantile(values, p):
    position = p * (len(values) - 1)
    lower = math.floor(position)
    upper = min(lower + 1, len(values) - 1)
    return values[lower] + (values[upper] - values[lower]) * (position - lower)

def bootstrap_ratio(numerators, denominators, seed, resamples=2000, scale=1.0):
    n = len(numerators)
    rng = SplitMix64(seed)
    estimates = []
    for _ in range(resamples):
        counts = [0] * n
        for _ in range(n):
            counts[rng.below(n)] += 1
        num = sum(c * x for c, x in zip(counts, numerators))
        den = sum(c * x for c, x in zip(counts, denominators))
        if den > 0:
            estimates.append(num / den * scale)
    estimates.sort()
    return quantile(estimates, 0.025), quantile(estimates, 0.975)

# The test data: weighted loaded hits and tokens of eight articles.
HITS = [3.0, 0.0, 5.5, 1.0, 2.0, 0.5, 7.0, 1.5]
TOKENS = [800.0, 650.0, 1200.0, 400.0, 900.0, 300.0, 1500.0, 700.0]

if __name__ == "__main__":
    value = sum(HITS) / sum(TOKENS) * 1000
    lower, upper = bootstrap_ratio(HITS, TOKENS, "reference-test", scale=1000)
    print(f"ratio of sums per 1,000: {value!r}")
    print(f"replica interval: lower={lower!r} upper={upper!r}")
    try:
        import numpy as np
        from scipy import stats
        data = (np.array(HITS), np.array(TOKENS))
        result = stats.bootstrap(data, lambda h, t, axis=-1: h.sum(axis=axis) / t.sum(axis=axis) * 1000,
                                 paired=True, vectorized=True, n_resamples=200000, method="percentile",
                                 random_state=np.random.default_rng(1))
        print(f"scipy percentile interval (200,000 resamples): lower={result.confidence_interval.low!r} upper={result.confidence_interval.high!r}")
    except ImportError:
        print("scipy not installed: skipped the independent check")
    a, b, c, d = 30.0, 70.0, 10000.0, 40000.0
    e1, e2 = c * (a + b) / (c + d), d * (a + b) / (c + d)
    g2 = 2 * (a * math.log(a / e1) + b * math.log(b / e2))
    print(f"G2(a=30, b=70, c=10000, d=40000) = {g2!r}")
    print(f"log ratio = {math.log2((a / c) / (b / d))!r}")
