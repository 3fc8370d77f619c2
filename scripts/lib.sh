# Shared by the scripts: install what a fresh Debian 12 machine lacks, nothing more.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# apt_install PKG...: installs the Debian packages that are missing.
apt_install() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    log "Installing Debian packages: ${missing[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

need_rust() {
  if ! command -v cargo >/dev/null 2>&1 && [ -x "$HOME/.cargo/bin/cargo" ]; then
    export PATH="$HOME/.cargo/bin:$PATH"
  fi
  if ! command -v cargo >/dev/null 2>&1; then
    log "Installing Rust with rustup"
    apt_install curl ca-certificates
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal -c clippy -c rustfmt
    export PATH="$HOME/.cargo/bin:$PATH"
  fi
}

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

need_node() {
  if ! command -v npm >/dev/null 2>&1; then
    apt_install nodejs npm
  fi
  # Debian 12 ships Node.js 18; the UI build (Vite) needs 20.19 or newer.
  if [ "$(node_major)" -lt 20 ]; then
    log "Installing Node.js 20 (Debian 12 has $(node --version))"
    $SUDO npm install -g --no-audit --no-fund n >/dev/null && $SUDO n 20 >/dev/null && hash -r || true
  fi
  if [ "$(node_major)" -lt 20 ]; then
    echo "KSO Desk's UI build needs Node.js 20.19 or newer; this machine has $(node --version)." >&2
    echo "Install a newer Node.js (e.g. from nodejs.org or NodeSource) and run again." >&2
    exit 1
  fi
}

# The system libraries Tauri builds against (facts/tauri-on-this-machine.md).
BUILD_PACKAGES=(libwebkit2gtk-4.1-dev libssl-dev build-essential pkg-config)

# The judges of signed PDFs: poppler's pdfsig/pdffonts/pdftotext, qpdf, OpenSSL for test keys,
# SoftHSM and OpenSC's pkcs11-tool for an ID-card-like token, Python's venv for pyHanko.
JUDGE_PACKAGES=(poppler-utils qpdf openssl softhsm2 opensc python3-venv)
JUDGES_VENV="$ROOT/target/judges-venv"

judges_venv() {
  if [ ! -x "$JUDGES_VENV/bin/pyhanko" ] || ! cmp -s tests/pdf/requirements.txt "$JUDGES_VENV/requirements.txt"; then
    log "Installing pyHanko in $JUDGES_VENV"
    rm -rf "$JUDGES_VENV"
    python3 -m venv "$JUDGES_VENV"
    "$JUDGES_VENV/bin/pip" install --quiet --disable-pip-version-check -r tests/pdf/requirements.txt
    cp tests/pdf/requirements.txt "$JUDGES_VENV/requirements.txt"
  fi
}

ui_build() {
  log "Building the UI"
  (cd ui && npm ci --no-audit --no-fund --loglevel=error && npm run build --silent)
}
