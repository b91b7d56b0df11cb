// Minifies the JavaScript that wasm-bindgen wrote for each built app (Trunk's own minifier
// cannot read its `export … as default`, and leaves it whole), then writes the new file's
// integrity hash into the app's index.html, so the browser still checks what it runs.
// Only the hashed files Trunk named are touched (never the service worker).
//
// Usage: node scripts/minify.mjs [dist]

import { readdir, readFile, writeFile } from "node:fs/promises";
import { join, dirname, basename } from "node:path";
import { minify } from "terser";
import { relink } from "./relink.mjs";

const root = process.argv[2] ?? "dist";
const hashed = /-[0-9a-f]{16}\.js$/;

for (const name of await readdir(root, { recursive: true })) {
  if (!hashed.test(name)) continue;
  const path = join(root, name);
  const before = await readFile(path, "utf8");
  const { code } = await minify(before, { module: true, compress: true, mangle: true });
  await writeFile(path, code);
  const page = join(dirname(path), "index.html");
  const html = await readFile(page, "utf8");
  await writeFile(page, relink(html, page, basename(path), basename(path), code));
  console.log(`${name}: ${before.length} → ${code.length} characters`);
}
