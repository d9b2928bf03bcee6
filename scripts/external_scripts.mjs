// Trunk's post-build hook (Trunk.toml): moves the inline module script of the built index.html
// (Trunk's, which boots the wasm) into a file of its own, named by its content's hash, so that
// the page runs under a Content-Security-Policy without 'unsafe-inline'. The classic bootstrap
// that starts the page's two API requests stays inline: as a file it would wait for its own
// request, and the requests would no longer leave while the wasm downloads. The hub allows it
// by its hash (`'sha256-…'` in `script-src`, computed from the page it serves).
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
  const module = /type\s*=\s*["']?module/.test(attributes);
  if (!module || /\ssrc\s*=/.test(attributes) || body.trim() === "") return whole;
  const hash = createHash("sha256").update(body).digest("hex").slice(0, 16);
  const name = `boot-${hash}.js`;
  writeFileSync(join(dir, name), body.trim() + "\n");
  moved += 1;
  return `<script${attributes} src="${base}${name}"></script>`;
});
writeFileSync(file, out);
console.log(`external_scripts: ${moved} inline module script(s) moved to files`);
