# Shared by scripts/dev.sh, scripts/test.sh and scripts/size.sh: environment and tool installs.
# Every install is skipped when the right version is already there.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ROOT
TRUNK_VERSION="0.21.14"

# Build outside the clone so that a reused machine (and CI in a fresh clone) reuses compiled
# dependencies; cargo's own locking makes sharing the directory safe.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/wayai-connections/target}"

# Cargo decides whether the workspace's own crates are fresh by comparing file times, relative to
# each package's root: a clone whose files are older than the last build made from another clone
# would reuse that clone's artifacts. When the build directory was last used from elsewhere, this
# clone's files are touched, so cargo rebuilds the workspace's crates (dependencies stay cached).
claim_target_dir() {
  local mark="$CARGO_TARGET_DIR/.wayai-last-root"
  if [ "$(cat "$mark" 2>/dev/null)" != "$ROOT" ]; then
    (cd "$ROOT" && git ls-files -z | xargs -0 -r touch -c)
    mkdir -p "$CARGO_TARGET_DIR" && printf '%s\n' "$ROOT" >"$mark"
  fi
}
claim_target_dir
# wasm-opt must be binaryen's npm build (v132), first on PATH: Debian's v108 builds a page that
# dies at start-up.
export PATH="$ROOT/e2e/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

log() { printf '\n==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# The wasm-bindgen version the page is built with; the CLI and test runner must equal it.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

apt_ready=""
apt_install() {
  if [ -z "$apt_ready" ]; then
    [ "$(id -u)" = 0 ] || die "installing $* needs root (apt-get)"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    apt_ready=1
  fi
  log "installing $* (apt)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

ensure_wasm_target() {
  rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown && return
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
}

ensure_trunk() {
  trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION" && return
  log "installing trunk $TRUNK_VERSION (about 11 minutes on 2 cores, once per machine)"
  cargo install --locked trunk --version "$TRUNK_VERSION"
}

ensure_wasm_bindgen() {
  local want
  want="$(wasm_bindgen_version)"
  [ -n "$want" ] || die "no wasm-bindgen in Cargo.lock"
  if wasm-bindgen --version 2>/dev/null | grep -q " $want\$" &&
    wasm-bindgen-test-runner --version 2>/dev/null | grep -q " $want\$"; then
    return
  fi
  log "installing wasm-bindgen-cli $want (about 3.5 minutes)"
  # No --locked: one of its pinned dependency versions is missing from the registry.
  cargo install --force wasm-bindgen-cli --version "$want"
}

# Splits the page's wasm (scripts/split.mjs, in Trunk's post-build hook). It has no --version:
# cargo's list of what it installed tells.
WASM_SPLIT_VERSION="0.2.4"
ensure_wasm_split() {
  cargo install --list 2>/dev/null | grep -q "^wasm_split_cli_support v$WASM_SPLIT_VERSION:" &&
    command -v wasm-split-cli >/dev/null && return
  log "installing wasm-split-cli $WASM_SPLIT_VERSION (about 2 minutes on 2 cores, once per machine)"
  cargo install --locked wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary
}

ensure_node_modules() {
  local stamp="$ROOT/e2e/node_modules/.package-lock.json"
  if [ -f "$stamp" ] && [ "$stamp" -nt "$ROOT/e2e/package-lock.json" ]; then
    return
  fi
  log "installing e2e npm packages (playwright-core, binaryen, axe-core, simple-icons)"
  (cd "$ROOT/e2e" && npm ci --no-audit --no-fund --loglevel=error)
}

ensure_browsers() {
  local missing=()
  command -v chromium >/dev/null || missing+=(chromium)
  command -v chromedriver >/dev/null || missing+=(chromium-driver)
  command -v firefox >/dev/null || command -v firefox-esr >/dev/null || missing+=(firefox-esr)
  [ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"
}

ensure_geckodriver() {
  command -v geckodriver >/dev/null && return
  log "installing geckodriver (about 1.5 minutes)"
  cargo install --locked geckodriver
}

SCHEMATHESIS_VERSION="4.32.5"
export VENV="${WAYAI_VENV:-$HOME/.cache/wayai-connections/venv}"

ensure_schemathesis() {
  "$VENV/bin/schemathesis" --version 2>/dev/null | grep -q "$SCHEMATHESIS_VERSION" && return
  log "installing schemathesis $SCHEMATHESIS_VERSION (PyPI, into $VENV)"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
}

# Waits until $1 (a URL) answers, for at most $2 seconds.
wait_for_url() {
  local url="$1" deadline=$((SECONDS + ${2:-60}))
  until curl -s -o /dev/null "$url"; do
    [ $SECONDS -lt $deadline ] || return 1
    sleep 0.2
  done
}

# run_in_own_session CMD...: runs CMD in a session of its own, then stops what it left running in
# that session (a headless browser orphaned when the test runner kills its driver), and nothing
# else: a browser the person at this machine opened meanwhile is in another session. A process
# that starts a session of its own escapes this; the browsers' drivers do not.
run_in_own_session() {
  local sid_file status sid
  sid_file="$(mktemp)"
  setsid --fork --wait bash -c 'echo $$ >"$0"; exec "$@"' "$sid_file" "$@"
  status=$?
  sid="$(cat "$sid_file" 2>/dev/null)"
  rm -f "$sid_file"
  if [ -n "$sid" ]; then
    pkill -KILL -s "$sid" 2>/dev/null || true
  fi
  return "$status"
}
