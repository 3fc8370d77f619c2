#!/usr/bin/env bash
# Sets up what is missing, builds KSO Desk (release) and opens it on the database in the user's
# data directory ($XDG_DATA_HOME/kso-desk/kso.sqlite, or $KSO_DB).
#   scripts/launch.sh          open the app (first run asks to create the department or open demo data)
#   scripts/launch.sh --demo   fill a new database with the demo department first
source "$(dirname "$0")/lib.sh"

demo=0
for a in "$@"; do
  case "$a" in
    --demo) demo=1 ;;
    *) echo "usage: scripts/launch.sh [--demo]" >&2; exit 2 ;;
  esac
done

apt_install "${BUILD_PACKAGES[@]}"
need_rust
need_node
ui_build
log "Building KSO Desk (release; the first build takes a few minutes)"
cargo build --release --locked -p kso-desk -p kso-cli

db="${KSO_DB:-${XDG_DATA_HOME:-$HOME/.local/share}/kso-desk/kso.sqlite}"
if [ "$demo" = 1 ]; then
  if [ -e "$db" ]; then
    log "$db exists already: opening it as it is (move it away for fresh demo data)"
  else
    ./target/release/kso --db "$db" demo
  fi
fi
log "Opening KSO Desk on $db"
KSO_DB="$db" exec ./target/release/kso-desk
