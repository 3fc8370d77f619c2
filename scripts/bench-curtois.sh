#!/usr/bin/env bash
# The rostering engine on the Curtois & Qu instances 1–24: each solved for SECONDS (default 60)
# with a fixed seed, the roster written and checked by the independent checker, and the table
# (objective, gap to the best known, time to the best) written into docs/PERFORMANCE.md between
# its curtois markers. Usage: bash scripts/bench-curtois.sh [SECONDS] [FIRST] [LAST]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SECONDS_PER="${1:-60}"
FIRST="${2:-1}"
LAST="${3:-24}"
DATA="$ROOT/crates/kso-solver/benchmarks/curtois"
OUT="$ROOT/target/curtois"
mkdir -p "$OUT"
cargo build --release --locked -p kso-cli --manifest-path "$ROOT/Cargo.toml" >&2
KSO="$ROOT/target/release/kso"

table="| instance | days × staff × shifts | best known | objective | gap | within the rules | time to best |
|---|---|---|---|---|---|---|"
for n in $(seq "$FIRST" "$LAST"); do
  row="$(grep -P "^$n\t" "$DATA/BEST_KNOWN.tsv")"
  days="$(cut -f2 <<<"$row")"; staff="$(cut -f3 <<<"$row")"; shifts="$(cut -f4 <<<"$row")"
  best="$(cut -f5 <<<"$row")"; status="$(cut -f7 <<<"$row")"
  "$KSO" roster bench-curtois "$DATA/Instance$n.txt" --seconds "$SECONDS_PER" --seed 1 --out "$OUT/Instance$n.sol" > "$OUT/Instance$n.log" || true
  # The independent checker's count of the written roster.
  check="$("$KSO" roster check-curtois "$DATA/Instance$n.txt" "$OUT/Instance$n.sol" | head -1 || true)"
  objective="$(sed -n 's/^objective \([0-9]*\).*/\1/p' <<<"$check")"
  feasible="$(sed -n 's/.*feasible \([a-z]*\).*/\1/p' <<<"$check")"
  ttb="$(sed -n 's/.*time_to_best \([0-9.]*\).*/\1/p' "$OUT/Instance$n.log")"
  gap="$(awk -v o="$objective" -v b="$best" 'BEGIN { printf "%.1f %%", (o - b) * 100 / b }')"
  [ "$feasible" = "true" ] && ok="yes" || ok="**no**"
  [ "$status" = "opt" ] && best="$best (optimal)"
  table+=$'\n'"| $n | $days × $staff × $shifts | $best | $objective | $gap | $ok | $ttb s |"
  echo "Instance$n: $objective (best known $best), within the rules: $feasible, $ttb s" >&2
done
echo "$table"
if [ "$FIRST" = 1 ] && [ "$LAST" = 24 ]; then
  python3 - "$ROOT/docs/PERFORMANCE.md" "$SECONDS_PER" <<PY
import sys
path, secs = sys.argv[1], sys.argv[2]
s = open(path).read()
begin, end = "<!-- curtois:begin -->", "<!-- curtois:end -->"
body = f"{begin}\n\`bash scripts/bench-curtois.sh {secs}\` ({secs} s per instance, seed 1, this 2-core machine):\n\n" + """$table""" + f"\n{end}"
if begin in s:
    s = s[: s.index(begin)] + body + s[s.index(end) + len(end):]
else:
    s += "\n" + body + "\n"
open(path, "w").write(s)
PY
fi
