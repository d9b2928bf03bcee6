// Writes a brotli (quality 11) and a gzip (level 9) copy next to each text or wasm asset of a
// built page, so a server sends them as they are instead of compressing on every request.
// Usage: node scripts/precompress.mjs DIST
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const dist = process.argv[2];
for (const f of fs.readdirSync(dist)) {
  if (!/\.(wasm|js|json|css|html|svg)$/.test(f)) continue;
  const file = path.join(dist, f);
  const raw = fs.readFileSync(file);
  fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(raw, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
    },
  }));
  fs.writeFileSync(`${file}.gz`, zlib.gzipSync(raw, { level: 9 }));
}
