// Writes the translations the bundles do not carry (the `words-apart` feature) beside them, one
// file per language: `words-<lang>-<hash>.json`, the page's words in key order and the hub's in
// code order (`[[...], [...]]`), as `build.rs` and `crates/core/build.rs` order them. The hash
// (FNV-1a, 64 bits) is of the two sources' bytes, computed as `build.rs` computes the name the
// page asks for, so a file is kept for good and a changed translation is a new name. Run by
// Trunk's post-build hook (`scripts/external_scripts.mjs`), which also names them to the
// standalone page's bootstrap; run on its own (`node scripts/words.mjs <folder>`) by a Leptos
// host that builds the crate with `words-apart`, into the folder its bundle's JavaScript is in.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
// Rust's order of `String` keys: by their bytes.
const byBytes = (a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b));

// Writes the files into `dir`; answers each language's file name.
export function writeWords(dir) {
  const names = {};
  for (const lang of ["pt", "es"]) {
    const sources = [`locales/${lang}.json`, `crates/core/said/${lang}.json`];
    let hash = 0xcbf29ce484222325n;
    const tables = sources.map((source, i) => {
      const bytes = readFileSync(join(root, source));
      for (const byte of bytes) hash = ((hash ^ BigInt(byte)) * 0x100000001b3n) & 0xffffffffffffffffn;
      const english = JSON.parse(readFileSync(join(root, i === 0 ? "locales/en.json" : "crates/core/said/en.json"), "utf8"));
      const words = JSON.parse(bytes.toString("utf8"));
      return Object.keys(english).sort(byBytes).map((key) => words[key]);
    });
    names[lang] = `words-${lang}-${hash.toString(16).padStart(16, "0")}.json`;
    writeFileSync(join(dir, names[lang]), JSON.stringify(tables));
  }
  return names;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = process.argv[2];
  if (!dir) {
    console.error("usage: node scripts/words.mjs <folder of the bundle's JavaScript>");
    process.exit(2);
  }
  console.log(Object.values(writeWords(dir)).join("\n"));
}
