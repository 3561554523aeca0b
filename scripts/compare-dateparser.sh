#!/usr/bin/env bash
# Truceline's time tagger side by side with the obvious alternative a user would script,
# Python dateparser's search_dates, on the same generated articles, in the same run:
#
#   scripts/compare-dateparser.sh [ARTICLES (200)] [SEED (42)]
#
# 1. writes ARTICLES articles with `gencorpus` into a scratch folder;
# 2. installs dateparser into a throwaway virtualenv under /tmp (not a project dependency);
# 3. times search_dates over every article, each against its publication date, one thread
#    (scripts/dateparser_search.py);
# 4. times truceline::extract::timex::tag over the same texts and dates, one thread and all
#    threads (`cargo bench --bench load -- --tag DIR N`);
# 5. times the command line a user would loop over the files: `truceline timex --dct DATE
#    FILE` once per file (process start, lexicon and regex build, JSON output included);
# and prints the throughput ratios. Set TRUCELINE=path/to/truceline to time another binary
# (default target/release/truceline, built if missing), WORK=folder for the scratch folder.
set -euo pipefail
cd "$(dirname "$0")/.."
articles=${1:-200}
seed=${2:-42}
work=${WORK:-/tmp/truceline-compare}
venv=${VENV:-/tmp/truceline-cmp-venv}
corpus="$work/corpus-$articles-$seed"
mkdir -p "$work"

echo "== corpus: $articles articles, seed $seed"
rm -rf "$corpus"
cargo run --quiet --release --bin gencorpus -- --seed "$seed" --articles "$articles" "$corpus"

echo "== dateparser (virtualenv $venv)"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/pip" install --quiet --disable-pip-version-check dateparser
dp=$("$venv/bin/python" scripts/dateparser_search.py "$corpus" "$articles")
echo "$dp"

echo "== truceline tagger (library, cargo bench --bench load -- --tag)"
tl=$(cargo bench --quiet --bench load -- --tag "$corpus" "$articles" 2>/dev/null | grep '^truceline_tag')
echo "$tl"

echo "== truceline timex CLI, one process per file"
bin=${TRUCELINE:-target/release/truceline}
if [ ! -x "$bin" ]; then
  cargo build --quiet --release --bin truceline
fi
start=$(date +%s%N)
found=0
while IFS=$'\t' read -r file published _rest; do
  n=$("$bin" timex --dct "$published" "$corpus/$file" | grep -c '"value"' || true)
  found=$((found + n))
done < <(tail -n +2 "$corpus/.corpus.tsv" | head -n "$articles")
cli_secs=$(echo "scale=4; ($(date +%s%N) - $start) / 1000000000" | bc)
echo "truceline_cli files=$articles seconds=$cli_secs timexes=$found"

echo "== ratios (files per second; higher is faster)"
field() { echo "$1" | tr ' ' '\n' | awk -F= -v k="$2" '$1 == k {print $2}'; }
dp_secs=$(field "$dp" seconds)
one=$(echo "$tl" | grep 'mode=one_thread')
all=$(echo "$tl" | grep 'mode=all_threads')
one_secs=$(field "$one" seconds)
all_secs=$(field "$all" seconds)
printf '%-42s %10s %12s %10s\n' "" seconds "files/s" "vs dateparser"
row() { printf '%-42s %10.3f %12.1f %9.1fx\n' "$1" "$2" "$(echo "$articles / $2" | bc -l)" "$(echo "$dp_secs / $2" | bc -l)"; }
row "dateparser.search.search_dates (1 thread)" "$dp_secs"
row "truceline timex::tag (1 thread)" "$one_secs"
row "truceline timex::tag (all threads)" "$all_secs"
row "truceline timex CLI (a process per file)" "$cli_secs"
echo "expressions found: dateparser $(field "$dp" dates), truceline $(field "$one" timexes), CLI $found"
echo "(dateparser's finds are kept in $corpus/.dateparser.tsv)"
