#!/usr/bin/env python3
"""Times dateparser.search.search_dates over the first N articles of a gencorpus folder.

    python dateparser_search.py DIR [N]

Each article is searched against its own publication date (RELATIVE_BASE, from the folder's
.corpus.tsv manifest), English only, preferring past dates, as a user scripting
"find the dates in these reports" would. Prints one key=value line (see
scripts/compare-dateparser.sh) and keeps the dates found in DIR/.dateparser.tsv.
"""

import datetime
import os
import sys
import time

import dateparser
from dateparser.search import search_dates


def main():
    folder = sys.argv[1]
    limit = int(sys.argv[2]) if len(sys.argv) > 2 else None
    with open(os.path.join(folder, ".corpus.tsv"), encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f][1:]
    rows = rows[:limit]
    texts = []
    for row in rows:
        with open(os.path.join(folder, row[0]), encoding="utf-8") as f:
            texts.append((row[0], f.read(), datetime.datetime.fromisoformat(row[1])))
    size = sum(len(t.encode("utf-8")) for _, t, _ in texts)
    # Warm up: dateparser loads its language data lazily.
    search_dates("The truce began on Monday.", languages=["en"])
    found = 0
    kept = []
    start = time.perf_counter()
    for name, text, base in texts:
        settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"}
        result = search_dates(text, languages=["en"], settings=settings) or []
        found += len(result)
        kept.extend(f"{name}\t{s!r}\t{d.isoformat()}" for s, d in result)
    secs = time.perf_counter() - start
    with open(os.path.join(folder, ".dateparser.tsv"), "w", encoding="utf-8") as f:
        f.write("\n".join(kept) + "\n")
    print(
        f"dateparser version={dateparser.__version__} files={len(texts)} bytes={size} "
        f"seconds={secs:.4f} dates={found} mb_per_s={size / 1e6 / secs:.3f} "
        f"files_per_s={len(texts) / secs:.1f}"
    )


if __name__ == "__main__":
    main()
