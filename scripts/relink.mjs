// What the build's rewriting scripts share (scripts/minify.mjs, scripts/prune-css.mjs): an
// app's index.html pointed at a rewritten file, with that file's integrity hash.

import { createHash } from "node:crypto";

/**
 * `html` (the page at `page`) with its link to the file `name` pointed at `renamed` (`name`
 * again if the file keeps its name) and its `integrity` made that of `content`, so the browser
 * still checks what it runs. Throws if the page links to the file with no integrity to update.
 */
export function relink(html, page, name, renamed, content) {
  const integrity = `sha384-${createHash("sha384").update(content).digest("base64")}`;
  const file = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const link = new RegExp(`(href=[^ >]*)${file}( integrity=)sha384-[A-Za-z0-9+/=]+`);
  if (!link.test(html)) throw new Error(`${page} names ${name} with no integrity to update`);
  return html.replace(link, `$1${renamed}$2${integrity}`);
}
