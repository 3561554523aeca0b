#!/usr/bin/env bash
# Time from launch to the first frame, and to the first frame that shows a loaded timeline,
# measured from outside the app (no hook in src/ is needed):
#
#   scripts/first-frame.sh [--runs N] [--timeout SECONDS] BINARY [PATH]
#
# Without PATH the app shows the bundled seeds (built before the first frame); with PATH
# (e.g. a gencorpus folder) it opens the folder on a background thread, shows its progress,
# and the timeline when extraction is done.
#
# How: the app runs under Xvfb (software GL) inside `perf record`, with uprobes on
#   - eglSwapBuffers / glXSwapBuffers (libEGL, libGLX): a frame was presented;
#   - truceline::pipeline::open_bundled_seeds and ::open (or ::open_path in older builds),
#     entry and return (found by symbol in BINARY; release binaries keep them as functions).
# Times are from the exec of BINARY (perf's COMM exec record) to:
#   first frame   = the first buffer swap;
#   seeds / open  = when open_bundled_seeds / the folder's open ran (start+duration);
#   usable        = the first swap after the folder's open (or the seeds' extraction)
#                   returned: the first frame that can show the timeline;
# and, as a cross-check by the window system alone, when `xdotool` first saw a window named
# "Truceline" and (with PATH) one named "Truceline — PATH", the title set when a model loads.
# A screenshot of the window is kept per run in $OUT_DIR (default /tmp/first-frame), one at the
# first frame and, with PATH, one while loading and one when usable.
#
# Needs: perf (uprobes, so root), xvfb-run, xdotool, ImageMagick `import`, readelf, nm.
# Each run uses a fresh XDG_DATA_HOME so no remembered view or window size changes it.
# The probes are removed again on exit.
set -euo pipefail

runs=5
limit=600
while [ "$#" -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --timeout) limit=$2; shift 2 ;;
    -h|--help) sed -n '2,28p' "$0"; exit 0 ;;
    *) break ;;
  esac
done
if [ "$#" -lt 1 ]; then
  echo "usage: $0 [--runs N] [--timeout SECONDS] BINARY [PATH]" >&2
  exit 2
fi
bin=$(realpath "$1")
path=${2:+$(realpath "$2")}
out_dir=${OUT_DIR:-/tmp/first-frame}
mkdir -p "$out_dir"
for tool in perf xvfb-run xdotool import readelf nm; do
  command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 1; }
done

# --- probes -------------------------------------------------------------------------------
group=ffprobe$$
added=()
cleanup() {
  [ "${#added[@]}" -gt 0 ] && perf probe -q -d "$group:*" 2>/dev/null || true
}
trap cleanup EXIT

# The file offset of a function symbol (perf probe -x takes offsets for raw addresses).
offset_of() {
  local file=$1 pattern=$2 vaddr type off va _pa _fsz msz
  vaddr=$(nm "$file" 2>/dev/null | awk -v p="$pattern" '$0 ~ p && ($2 == "T" || $2 == "t") {print $1; exit}')
  [ -n "$vaddr" ] || return 1
  local v=$((16#$vaddr))
  while read -r type off va _pa _fsz msz _rest; do
    [ "$type" = LOAD ] || continue
    if [ "$v" -ge $((va)) ] && [ "$v" -lt $((va + msz)) ]; then
      printf '0x%x\n' $((v - va + off))
      return 0
    fi
  done < <(readelf -lW "$file")
  return 1
}

add_probe() { # name, target file, location
  if perf probe -q -x "$2" -a "$group:$1=$3" 2>/dev/null; then
    added+=("$group:$1*")
  else
    echo "note: no probe $1 on $2 ($3)" >&2
  fi
}

lib_of() { ldconfig -p | awk -v n="$1" '$1 == n {print $NF; exit}'; }
egl=$(lib_of libEGL.so.1); glx=$(lib_of libGLX.so.0)
[ -n "$egl" ] && add_probe egl_swap "$(realpath "$egl")" eglSwapBuffers
[ -n "$glx" ] && add_probe glx_swap "$(realpath "$glx")" glXSwapBuffers
if off=$(offset_of "$bin" '_ZN9truceline8pipeline18open_bundled_seeds17h'); then
  add_probe seeds_in "$bin" "$off"
  add_probe seeds_out "$bin" "$off%return"
fi
# The window's loader calls pipeline::open (newer) or pipeline::open_path (older builds).
for fn in '_ZN9truceline8pipeline4open17h' '_ZN9truceline8pipeline9open_path17h'; do
  if off=$(offset_of "$bin" "$fn"); then
    name=open${#fn}
    add_probe "${name}_in" "$bin" "$off"
    add_probe "${name}_out" "$bin" "$off%return"
  fi
done
if [ "${#added[@]}" -eq 0 ]; then
  echo "could not add any probe (perf probe needs root and uprobes)" >&2
  exit 1
fi
# Return probes are named NAME__return; one pattern records them all.
events=(-e "$group:*")

# --- runs ---------------------------------------------------------------------------------
export BIN="$bin" APP_PATH="$path" LIMIT="$limit"
printf '%-4s %12s %12s %12s %12s %12s %12s\n' run first_frame seeds open usable x_window x_loaded
run=0
retries=0
while [ "$run" -lt "$runs" ]; do
  run=$((run + 1))
  data=$(mktemp -d)
  rec="$out_dir/run$run.perf"
  rm -f "$rec" "$rec.old"
  export RUN=$run OUT_DIR="$out_dir" REC="$rec" XDG_DATA_HOME="$data" LIBGL_ALWAYS_SOFTWARE=1
  # shellcheck disable=SC2016 # the inner shell expands these
  xvfb-run -a -s "-screen 0 1600x1000x24" bash -c '
    start=$(date +%s%N)
    perf record -q -o "$REC" "$@" -- "$BIN" ${APP_PATH:+"$APP_PATH"} >"$OUT_DIR/run$RUN.log" 2>&1 &
    rec_pid=$!
    ms() { echo $(( ($(date +%s%N) - start) / 1000000 )); }
    # The window appears.
    x_window=-1
    for _ in $(seq 1 $((LIMIT * 50))); do
      if wid=$(xdotool search --name "^Truceline" 2>/dev/null | head -1) && [ -n "$wid" ]; then
        x_window=$(ms); break
      fi
      kill -0 "$rec_pid" 2>/dev/null || { echo "the app or perf exited early; see $OUT_DIR/run$RUN.log" >&2; break; }
      sleep 0.02
    done
    sleep 1
    import -window root "$OUT_DIR/run$RUN-first.png" 2>/dev/null || true
    x_loaded=-
    if [ -n "$APP_PATH" ]; then
      x_loaded=-1
      for _ in $(seq 1 $((LIMIT * 10))); do
        if xdotool search --name "^Truceline .+" >/dev/null 2>&1; then x_loaded=$(ms); break; fi
        kill -0 "$rec_pid" 2>/dev/null || break
        [ "$(ms)" -gt 3000 ] && [ ! -e "$OUT_DIR/run$RUN-loading.png" ] &&
          { import -window root "$OUT_DIR/run$RUN-loading.png" 2>/dev/null || true; }
        sleep 0.1
      done
      sleep 1
      import -window root "$OUT_DIR/run$RUN-usable.png" 2>/dev/null || true
    fi
    echo "$x_window $x_loaded" >"$OUT_DIR/run$RUN.x"
    # Stop the app (perf record then writes its file and exits).
    pkill_target=$(pgrep -P "$rec_pid" | head -1 || true)
    [ -n "$pkill_target" ] && kill "$pkill_target" 2>/dev/null || true
    wait "$rec_pid" 2>/dev/null || true
  ' first-frame "${events[@]}"
  if grep -q "Failed to open connection to X server" "$out_dir/run$run.log" 2>/dev/null; then
    echo "run $run: Xvfb was not ready; run it again" >&2
    rm -rf "$data"
    retries=$((retries + 1))
    [ "$retries" -le 5 ] || { echo "Xvfb failed five times" >&2; exit 1; }
    run=$((run - 1))
    sleep 1
    continue
  fi
  read -r x_window x_loaded <"$out_dir/run$run.x"
  # Times from the exec of the binary, in ms.
  perf script -i "$rec" -F comm,time,event --show-task-events 2>/dev/null | awk \
    -v bin="$(basename "$bin")" -v run="$run" -v xw="$x_window" -v xl="$x_loaded" '
    function stamp(  i) { for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+\.[0-9]+:$/) return substr($i, 1, length($i) - 1) + 0; return 0 }
    function ms(x) { return x ? sprintf("%.0f", (x - t0) * 1000) : "-" }
    function span(a, b) { return a && b ? sprintf("%.0f+%.0f", (a - t0) * 1000, (b - a) * 1000) : "-" }
    /PERF_RECORD_COMM exec/ && index($0, bin) && !t0 { t0 = stamp() }
    /PERF_RECORD/ { next }
    {
      t = stamp()
      if ($0 ~ /:(egl|glx)_swap/) { if (!first) first = t; if (opened && !usable) usable = t }
      else if ($0 ~ /:seeds_in/) si = t
      else if ($0 ~ /:seeds_out/) { so = t; opened = 1 }
      else if ($0 ~ /:open[0-9]+_in/) { if (!oi) oi = t }
      else if ($0 ~ /:open[0-9]+_out/) { oo = t; opened = 1 }
    }
    END {
      printf "%-4s %12s %12s %12s %12s %12s %12s\n", run, ms(first), span(si, so), span(oi, oo), ms(usable), xw, xl
    }'
  rm -rf "$data"
done
echo "(ms from exec; seeds/open = start+duration; x_* = seen by xdotool, from the launch; screenshots in $out_dir)"
