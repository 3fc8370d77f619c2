#!/usr/bin/env bash
# Start-up time and memory of the release app under Xvfb, on a demo database (docs/PERFORMANCE.md).
#   scripts/bench-app.sh [RUNS]     (needs target/release/kso-desk and target/release/kso)
source "$(dirname "$0")/lib.sh"
runs="${1:-10}"
app="$ROOT/target/release/kso-desk"
kso="$ROOT/target/release/kso"
[ -x "$app" ] && [ -x "$kso" ] || { echo "build first: cargo build --release -p kso-desk -p kso-cli" >&2; exit 1; }

work="$(mktemp -d)"
display=""
for n in $(seq 150 199); do
  if [ ! -e "/tmp/.X${n}-lock" ]; then display=":$n"; break; fi
done
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null; rm -rf "$work"' EXIT
sleep 1
export DISPLAY="$display" XDG_DATA_HOME="$work" KSO_DB="$work/kso.sqlite"
"$kso" --db "$KSO_DB" demo --employees 40 --years 5 >/dev/null

# Start-up: process start → first screen drawn with data from the core (the UI's ui_ready call).
# Warm the page cache with one run.
KSO_EXIT_ON_READY=1 "$app" >/dev/null 2>&1 || true
times=()
for _ in $(seq "$runs"); do
  t=$(KSO_EXIT_ON_READY=1 "$app" 2>/dev/null | sed -n 's/^ready_ms=//p')
  times+=("$t")
done
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
median=$(echo "$sorted" | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}')
echo "start-up to first drawn screen (ms), $runs runs: median $median; all: $(echo $sorted | tr '\n' ' ')"

# Memory: the app and its WebKit processes, 5 s after start on the sign-in screen.
"$app" >/dev/null 2>&1 &
pid=$!
sleep 5
tree() { echo "$1"; for c in $(cat /proc/"$1"/task/*/children 2>/dev/null); do tree "$c"; done; }
pss=0; rss=0
for p in $(tree "$pid"); do
  read -r r s < <(awk '/^Rss:/ {r=$2} /^Pss:/ {s=$2} END {print r, s}' /proc/"$p"/smaps_rollup 2>/dev/null || echo "0 0")
  rss=$((rss + r)); pss=$((pss + s))
  echo "  $(tr '\0' ' ' < /proc/"$p"/cmdline | cut -c1-60): RSS $((r / 1024)) MiB, PSS $((s / 1024)) MiB"
done
kill "$pid"; wait "$pid" 2>/dev/null || true
echo "memory (app + WebKit processes): RSS $((rss / 1024)) MiB, PSS $((pss / 1024)) MiB"
