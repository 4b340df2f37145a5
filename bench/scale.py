#!/usr/bin/env python3
"""`slant run` at scale: cold, warm and one-new-article runs on a generated corpus.

Targets (DESIGN.md, "Performance targets"): `slant run` on 10,000 articles uses
both cores; memory stays flat as the corpus grows (under 300 MB resident); a
re-run with one new article finishes in under 2 seconds plus report rendering.

What it does:
  1. Builds Slant in release mode (`swift build --scratch-path .build-scale`,
     incremental; `--binary PATH` uses another binary instead).
  2. Generates N distinct articles (default 10,000) under
     .build-bench/scale-N/corpus/outlet-01 ... outlet-08 from the 88 pages of
     ../shared/benchmarks/extraction-dev: each copy gets one generated sentence
     (names, places, numbers: different words on every page) at the start of an
     article paragraph, and a publication date over a year in a
     <meta property="article:published_time"> put first in <head>. The place
     of the sentence is calibrated with `slant extract` (the first candidate
     paragraph whose sentence ends up in the extracted text), and checked on
     fresh copies (the count is printed). Every page
     thus has a different digest and a different extracted article. The work
     directory also gets the lexicons and a pipeline.yaml (8 outlets, both
     lexicons, store and reports inside it). A corpus already generated for the
     same N is reused.
  3. Times, each under /usr/bin/time (wall, user+sys CPU, max RSS):
       cold  `slant run` on an empty store,
       warm  `slant run` with nothing new (summary must say cleaned 0 · tagged 0),
       new   one more article generated into an outlet, then `slant run`
             (RUNS times, one new article each), and `slant report` alone on the
             same store to tell report rendering apart.
     For every run the moment the last progress line arrives on standard error
     (the end of the file loop) is recorded, which splits a run into "files"
     (discover, read or look up, clean, tag, store) and "aggregate + report +
     finish" (everything after the loop).
  4. Prints a table with the targets beside the figures, and the load average.

usage: bench/scale.py [--articles N | --compare N1,N2,...] [--runs R] [--jobs J]
                      [--binary PATH] [--regenerate] [--massif]

  --compare 2000,10000  runs the whole suite for each size and compares the
                        cold-run max RSS (memory flatness).
  --massif              also runs the cold run of the largest size under
                        valgrind --tool=massif (slow: ~20-50x) and prints the
                        peak heap and its top allocation sites.
"""
import argparse, gzip, html, json, os, random, re, shutil, statistics, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(ROOT), "shared")
DATASET = os.path.join(SHARED, "benchmarks", "extraction-dev")
WORK = os.path.join(ROOT, ".build-bench")
SCRATCH = ".build-scale"
OUTLETS = 8
GENERATOR_VERSION = 2
EPOCH = (2023, 1, 1)

# ---------------------------------------------------------------------------
# Build

def build(scratch):
    print(f"building: swift build -c release --product slant --static-swift-stdlib --scratch-path {scratch}", flush=True)
    started = time.perf_counter()
    subprocess.run(
        ["swift", "build", "-c", "release", "--product", "slant", "--static-swift-stdlib", "--scratch-path", scratch],
        cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    print(f"  built in {time.perf_counter() - started:.0f} s", flush=True)
    return os.path.join(ROOT, scratch, "release", "slant")

# ---------------------------------------------------------------------------
# Corpus generation

FIRST = ["Anna", "Boris", "Carla", "Davit", "Elif", "Farid", "Gohar", "Hasan", "Irina", "Jamal",
         "Karen", "Leyla", "Mher", "Nigar", "Oleg", "Parvin", "Ruben", "Sevda", "Tigran", "Ulviyya"]
LAST = ["Petrosyan", "Aliyev", "Novak", "Mammadov", "Harutyunyan", "Kowalski", "Guliyev", "Sargsyan",
        "Fischer", "Hasanov", "Grigoryan", "Moreau", "Ismayilov", "Bauer", "Avetisyan", "Rossi"]
ROLES = ["a spokesperson for", "an analyst at", "the director of", "a researcher with", "an adviser to",
         "a correspondent for", "the chair of", "a volunteer at"]
BODIES = ["the regional council", "the Caspian Policy Institute", "the harbour authority", "the city library",
          "the transport ministry", "the farmers' cooperative", "the border commission", "the water board",
          "the chamber of commerce", "the national archive"]
PLACES = ["Yerevan", "Baku", "Tbilisi", "Ganja", "Gyumri", "Stepanakert", "Shusha", "Lachin", "Sumgait",
          "Vanadzor", "Kapan", "Aghdam", "Goris", "Sheki", "Lankaran", "Dilijan"]
SUBJECTS = ["bridges", "schools", "buses", "clinics", "water pipes", "grain silos", "power lines",
            "rail wagons", "road signs", "radio masts", "bakeries", "fishing boats"]
VERBS = ["had been repaired", "were inspected", "had been counted", "were reopened", "had been moved",
         "were insured", "had been surveyed", "were registered", "had been closed", "were rebuilt"]
WHEN = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "over the weekend",
        "late last week", "earlier this month"]
EXTRA = ["The figures have not been independently verified.", "Officials expect an update next quarter.",
         "A full list is due to be published in the spring.", "Local residents were not consulted.",
         "The estimate is higher than last year's.", "Critics called the count incomplete.",
         "The work was funded from the regional budget.", "No timetable was given."]


def sentence(index):
    """A sentence of its own for article `index`: names, places, numbers and words drawn per index."""
    r = random.Random(index * 7919 + 17)
    name = f"{r.choice(FIRST)} {r.choice(LAST)}"
    number = r.randint(3, 4800)
    return (f"{name}, {r.choice(ROLES)} {r.choice(BODIES)} in {r.choice(PLACES)}, said {r.choice(WHEN)} that "
            f"{number} {r.choice(SUBJECTS)} {r.choice(VERBS)} near {r.choice(PLACES)} since survey {index + 1}, "
            f"about {r.randint(2, 97)} percent more than the {r.randint(11, 950)} recorded before. {r.choice(EXTRA)} ")


def date(index):
    """A publication date spread over a year (and a time of day)."""
    import datetime
    day = datetime.datetime(*EPOCH) + datetime.timedelta(days=(index * 37) % 365, minutes=(index * 53) % 1440)
    return day.strftime("%Y-%m-%dT%H:%M:00Z")


HEAD = re.compile(rb"<head(?:\s[^>]*)?>", re.I)
HTML = re.compile(rb"<html(?:\s[^>]*)?>", re.I)
BODY = re.compile(rb"<body(?:\s[^>]*)?>", re.I)
PUBLISHED_META = re.compile(rb"<meta\b[^>]*(?:property|name)\s*=\s*[\"']?(?:og:)?article:published_time[\"']?[^>]*>", re.I)
PARAGRAPH = re.compile(rb"<p(?:\s[^>]*)?>", re.I)
PARAGRAPH_END = re.compile(rb"</p\s*>", re.I)
TAG = re.compile(rb"<[^>]*>")
LINK = re.compile(rb"<a\b[^>]*>(.*?)</a\s*>", re.I | re.S)
ENTITY = re.compile(rb"&[#\w]+;")


def text_of(fragment):
    return re.sub(rb"\s+", b" ", ENTITY.sub(b"x", TAG.sub(b"", fragment))).strip()


class Template:
    """One page of extraction-dev, with where the date and the sentence go."""

    def __init__(self, name, data, truth_paragraphs):
        self.name = name
        data = PUBLISHED_META.sub(b"", data)
        self.data = data
        head = HEAD.search(data) or HTML.search(data)
        self.head_at = head.end() if head else 0
        self.candidates = self.places(data, truth_paragraphs)
        self.paragraph_at = self.candidates[0]

    @staticmethod
    def places(data, truth_paragraphs):
        """Places for the sentence, best first (`calibrate` picks the first that `slant extract` keeps):
        just after the opening tag of the `<p>` whose text starts like the ground truth's article body;
        just before the text of one of the body's first paragraphs, where the page has it outside
        tags and scripts (pages without `<p>`); after the opening tag of each `<p>` of running text."""
        body = BODY.search(data)
        start = body.end() if body else 0
        first_words = truth_paragraphs[0][:24] if truth_paragraphs else ""
        found = []
        for match in PARAGRAPH.finditer(data, start):
            end = PARAGRAPH_END.search(data, match.end())
            if not end:
                continue
            inner = data[match.end():end.start()]
            if b"<p" in inner.lower():  # an unclosed <p> swallowing the next one
                inner = inner[: inner.lower().index(b"<p")]
            text = text_of(inner)
            links = sum(len(text_of(m.group(1))) for m in LINK.finditer(inner))
            readable = re.sub(r"\s+", " ", html.unescape(TAG.sub(b"", inner).decode("utf-8", "replace"))).strip()
            found.append((match.end(), text, links, readable))
        ranked = []
        if len(first_words) >= 12:
            ranked += [position for position, _, _, readable in found if first_words in readable][:1]
        lower = data.lower()
        for paragraph in truth_paragraphs[:3]:
            probe = paragraph[:20].encode()
            if len(probe) < 12:
                continue
            at = data.find(probe, start)
            while at >= 0:
                in_tag = data.rfind(b"<", 0, at) > data.rfind(b">", 0, at)
                in_script = lower.rfind(b"<script", 0, at) > lower.rfind(b"</script", 0, at)
                if not in_tag and not in_script:
                    ranked.append(at)
                    break
                at = data.find(probe, at + 1)
        ranked += [position for position, text, links, _ in found
                   if len(text) >= 120 and links < 0.3 * len(text) and (b". " in text or b", " in text)]
        ranked += [position for position, text, links, _ in found if len(text) >= 40 and links < 0.5 * len(text)]
        ranked += [position for position, _, _, _ in found]
        if not ranked:
            ranked = [body.end() if body else len(data)]
        return list(dict.fromkeys(ranked))

    def page(self, index, at=None):
        meta = f'\n<meta property="article:published_time" content="{date(index)}">\n'.encode()
        words = sentence(index).encode()
        d, h, p = self.data, self.head_at, self.paragraph_at if at is None else at
        return d[:h] + meta + d[h:p] + words + d[p:]


def load_templates():
    truth = json.load(open(os.path.join(DATASET, "ground-truth.json"), encoding="utf-8"))
    names = sorted(n for n in os.listdir(os.path.join(DATASET, "html")) if n.endswith(".html.gz"))
    templates = []
    for name in names:
        with gzip.open(os.path.join(DATASET, "html", name)) as source:
            data = source.read()
        key = name[: -len(".html.gz")]
        body = (truth.get(key) or {}).get("articleBody") or ""
        paragraphs = [re.sub(r"\s+", " ", p).strip() for p in body.split("\n") if p.strip()]
        templates.append(Template(key, data, paragraphs))
    return templates


def extracted_texts(binary, pages, folder):
    """`slant extract --json` on {file name: page bytes}: {file name: extracted text, or None on failure}."""
    os.makedirs(folder, exist_ok=True)
    paths = []
    for name, page in pages.items():
        path = os.path.join(folder, name)
        open(path, "wb").write(page)
        paths.append(path)
    result = subprocess.run([binary, "extract", "--json"] + paths, capture_output=True, text=True)
    texts = {}
    for line in result.stdout.splitlines():
        record = json.loads(line)
        name = os.path.basename(record.get("source") or "")  # printed relative to the working directory
        texts[name] = None if record.get("error") or record.get("error_code") else (record.get("text") or "")
    shutil.rmtree(folder)
    return texts


def calibrate(binary, templates, rounds=12):
    """For each template, the first candidate place whose sentence `slant extract` keeps in the article
    text (tried in rounds: one `slant extract` over all templates still looking per round)."""
    looking = {t.name[:12] + ".html": (t, 0) for t in templates}
    for _ in range(rounds):
        pages = {name: t.page(10_000_000, t.candidates[k]) for name, (t, k) in looking.items()}
        texts = extracted_texts(binary, pages, os.path.join(WORK, "calibrate"))
        still = {}
        for name, (t, k) in looking.items():
            if f"since survey {10_000_000 + 1}," in (texts.get(name) or ""):
                t.paragraph_at = t.candidates[k]
            elif k + 1 < len(t.candidates):
                still[name] = (t, k + 1)
        looking = still
        if not looking:
            break
    for t, _ in looking.values():
        t.paragraph_at = t.candidates[0]  # distinct anyway (date, digest); the sentence is then not in the text


def article_path(corpus, index, templates, extra=False):
    outlet = f"outlet-{index % OUTLETS + 1:02d}"
    template = templates[index % len(templates)]
    prefix = "x" if extra else "a"
    return os.path.join(corpus, outlet, f"{prefix}{index:06d}-{template.name[:12]}.html"), template


def generate(directory, count, templates, regenerate):
    corpus = os.path.join(directory, "corpus")
    stamp = os.path.join(directory, "generated.json")
    wanted = {"articles": count, "version": GENERATOR_VERSION,
              "templates": [[t.name, t.head_at, t.paragraph_at] for t in templates]}
    if not regenerate and os.path.exists(stamp) and json.load(open(stamp)) == wanted:
        remove_extras(corpus)
        print(f"corpus: {count} articles already generated in {corpus}", flush=True)
    else:
        print(f"generating {count} articles in {corpus} ...", flush=True)
        started = time.perf_counter()
        if os.path.exists(directory):
            shutil.rmtree(directory)
        for outlet in range(1, OUTLETS + 1):
            os.makedirs(os.path.join(corpus, f"outlet-{outlet:02d}"))
        size = 0
        for index in range(count):
            path, template = article_path(corpus, index, templates)
            page = template.page(index)
            size += len(page)
            with open(path, "wb") as target:
                target.write(page)
        json.dump(wanted, open(stamp, "w"))
        print(f"  {size / 1e6:.0f} MB in {time.perf_counter() - started:.0f} s", flush=True)
    lexicons = os.path.join(directory, "lexicons")
    if os.path.exists(lexicons):
        shutil.rmtree(lexicons)
    shutil.copytree(os.path.join(ROOT, "lexicons"), lexicons)
    config = os.path.join(directory, "pipeline.yaml")
    with open(config, "w") as out:
        out.write("# Generated by bench/scale.py\nsources:\n")
        for outlet in range(1, OUTLETS + 1):
            out.write(f"  - path: corpus/outlet-{outlet:02d}/*.html\n    outlet: Outlet {outlet:02d}\n")
        out.write("lexicons:\n  - lexicons/karabakh.yaml\n  - lexicons/loaded-language.en.yaml\n")
        out.write("store: store/slant.sqlite\nreports: reports\n")
    return config, corpus


def remove_extras(corpus):
    for outlet in os.listdir(corpus):
        folder = os.path.join(corpus, outlet)
        for name in os.listdir(folder):
            if name.startswith("x"):
                os.remove(os.path.join(folder, name))


def reset_store(directory):
    for name in ("store", "reports"):
        path = os.path.join(directory, name)
        if os.path.exists(path):
            shutil.rmtree(path)


def check_sentence(binary, templates):
    """On one copy of each template (article 10,000,001 on): is its sentence in what `slant extract` finds?"""
    pages, expected = {}, {}
    for number, template in enumerate(templates):
        name = template.name[:12] + ".html"
        pages[name] = template.page(10_000_001 + number)
        expected[name] = f"since survey {10_000_001 + number + 1},"
    texts = extracted_texts(binary, pages, os.path.join(WORK, "check"))
    found = [name for name, text in texts.items() if text is not None and expected[name] in text]
    missing = sorted(name for name, text in texts.items() if text is not None and expected[name] not in text)
    failed = sorted(name for name, text in texts.items() if text is None)
    return len(found), missing, failed


# ---------------------------------------------------------------------------
# Timing

class Measure:
    def __init__(self, label, command, wall, user, system, rss_kb, stdout, stderr, status):
        self.label, self.command = label, command
        self.wall, self.user, self.system, self.rss_kb = wall, user, system, rss_kb
        self.stdout, self.stderr, self.status = stdout, stderr, status
        self.loop_end = self.loop_cpu = None  # when the file loop ended (s from the start), and the cpu used by then
        self.idle = self.others = 0.0

    @property
    def cpu(self):
        return self.user + self.system

    @property
    def utilisation(self):
        return self.cpu / self.wall if self.wall > 0 else 0.0

    @property
    def loop_utilisation(self):
        return self.loop_cpu / self.loop_end if self.loop_end and self.loop_cpu is not None else None

    @property
    def after_loop(self):
        """Wall time after the file loop: aggregate, report rendering and writing, closing the run."""
        return self.wall - self.loop_end if self.loop_end is not None else None

    @property
    def rss_mb(self):
        return self.rss_kb / 1024

    @property
    def summary(self):
        lines = [l for l in self.stdout.splitlines() if " found" in l or " articles" in l]
        return lines[0] if lines else self.stdout.strip().splitlines()[0] if self.stdout.strip() else ""


PROGRESS = re.compile(r"^(\d+)/(\d+) files")
TICK = os.sysconf("SC_CLK_TCK")


def machine_times():
    """(busy, idle) seconds of the whole machine (all cores), from /proc/stat."""
    fields = [int(x) for x in open("/proc/stat").readline().split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return (sum(fields[:8]) - idle) / TICK, idle / TICK


def process_cpu(pid):
    """user + system seconds of a running process (all its threads)."""
    try:
        fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICK
    except (OSError, IndexError, ValueError):
        return None


def child_of(pid):
    try:
        children = open(f"/proc/{pid}/task/{pid}/children").read().split()
        return int(children[0]) if children else None
    except OSError:
        return None


def timed(label, arguments, cwd, prefix=()):
    """Runs `arguments` under /usr/bin/time. Notes when the last progress line (the end of the file loop)
    arrives on standard error and the process's cpu by then, and how busy the machine was meanwhile
    (so that a low cpu/wall can be told from a machine busy with other work)."""
    out = os.path.join(WORK, "time.out")
    command = list(prefix) + ["/usr/bin/time", "-f", "%e %U %S %M", "-o", out] + arguments
    busy_before, idle_before = machine_times()
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    stderr_lines, loop_end, loop_cpu, slant = [], None, None, None
    for line in process.stderr:
        stderr_lines.append(line)
        match = PROGRESS.match(line)
        if match and match.group(1) == match.group(2):
            loop_end = time.perf_counter() - started
            slant = None if prefix else child_of(process.pid)
            loop_cpu = process_cpu(slant) if slant else None
    stdout = process.stdout.read()
    status = process.wait()
    elapsed = time.perf_counter() - started
    busy_after, idle_after = machine_times()
    wall, user, system, rss = open(out).read().split()[-4:]
    measure = Measure(label, " ".join(arguments), float(wall), float(user), float(system), int(rss),
                      stdout, "".join(stderr_lines), status)
    measure.loop_end, measure.loop_cpu = loop_end, loop_cpu
    # Cores left idle during the run, and cores used by other processes (machine busy minus this run's cpu).
    measure.idle = (idle_after - idle_before) / elapsed
    measure.others = max(0.0, (busy_after - busy_before) - measure.cpu) / elapsed
    if status != 0:
        print(f"  {label}: exit status {status}\n{measure.stderr[-2000:]}", file=sys.stderr)
    return measure


def show(m):
    loop = ""
    if m.loop_end is not None:
        loop = f" · file loop {m.loop_end:.2f} s"
        if m.loop_utilisation is not None:
            loop += f" (cpu/wall {m.loop_utilisation:.2f})"
        loop += f", after it {m.after_loop:.2f} s"
    print(f"  {m.label:<20} wall {m.wall:7.2f} s · cpu {m.cpu:7.2f} s ({m.utilisation:.2f}) · "
          f"max RSS {m.rss_mb:6.1f} MB{loop} · idle cores {m.idle:.2f}, others {m.others:.2f}", flush=True)
    print(f"  {'':<20} {m.summary}", flush=True)


def load():
    return " ".join(open("/proc/loadavg").read().split()[:3])


def add_article(corpus, index, templates):
    path, template = article_path(corpus, index, templates, extra=True)
    with open(path, "wb") as target:
        target.write(template.page(index))


def suite(binary, count, templates, args):
    directory = os.path.join(WORK, f"scale-{count}")
    config, corpus = generate(directory, count, templates, args.regenerate)
    kept = args.keep_store and os.path.exists(os.path.join(directory, "store", "slant.sqlite"))
    if not kept:
        reset_store(directory)
    jobs = ["--jobs", str(args.jobs)] if args.jobs else []
    run = [binary, "run", "--config", config] + jobs
    report = [binary, "report", "--config", config]
    results = {"count": count, "load_before": load()}
    print(f"[{count} articles] load average {results['load_before']}", flush=True)
    print(f"  $ {' '.join(run)}", flush=True)

    # With --keep-store and a store already there, the first run is only a warm-up (not a cold run).
    cold = timed("kept store, first run" if kept else "cold run", run, directory)
    show(cold)
    results["cold"] = cold
    warm = [timed(f"warm run {i + 1}", run, directory) for i in range(args.runs)]
    for m in warm:
        show(m)
    results["warm"] = warm

    new, rendering = [], []
    for i in range(args.runs):
        add_article(corpus, count + i, templates)
        m = timed(f"+1 article run {i + 1}", run, directory)
        show(m)
        new.append(m)
        r = timed(f"report alone {i + 1}", report, directory)
        show(r)
        rendering.append(r)
    results["new"] = new
    results["report"] = rendering
    if args.phases:
        add_article(corpus, count + args.runs, templates)
        results["phases"] = phases(run, directory, count)
    results["load_after"] = load()
    results["store_mb"] = sum(os.path.getsize(os.path.join(directory, "store", n))
                              for n in os.listdir(os.path.join(directory, "store"))) / 1e6
    results["reports_mb"] = sum(os.path.getsize(os.path.join(dirpath, n))
                                for dirpath, _, names in os.walk(os.path.join(directory, "reports")) for n in names) / 1e6
    remove_extras(corpus)
    if args.massif and count == min(args.sizes):
        results["massif"] = massif(run, directory)
    return results

# ---------------------------------------------------------------------------
# Where the time goes: a +1-article run under perf, samples attributed to phases by their call stacks

PHASES = [  # first match wins, searched in the whole (demangled) call stack of a sample
    ("origins (OriginPass.resolve)", "OriginPass.resolve", "report"),
    ("kept replicate sums (KeptReplicates.update)", "KeptReplicates.update", "report"),
    ("origin statistics (OriginStatistics.tables)", "OriginStatistics.tables", "report"),
    ("evidence rows for evidence.csv (SlantStore.evidence)", "SlantStore.evidence(digest", "report"),
    ("evidence rows (SlantStore.forEachEvidence)", "SlantStore.forEachEvidence", "report"),
    ("words of every article (SlantStore.forEachWord)", "SlantStore.forEachWord", "report"),
    ("contrasts (StatisticsComputer.contrasts)", "StatisticsComputer.contrasts", "report"),
    ("other statistics (AggregateStage)", "AggregateStage.process", "report"),
    ("report inputs, other (ReportInputs.load)", "ReportInputs.load", "report"),
    ("render (ReportStage)", "ReportStage.process", "report"),
    ("write files (ReportWriter)", "ReportWriter.write", "report"),
    ("reporting, other (ReportPublisher.publish)", "ReportPublisher.publish", "report"),
    ("close the run (SlantStore.finishRun)", "finishRun", "run"),
    ("previous corpus (SlantStore.corpus)", "SlantStore.corpus()", "run"),
    ("clean", "CleanStage.process", "run"),
    ("segment", "SegmentStage.process", "run"),
    ("tag", "TagStage.process", "run"),
    ("measure", "MeasureStage.process", "run"),
    ("stored measures (SlantStore.measures)", "SlantStore.measures(digest", "run"),
    ("file records (SlantStore.fileRecord)", "SlantStore.fileRecord", "run"),
    ("known digests (SlantStore.knownDigests)", "SlantStore.knownDigests", "run"),
    ("stat (FileStamp)", "FileStamp", "run"),
    ("store writes (SlantStore.write)", "SlantStore.write(", "run"),
    ("file loop, other", "PipelineRun.process(", "run"),
    ("discovery", "FileDiscovery", "run"),
    ("lexicons", "LexiconFiles", "run"),
    ("run, other", "PipelineRun.run", "run"),
]


def phases(run, directory, count, frequency=200):
    perf, demangle = shutil.which("perf"), shutil.which("swift-demangle")
    if not perf or not demangle:
        print("  (phases: perf or swift-demangle not found; skipped)")
        return None
    data = os.path.join(directory, "perf.data")
    m = timed("+1 article, perf", run, directory,
              prefix=[perf, "record", "-q", "-F", str(frequency), "--call-graph", "dwarf,16384", "-o", data])
    show(m)
    script = subprocess.Popen([perf, "script", "-i", data, "-F", "tid,time,ip,sym"], stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL)
    demangled = subprocess.run([demangle, "--simplified"], stdin=script.stdout, capture_output=True, text=True).stdout
    script.wait()
    os.remove(data)
    samples, current = [], None
    for line in demangled.splitlines():
        if line and not line[0].isspace() or (line.strip() and re.match(r"^\s*\d+\s+[\d.]+:\s*$", line)):
            match = re.match(r"^\s*(\d+)\s+([\d.]+):", line)
            if match:
                current = [float(match.group(2)), []]
                samples.append(current)
                continue
        if current is not None and line.strip():
            current[1].append(line.strip())
    if not samples:
        return None
    start = min(s[0] for s in samples)
    table = {}
    for when, frames in samples:
        stack = "\n".join(frames)
        name, part = "(stack not resolved: malloc, kernel)", "?"
        for label, key, kind in PHASES:
            if key in stack:
                name, part = label, kind
                break
        entry = table.setdefault(name, [0, when, when, part])
        entry[0] += 1
        entry[1], entry[2] = min(entry[1], when), max(entry[2], when)
    rows = sorted(((n, a - start, b - start, part, name) for name, (n, a, b, part) in table.items()), key=lambda r: r[1])
    report_start = min((r[1] for r in rows if r[3] == "report"), default=None)
    report_end = max((r[2] for r in rows if r[3] == "report"), default=None)
    print(f"  where the time of a +1-article run goes ({count} articles; perf at {frequency} Hz, dwarf stacks; "
          f"cpu = samples / {frequency}; from/to = first and last sample, s from the start):")
    for n, a, b, part, name in rows:
        print(f"    {name:<56} cpu {n / frequency:6.2f} s   {a:6.2f} -> {b:6.2f} s")
    if report_start is not None:
        print(f"    => before reporting {report_start:.2f} s; aggregate + render + write {report_end - report_start:.2f} s; "
              f"after it {max(r[2] for r in rows) - report_end:.2f} s (perf run wall {m.wall:.2f} s)")
    return {"rows": rows, "report_start": report_start, "report_end": report_end, "measure": m}


def massif(run, directory):
    reset_store(directory)
    out = os.path.join(directory, "massif.out")
    # Valgrind 3.19 cannot read the DWARF 5 debug information of Swift binaries: a copy without it (symbols kept).
    stripped = os.path.join(WORK, "slant-nodebug")
    subprocess.run(["objcopy", "--strip-debug", run[0], stripped], check=True)
    print(f"[massif] cold run under valgrind --tool=massif (slow: 10-50x) ...", flush=True)
    subprocess.run(["valgrind", "--tool=massif", "--depth=40", "--threshold=1.0", f"--massif-out-file={out}",
                    stripped] + run[1:], cwd=directory, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    text = subprocess.run(["ms_print", out], capture_output=True, text=True).stdout
    print("\n".join(text.splitlines()[:40]))
    print(f"  (full output: ms_print {out})")
    return out

# ---------------------------------------------------------------------------

def median(values):
    return statistics.median(values) if values else float("nan")


def typical(measures):
    """The run with the median wall time."""
    middle = median([m.wall for m in measures])
    return min(measures, key=lambda m: abs(m.wall - middle))


def table(all_results):
    print()
    print("=" * 110)
    print(f"slant run at scale  (machine: {os.cpu_count()} cores; load average now {load()})")
    print("=" * 110)
    print(f"{'articles':>8} {'run':<18} {'wall s':>7} {'cpu s':>7} {'cpu/wall':>8} {'maxRSS MB':>9} {'loop s':>7} "
          f"{'loop c/w':>8} {'after s':>7} {'idle':>5} {'others':>6}")
    for r in all_results:
        rows = [("cold", r["cold"]), ("warm (median)", typical(r["warm"])), ("+1 article (median)", typical(r["new"])),
                ("report alone (med.)", typical(r["report"]))]
        for name, m in rows:
            def f(value, spec):
                return format(value, spec) if value is not None else format("-", ">" + spec.split(".")[0])
            print(f"{r['count']:>8} {name:<18} {m.wall:7.2f} {m.cpu:7.2f} {m.utilisation:8.2f} {m.rss_mb:9.1f} "
                  f"{f(m.loop_end, '7.2f')} {f(m.loop_utilisation, '8.2f')} {f(m.after_loop, '7.2f')} {m.idle:5.2f} {m.others:6.2f}")
        print(f"{'':>8} warm: {r['warm'][0].summary}")
        print(f"{'':>8} store {r['store_mb']:.0f} MB, reports {r['reports_mb']:.0f} MB; load average {r['load_before']} before, "
              f"{r['load_after']} after")
    print("  loop s: end of the file loop (last progress line), from the start; loop c/w: cpu/wall until then;")
    print("  after s: wall time after the loop (aggregate, render, write reports, close the run); idle: cores left idle")
    print("  during the run; others: cores used by other processes meanwhile (the machine is shared).")
    print()
    print("targets:")
    for r in all_results:
        cold = r["cold"]
        ok = cold.utilisation > 1.0
        busy = " (machine busy: others used %.2f cores)" % cold.others if cold.others > 0.3 else ""
        loop = f"; during the file loop {cold.loop_utilisation:.2f}" if cold.loop_utilisation is not None else ""
        print(f"  [{'MET' if ok else 'NOT MET'}] both cores on a cold run ({r['count']}): cpu/wall {cold.utilisation:.2f}{loop}"
              f"{busy}  (> 1.0: both used; 2.0: both fully busy)")
    for r in all_results:
        warm = r["warm"]
        clean = all("cleaned 0 · tagged 0" in m.summary for m in warm)
        print(f"  [{'MET' if clean else 'NOT MET'}] warm run ({r['count']}) cleans and tags nothing: {warm[0].summary}")
    for r in all_results:
        peak = max([r["cold"].rss_mb] + [m.rss_mb for m in r["warm"] + r["new"] + r["report"]])
        print(f"  [{'MET' if peak < 300 else 'NOT MET'}] RSS < 300 MB ({r['count']}): highest max RSS of any run {peak:.1f} MB "
              f"(cold {r['cold'].rss_mb:.1f}, warm {typical(r['warm']).rss_mb:.1f})")
    if len(all_results) > 1:
        small, large = all_results[0], all_results[-1]
        for name, pick in (("cold", lambda r: r["cold"]), ("warm", lambda r: typical(r["warm"])),
                           ("+1", lambda r: typical(r["new"]))):
            a, b = pick(small).rss_mb, pick(large).rss_mb
            per = (b - a) * 1024 / (large["count"] - small["count"])
            flat = b / a < 1.25
            print(f"  [{'MET' if flat else 'NOT MET'}] flat memory, {name} run: max RSS {a:.1f} MB at {small['count']} -> "
                  f"{b:.1f} MB at {large['count']} ({b / a:.2f}x for {large['count'] / small['count']:.0f}x the articles; "
                  f"{per:.1f} KB more per article; judged flat below 1.25x)")
    for r in all_results:
        m = typical(r["new"])
        alone = typical(r["report"]).wall
        before = m.loop_end
        ok = before is not None and before < 2.0
        print(f"  [{'MET' if ok else 'NOT MET'}] +1 article ({r['count']}): {m.wall:.2f} s (median of {len(r['new'])}); "
              f"up to the end of the file loop {before:.2f} s (target < 2 s), then {m.after_loop:.2f} s of aggregate + "
              f"report + closing the run;")
        print(f"        `slant report` alone on the same store {alone:.2f} s (it also reloads every article's measures): "
              f"run - report = {m.wall - alone:.2f} s")
        if r.get("phases") and r["phases"]["report_start"] is not None:
            p = r["phases"]
            print(f"        by perf: {p['report_start']:.2f} s before reporting, {p['report_end'] - p['report_start']:.2f} s "
                  f"reporting (under perf: wall {p['measure'].wall:.2f} s)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--compare", help="sizes to run, e.g. 2000,10000 (memory flatness)")
    parser.add_argument("--runs", type=int, default=3, help="warm and +1-article runs per size (default 3)")
    parser.add_argument("--jobs", type=int, help="pass --jobs to slant run (default: slant's own, all cores)")
    parser.add_argument("--binary", help="use this slant binary instead of building one")
    parser.add_argument("--scratch-path", default=SCRATCH)
    parser.add_argument("--regenerate", action="store_true", help="regenerate the corpus even if present")
    parser.add_argument("--no-phases", dest="phases", action="store_false",
                        help="skip the +1-article run under perf that splits the time into phases")
    parser.add_argument("--keep-store", action="store_true",
                        help="reuse the store of an earlier run of this size (no cold run; the first run only brings "
                             "the store up to date): for comparing builds at 100,000 articles without re-analysing them")
    parser.add_argument("--massif", action="store_true", help="cold run of the smallest size under massif (slow)")
    args = parser.parse_args()
    args.sizes = [int(s) for s in args.compare.split(",")] if args.compare else [args.articles]
    os.makedirs(WORK, exist_ok=True)
    binary = os.path.abspath(args.binary) if args.binary else build(args.scratch_path)
    templates = load_templates()
    calibrate(binary, templates)
    found, missing, failed = check_sentence(binary, templates)
    print(f"generated sentence in the text `slant extract` finds: {found}/{len(templates)} templates"
          + (f"; not in {', '.join(missing)}" if missing else "")
          + (f"; extraction failed for {', '.join(failed)}" if failed else ""), flush=True)
    results = [suite(binary, count, templates, args) for count in args.sizes]
    table(results)


if __name__ == "__main__":
    main()
