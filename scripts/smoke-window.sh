#!/usr/bin/env bash
# Runs the app on the bundled seeds in a real (virtual) X window for a few seconds and fails if
# it exits early: the README's run command, checked headless. Needs xvfb (see .ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --locked --quiet
log=$(mktemp)
set +e
LIBGL_ALWAYS_SOFTWARE=1 xvfb-run -a -s "-screen 0 1280x800x24" timeout 8 target/debug/truceline >"$log" 2>&1
status=$?
set -e
if [ "$status" -ne 124 ]; then
  echo "the app exited early (status $status):"
  cat "$log"
  exit 1
fi
echo "the app ran for 8 s on the bundled seeds under Xvfb"
