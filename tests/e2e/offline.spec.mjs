import { test, expect } from "@playwright/test";
import { Withme, makeClass } from "./withme.mjs";

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
        const named = [...html.matchAll(/["'](\/[^"'?#]+\.(?:js|wasm|css))["']/g)].map((m) => m[1]);
        const kept = await Promise.all(named.map(async (file) => ((await cache.match(file)) ? file : null)));
        return kept.every(Boolean) ? named : [];
      }, shell);
      return files.length;
    }, { timeout: 15_000 })
    .toBeGreaterThan(1);
  return files;
}

test("after one visit, the teacher's app opens with no network, and a lesson is opened, edited and kept", async ({ context, page }) => {
  const app = new Withme(page);
  await app.openLibrary();
  await app.newLesson("Rivers");
  const files = await keptForOffline(page, "/index.html");
  expect(files.some((file) => /^\/withme-[0-9a-f]+_bg\.wasm$/.test(file))).toBe(true);
  expect(files.some((file) => file.startsWith("/pupil/"))).toBe(false);

  await context.setOffline(true);
  expect(await page.evaluate(() => fetch("/classes").then(() => "online", () => "offline"))).toBe("offline");
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Lessons", level: 1 })).toBeVisible();
  await app.lessonLink("Rivers").click();
  await page.getByLabel("Lesson title").fill("Rivers and seas");
  await app.waitUntilSaved();
  await page.reload();
  await expect(page.getByLabel("Lesson title")).toHaveValue("Rivers and seas");
  expect(await app.storedTitles()).toEqual(["Rivers and seas"]);
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

  await teacher.close();
  await context.setOffline(true);
  await tablet.reload();
  await expect(tablet.getByRole("heading", { name: "Hi, Amira!" })).toBeVisible();
  await expect(tablet.getByText("Today's lesson: Why do leaves fall?")).toBeVisible();
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
