#!/usr/bin/env python3
"""Score Truceline's time tagger on a TempEval-3 style corpus.

Usage: scripts/tempeval.py BINARY CORPUS [--data DIR] [--errors N] [--keep DIR]
       [--no-dct [--hide-names]] [--dct-known year|month] [--only PREFIX]

BINARY is a built `truceline` executable; CORPUS is a folder name under the TempEval data
directory (default /work/shared/tempeval: timebank, aquaint, ceasefire-seeds) or a path to a
folder of .tml files. For every document the script extracts the text and its creation date
with te3_score.py, runs `BINARY timex --dct YYYY-MM-DD FILE` (which prints
{"dct": ..., "timexes": [{"start", "end", "text", "type", "value"}]} with byte offsets),
converts the byte offsets to character offsets, and scores the lot with `te3_score.py score`.
With --no-dct the creation date is withheld: the script runs `BINARY timex FILE`, so the
tagger infers the reference date the way the loader dates an article: metadata in the text,
the text's own evidence, then a date in the file name (TempEval document names such as
APW19980807.0261 carry one). With --hide-names as well, each text is passed under a neutral
name (doc.txt), so that only the text itself can give the date. The inferred dates are
summarised on standard error.
With --dct-known year (or month) the tagger is given only that much of the creation date
(the last day of the year, the 15th of the month): the ceiling of any no-DCT guess that gets
the year (or the month) right. --only PREFIX scores the documents whose names start with
PREFIX (e.g. wsj_, the TimeBank files whose texts carry no date at all).
The corpus data is read in place and never copied into the repository.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile


def byte_to_char(text_bytes, offset):
    """Character offset of a UTF-8 byte offset (the tagger's spans are on char boundaries)."""
    return len(text_bytes[:offset].decode("utf-8"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("binary")
    ap.add_argument("corpus")
    ap.add_argument("--data", default=os.environ.get("TEMPEVAL_DIR", "/work/shared/tempeval"))
    ap.add_argument("--errors", type=int, default=0)
    ap.add_argument("--keep", help="write the system .json files here instead of a temp dir")
    ap.add_argument("--no-dct", action="store_true",
                    help="do not pass the creation date; the tagger infers it")
    ap.add_argument("--hide-names", action="store_true",
                    help="with --no-dct: pass each text under a neutral file name")
    ap.add_argument("--dct-known", choices=["year", "month"],
                    help="give the tagger only the year (as YYYY-12-31) or month (YYYY-MM-15)")
    ap.add_argument("--only", help="score only documents whose names start with this prefix")
    args = ap.parse_args()

    scorer = os.path.join(args.data, "te3_score.py")
    gold = args.corpus if os.path.isdir(args.corpus) else os.path.join(args.data, args.corpus)
    if not os.path.isdir(gold):
        sys.exit(f"no corpus folder {gold}")
    only_dir = None
    if args.only:
        only_dir = tempfile.mkdtemp()
        for f in os.listdir(gold):
            if f.endswith(".tml") and f.startswith(args.only):
                os.symlink(os.path.abspath(os.path.join(gold, f)), os.path.join(only_dir, f))
        gold = only_dir

    with tempfile.TemporaryDirectory() as tmp:
        txt_dir = os.path.join(tmp, "txt")
        out_dir = args.keep or os.path.join(tmp, "out")
        os.makedirs(out_dir, exist_ok=True)
        subprocess.run([sys.executable, scorer, "extract", gold, txt_dir], check=True,
                       stdout=subprocess.DEVNULL)
        failures = 0
        inferred = exact = 0
        for name in sorted(os.listdir(txt_dir)):
            if not name.endswith(".txt"):
                continue
            doc = name[:-4]
            txt_path = os.path.join(txt_dir, name)
            with open(os.path.join(txt_dir, doc + ".dct"), encoding="utf-8") as f:
                dct = f.read().strip()[:10]
            if args.dct_known == "year":
                dct = dct[:4] + "-12-31"
            elif args.dct_known == "month":
                dct = dct[:7] + "-15"
            with open(txt_path, "rb") as f:
                raw = f.read()
            if args.hide_names:
                hidden = os.path.join(tmp, "hidden")
                os.makedirs(hidden, exist_ok=True)
                txt_path = os.path.join(hidden, "doc.txt")
                with open(txt_path, "wb") as f:
                    f.write(raw)
            cmd = [args.binary, "timex", txt_path] if args.no_dct else \
                [args.binary, "timex", "--dct", dct, txt_path]
            run = subprocess.run(cmd, capture_output=True, text=True)
            if run.returncode != 0:
                failures += 1
                print(f"{doc}: tagger failed: {run.stderr.strip()[:200]}", file=sys.stderr)
                continue
            found = json.loads(run.stdout)
            if args.no_dct and found.get("dct"):
                inferred += 1
                exact += found["dct"] == dct
            timexes = [{
                "start": byte_to_char(raw, t["start"]),
                "end": byte_to_char(raw, t["end"]),
                "type": t["type"],
                "value": t["value"],
            } for t in found.get("timexes", [])]
            with open(os.path.join(out_dir, doc + ".json"), "w", encoding="utf-8") as f:
                json.dump({"timexes": timexes}, f)
        cmd = [sys.executable, scorer, "score", gold, out_dir]
        if args.errors:
            cmd += ["--errors", str(args.errors)]
        code = subprocess.run(cmd).returncode
        if args.no_dct:
            print(f"reference date inferred for {inferred} documents, {exact} equal to the DCT",
                  file=sys.stderr)
        if failures:
            print(f"{failures} documents failed to tag", file=sys.stderr)
        sys.exit(code or (1 if failures else 0))


if __name__ == "__main__":
    main()
