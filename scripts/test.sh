#!/usr/bin/env bash
# Runs every test tier and prints each tier's result:
#   1. lint:     scripts/layout.py (ARCHITECTURE.md's rules); cargo fmt --check; cargo clippy
#                -D warnings (native crates, and wasm32)
#   2. native:   unit tests and the dev hub's integration tests over real HTTP on loopback
#   2b. contract: schemathesis fuzzes the OpenAPI document against a running dev hub
#   3. chromium, firefox: wasm-bindgen-test component tests in headless browsers, against a dev hub
#   4. e2e:      the release build served by the dev hub, driven by Playwright in headless Chromium
# Installs what is missing first (see scripts/lib.sh). Exits non-zero if any tier fails.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

OUT="$ROOT/target"
LOGS="$OUT/test-logs"
mkdir -p "$LOGS"
# Fixed loopback ports for the tests' dev hubs; the component tests read theirs at compile time.
COMPONENT_HUB_ADDR="127.0.0.1:18787"
E2E_HUB_ADDR="127.0.0.1:18788"
CONTRACT_HUB_ADDR="127.0.0.1:18789"
# The e2e tier's third-party MCP server (crates/notes-mcp), and the client its owner registered.
NOTES_MCP_ADDR="127.0.0.1:18793"
NOTES_MCP_SECRET="notes-client-secret"
export WAYAI_DEVHUB_URL="http://$COMPONENT_HUB_ADDR"

start=$SECONDS
pids=()
# Every temporary file of the run (the dev hub tests' databases, the browsers' profiles, which a
# killed browser leaves behind) goes in one folder, emptied at the start and the end of each run:
# the system's temp folder does not fill up run after run.
export TMPDIR="$CARGO_TARGET_DIR/test-tmp"
rm -rf "$TMPDIR" && mkdir -p "$TMPDIR"
stop_pids() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
cleanup() {
  stop_pids
  rm -rf "$TMPDIR"
}
trap cleanup EXIT

log "checking tools (each install is skipped when present)"
ensure_wasm_target || die "wasm target"
# apt and npm download while cargo compiles the tools.
(ensure_browsers && ensure_node_modules && ensure_schemathesis) >"$LOGS/setup-downloads.log" 2>&1 &
downloads=$!
ensure_trunk || die "trunk install failed"
ensure_wasm_bindgen || die "wasm-bindgen-cli install failed"
ensure_wasm_split || die "wasm-split-cli install failed"
ensure_geckodriver || die "geckodriver install failed"
wait "$downloads" || { cat "$LOGS/setup-downloads.log"; die "browser or npm install failed"; }
log "tools ready after $((SECONDS - start)) s"

summary=()
total_passed=0
total_failed=0
any_failed=0

# run_tier NAME COMMAND...: runs the command with its output shown and logged, then records the
# tier's result with the test counts its runners printed.
run_tier() {
  local name="$1"; shift
  local logfile="$LOGS/$name.log" t0=$SECONDS status passed failed
  log "tier $name"
  # A tier runs in a subshell (the pipe): the dev hubs it starts are stopped when it ends.
  (pids=(); trap stop_pids EXIT; "$@") 2>&1 | tee "$logfile"
  status=${PIPESTATUS[0]}
  # cargo test and wasm-bindgen-test-runner: "test result: ok. N passed; M failed; …";
  # node --test: "ℹ pass N" / "ℹ fail N"; schemathesis: "N generated, N passed", "N unique failures".
  passed=$(grep -aoE '([0-9]+ passed;|^ℹ pass [0-9]+|generated, [0-9]+ passed)' "$logfile" | grep -oE '[0-9]+' | awk '{ s += $1 } END { print s + 0 }')
  failed=$(grep -aoE '([0-9]+ failed;|^ℹ fail [0-9]+|[0-9]+ unique failures)' "$logfile" | grep -oE '[0-9]+' | awk '{ s += $1 } END { print s + 0 }')
  passed=${passed:-0}; failed=${failed:-0}
  total_passed=$((total_passed + passed)); total_failed=$((total_failed + failed))
  if [ "$status" -eq 0 ]; then
    summary+=("$(printf '%-9s ok     %4d passed, %d failed  (%d s)' "$name" "$passed" "$failed" $((SECONDS - t0)))")
  else
    any_failed=1
    summary+=("$(printf '%-9s FAILED %4d passed, %d failed  (%d s, exit %d; log: %s)' "$name" "$passed" "$failed" $((SECONDS - t0)) "$status" "$logfile")")
  fi
}

lint() {
  # No import circle, leaves and hosts in place, files and functions within their sizes.
  python3 "$ROOT/scripts/layout.py" &&
    cargo fmt --all --check &&
    cargo clippy --workspace --exclude wayai-connections --all-targets -- -D warnings &&
    cargo clippy --target wasm32-unknown-unknown -p wayai-connections --all-targets -- -D warnings &&
    # The core's tests are native (proptest does not build for wasm32); its library is linted here.
    cargo clippy --target wasm32-unknown-unknown -p wayai-core --lib -- -D warnings &&
    echo "lint: layout, fmt and clippy clean"
}

native() {
  cargo test --workspace --exclude wayai-connections &&
    bash "$ROOT/scripts/tests/lib_test.sh"
}

# start_devhub ADDR [ARGS...]: a fresh dev hub (in-memory data) in the background, waited for.
start_devhub() {
  local addr="$1"; shift
  # A dev hub left over from an interrupted run would answer in place of this one, with old code.
  if (exec 3<>"/dev/tcp/${addr%:*}/${addr##*:}") 2>/dev/null; then
    echo "port $addr is already in use (a dev hub from an interrupted run?); stop that process" >&2
    return 1
  fi
  # Brand icons from the simple-icons npm package (installed with the e2e tools) for logos.
  "$CARGO_TARGET_DIR/debug/wayai-devhub" --addr "$addr" --data :memory: \
    --logos "$ROOT/e2e/node_modules/simple-icons/icons" "$@" >"$LOGS/devhub-$addr.log" 2>&1 &
  local pid=$!
  pids+=("$pid")
  wait_for_url "http://$addr/api/" 30 || { cat "$LOGS/devhub-$addr.log"; return 1; }
  kill -0 "$pid" 2>/dev/null || {
    cat "$LOGS/devhub-$addr.log"
    echo "the dev hub did not start on $addr (is another process using the port?)" >&2
    return 1
  }
}

# Property-based fuzzing of the contract against the running dev hub: no 5xx, every response as
# documented. `positive_data_acceptance` is left out: business rules the schema cannot state (the
# connector must exist, its form's required fields) rightly turn schema-valid bodies into 422s.
# The coverage phase is left out: schemathesis 4.32.5 crashes in it on this document (KeyError).
contract() {
  start_devhub "$CONTRACT_HUB_ADDR" --mcp-timeout-ms 1000 || return 1
  # Hostile strings in bodies, and no error that echoes what was sent (see the hooks' file).
  SCHEMATHESIS_HOOKS="$ROOT/crates/devhub/contract/hostile.py" \
    "$VENV/bin/schemathesis" run "$ROOT/crates/devhub/openapi.yaml" \
    --url "http://$CONTRACT_HUB_ADDR" -H "Authorization: Bearer dev-token" \
    --checks all --exclude-checks positive_data_acceptance \
    --phases examples,fuzzing,stateful --max-examples 100 --seed 7 --workers 2 \
    --report-dir "$OUT/schemathesis"
}

component_tests() {
  local driver="$1"
  # The runner's limit is for the whole suite (20 s by default), not per test.
  export WASM_BINDGEN_TEST_TIMEOUT=300
  # The runner ends its driver with SIGKILL, which orphans the browser the driver started; on a
  # reused machine those would pile up run after run. The tier runs in a session of its own, and
  # what is left in it afterwards is stopped.
  if [ "$driver" = chromium ]; then
    run_in_own_session env -u GECKODRIVER CHROMEDRIVER=/usr/bin/chromedriver \
      cargo test --target wasm32-unknown-unknown -p wayai-connections
  else
    run_in_own_session env -u CHROMEDRIVER GECKODRIVER="$(command -v geckodriver)" \
      cargo test --target wasm32-unknown-unknown -p wayai-connections
  fi
}

# The examples: the Leptos host is compiled; the plain JavaScript host gets the page's bundle
# for JavaScript hosts (`wayai-mount`, which Trunk built into dist) next to its page, under
# dist/examples/js-host.
examples() {
  cargo build -q --example leptos_host --target wasm32-unknown-unknown || return 1
  local out="$ROOT/dist/examples/js-host"
  mkdir -p "$out/pkg" &&
    cp "$ROOT"/dist/wayai-mount* "$ROOT"/dist/words-* "$out/pkg/" &&
    cp "$ROOT"/examples/js-host/{index.html,host.js,host.css} "$ROOT/style/connections.css" "$out/"
}

# start_notes_mcp: the third-party OAuth-protected MCP server, its one client being the e2e hub.
start_notes_mcp() {
  if (exec 3<>"/dev/tcp/${NOTES_MCP_ADDR%:*}/${NOTES_MCP_ADDR##*:}") 2>/dev/null; then
    echo "port $NOTES_MCP_ADDR is already in use (left from an interrupted run?); stop that process" >&2
    return 1
  fi
  cargo build -q -p wayai-notes-mcp || return 1
  "$CARGO_TARGET_DIR/debug/wayai-notes-mcp" --addr "$NOTES_MCP_ADDR" --client-id wayai-hub \
    --client-secret "$NOTES_MCP_SECRET" --redirect-uri "http://$E2E_HUB_ADDR/api/oauth/callback" \
    >"$LOGS/notes-mcp.log" 2>&1 &
  pids+=("$!")
  wait_for_url "http://$NOTES_MCP_ADDR/" 30 || { cat "$LOGS/notes-mcp.log"; return 1; }
}

e2e() {
  trunk build --release --dist "$ROOT/dist" || return 1
  node "$ROOT/scripts/precompress.mjs" "$ROOT/dist" || return 1
  examples || return 1
  start_devhub "$E2E_HUB_ADDR" --static-dir "$ROOT/dist" || return 1
  start_notes_mcp || return 1
  WAYAI_E2E_URL="http://$E2E_HUB_ADDR" WAYAI_SCREENSHOTS="$OUT/screenshots" \
    WAYAI_NOTES_MCP_URL="http://$NOTES_MCP_ADDR" WAYAI_NOTES_MCP_SECRET="$NOTES_MCP_SECRET" \
    node --test --test-reporter=spec "$ROOT"/e2e/*.test.mjs || return 1
  bash "$ROOT/scripts/size.sh" --check "$ROOT/dist"
}

run_tier lint lint
run_tier native native
# MCP discovery gives up after 1.5 s here, so that the slow demo server is a quick test.
if cargo build -q -p wayai-devhub && start_devhub "$COMPONENT_HUB_ADDR" --mcp-timeout-ms 1500; then
  run_tier contract contract
  run_tier chromium component_tests chromium
  run_tier firefox component_tests firefox
else
  any_failed=1
  summary+=("contract  FAILED   the dev hub did not start" "chromium  FAILED   the dev hub did not start" "firefox   FAILED   the dev hub did not start")
fi
run_tier e2e e2e

printf '\n==> results (%d s in all)\n' $((SECONDS - start))
printf '%s\n' "${summary[@]}"
printf 'tests: %d passed, %d failed\n' "$total_passed" "$total_failed"
exit "$any_failed"
