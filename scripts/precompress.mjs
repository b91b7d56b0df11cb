// Writes a brotli (.br) and a gzip (.gz) copy beside each text and wasm file of the built apps
// (in dist/ and its folders),
// so the Withme server sends them compressed without compressing on every request.
//
// Usage: node scripts/precompress.mjs [dist]

import { readdir, readFile, writeFile } from "node:fs/promises";
import { join, extname } from "node:path";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";

const root = process.argv[2] ?? "dist";
const worth = new Set([".html", ".js", ".wasm", ".css", ".svg", ".json", ".webmanifest"]);

for (const name of await readdir(root, { recursive: true })) {
  if (!worth.has(extname(name))) continue;
  const path = join(root, name);
  const body = await readFile(path);
  await writeFile(`${path}.br`, brotliCompressSync(body, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
  }));
  await writeFile(`${path}.gz`, gzipSync(body, { level: 9 }));
}
