// Serves the built app in dist/ on localhost, as a production server would:
// - every unknown path answers with index.html, so /lessons/… can be reloaded or bookmarked;
// - a strict Content-Security-Policy: no third-party hosts (except an image link the teacher
//   sets as a stimulus, shown on the Board only); scripts only from this origin, plus
//   Trunk's inline bootstrap script allowed by its hash; 'wasm-unsafe-eval' for WebAssembly;
// - hashed assets are cached for good, index.html never.
//
// Usage: node scripts/serve.mjs [--port 8080] [--dir dist]

import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { createHash } from "node:crypto";
import { extname, join, normalize, resolve, sep } from "node:path";

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 && args[at + 1] ? args[at + 1] : fallback;
};
const port = Number(option("port", process.env.PORT ?? "8080"));
const root = resolve(option("dir", "dist"));

const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
};

const indexHtml = await readFile(join(root, "index.html"), "utf8");
const inlineScriptHashes = [...indexHtml.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)]
  .map(([, body]) => `'sha256-${createHash("sha256").update(body).digest("base64")}'`);

const policy = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${inlineScriptHashes.join(" ")}`,
  "style-src 'self'",
  "img-src 'self' data: blob: https:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join("; ");

const securityHeaders = {
  "Content-Security-Policy": policy,
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
};

async function fileFor(urlPath) {
  const path = normalize(decodeURIComponent(urlPath)).replace(/^([/\\])+/, "");
  const full = resolve(root, path);
  if (full !== root && !full.startsWith(root + sep)) return null;
  try {
    return (await stat(full)).isFile() ? full : null;
  } catch {
    return null;
  }
}

const server = createServer(async (request, response) => {
  const url = new URL(request.url ?? "/", "http://localhost");
  const file = await fileFor(url.pathname);
  const isAsset = file !== null && !file.endsWith("index.html");
  const body = isAsset ? await readFile(file) : indexHtml;
  const type = isAsset ? types[extname(file)] ?? "application/octet-stream" : types[".html"];
  response.writeHead(200, {
    "Content-Type": type,
    "Cache-Control": isAsset && /-[0-9a-f]{8,}[._]/.test(file) ? "public, max-age=31536000, immutable" : "no-cache",
    ...securityHeaders,
  });
  response.end(request.method === "HEAD" ? undefined : body);
});

server.on("error", (error) => {
  if (error.code === "EADDRINUSE") {
    console.error(`Port ${port} is already in use. Try another: PORT=${port + 1} scripts/run.sh`);
    process.exit(1);
  }
  throw error;
});

server.listen(port, "127.0.0.1", () => {
  console.log(`Withme is running at http://localhost:${port}/`);
});
