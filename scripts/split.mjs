// Cuts the forms' wasm chunk out of the bundles built with the `forms-apart` feature (see
// `src/page/dialogs.rs`), in Trunk's post-build hook (scripts/external_scripts.mjs calls it).
// Trunk cannot split a wasm: the split must happen before wasm-bindgen, on cargo's output with
// its relocations (build.rs asks the linker for them). So, per bundle, this redoes what Trunk
// did after cargo, from cargo's own file: wasm-split-cli, then wasm-bindgen and wasm-opt on the
// main module (and wasm-opt on the chunk), and puts the results in place of Trunk's, named by a
// hash of what they hold. index.html's references and their integrity follow.
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, unlinkSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// The module a bundle built with `forms-apart` imports its split functions from, until split.
const PLACEHOLDER = "__wasm_split_placeholder__";

// The bundles that carry the dialogs. `hashed`: Trunk names the bundle by a hash (the page's own);
// the JavaScript hosts' bundle keeps a fixed name, as hosts import it by that name.
const BUNDLES = [
  { bin: "wayai-connections", hashed: true },
  { bin: "wayai-mount", hashed: false },
];
// The wasm-opt passes of a release build, as index.html gives the bundles Trunk optimizes itself
// (its `data-wasm-opt` and `data-wasm-opt-params`): `-Os`, then flatten and rereloop, then `-Os`.
const WASM_OPT = ["-Os", "--flatten", "--rereloop", "-Os"];
// The module the split functions' loaders are imported from, as wasm-split-cli names it.
const SPLIT_JS = "__wasm_split.js";

const run = (command, args) => execFileSync(command, args, { stdio: ["ignore", "pipe", "inherit"] }).toString();
const sha = (algorithm, ...parts) => {
  const hash = createHash(algorithm);
  for (const part of parts) hash.update(part);
  return hash;
};
// Replaces `from` in `text`, which must be there.
function replaced(text, from, to, where) {
  if (!text.includes(from)) throw new Error(`split: ${where} lacks ${JSON.stringify(from)}`);
  return text.split(from).join(to);
}

function targetDir() {
  const metadata = JSON.parse(run("cargo", ["metadata", "--no-deps", "--format-version", "1"]));
  return metadata.target_directory;
}

// Splits one bundle in `dir`; returns what index.html must learn, or null when the bundle was
// built without the feature (nothing to split).
function splitBundle(dir, { bin, hashed }, { profile, target }) {
  // Trunk writes its hash in hex without leading zeros: 16 digits or fewer (one build
  // in 16 has 15 or fewer, which a pattern of exactly 16 missed, leaving the page unsplit and
  // broken).
  const trunkJs = hashed
    ? readdirSync(dir).find((f) => new RegExp(`^${bin}-[0-9a-f]{1,16}\\.js$`).test(f))
    : `${bin}.js`;
  if (!trunkJs || !existsSync(join(dir, trunkJs))) return null;
  // Built with the feature, the split functions are imported from this placeholder module.
  if (!readFileSync(join(dir, trunkJs), "utf8").includes(PLACEHOLDER)) return null;
  const trunkBase = trunkJs.slice(0, -3);
  const raw = join(target, "wasm32-unknown-unknown", profile, `${bin}.wasm`);
  const work = mkdtempSync(join(tmpdir(), "wayai-split-"));
  try {
    run("wasm-split-cli", ["--target", "web", "--out-name", bin, raw, work]);
    const chunks = readdirSync(work).filter((f) => f.endsWith(".wasm") && f !== `${bin}.wasm`);
    if (chunks.length === 0) throw new Error(`split: wasm-split-cli made no chunk of ${bin}`);
    const bound = join(work, "bound");
    run("wasm-bindgen", [
      "--target", "web", "--no-typescript", "--keep-lld-exports", "--no-demangle",
      "--out-dir", bound, "--out-name", bin, join(work, `${bin}.wasm`),
    ]);
    if (existsSync(join(bound, "snippets"))) throw new Error(`split: ${bin} has JavaScript snippets, which this step does not place`);
    const wasmFiles = [join(bound, `${bin}_bg.wasm`), ...chunks.map((c) => join(work, c))];
    if (profile === "release") {
      for (const file of wasmFiles) run("wasm-opt", ["--output", file, file, ...WASM_OPT]);
    }
    const mainJs = readFileSync(join(bound, `${bin}.js`), "utf8");
    const splitJs = readFileSync(join(work, SPLIT_JS), "utf8");
    const [mainWasm, ...chunkWasm] = wasmFiles.map((f) => readFileSync(f));
    // One hash of everything the bundle now is, before the names (which hold it) are written in
    // by this script: so the script's own text is hashed too.
    const self = readFileSync(new URL(import.meta.url));
    const hash = sha("sha256", self, mainJs, mainWasm, splitJs, ...chunkWasm).digest("hex").slice(0, 16);
    const base = hashed ? `${bin}-${hash}` : bin;
    const names = {
      js: `${base}.js`,
      wasm: `${base}_bg.wasm`,
      split: `${bin}-split-${hash}.js`,
      chunks: chunks.map((c) => `${bin}-${c.replace(/^split_/, "").replace(/\.wasm$/, "")}-${hash}.wasm`),
    };
    // The import statement only: the imports object keeps the wasm's own name for that module.
    let js = replaced(mainJs, `from "./${SPLIT_JS}"`, `from "./${names.split}"`, `${bin}.js`);
    js = replaced(js, `'${bin}_bg.wasm'`, `'${names.wasm}'`, `${bin}.js`);
    let split = replaced(splitJs, `"./${bin}.js"`, `"./${names.js}"`, SPLIT_JS);
    chunks.forEach((chunk, i) => {
      split = replaced(split, `"./${chunk}"`, `"./${names.chunks[i]}"`, SPLIT_JS);
    });
    unlinkSync(join(dir, trunkJs));
    unlinkSync(join(dir, `${trunkBase}_bg.wasm`));
    writeFileSync(join(dir, names.js), js);
    writeFileSync(join(dir, names.wasm), mainWasm);
    writeFileSync(join(dir, names.split), split);
    chunks.forEach((_, i) => writeFileSync(join(dir, names.chunks[i]), chunkWasm[i]));
    const integrity = (bytes) => `sha384-${sha("sha384", bytes).digest("base64")}`;
    return {
      bin, trunkBase, base, names,
      integrity: { js: integrity(js), wasm: integrity(mainWasm), split: integrity(split) },
      bytes: { main: mainWasm.length, chunks: chunkWasm.map((c) => c.length) },
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

// The bootstrap's name for the dialogs' chunk, which it asks for on a dialog's address.
const FORMS_MARKER = 'const forms = ""; // named by scripts/split.mjs';

// The page's index.html after its bundle was split: the new names, their integrity, the
// loaders' module preloaded beside the bundle's (the bundle imports it at start), and the
// dialogs' chunk named to the bootstrap.
function relinked(html, done, publicUrl) {
  let out = replaced(html, done.trunkBase, done.base, "index.html");
  const forms = done.names.chunks.find((c) => c.startsWith(`${done.bin}-forms-`));
  if (!forms) throw new Error(`split: ${done.bin} has no forms chunk (${done.names.chunks.join(", ")})`);
  out = replaced(out, FORMS_MARKER, `const forms = ${JSON.stringify(publicUrl + forms)};`, "index.html");
  const withIntegrity = (href, value) => {
    const tag = new RegExp(`(<link[^>]*href="${publicUrl}${href}"[^>]*integrity=")[^"]*(")`);
    if (!tag.test(out)) throw new Error(`split: index.html has no integrity for ${href}`);
    out = out.replace(tag, `$1${value}$2`);
  };
  withIntegrity(done.names.js, done.integrity.js);
  withIntegrity(done.names.wasm, done.integrity.wasm);
  const preload = new RegExp(`<link rel="modulepreload" href="${publicUrl}${done.names.js}"[^>]*>`);
  return out.replace(preload, (tag) =>
    `${tag}<link rel="modulepreload" href="${publicUrl}${done.names.split}" crossorigin="anonymous" integrity="${done.integrity.split}">`);
}

/// Splits every bundle built with `forms-apart` in `dir` and relinks `dir/index.html`.
export function splitBundles(dir, publicUrl) {
  const profile = process.env.TRUNK_PROFILE ?? "release";
  const target = targetDir();
  const done = [];
  for (const bundle of BUNDLES) {
    const result = splitBundle(dir, bundle, { profile, target });
    if (!result) continue;
    done.push(result);
    if (bundle.hashed) {
      const file = join(dir, "index.html");
      writeFileSync(file, relinked(readFileSync(file, "utf8"), result, publicUrl));
    }
  }
  assertNoPlaceholder(dir);
  return done;
}

/// Fails the build when a script in `dir` still imports the split placeholder: its bundle was
/// built with `forms-apart` but not split, and would not load.
export function assertNoPlaceholder(dir) {
  for (const f of readdirSync(dir).filter((f) => f.endsWith(".js"))) {
    if (readFileSync(join(dir, f), "utf8").includes(PLACEHOLDER)) {
      throw new Error(`split: ${f} imports ${PLACEHOLDER}: its bundle was not split`);
    }
  }
}
