#!/usr/bin/env python3
"""Titles and dates: what `slant extract` finds on the pages of both development sets.

For each page of ../shared/benchmarks/extraction-dev and extraction-chunks-dev it
reads, with Python's own HTML parser (independent of libxml2), the page's
og:title, first <h1>, og:site_name and the date signals a reader can see in
the markup (article:published_time and kin, JSON-LD datePublished, itemprop
datePublished, <time datetime>, a /YYYY/MM/DD/ or YYYY-MM-DD in the URL), and
counts:
  - pages whose extracted title equals the og:title or the <h1> (white space and
    case folded),
  - pages whose extracted title still carries the site's name as a prefix or a
    suffix (` | Site`, `Site - `) where the og:title or <h1> does not,
  - pages with a published date, and pages with a date signal but no date.

usage: bench/metadata.py [--slant BIN] [--list]
"""
import argparse, gzip, html.parser, json, os, re, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(ROOT), "shared")
SETS = [("extraction-dev", os.path.join(SHARED, "benchmarks", "extraction-dev", "html")),
        ("extraction-chunks-dev", os.path.join(SHARED, "benchmarks", "extraction-chunks-dev", "html"))]
DATE_META = {"article:published_time", "og:article:published_time", "datepublished", "pubdate", "publishdate",
             "publish-date", "date", "dc.date", "dc.date.issued", "dcterms.created", "parsely-pub-date",
             "sailthru.date", "citation_publication_date", "publication_date", "article.published"}

class Signals(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.og_title = self.site = None
        self.h1 = None
        self.in_h1 = 0
        self.h1_parts = []
        self.in_script = False
        self.script = []
        self.date = False

    def handle_starttag(self, tag, attrs):
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key == "og:title" and self.og_title is None: self.og_title = a.get("content", "")
            if key == "og:site_name" and self.site is None: self.site = a.get("content", "")
            if key in DATE_META and re.search(r"\d{4}", a.get("content", "")): self.date = True
        if a.get("itemprop") == "datePublished": self.date = True
        if tag == "time" and re.search(r"\d{4}-\d{2}-\d{2}", a.get("datetime", "")): self.date = True
        if tag == "h1" and self.h1 is None: self.in_h1 += 1
        if tag == "script" and "ld+json" in a.get("type", ""): self.in_script = True

    def handle_endtag(self, tag):
        if tag == "h1" and self.in_h1:
            self.in_h1 = 0
            self.h1 = " ".join("".join(self.h1_parts).split())
        if tag == "script" and self.in_script:
            self.in_script = False
            if '"datePublished"' in "".join(self.script): self.date = True
            self.script = []

    def handle_data(self, data):
        if self.in_h1: self.h1_parts.append(data)
        if self.in_script: self.script.append(data)

def fold(text):
    return " ".join((text or "").split()).casefold()

def domain_name(url):
    host = re.sub(r"^https?://", "", url or "").split("/")[0].lower()
    host = re.sub(r"^www\d?\.", "", host)
    return host.split(".")[0] if host else ""

SEPARATORS = [" | ", " - ", " – ", " — ", " :: ", " » ", " · "]

def squeeze(text):
    return re.sub(r"[\W_]+", "", fold(text))

def without_site(title, site, url):
    """The title without a first or last segment that names the site (og:site_name or the domain's name)."""
    names = [n for n in {squeeze(site or ""), domain_name(url).replace("-", "")} if len(n) >= 3]
    t = " ".join((title or "").split())
    for separator in SEPARATORS:
        parts = t.split(separator)
        if len(parts) < 2: continue
        if any(n in squeeze(parts[-1]) for n in names): return separator.join(parts[:-1])
        if any(n in squeeze(parts[0]) for n in names): return separator.join(parts[1:])
    return None

def has_site_affix(title, site, url):
    return without_site(title, site, url) is not None

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--slant", default=os.path.join(ROOT, ".build", "release", "slant"))
    parser.add_argument("--list", action="store_true", help="list the pages that miss")
    args = parser.parse_args()
    for name, directory in SETS:
        if not os.path.isdir(directory): continue
        with tempfile.TemporaryDirectory() as tmp:
            pages = {}
            for file in sorted(os.listdir(directory)):
                if not file.endswith(".html.gz"): continue
                key = file[: -len(".html.gz")]
                path = os.path.join(tmp, key + ".html")
                data = gzip.open(os.path.join(directory, file)).read()
                open(path, "wb").write(data)
                signals = Signals()
                try:
                    signals.feed(data.decode("utf-8", errors="replace"))
                except Exception:
                    pass
                pages[key] = (path, signals)
            out = subprocess.run([args.slant, "extract", "--json", "--jobs", "2"] + [p for p, _ in pages.values()],
                                 capture_output=True, text=True).stdout
        extracted = {}
        for line in out.splitlines():
            record = json.loads(line)
            extracted[os.path.basename(record["source"])[: -len(".html")]] = record
        n = len(pages)
        titled = equal = equal_clean = affix = dated = signalled = undated = 0
        misses = []
        for key, (_, s) in pages.items():
            record = extracted.get(key, {})
            title = record.get("title")
            url = record.get("url") or ""
            if title: titled += 1
            references = [r for r in (s.og_title, s.h1) if r]
            if title and any(fold(title) == fold(r) for r in references): equal += 1
            clean_og = without_site(s.og_title, s.site or record.get("site"), url) if s.og_title else None
            if title and any(fold(title) == fold(r) for r in references + ([clean_og] if clean_og else [])): equal_clean += 1
            elif title and references: misses.append(("title", key, title, s.og_title, s.h1))
            if title and has_site_affix(title, s.site or record.get("site"), url) and not any(
                    fold(r) == fold(title) for r in ([s.h1] if s.h1 else [])):
                affix += 1
                misses.append(("affix", key, title, s.og_title, s.h1))
            has_signal = s.date or bool(re.search(r"/(19|20)\d\d[/-]\d\d?[/-]\d\d?(/|-|$)", url))
            if record.get("published"): dated += 1
            if has_signal:
                signalled += 1
                if not record.get("published"):
                    undated += 1
                    misses.append(("undated", key, url, "", ""))
        print(f"{name}: {n} pages, {len(extracted)} extracted")
        print(f"  title: {titled} with a title; {equal} equal to og:title or <h1>, {equal_clean} to og:title without the"
              f" site's name, og:title or <h1>; {affix} still carry the site's name")
        print(f"  date:  {dated} dated; {signalled} with a date in the markup or URL, {undated} of them undated")
        if args.list:
            for miss in misses: print("   ", " | ".join(str(x)[:90] for x in miss))

if __name__ == "__main__":
    main()
