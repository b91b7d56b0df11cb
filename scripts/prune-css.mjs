// Keeps, in a tablet app's copy of the stylesheet, only the rules it can use: a selector is
// kept when every class and id it names appears in the app's own files (its wasm, where Leptos
// keeps each class name as text, its JavaScript and index.html) or in the other pages given
// (the join form the server draws into the Pupil app's page). A name that only appears inside
// a longer text still counts, so nothing the app uses is ever dropped; at worst a rule stays.
// Rules without classes or ids (elements, :root, @font-face, @keyframes) always stay. The
// file gets a name from its new content, and the app's index.html its new name and integrity.
// The teacher's app, which shows every page, keeps the whole stylesheet.
//
// Usage: node scripts/prune-css.mjs <app folder> [another page's source ...]

import { readdir, readFile, writeFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { createHash } from "node:crypto";
import { relink } from "./relink.mjs";

const [dir, ...extraPages] = process.argv.slice(2);
if (!dir) throw new Error("usage: node scripts/prune-css.mjs <app folder> [page source ...]");

/** Everything the app can put on a page, as one text to search for names in. */
async function appText() {
  const parts = [];
  for (const name of await readdir(dir)) {
    if (/\.(wasm|js|html)$/.test(name)) parts.push((await readFile(join(dir, name))).toString("latin1"));
  }
  for (const page of extraPages) parts.push(await readFile(page, "latin1"));
  return parts.join("\n");
}

/** `text` split at each `separator` that is outside parentheses and brackets. */
function splitOutside(text, separator) {
  const parts = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "(" || c === "[") depth++;
    else if (c === ")" || c === "]") depth--;
    else if (c === separator && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** The index of the `}` that closes the block opened at `open`. */
function blockEnd(css, open) {
  let depth = 0;
  for (let i = open; i < css.length; i++) {
    if (css[i] === "{") depth++;
    else if (css[i] === "}" && --depth === 0) return i;
  }
  throw new Error(`a block opened at ${open} never closes`);
}

/** The rules of `css` whose selectors can match in the app (`usable(selector)`). */
function prune(css, usable) {
  let out = "";
  let at = 0;
  while (at < css.length) {
    const open = css.indexOf("{", at);
    if (open < 0) break;
    const head = css.slice(at, open).trim();
    const close = blockEnd(css, open);
    const body = css.slice(open + 1, close);
    if (/^@(media|supports|layer|container)\b/.test(head)) {
      const inner = prune(body, usable);
      if (inner) out += `${head}{${inner}}`;
    } else if (head.startsWith("@")) {
      out += `${head}{${body}}`;
    } else {
      const kept = splitOutside(head, ",").filter((selector) => usable(selector.trim()));
      if (kept.length) out += `${kept.join(",")}{${body}}`;
    }
    at = close + 1;
  }
  return out;
}

const text = await appText();
const usable = (selector) =>
  [...selector.replace(/"[^"]*"|'[^']*'/g, "").matchAll(/[.#](-?[A-Za-z_][\w-]*)/g)].every(([, name]) =>
    text.includes(name),
  );

const page = join(dir, "index.html");
let html = await readFile(page, "utf8");
for (const name of await readdir(dir)) {
  if (!/^[\w-]+-[0-9a-f]{8,}\.css$/.test(name)) continue;
  const before = (await readFile(join(dir, name), "utf8")).replace(/\/\*[\s\S]*?\*\//g, "");
  const after = prune(before, usable);
  const hash = createHash("sha256").update(after).digest("hex").slice(0, 16);
  const renamed = name.replace(/-[0-9a-f]{8,}\.css$/, `-${hash}.css`);
  html = relink(html, page, name, renamed, after);
  await rm(join(dir, name));
  await writeFile(join(dir, renamed), after);
  console.log(`${join(dir, name)} → ${renamed}: ${before.length} → ${after.length} characters`);
}
await writeFile(page, html);
