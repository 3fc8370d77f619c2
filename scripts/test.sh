#!/usr/bin/env bash
# Sets up what is missing and runs every check and test: formatting, clippy, the UI's type-check
# and lint, the TypeScript bindings, all Rust tests, and the WebDriver tests of the real app
# under Xvfb.
source "$(dirname "$0")/lib.sh"

apt_install "${BUILD_PACKAGES[@]}" xvfb webkit2gtk-driver "${JUDGE_PACKAGES[@]}"
need_rust
need_node
rustup component add clippy rustfmt >/dev/null 2>&1 || true
if ! command -v tauri-driver >/dev/null 2>&1; then
  log "Installing tauri-driver"
  cargo install tauri-driver --locked --quiet
fi

log "cargo fmt --check"
cargo fmt --all -- --check

ui_build
log "UI type-check and lint"
(cd ui && npm run --silent typecheck && npm run --silent lint)

log "cargo clippy -D warnings"
cargo clippy --locked --workspace --all-targets -- -D warnings

log "Rust tests (core, CLI, bindings current)"
cargo test --locked --workspace

log "Building the app for the WebDriver tests"
cargo build --locked -p kso-desk -p kso-cli

log "External judges of the signed PDFs (pdfsig, pyHanko, qpdf, pdffonts, pdftotext; SoftHSM token)"
judges_venv
PATH="$JUDGES_VENV/bin:$PATH" "$JUDGES_VENV/bin/python" tests/pdf/judges.py

# A free X display for the real window.
display=""
for n in $(seq 90 140); do
  if [ ! -e "/tmp/.X${n}-lock" ] && [ ! -e "/tmp/.X11-unix/X${n}" ]; then display=":$n"; break; fi
done
[ -n "$display" ] || { echo "no free X display" >&2; exit 1; }
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
trap 'kill $xvfb_pid 2>/dev/null || true' EXIT
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X${display#:}" ] && break; sleep 0.1; done

log "WebDriver tests of the real app (tauri-driver + WebKitWebDriver, Xvfb $display)"
DISPLAY="$display" node --test --test-concurrency=1 tests/e2e/
