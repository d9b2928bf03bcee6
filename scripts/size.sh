#!/usr/bin/env bash
# Prints the release bundle's sizes (wasm, JS, CSS; raw, gzip, brotli). With --check, fails when
# the whole page (wasm + JS + CSS, brotli) is over its budget: the one size figure that is a test.
# Usage: scripts/size.sh [--check] [DIST]   (default: build the release into ./dist first)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# The budget, in KB of brotli: what the page weighs now plus a little room. Lower it as the page
# shrinks; raising it is a decision to write down (345: the search that hides instead of
# redrawing, 2 KB, was worth it; 370: three languages, 24 KB, of which 9.5 KB is their text;
# 363 once rows stopped being rebuilt and floats were written by one formatter, 8 KB less;
# 328 once the standalone page kept its views in the address without leptos_router, 36.5 KB less;
# 337: the catalog's groups, variants and capabilities, values of a newer hub read as `Other` and
# worded, a field of an unknown kind read-only, the form's pointer and unplaced-422 fixes, and
# Trunk's boot module as a file for the strict CSP, 8.6 KB in all (326.0 to 334.6), then logos
# with their monogram fallback, 1.8 KB (336.4): 338; then every word the hub says worded from
# its code in three languages (core's `said` tables, 6 KB of text; the field problems' words
# moved there from locales/) and the catalog updated in place so a language switch keeps an open
# form, 9.8 KB in all (337.0 to 346.8): 348; 345 once the page's words were one table per
# language instead of leptos_i18n's code per key (343.6, 3.2 KB less); the warm start and the
# standalone bootstrap taken in through it, 3.5 KB (347.1); then the hub's words as generated
# arrays instead of JSON parsed at run time, 0.8 KB, and the hub API called with `fetch` itself
# instead of gloo-net (its `http` types and wasm-streams), 5.1 KB: 341.2, budget 342; then
# organization credentials (issue 28): the wire's bindings and the hub's new words 2.1 KB, the form
# model's bound fields 3.8 KB, the form's choice of source, the credential list (one resource per
# page, asked only when wanted) and the bound view 9.5 KB: 356.7; a preload that also builds the
# date formatter (the warm start's mount 66 -> 43 ms) 0.5 KB: 357.2, budget 358; then the
# organization's credentials view (issue 28: list, search, add, edit, rotate, delete, tags, its
# words in three languages), 39.4 KB (396.6), less 1.7 KB for every text that follows the language
# drawn by one closure type (`strings::tl!`) and 0.8 KB for no sort of the list in the page: 394.1,
# budget 395; a form with no credential to offer linking to the view, and a basic credential's
# username filled by it, 1.9 KB: 396.0, budget 397. The Connections page now carries the credentials view's bytes: a bundle of its own
# for the view (a second binary and page) is the way back under 358, and toward issue 31's 280.
# Then preview and production hubs (issue 29): the hub's facts with the connections, the sync
# switch (form and view), the production notice, the production credential's form and its
# request, their words in three languages, 7.4 KB: 404.0, budget 405. Then the credentials view
# in a bundle of its own (the `wayai-credentials` binary and `credentials.html`), 36.6 KB: 367.2,
# budget 368. The credentials page's files are summed apart, against a budget of their own
# (CREDENTIALS_BUDGET_KB): it carries the lib's JavaScript exports too (`mount`, `preload`, so the
# Connections page's code), 398.4. Then `mount` and `preload` exported by a bundle of their own
# for JavaScript hosts (the `wayai-mount` binary) rather than by the library into every bundle:
# the Connections page 360.5, budget 361; the credentials page 189.8, budget 190; the JavaScript
# hosts' bundle (its own budget, MOUNT_BUDGET_KB) 361.3. Then Portuguese and Spanish (the page's
# words and the hub's) as files beside the bundles, fetched only by a page in that language
# (`words-apart`; 6.1 KB brotli each): the Connections page 360.2 -> 352.4, the credentials page
# 189.8 -> 182.8, the JavaScript hosts' bundle 361.6 -> 356.7. Then wasm-opt at -Os with flatten
# and rereloop between two rounds (index.html), about 1.2% less brotli than -Oz for some 20 s of
# build: 352.8 -> 348.7, 182.9 -> 180.8, 356.8 -> 352.1; a preload that brings its words too,
# shared with the page's own bringing, 0.8 KB: 349.5, budget 350. Then the dialogs' code (forms,
# OAuth consent, MCP tools) cut out as a chunk fetched after the list is drawn (`forms-apart`,
# scripts/split.mjs): the Connections page 348.8 -> 246.0, budget 247; the JavaScript hosts'
# bundle 352.5 -> 248.4, budget 249; each one's chunk 133.9 and 134.4, summed apart against
# FORMS_BUDGET_KB.
BUDGET_KB=247
CREDENTIALS_BUDGET_KB=181
MOUNT_BUDGET_KB=249
FORMS_BUDGET_KB=135
check=0
if [ "${1:-}" = "--check" ]; then check=1; shift; fi
dist="${1:-}"
if [ -z "$dist" ]; then
  ensure_wasm_target; ensure_trunk; ensure_wasm_bindgen; ensure_wasm_split; ensure_node_modules
  dist="$ROOT/dist"
  (cd "$ROOT" && trunk build --release --dist "$dist")
fi
node - "$dist" "$check" "$BUDGET_KB" "$CREDENTIALS_BUDGET_KB" "$MOUNT_BUDGET_KB" "$FORMS_BUDGET_KB" <<'JS'
const fs = require("fs"), path = require("path"), zlib = require("zlib");
const [dist, check, budget, credentialsBudget, mountBudget, formsBudget] = process.argv.slice(2);
const kb = (n) => (n / 1024).toFixed(1).padStart(8) + " KB";
const rows = [];
for (const f of fs.readdirSync(dist).sort()) {
  const ext = path.extname(f).slice(1);
  if (!["wasm", "js", "css"].includes(ext)) continue;
  const raw = fs.readFileSync(path.join(dist, f));
  const gz = zlib.gzipSync(raw, { level: 9 }).length;
  const br = zlib.brotliCompressSync(raw, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 },
  }).length;
  // Trunk's names end in a content hash (hex, without leading zeros): show the name without it.
  rows.push([f.replace(/-[0-9a-f]{1,16}(?=[._])/, ""), raw.length, gz, br]);
}
// The credentials page's own files (its bundle and boot) and the JavaScript hosts' bundle are
// apart from the Connections page's.
// The dialogs' chunks (scripts/split.mjs) are fetched after the list is drawn: each is summed
// apart from its bundle, against a budget of its own.
const ofCredentials = ([name]) => /^(wayai-credentials|credentials-boot)/.test(name);
const ofMount = ([name]) => /^wayai-mount/.test(name);
const ofForms = ([name]) => /-forms\.wasm$/.test(name);
let failed = false;
for (const [title, files, limit] of [
  ["the Connections page", rows.filter((r) => !ofCredentials(r) && !ofMount(r) && !ofForms(r)), Number(budget)],
  ["the Connections page's dialogs (after the list)", rows.filter((r) => !ofMount(r) && ofForms(r)), Number(formsBudget)],
  ["the credentials page", rows.filter(ofCredentials), Number(credentialsBudget)],
  ["the JavaScript hosts' bundle (mount)", rows.filter((r) => ofMount(r) && !ofForms(r)), Number(mountBudget)],
  ["the JavaScript hosts' dialogs (after the list)", rows.filter((r) => ofMount(r) && ofForms(r)), Number(formsBudget)],
]) {
  if (files.length === 0) continue;
  console.log(`${title}:`);
  console.log("file".padEnd(28) + "raw".padStart(11) + "gzip".padStart(13) + "brotli".padStart(13));
  const total = [0, 0, 0];
  for (const [name, raw, gz, br] of files) {
    console.log(name.padEnd(28) + kb(raw) + "  " + kb(gz) + "  " + kb(br));
    total[0] += raw; total[1] += gz; total[2] += br;
  }
  console.log("total".padEnd(28) + kb(total[0]) + "  " + kb(total[1]) + "  " + kb(total[2]));
  const over = total[2] / 1024 - limit;
  console.log(`budget: ${limit} KB brotli; ${over > 0 ? `over by ${over.toFixed(1)} KB` : `${(-over).toFixed(1)} KB left`}`);
  failed ||= over > 0;
}
if (check === "1" && failed) process.exit(1);
JS
