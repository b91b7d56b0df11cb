import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { test, expect, Withme, makeClass } from "./withme.mjs";

/**
 * Waits until the service worker keeps `shell` (an app's index.html) and every file it names,
 * and returns those files.
 */
async function keptForOffline(page, shell) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  let files = [];
  await expect
    .poll(async () => {
      files = await page.evaluate(async (shell) => {
        const cache = await caches.open("withme-offline-1");
        const index = await cache.match(shell);
        if (!index) return [];
        const html = await index.text();
        const named = [...html.matchAll(/["'=](\/[^"'\s>?#]+\.(?:js|wasm|css))[\s"'>]/g)].map((m) => m[1]);
        const kept = await Promise.all(named.map(async (file) => ((await cache.match(file)) ? file : null)));
        return kept.every(Boolean) ? named : [];
      }, shell);
      return files.length;
    }, { timeout: 15_000 })
    .toBeGreaterThan(1);
  return files;
}

/** The font the page's body is drawn in: the browser's own unless Withme's stylesheet loaded. */
function bodyFont(page) {
  return page.evaluate(() => getComputedStyle(document.body).fontFamily);
}

test("after one visit, the teacher's app opens with no network, and a lesson is opened, edited and kept", async ({ context, page }) => {
  const app = new Withme(page);
  await app.openLibrary();
  await app.newLesson("Rivers");
  const files = await keptForOffline(page, "/index.html");
  expect(files.some((file) => /^\/withme-[0-9a-f]+_bg\.wasm$/.test(file))).toBe(true);
  expect(files.some((file) => /^\/main-[0-9a-f]+\.css$/.test(file))).toBe(true);
  expect(files.some((file) => file.startsWith("/pupil/"))).toBe(false);

  await context.setOffline(true);
  expect(await page.evaluate(() => fetch("/classes").then(() => "online", () => "offline"))).toBe("offline");
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Lessons", level: 1 })).toBeVisible();
  expect(await bodyFont(page), "the stylesheet is kept too").toMatch(/^system-ui/);
  await app.lessonLink("Rivers").click();
  await page.getByLabel("Lesson title").fill("Rivers and seas");
  await app.waitUntilSaved();
  await page.reload();
  await expect(page.getByLabel("Lesson title")).toHaveValue("Rivers and seas");
  expect(await app.storedTitles()).toEqual(["Rivers and seas"]);
});

test("the teacher's app and the Board's, their download cut off on a first visit, say Withme didn't finish loading instead of showing a blank page", async ({ browser }) => {
  for (const address of ["/", "/board/live"]) {
    const context = await browser.newContext({ serviceWorkers: "block" });
    await context.route("**/*_bg.wasm", (route) => route.abort("internetdisconnected"));
    const page = await context.newPage();
    await page.goto(address);
    const didNotLoad = page.getByRole("alert").filter({ hasText: "Withme didn't finish loading on this device." });
    await expect(didNotLoad, address).toBeVisible();
    await expect(page.getByRole("link", { name: "Try again" })).toBeVisible();
    await context.close();
  }
});

test("after one visit, a tablet's Pupil app opens with no network and shows the lesson it last had", async ({ context }) => {
  const teacher = await context.newPage();
  const app = new Withme(teacher);
  await makeClass(teacher, "Year 4 Elm", ["Amira", "Ben"]);
  await app.openLibrary();
  const planner = await app.newLesson("Why do leaves fall?");
  await teacher.getByLabel("Class", { exact: true }).selectOption({ label: "Year 4 Elm" });
  await app.waitUntilSaved();
  const tablet = await context.newPage();
  await tablet.goto(`${planner.replace(/\/$/, "")}/pupil`);
  await tablet.getByRole("button", { name: "Amira", exact: true }).click();
  await expect(tablet.getByRole("heading", { name: "Hi, Amira!" })).toBeVisible();
  const files = await keptForOffline(tablet, "/pupil/index.html");
  expect(files.some((file) => /^\/pupil\/withme-pupil-[0-9a-f]+_bg\.wasm$/.test(file))).toBe(true);
  expect(files.some((file) => /^\/pupil\/main-[0-9a-f]+\.css$/.test(file))).toBe(true);

  await teacher.close();
  await context.setOffline(true);
  await tablet.reload();
  await expect(tablet.getByRole("heading", { name: "Hi, Amira!" })).toBeVisible();
  await expect(tablet.getByText("Today's lesson: Why do leaves fall?")).toBeVisible();
  expect(await bodyFont(tablet), "the stylesheet is kept too").toMatch(/^system-ui/);
});

test("easier reading keeps its font offline: after one visit, a reload with no network still draws Withme's own font", async ({ context, page }) => {
  const app = new Withme(page);
  await app.openLibrary();
  await page.getByText("Reading options").click();
  await page.getByLabel("Easier reading (a clearer font, more space)").check();
  await expect(page.locator("html")).toHaveClass(/reading-easier/);
  await keptForOffline(page, "/index.html");
  await expect
    .poll(() => page.evaluate(async () => {
      const cache = await caches.open("withme-offline-1");
      return (await cache.keys()).map((r) => new URL(r.url).pathname).filter((path) => path.startsWith("/fonts/")).sort();
    }), { timeout: 15_000 })
    .toEqual(["/fonts/atkinson-hyperlegible-latin-400-normal.woff2", "/fonts/atkinson-hyperlegible-latin-700-normal.woff2"]);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole("heading", { name: "Lessons", level: 1 })).toBeVisible();
  await expect(page.locator("html")).toHaveClass(/reading-easier/);
  const loaded = await page.evaluate(async () => {
    const faces = await document.fonts.load('16px "Atkinson Hyperlegible"');
    return faces.map((face) => face.status);
  });
  expect(loaded).toEqual(["loaded"]);
});

test("a tablet that only ever joined keeps the Pupil app alone, never the teacher's", async ({ browser }) => {
  const context = await browser.newContext();
  const fetched = [];
  context.on("request", (request) => fetched.push(new URL(request.url()).pathname));
  const tablet = await context.newPage();
  await tablet.goto("/join");
  await expect(tablet.getByLabel("Code on the board")).toBeVisible();
  await keptForOffline(tablet, "/pupil/index.html");
  const kept = await tablet.evaluate(async () => (await (await caches.open("withme-offline-1")).keys()).map((r) => new URL(r.url).pathname));
  expect(kept).toContain("/pupil/index.html");
  expect(kept).not.toContain("/index.html");
  expect(kept.filter((path) => path.endsWith(".wasm")).every((path) => path.startsWith("/pupil/"))).toBe(true);
  expect(fetched.filter((path) => path.endsWith(".wasm")).every((path) => path.startsWith("/pupil/"))).toBe(true);

  // A QR code's join address comes with the server's early form drawn in: what is kept for
  // offline is the app's own page, fetched for the purpose, never that page.
  fetched.length = 0;
  await tablet.goto("/join/ACE347");
  await expect(tablet.getByLabel("Code on the board")).toHaveValue("ACE347");
  await expect.poll(() => fetched.filter((path) => path === "/pupil/index.html").length).toBeGreaterThan(0);
  const own = await (await tablet.request.get("/pupil/index.html")).text();
  await expect
    .poll(() => tablet.evaluate(async () => (await (await caches.open("withme-offline-1")).match("/pupil/index.html")).text()))
    .toBe(own);
  await context.close();
});

test("Withme installs on tablets and Chromebooks: its manifest names PNG icons of 192 and 512 pixels and a maskable one, each as it says", async ({ page, request }) => {
  await page.goto("/join");
  const href = await page.locator('link[rel="manifest"]').getAttribute("href");
  const manifest = await (await request.get(href)).json();
  expect(manifest).toMatchObject({ name: "Withme", start_url: "/", display: "standalone" });
  const pngs = manifest.icons.filter((icon) => icon.type === "image/png");
  expect(pngs.map((icon) => `${icon.sizes} ${icon.purpose}`).sort()).toEqual(["192x192 any", "512x512 any", "512x512 maskable"]);
  for (const icon of pngs) {
    const response = await request.get(icon.src);
    expect(response.headers()["content-type"]).toBe("image/png");
    const png = await response.body();
    // A PNG's width and height are the first two numbers of its IHDR chunk.
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    expect(`${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`).toBe(icon.sizes);
  }
});

/** A free local port. */
function freePort() {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/**
 * A second deployment of the built teacher's app in `dir`: the same app with new file names
 * (as a new build's hashes give), an index.html that names them and says it is the new one.
 * Returns the old and new names of its script and wasm.
 */
function deployNewVersion(dir) {
  const renamed = {};
  const nextHash = (hash) => [...hash].map((digit) => ((parseInt(digit, 16) + 1) % 16).toString(16)).join("");
  for (const file of readdirSync(dir)) {
    const match = /^withme-([0-9a-f]+)(\.js|_bg\.wasm)(\.br|\.gz)?$/.exec(file);
    if (!match) continue;
    const [, hash, kind, compressed] = match;
    const renamedFile = `withme-${nextHash(hash)}${kind}`;
    renameSync(join(dir, file), join(dir, `${renamedFile}${compressed ?? ""}`));
    if (!compressed) renamed[`/withme-${hash}${kind}`] = `/${renamedFile}`;
  }
  let index = readFileSync(join(dir, "index.html"), "utf8");
  for (const [before, after] of Object.entries(renamed)) index = index.replaceAll(before, after);
  index = index.replace("<title>", '<meta name=withme-deployment content=new><title>');
  writeFileSync(join(dir, "index.html"), index);
  for (const stale of ["index.html.br", "index.html.gz"]) rmSync(join(dir, stale), { force: true });
  return renamed;
}

/** Starts the Withme server on `port` serving `dist`, and waits until it answers. */
async function startServer(port, dist, db) {
  const server = spawn(resolve("target/release/withme-server"), ["--addr", `127.0.0.1:${port}`, "--dist", dist, "--db", db], { stdio: "ignore" });
  await expect
    .poll(() => fetch(`http://127.0.0.1:${port}/`).then((r) => r.status, () => 0), { timeout: 10_000 })
    .toBe(200);
  return server;
}

/** Stops `server` and waits until it has gone. */
async function stopServer(server) {
  if (server.exitCode !== null) return;
  const gone = new Promise((done) => server.once("exit", done));
  server.kill("SIGTERM");
  await gone;
}

test("a new deployment replaces the old one whole: the next visit opens the new version, and offline too, never a mix of old and new files", async ({ browser }) => {
  const root = mkdtempSync(join(tmpdir(), "withme-deploy-"));
  const [before, after] = [join(root, "before"), join(root, "after")];
  cpSync("dist", before, { recursive: true });
  cpSync("dist", after, { recursive: true });
  const renamed = deployNewVersion(after);
  expect(Object.keys(renamed)).toHaveLength(2);
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  let server = await startServer(port, before, join(root, "live.sqlite"));
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const app = new Withme(page);
    await page.goto(`${origin}/`);
    await app.newLesson("Rivers");
    const oldFiles = await keptForOffline(page, "/index.html");
    for (const file of Object.keys(renamed)) expect(oldFiles).toContain(file);

    await stopServer(server);
    server = await startServer(port, after, join(root, "live.sqlite"));
    const loaded = () =>
      page.evaluate(() => ({
        deployment: document.querySelector('meta[name="withme-deployment"]')?.content ?? "old",
        files: performance.getEntriesByType("resource").map((entry) => new URL(entry.name).pathname),
      }));

    await page.goto(`${origin}/`);
    await expect(app.lessonLink("Rivers")).toBeVisible();
    const online = await loaded();
    expect(online.deployment).toBe("new");
    for (const [old, fresh] of Object.entries(renamed)) {
      expect(online.files).toContain(fresh);
      expect(online.files).not.toContain(old);
    }
    // The version kept for offline becomes the new one, whole, and the old files go.
    await expect
      .poll(async () => {
        const files = await keptForOffline(page, "/index.html");
        return Object.entries(renamed).every(([old, fresh]) => files.includes(fresh) && !files.includes(old));
      }, { timeout: 15_000 })
      .toBe(true);
    const kept = await page.evaluate(async () => (await (await caches.open("withme-offline-1")).keys()).map((r) => new URL(r.url).pathname));
    for (const old of Object.keys(renamed)) expect(kept).not.toContain(old);

    await context.setOffline(true);
    await page.goto(`${origin}/`);
    await expect(app.lessonLink("Rivers")).toBeVisible();
    const offline = await loaded();
    expect(offline.deployment).toBe("new");
    for (const [old, fresh] of Object.entries(renamed)) {
      expect(offline.files).toContain(fresh);
      expect(offline.files).not.toContain(old);
    }
  } finally {
    await context.close();
    await stopServer(server);
    rmSync(root, { recursive: true, force: true });
  }
});
