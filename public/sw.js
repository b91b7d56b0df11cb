// Withme's service worker: after one visit, the teacher's app and the Pupil app open with no
// network. It keeps, for each app this device has opened, the app's index.html and exactly the
// files that index names (and the fonts its stylesheet names), so a device offline opens the
// last version it had whole, never a mix of an old index and new files (or the other way round). Online, every page is fetched from
// the network first, and the version kept is replaced only once all its files are kept.
// A tablet keeps only the Pupil app, and the whiteboard's browser only the Board app; neither
// ever fetches the teacher's.

const CACHE = "withme-offline-1";

/** A pupil's pages, as the server routes them (crates/withme-server/src/web.rs). */
const PUPIL_PAGES = [/^\/join(\/[^/]*)?\/?$/, /^\/lessons\/[^/]+\/(pupil|pass)\/?$/];

/** A live lesson's Board on the whiteboard's own browser. */
const BOARD_PAGES = [/^\/board\/live\/?$/];

/** The join pages (with a code in the address or none), which the server sends with a form
 * drawn in before the app: the Pupil app's own index.html is kept for them instead. */
const EARLY_FORM_PAGES = /^\/join(\/[^/]+)?\/?$/;

/** Every app's index.html. */
const SHELLS = ["/index.html", "/pupil/index.html", "/board/index.html"];

/** The index.html of the app that shows `path`. */
function shellFor(path) {
  if (PUPIL_PAGES.some((page) => page.test(path))) return "/pupil/index.html";
  if (BOARD_PAGES.some((page) => page.test(path))) return "/board/index.html";
  return "/index.html";
}

/** The same-origin files an index.html names (its script, wasm, styles and icons). */
function filesNamed(html) {
  const files = new Set();
  // Attribute values may be quoted or not (a minified index.html leaves them bare).
  for (const [, path] of html.matchAll(/(?:href|src)\s*=\s*["']?(\/[^"'\s>?#]+)/g)) {
    if (/\.(js|wasm|css|svg|ico|png|webmanifest)$/.test(path)) files.add(path);
  }
  for (const [, path] of html.matchAll(/["'](\/[^"'?#]+\.(?:js|wasm))["']/g)) files.add(path);
  return [...files];
}

/** The same-origin files a stylesheet at `sheet` names (its fonts), as paths. */
function filesOfStylesheet(css, sheet) {
  const files = [];
  for (const [, ref] of css.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)) {
    const url = new URL(ref, self.location.origin + sheet);
    if (url.origin === self.location.origin && /\.(woff2?|svg|png)$/.test(url.pathname)) files.push(url.pathname);
  }
  return files;
}

/** Every file an app needs offline, given its index.html: the files the index names, and the
 * fonts its stylesheets name. `read(file)` gives a named stylesheet's response. */
async function filesNeeded(html, read) {
  const files = new Set(filesNamed(html));
  for (const sheet of [...files].filter((file) => file.endsWith(".css"))) {
    const response = await read(sheet);
    if (response) for (const file of filesOfStylesheet(await response.clone().text(), sheet)) files.add(file);
  }
  return [...files];
}

/** Fetches `file` fresh into `cache` unless kept already, and returns it. */
async function fetchInto(cache, file) {
  const kept = await cache.match(file);
  if (kept) return kept;
  const fetched = await fetch(file, { cache: "no-cache" });
  if (!fetched.ok) throw new Error(`${file}: ${fetched.status}`);
  await cache.put(file, fetched.clone());
  return fetched;
}

/** Keeps `shell` (an index.html) with every file it needs, given its text; all or nothing. */
async function keep(shell, response) {
  const html = await response.clone().text();
  const cache = await caches.open(CACHE);
  const files = await filesNeeded(html, (sheet) => fetchInto(cache, sheet));
  await Promise.all(files.map((file) => fetchInto(cache, file)));
  await cache.put(shell, response);
  await forgetUnnamed(cache);
}

/** Removes kept files that no kept index needs any more (an older version's). */
async function forgetUnnamed(cache) {
  const named = new Set(SHELLS);
  for (const shell of SHELLS) {
    const kept = await cache.match(shell);
    if (!kept) continue;
    for (const file of await filesNeeded(await kept.text(), (sheet) => cache.match(sheet))) named.add(file);
  }
  for (const request of await cache.keys()) {
    if (!named.has(new URL(request.url).pathname)) await cache.delete(request);
  }
}

/** Fetches and keeps the app of every window open now (on the first visit, they loaded it before
 * this worker started). */
async function keepOpenApps() {
  const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  const shells = new Set(windows.map((w) => shellFor(new URL(w.url).pathname)));
  for (const shell of shells) {
    const response = await fetch(shell, { cache: "no-cache" });
    if (response.ok) await keep(shell, response);
  }
}

self.addEventListener("install", (event) => {
  event.waitUntil(self.skipWaiting());
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name !== CACHE) await caches.delete(name);
      await self.clients.claim();
      await keepOpenApps().catch(() => {});
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin || url.pathname.startsWith("/api/")) return;
  if (request.mode === "navigate") {
    const shell = shellFor(url.pathname);
    event.respondWith(
      fetch(request).then(
        (response) => {
          if (response.ok) {
            const own = EARLY_FORM_PAGES.test(url.pathname)
              ? fetch(shell, { cache: "no-cache" })
              : Promise.resolve(response.clone());
            event.waitUntil(own.then((page) => page.ok && keep(shell, page)).catch(() => {}));
          }
          return response;
        },
        async () => (await caches.match(shell)) ?? Response.error(),
      ),
    );
    return;
  }
  event.respondWith(caches.match(url.pathname).then((kept) => kept ?? fetch(request)));
});
