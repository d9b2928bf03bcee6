// Trunk's post-build hook (Trunk.toml): moves the inline module script of the built index.html
// (Trunk's, which boots the wasm) into a file of its own, named by its content's hash, so that
// the page runs under a Content-Security-Policy without 'unsafe-inline'. The classic bootstrap
// that starts the page's two API requests stays inline: as a file it would wait for its own
// request, and the requests would no longer leave while the wasm downloads. The hub allows it
// by its hash (`'sha256-…'` in `script-src`, computed from the page it serves).
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { splitBundles } from "./split.mjs";
import { writeWords } from "./words.mjs";

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2];
if (!dir) {
  console.error("usage: TRUNK_STAGING_DIR=dist node scripts/external_scripts.mjs (or give the folder)");
  process.exit(2);
}
const base = (process.env.TRUNK_PUBLIC_URL ?? "/").replace(/\/?$/, "/");
const file = join(dir, "index.html");
// The dialogs' code cut out of the bundles that carry it as a chunk of its own (scripts/split.mjs),
// before anything below reads index.html's names.
for (const split of splitBundles(dir, base)) {
  const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
  console.log(`external_scripts: ${split.bin} split: ${kb(split.bytes.main)} + ${split.bytes.chunks.map(kb).join(" + ")} (${split.names.chunks.join(", ")})`);
}
// The words files, named to the bootstrap, which asks for the browser's language's beside the
// hub's two requests.
const words = writeWords(dir);
console.log(`external_scripts: ${Object.values(words).join(", ")} written`);
const marker = "const words = {}; // named by scripts/words.mjs";
const html = readFileSync(file, "utf8").replace(marker, () =>
  `const words = ${JSON.stringify(Object.fromEntries(Object.entries(words).map(([l, n]) => [l, base + n])))};`);
if (!html.includes(base + words.pt)) {
  console.error(`external_scripts: index.html's bootstrap lacks "${marker}"`);
  process.exit(1);
}
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

// The organization's credentials view is a page of its own with a bundle of its own (the
// `wayai-credentials` binary, built beside the page as an unhashed module): `credentials.html`
// is this page's head (styles, meta, policy) with that bundle in place of the page's.
const boot = `import init, { mountCredentials } from "${base}wayai-credentials.js";
const meta = (n) => document.querySelector(\`meta[name="wayai:\${n}"]\`)?.content ?? "";
const org =
  location.pathname.match(/\\/organizations\\/([0-9a-fA-F-]{36})\\/credentials\\/?$/)?.[1] ??
  new URLSearchParams(location.search).get("organization") ?? "";
const ready = init();
// The browser's date data loaded while the wasm downloads, not when the view first draws a date
// (as in index.html's bootstrap).
new Intl.DateTimeFormat();
await ready;
// The standalone page's one landmark, as the Connections page's.
const main = document.createElement("main");
main.className = "wc-main";
document.body.append(main);
mountCredentials(main, { apiBaseUrl: meta("api-base"), organizationId: org, token: meta("token") });
`;
const bootName = `credentials-boot-${createHash("sha256").update(boot).digest("hex").slice(0, 16)}.js`;
writeFileSync(join(dir, bootName), boot);
const credentials = out
  // The page's classic bootstrap (its hub's two requests) and its bundle's preloads are not this page's.
  .replace(/<script>[\s\S]*?<\/script>\s*/g, "")
  .replace(/<link rel="(modulepreload|preload)" href="[^"]*wayai-connections[^"]*"[^>]*>/g, "")
  .replace(/<script type="module" src="[^"]*boot-[0-9a-f]+\.js"><\/script>/,
    `<script type="module" src="${base}${bootName}"></script>` +
      `<link rel="modulepreload" href="${base}wayai-credentials.js">` +
      `<link rel="preload" href="${base}wayai-credentials_bg.wasm" as="fetch" type="application/wasm" crossorigin>`)
  .replace(/<title>[^<]*<\/title>/, "<title>Organization credentials · WayAI</title>");
if (credentials === out || !credentials.includes(bootName)) {
  console.error("external_scripts: credentials.html could not be made from index.html");
  process.exit(1);
}
writeFileSync(join(dir, "credentials.html"), credentials);
console.log(`external_scripts: credentials.html loads ${bootName}`);
