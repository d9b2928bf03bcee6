#!/usr/bin/env bash
# Brings the page up with the dev hub behind it and prints the URL to open.
# Installs what is missing first. Ctrl-C stops both.
# Arguments go to the dev hub: `./scripts/dev.sh --catalog tests/fixtures/five_groups.json`
# serves another catalog.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

ensure_wasm_target
ensure_trunk
ensure_wasm_bindgen
ensure_wasm_split
ensure_node_modules

HUB_ADDR="${WAYAI_DEVHUB_ADDR:-127.0.0.1:8787}"
PAGE_PORT="${WAYAI_PAGE_PORT:-8080}"
[ "$HUB_ADDR" = "127.0.0.1:8787" ] || die "Trunk.toml proxies /api to 127.0.0.1:8787; keep that address"

log "building the dev hub"
cargo build -q -p wayai-devhub
"$CARGO_TARGET_DIR/debug/wayai-devhub" --addr "$HUB_ADDR" \
  --logos "$ROOT/e2e/node_modules/simple-icons/icons" "$@" &
hub_pid=$!
trap 'kill $hub_pid 2>/dev/null || true' EXIT INT TERM
wait_for_url "http://$HUB_ADDR/api/" 60 || die "the dev hub did not start"

page_path="$("$CARGO_TARGET_DIR/debug/wayai-devhub" --print-demo-path)"
log "building the page"
trunk build
log "open  http://127.0.0.1:$PAGE_PORT$page_path  (Ctrl-C stops the page and the dev hub)"
trunk serve --port "$PAGE_PORT"
