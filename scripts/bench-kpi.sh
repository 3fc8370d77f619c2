#!/usr/bin/env bash
# The KPI import benchmark (docs/PERFORMANCE.md): a generated Jira Service Management export of
# ROWS rows imported by the release `kso`, and for scale DuckDB's read_csv counting the resolved
# tickets per month in the same file.
#   scripts/bench-kpi.sh [ROWS]     (needs target/release/kso; DuckDB goes into a venv of its own)
source "$(dirname "$0")/lib.sh"
rows="${1:-1000000}"
kso="$ROOT/target/release/kso"
[ -x "$kso" ] || { echo "build first: cargo build --release -p kso-cli" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
venv="${KSO_DUCKDB_VENV:-$HOME/.cache/kso-desk/duckdb-venv}"
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import duckdb" 2>/dev/null; then
  log "Installing DuckDB in $venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check duckdb
fi

log "kso bench-kpi --rows $rows"
"$kso" bench-kpi --rows "$rows" --keep "$work/jira.csv"

log "DuckDB read_csv: resolved tickets per month (3 runs)"
"$venv/bin/python" - "$work/jira.csv" <<'PY'
import sys, time, duckdb
path = sys.argv[1]
con = duckdb.connect()
print("duckdb", duckdb.__version__, "threads", con.execute("SELECT current_setting('threads')").fetchone()[0])
for i in range(3):
    t = time.time()
    r = con.execute(f"""SELECT strftime(strptime("Resolved", '%d/%b/%y %I:%M %p'), '%Y-%m') AS m, count(*)
        FROM read_csv('{path}', header = true, all_varchar = true)
        WHERE "Resolved" <> '' GROUP BY m ORDER BY m""").fetchall()
    print(f"run {i + 1}: {time.time() - t:.2f} s, {len(r)} months, {sum(x[1] for x in r)} resolved tickets")
PY
