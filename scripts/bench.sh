#!/usr/bin/env bash
# The benchmark: builds the release page, starts a dev hub serving it (precompressed, as
# production should), and prints each figure of the performance goals as a ratio against a static
# copy of the same DOM measured in the same run (first load and a second visit on loopback and at
# 20 Mbit/s with 40 ms round trips; the warm start of a host that preloaded; 1,000 and 5,000
# connections; search), then the bundle's sizes. It fails only when
# something cannot run, never on a number: timings vary with the machine.
# Usage: scripts/bench.sh   (WAYAI_BENCH_RUNS=N for more runs per figure; default 5)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ensure_wasm_target; ensure_trunk; ensure_wasm_bindgen; ensure_wasm_split; ensure_node_modules; ensure_browsers
OUT="$ROOT/target/bench"
DIST="$OUT/dist"
ADDR="127.0.0.1:18790"
mkdir -p "$OUT"
log "building the release page and the dev hub"
(cd "$ROOT" && trunk build --release --dist "$DIST")
node "$ROOT/scripts/precompress.mjs" "$DIST"
# The warm start's host page: the page's bundle for JavaScript hosts (as a host has it).
mkdir -p "$DIST/bench-host/pkg"
cp "$DIST"/wayai-mount* "$DIST"/words-* "$DIST/bench-host/pkg/"
cp "$ROOT/style/connections.css" "$DIST/bench-host/"
cargo build -q --release -p wayai-devhub
if (exec 3<>"/dev/tcp/${ADDR%:*}/${ADDR##*:}") 2>/dev/null; then
  die "port $ADDR is in use (a benchmark left running?)"
fi
"$CARGO_TARGET_DIR/release/wayai-devhub" --addr "$ADDR" --data :memory: --static-dir "$DIST" \
  >"$OUT/devhub.log" 2>&1 &
hub=$!
trap 'kill $hub 2>/dev/null || true' EXIT
wait_for_url "http://$ADDR/api/" 30 || { cat "$OUT/devhub.log"; die "the dev hub did not start"; }
log "measuring (medians of ${WAYAI_BENCH_RUNS:-5} runs)"
(cd "$ROOT/e2e" && WAYAI_E2E_URL="http://$ADDR" WAYAI_BENCH_DIST="$DIST" node bench.mjs)
log "bundle"
bash "$ROOT/scripts/size.sh" "$DIST"
