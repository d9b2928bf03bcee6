// Trunk's post-build hook (Trunk.toml): moves every inline <script> of the built index.html into
// a file of its own, named by its content's hash, so that the page runs under a
// Content-Security-Policy without 'unsafe-inline' (`script-src 'self' 'wasm-unsafe-eval'`):
// the bootstrap that starts the page's API requests and Trunk's module that boots the wasm.
// A classic script stays classic and in place (it runs before the rest of the head, as inline).
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2];
if (!dir) {
  console.error("usage: TRUNK_STAGING_DIR=dist node scripts/external_scripts.mjs (or give the folder)");
  process.exit(2);
}
const base = (process.env.TRUNK_PUBLIC_URL ?? "/").replace(/\/?$/, "/");
const file = join(dir, "index.html");
const html = readFileSync(file, "utf8");
let moved = 0;
const out = html.replace(/<script(\s[^>]*)?>([\s\S]*?)<\/script>/g, (whole, attributes = "", body) => {
  if (/\ssrc\s*=/.test(attributes) || body.trim() === "") return whole;
  const hash = createHash("sha256").update(body).digest("hex").slice(0, 16);
  const module = /type\s*=\s*["']?module/.test(attributes);
  const name = `${module ? "boot" : "bootstrap"}-${hash}.js`;
  writeFileSync(join(dir, name), body.trim() + "\n");
  moved += 1;
  return `<script${attributes} src="${base}${name}"></script>`;
});
writeFileSync(file, out);
console.log(`external_scripts: ${moved} inline script(s) moved to files`);
