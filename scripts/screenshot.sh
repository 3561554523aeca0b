#!/usr/bin/env bash
# Takes a screenshot of the running app in a virtual X screen, to look at the GUI without a
# display: scripts/screenshot.sh BINARY OUT.png [XDOTOOL-STEP...]
#
# Each optional step is one xdotool command line run after the window is up, e.g.
#   scripts/screenshot.sh target/debug/truceline out.png \
#     "mousemove 1260 190 click 1"  "key f"
# Needs xvfb, xdotool and imagemagick (`import`). The app runs with a fresh data directory so
# that no remembered window size or state from an earlier run changes the picture.
set -euo pipefail
if [ "$#" -lt 2 ]; then
  echo "usage: $0 BINARY OUT.png [XDOTOOL-STEP...]" >&2
  exit 2
fi
bin=$(realpath "$1")
out=$(realpath -m "$2")
shift 2
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT

export LIBGL_ALWAYS_SOFTWARE=1 XDG_DATA_HOME="$data" BIN="$bin" OUT="$out"
xvfb-run -a -s "-screen 0 1600x1000x24" bash -c '
  "$BIN" & pid=$!
  sleep "${SCREENSHOT_WAIT:-5}"
  # Without a window manager nobody gives the window keyboard focus; key steps need it.
  xdotool search --name Truceline windowfocus >/dev/null 2>&1 || true
  for step in "$@"; do
    # shellcheck disable=SC2086 # a step is several xdotool words on purpose
    xdotool $step
    sleep "${SCREENSHOT_STEP_WAIT:-1}"
  done
  import -window root "$OUT"
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
' screenshot "$@"
echo "wrote $out"
