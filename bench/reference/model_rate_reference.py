#!/usr/bin/env python3
"""Reference values for the end-to-end test of sentence models, computed outside the project.

Tests/SlantPipelineTests/SentenceModelRunTests.swift (theModelRateAndItsIntervalAreExactInEveryOutput)
writes eight short articles of two outlets, trains a model on twenty labelled sentences
(`slant model train labels.csv -o models/war.json`) and runs the pipeline. This script gives,
independently of Slant's code:

1. each article's id: the first 16 hex digits of SHA-256 over the length-prefixed parts
   (body, title, url, published), each an 8-byte little-endian length and the UTF-8 bytes;
2. which sentences the model predicts loaded: the model file's intercept and weights summed over
   a sentence's distinct words and adjacent word pairs (lower case, split on non-letters), loaded
   when the sigmoid is at least the threshold (pass the trained file as the first argument;
   without it, the weights of the model that command trains are used, printed by this script
   from such a file);
3. each outlet's share of sentences predicted loaded in the own voice and in headlines, with
   its Poisson bootstrap interval (bench/reference/poisson_reference.py: each article's weight in
   replicate r the r-th Poisson(1) draw seeded by "poisson/<article id>", fixed-point sums, ratio
   of the sums in each replicate, numpy's linear-interpolation percentiles);
4. the contrast Alpha − Beta in the own voice: the difference of the two outlets' replicate
   ratios, its percentile interval, and the two-sided permutation p-value (2,000 Fisher–Yates
   shuffles of the articles' outlet labels with SplitMix64 seeded by
   "contrast/model-rate/authorial/alpha/beta/permutation", p = (extreme + 1) / 2,001).
5. the same figures for the hand-made counts of Tests/SlantMeasureTests/ModelRateTests.swift.

usage: python3 bench/reference/model_rate_reference.py [models/war.json]
"""
import hashlib, json, math, os, re, struct, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bootstrap_reference import SplitMix64, quantile  # noqa: E402
from poisson_reference import weights, fixed  # noqa: E402

# (outlet, file, title, body); published 2020-10-01, -02, ... in this order.
ARTICLES = [
    ("Alpha", "a1.txt", "Shelling of homes again", "Relentless shelling hit the towns. Brutal shelling went on at night. The ministry issued a statement."),
    ("Alpha", "a2.txt", "Talks resumed in Moscow", "The talks resumed on Monday. Aggression against civilians went on."),
    ("Alpha", "a3.txt", "New talks are planned", "New talks are planned for Friday. Ministry officials met in the capital. The talks ended."),
    ("Alpha", "a4.txt", "Officials joined the talks", "Officials joined the talks. The ministry confirmed the date."),
    ("Alpha", "a5.txt", "The aggression continued", "Their aggression is criminal. The ministry said nothing. Talks were held on Friday. The talks ended."),
    ("Beta", "b1.txt", "The ministry said nothing", "A ministry spokesman spoke. The talks ended."),
    ("Beta", "b2.txt", "Talks were held on Friday", "More shelling today near the border. The ministry confirmed it."),
    ("Beta", "b3.txt", "Ministry officials met", "New talks are planned. Officials joined the talks. The ministry issued a statement."),
]

# The model `slant model train` makes of the test's labels (λ = 0.25 by nested cross-validation).
INTERCEPT = 0.3305641142820833
WEIGHTS = {
    "a": -0.4253574420662594, "aggression": 1.938806349569131, "ministry": -1.7680186281526584,
    "of": 0.647113938580884, "officials": -0.6067431368142132, "on": -0.037582955876257,
    "shelling": 1.7923397108533643, "shelling of": 0.34118529006575743, "talks": -1.963119589232016,
    "the": -0.3429209187145512, "the ministry": -0.7719346348410251, "the talks": -0.6755788630459761,
}
THRESHOLD = 0.5
REPLICATES = 2000

def article_id(body, title, url, published):
    h = hashlib.sha256()
    for part in (body, title, url, published):
        data = part.encode("utf-8")
        h.update(struct.pack("<Q", len(data)))
        h.update(data)
    return h.hexdigest()[:16]

def loaded(sentence, intercept, weights, threshold):
    words = re.findall(r"[a-z]+", sentence.lower())
    features = list(dict.fromkeys(words + [f"{a} {b}" for a, b in zip(words, words[1:])]))
    z = intercept + sum(weights.get(f, 0.0) for f in features)
    return 1 / (1 + math.exp(-z)) >= threshold

def sentences(body):
    return [s for s in re.split(r"(?<=\.)\s+", body) if s]

# ModelRateTests: (article id, sentences predicted loaded, sentences) of the covered articles.
UNIT_ALPHA = [("a1", 2, 10), ("a2", 1, 20), ("a3", 5, 10), ("a6", 3, 12), ("a7", 0, 9), ("a8", 4, 15)]
UNIT_BETA = [("b1", 0, 8), ("b2", 2, 10), ("b3", 1, 6)]

def replicate_ratios(ids, numerators, denominators):
    top = [0] * REPLICATES
    bottom = [0] * REPLICATES
    for article, n, d in zip(ids, numerators, denominators):
        w = weights(article, REPLICATES)
        fn, fd = fixed(n), fixed(d)
        for r in range(REPLICATES):
            top[r] += w[r] * fn
            bottom[r] += w[r] * fd
    return [t / b if b > 0 else None for t, b in zip(top, bottom)]

def interval(values):
    defined = sorted(v for v in values if v is not None)
    return quantile(defined, 0.025), quantile(defined, 0.975)

def figures(alpha, beta, prefix):
    """Both outlets' shares with intervals, and the contrast Alpha − Beta."""
    ratios = []
    for name, articles in (("alpha", alpha), ("beta", beta)):
        ids, n, d = ([a[i] for a in articles] for i in range(3))
        values = replicate_ratios(ids, n, d)
        ratios.append(values)
        lower, upper = interval(values)
        print(f"{prefix}/{name}/authorial: {sum(n)} of {sum(d)} = {sum(n) / sum(d)!r}, interval [{lower!r}, {upper!r}]")
    a = ([float(x[1]) for x in alpha], [float(x[2]) for x in alpha])
    b = ([float(x[1]) for x in beta], [float(x[2]) for x in beta])
    observed = sum(a[0]) / sum(a[1]) - sum(b[0]) / sum(b[1])
    differences = [x - y if x is not None and y is not None else None for x, y in zip(*ratios)]
    lower, upper = interval(differences)
    p = permutation_p(a, b, observed, "contrast/model-rate/authorial/alpha/beta/permutation")
    print(f"contrast/{prefix}/authorial/alpha/beta: {observed!r}, interval [{lower!r}, {upper!r}], p {p!r}")

def permutation_p(a, b, observed, seed, permutations=REPLICATES):
    rng = SplitMix64(seed)
    numerators = a[0] + b[0]
    denominators = a[1] + b[1]
    used = [i for i in range(len(numerators)) if numerators[i] != 0 or denominators[i] != 0]
    labels = [1] * len(a[0]) + [0] * len(b[0])
    threshold = abs(observed) - 1e-12
    extreme = 0
    for _ in range(permutations):
        position = len(labels) - 1
        while position > 0:
            j = rng.below(position + 1)
            labels[position], labels[j] = labels[j], labels[position]
            position -= 1
        sa = da = sb = db = 0.0
        for i in used:
            if labels[i]:
                sa += numerators[i]; da += denominators[i]
            else:
                sb += numerators[i]; db += denominators[i]
        if da > 0 and db > 0 and abs(sa / da - sb / db) >= threshold:
            extreme += 1
    return (extreme + 1) / (permutations + 1)

if __name__ == "__main__":
    intercept, model_weights, threshold = INTERCEPT, WEIGHTS, THRESHOLD
    if len(sys.argv) > 1:
        model = json.load(open(sys.argv[1]))
        intercept, model_weights, threshold = model["intercept"], model["weights"], model["threshold"]
        print("model file:", sys.argv[1], "intercept", intercept, "weights", model_weights)
    outlets = {}
    for day, (outlet, _, title, body) in enumerate(ARTICLES, start=1):
        identity = article_id(body, title, "", f"2020-10-{day:02d}")
        own = sentences(body)
        own_loaded = sum(loaded(s, intercept, model_weights, threshold) for s in own)
        headline_loaded = int(loaded(title, intercept, model_weights, threshold))
        print(f"{outlet} {identity}: own voice {own_loaded} of {len(own)}, headline {headline_loaded} of 1")
        entry = outlets.setdefault(outlet, {"ids": [], "own": ([], []), "headline": ([], [])})
        entry["ids"].append(identity)
        entry["own"][0].append(own_loaded); entry["own"][1].append(len(own))
        entry["headline"][0].append(headline_loaded); entry["headline"][1].append(1)
    ratios = {}
    for outlet, entry in outlets.items():
        for voice in ("own", "headline"):
            n, d = entry[voice]
            values = replicate_ratios(entry["ids"], n, d)
            ratios[(outlet, voice)] = values
            lower, upper = interval(values)
            print(f"model-rate/war/{outlet.lower()}/{'authorial' if voice == 'own' else voice}: "
                  f"{sum(n)} of {sum(d)} = {sum(n) / sum(d)!r}, interval [{lower!r}, {upper!r}]")
    a, b = outlets["Alpha"]["own"], outlets["Beta"]["own"]
    observed = sum(a[0]) / sum(a[1]) - sum(b[0]) / sum(b[1])
    differences = [x - y if x is not None and y is not None else None
                   for x, y in zip(ratios[("Alpha", "own")], ratios[("Beta", "own")])]
    lower, upper = interval(differences)
    p = permutation_p([list(map(float, a[0])), list(map(float, a[1]))], [list(map(float, b[0])), list(map(float, b[1]))],
                      observed, "contrast/model-rate/authorial/alpha/beta/permutation")
    print(f"contrast/model-rate/war/authorial/alpha/beta: {observed!r}, interval [{lower!r}, {upper!r}], p {p!r}")
    print("ModelRateTests:")
    figures(UNIT_ALPHA, UNIT_BETA, "model-rate/babe-5")
