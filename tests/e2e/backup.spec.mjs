// The whole library as one backup file: made in one browser profile, restored in another (a new
// computer), adding what it lacks and overwriting nothing it has.
import { readFile } from "node:fs/promises";
import { test, expect, Withme, countLibraryWrites, expectAccessible, letPendingSavesRun, libraryWrites, makeClass, readRecords } from "./withme.mjs";

/** What the stored library of a page holds: lesson titles (the bin apart), classes and pupils. */
async function holdings(app) {
  const stored = JSON.parse(await app.stored());
  const lessons = stored.library.lessons;
  return {
    lessons: lessons.filter((l) => !l.deleted_at).map((l) => l.plan.title).sort(),
    binned: lessons.filter((l) => l.deleted_at).map((l) => l.plan.title),
    classes: stored.library.classes.map((c) => `${c.name}: ${c.pupils.map((p) => p.name).join(", ")}`),
    roles: lessons.flatMap((l) => l.groups?.groups ?? []).flatMap((g) => g.members.filter((m) => m.role)).length,
  };
}

async function restoreFile(page, name, contents) {
  await page.getByLabel("Restore from a backup").setInputFiles({ name, mimeType: "application/json", buffer: Buffer.from(contents) });
}

test("a whole-library backup made on one computer restores on another, with classes and roles, and overwrites nothing there", async ({ browser }) => {
  test.setTimeout(90_000);
  // The first computer: a class with roles, a grouped lesson with roles given out, another
  // lesson, and one in the bin.
  const first = await browser.newContext();
  const page = await first.newPage();
  const app = new Withme(page);
  const card = await makeClass(page, "Year 5 Oak", ["Amira", "Ben", "Chloé", "Dev"]);
  await card.getByText(/^Group roles/).click();
  await card.getByLabel("Start from").selectOption({ label: "POGIL" });
  await card.getByRole("button", { name: "Use these roles" }).click();
  await app.openLibrary();
  await app.newLessonFor("Rivers", "Year 5 Oak");
  await app.waitUntilSaved();
  await page.goto(page.url().replace(/\/?$/, "/groups"));
  await page.getByLabel("How many pupils in each group").fill("2");
  await page.getByRole("button", { name: "Make groups" }).click();
  await page.getByRole("button", { name: "Give out roles" }).click();
  await expect(page.locator(".role-badge")).toHaveCount(4);
  await app.openLibrary();
  await app.newLesson("Mountains");
  await app.openLibrary();
  await app.newLesson("Old plan");
  await app.openLibrary();
  await page.getByRole("button", { name: "Delete Old plan" }).click();
  await app.waitUntilSaved();
  const made = await holdings(app);
  expect(made).toEqual({ lessons: ["Mountains", "Rivers"], binned: ["Old plan"], classes: ["Year 5 Oak: Amira, Ben, Chloé, Dev"], roles: 4 });

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download a backup" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^withme-library-\d{4}-\d{2}-\d{2}\.withme\.json$/);
  await expect(page.getByText(`Saved 3 lessons and 1 class as ${download.suggestedFilename()}.`)).toBeVisible();
  const backup = await readFile(await download.path(), "utf8");
  expect(JSON.parse(backup)).toMatchObject({ format: "withme.library", version: 5 });
  await first.close();

  // Another computer, with a lesson of its own.
  const second = await browser.newContext();
  const there = await second.newPage();
  const other = new Withme(there);
  await other.openLibrary();
  await other.newLesson("Planned on the laptop");
  await other.openLibrary();
  await restoreFile(there, download.suggestedFilename(), backup);
  await expect(there.getByText("Restored 3 lessons and 1 class from the backup.")).toBeVisible();
  await other.waitUntilSaved();
  expect(await holdings(other)).toEqual({ ...made, lessons: ["Mountains", "Planned on the laptop", "Rivers"] });
  await expect(other.lessonLink("Rivers")).toBeVisible();
  await expect(there.getByText("Bin (1)")).toBeVisible();

  // The roles history came too.
  await there.goto("/classes");
  await there.getByRole("region", { name: "Year 5 Oak" }).getByRole("link", { name: "Roles history" }).click();
  await expect(there.getByRole("table")).toContainText("Rivers");

  // Edited here, then the same backup restored again: the edit stands.
  await other.openLibrary();
  await other.lessonLink("Rivers").click();
  await there.getByLabel("Lesson title").fill("Rivers (Tuesday)");
  await other.waitUntilSaved();
  await other.openLibrary();
  await restoreFile(there, download.suggestedFilename(), backup);
  await expect(
    there.getByText("Nothing to restore: everything in the backup is already here. 3 lessons and 1 class were already here and are kept as they are."),
  ).toBeVisible();
  await other.waitUntilSaved();
  expect((await holdings(other)).lessons).toEqual(["Mountains", "Planned on the laptop", "Rivers (Tuesday)"]);
  await there.reload();
  await expect(other.lessonLink("Rivers (Tuesday)")).toBeVisible();
  await second.close();
});

const badFiles = [
  ["a file that is not JSON", "notes.json", "{ not json", "This file isn't a Withme backup: it isn't valid JSON"],
  [
    "a single lesson's file",
    "rivers.withme.json",
    JSON.stringify({ format: "withme.lesson", version: 2, exported_at: 1, plan: { title: "Rivers", length: 60 } }),
    "This file isn't a Withme backup. (A single lesson's file is opened with “Import a lesson”.)",
  ],
  [
    "a backup from a newer Withme",
    "future.withme.json",
    JSON.stringify({ format: "withme.library", version: 99, library: {} }),
    "This backup was made by a newer version of Withme (format 99; this version reads up to 5). Update Withme to restore it.",
  ],
  [
    "a damaged backup",
    "damaged.withme.json",
    JSON.stringify({ format: "withme.library", version: 5, library: { lessons: [{ id: "a.1" }] } }),
    "This backup is damaged or incomplete (",
  ],
];

for (const [kind, name, contents, message] of badFiles) {
  test(`restoring ${kind} says why and leaves the library unchanged`, async ({ page }) => {
    await page.clock.install();
    await countLibraryWrites(page);
    const app = new Withme(page);
    await app.openLibrary();
    await app.newLesson("Rivers");
    await app.openLibrary();
    await letPendingSavesRun(page);
    const before = await app.stored();
    const writesBefore = await libraryWrites(page);

    await restoreFile(page, name, contents);
    const problem = page.getByRole("region", { name: "Back up or move your library" }).getByRole("alert");
    await expect(problem).toContainText(message);

    await letPendingSavesRun(page);
    expect(await libraryWrites(page)).toBe(writesBefore);
    expect(await app.stored()).toBe(before);
  });
}

/** Characters this page's site keeps in local storage, keys included, as the browser counts. */
const storedCharacters = (page) =>
  page.evaluate(() => Object.keys(localStorage).reduce((n, key) => n + key.length + localStorage.getItem(key).length, 0));

test("Lessons says how much of the browser's room Withme uses, and warns well before it is full, with the way out", async ({ page }) => {
  const app = new Withme(page);
  await app.openLibrary();
  await app.newLesson("Rivers");
  await app.openLibrary();
  await expect(page.getByText("Withme is using less than 1% of the room this browser gives it.")).toBeVisible();
  const warning = page.getByRole("status").filter({ hasText: "room for Withme" });
  await expect(warning).toHaveCount(0);

  // Just under seven tenths of the room taken, as a year of lessons and a copy kept aside would.
  const key = "withme.library.kept.1795000000000";
  await page.evaluate((key) => localStorage.setItem(key, ""), key);
  const filler = 3_500_000 - 40 - (await storedCharacters(page));
  await page.evaluate(([key, filler]) => localStorage.setItem(key, "x".repeat(filler)), [key, filler]);
  await page.reload();
  await expect(page.getByText("Withme is using 69% of the room this browser gives it.")).toBeVisible();
  await expect(warning).toHaveCount(0);

  // The lessons' own room (IndexedDB, as the browser estimates it) at seven tenths: the library
  // warns, with the fuller of the two rooms.
  await page.addInitScript(() => {
    const estimate = StorageManager.prototype.estimate;
    StorageManager.prototype.estimate = async function () {
      const real = await estimate.call(this);
      return { ...real, usage: real.usage, quota: Math.ceil(real.usage / 0.705) };
    };
  });
  await page.reload();
  await expect(warning).toContainText("This browser's room for Withme is 70% full. Download a backup now");
  await expectAccessible(page, "the library warning that storage is nearly full");
  // A save while nearly full leaves the warning standing: it is neither removed nor announced
  // again.
  await page.evaluate(() => {
    window.__warningGone = 0;
    new MutationObserver(() => {
      if (!document.querySelector(".storage-warning")) window.__warningGone += 1;
    }).observe(document.body, { childList: true, subtree: true });
  });
  await page.getByRole("button", { name: "Delete Rivers" }).click();
  await app.waitUntilSaved();
  await expect(warning).toContainText("70% full");
  expect(await page.evaluate(() => window.__warningGone)).toBe(0);
  await warning.getByRole("link", { name: "Back up now" }).click();
  await expect(page.getByRole("button", { name: "Download a backup" })).toBeInViewport();
});

test("emptying the bin asks first, then deletes its lessons for good and frees their room, keeping every other lesson", async ({ page }) => {
  const app = new Withme(page);
  await app.openLibrary();
  for (const title of ["Keep me", "Old one", "Old two"]) {
    await app.newLesson(title);
    await app.openLibrary();
  }
  await page.getByRole("button", { name: "Delete Old one" }).click();
  await page.getByRole("button", { name: "Delete Old two" }).click();
  await app.waitUntilSaved();
  const storedIds = async () => JSON.parse(await app.stored()).library.lessons.map((l) => l.plan.title).sort();
  expect(await storedIds()).toEqual(["Keep me", "Old one", "Old two"]);
  const lessonRecords = async () => Object.keys(await readRecords(page, "lessons")).length;
  const indexRecords = async () => Object.keys(await readRecords(page, "index")).length;
  expect([await lessonRecords(), await indexRecords()]).toEqual([3, 3]);

  await page.getByText("Bin (2)").click();
  await page.getByRole("button", { name: "Empty the bin…" }).click();
  const ask = page.getByRole("alertdialog", { name: "Empty the bin?" });
  await expect(ask).toContainText("Delete these 2 lessons for good? Only a backup can bring them back");
  await expectAccessible(page, "the question before the bin is emptied");
  await ask.getByRole("button", { name: "Keep them" }).click();
  await expect(ask).toHaveCount(0);
  expect(await storedIds()).toEqual(["Keep me", "Old one", "Old two"]);

  await page.getByRole("button", { name: "Empty the bin…" }).click();
  await ask.getByRole("button", { name: "Delete for good" }).click();
  await expect(page.getByText("Emptied the bin: 2 lessons deleted for good.")).toBeVisible();
  await app.waitUntilSaved();
  expect(await storedIds()).toEqual(["Keep me"]);
  expect([await lessonRecords(), await indexRecords()], "their records are gone").toEqual([1, 1]);
  await expect(page.getByText(/^Bin \(/)).toHaveCount(0);
  await page.reload();
  expect(await app.lessonTitles()).toEqual(["Keep me"]);
  await expect(page.getByText(/^Bin \(/)).toHaveCount(0);
});
