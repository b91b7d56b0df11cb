import {
  test,
  expect,
  Withme,
  countLibraryWrites,
  letPendingSavesRun,
  libraryWrites,
  readRecords,
  seedLibraryInLocalStorage,
  storedLibrary,
  writeRecord,
} from "./withme.mjs";
import { seedBeforeFirstLoad } from "./rich-library.mjs";

/** Makes the browser's storage refuse Withme's writes as full while `window.storageIsFull`. */
function fillStorage(page, { full = true } = {}) {
  return page.addInitScript((full) => {
    window.storageIsFull = full;
    const quota = () => new DOMException("The quota has been exceeded.", "QuotaExceededError");
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
      if (window.storageIsFull && key.startsWith("withme.")) throw quota();
      return setItem.call(this, key, value);
    };
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (...args) {
      if (window.storageIsFull) throw quota();
      return put.apply(this, args);
    };
  }, full);
}

test("a hand-corrupted library opens with a message, its text kept under a backup key", async ({ page }) => {
  const app = new Withme(page);
  await app.openLibrary();
  await app.newLesson("Rivers");
  const good = await app.stored();
  const corrupt = good.slice(0, good.length - 25); // a half-finished write, as Withme once kept it
  await seedLibraryInLocalStorage(page, corrupt);

  await page.goto("/");
  const banner = page.getByTestId("kept-aside-banner");
  await expect(banner).toContainText("Your saved library couldn't be opened.");
  await expect(banner).toContainText("kept, untouched, under the storage key");
  const key = await banner.locator("code").innerText();
  expect(key).toMatch(/^withme\.library\.kept\.\d+(-\d+)?$/);
  expect(await page.evaluate((k) => localStorage.getItem(k), key)).toBe(corrupt);

  // The teacher can download the kept copy, and carry on with a new library.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download the kept copy" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`${key.replaceAll(".", "-")}.json`);
  await app.newLesson("A fresh start");
  expect(await app.storedTitles()).toEqual(["A fresh start"]);
  expect(await page.evaluate((k) => localStorage.getItem(k), key)).toBe(corrupt);

  // Reloading does not pile up copies of the same text.
  await page.reload();
  const kept = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("withme.library.kept.")));
  expect(kept).toEqual([key]);
});

test("one damaged lesson in a library kept in local storage is left out and named, every other lesson moves and opens, and the library as it was is kept aside untouched", async ({ page }) => {
  const app = new Withme(page);
  for (const title of ["Rivers", "Volcanoes", "Forests"]) {
    await app.openLibrary();
    await app.newLesson(title);
  }
  const doc = JSON.parse(await app.stored());
  doc.library.lessons.find((l) => l.plan.title === "Volcanoes").plan.length = "an hour";
  const damaged = JSON.stringify(doc);
  await seedLibraryInLocalStorage(page, damaged);

  await page.goto("/");
  const banner = page.getByTestId("kept-aside-banner");
  await expect(banner).toContainText("One lesson in your saved library is damaged and couldn't be opened: “Volcanoes”.");
  await expect(banner).toContainText("Every other lesson and class opened.");
  expect((await app.lessonTitles()).sort()).toEqual(["Forests", "Rivers"]);
  expect(await app.storedTitles(), "the readable lessons are saved in its place").toEqual(["Forests", "Rivers"]);
  const key = await banner.locator("code").innerText();
  expect(await page.evaluate((k) => localStorage.getItem(k), key)).toBe(damaged);

  await page.reload();
  await expect(page.getByRole("heading", { name: "Lessons", level: 1 })).toBeVisible();
  await expect(app.lessonLink("Rivers")).toBeVisible();
  await expect(page.getByTestId("kept-aside-banner")).toHaveCount(0);
  const kept = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("withme.library.kept.")));
  expect(kept).toEqual([key]);
});

test("a library from a newer Withme is kept and never overwritten", async ({ page }) => {
  await page.clock.install();
  const newer = JSON.stringify({ format: "withme.library", version: 7, library: { lessons: [], future: true } });
  await seedBeforeFirstLoad(page, newer);
  await countLibraryWrites(page);
  const app = new Withme(page);
  await app.openLibrary();
  await expect(page.getByTestId("storage-banner")).toContainText("Changes are not being saved.");
  await expect(page.getByTestId("storage-banner")).toContainText("A newer version of Withme has saved your library.");
  await expect(page.getByTestId("save-indicator")).toHaveText("Changes not saved");

  // Editing still works in this window, and the newer library stays exactly as it was.
  await page.getByRole("button", { name: "New lesson" }).click();
  await page.getByLabel("Lesson title").fill("Made in an old window");
  await page.getByRole("link", { name: "← All lessons" }).click();
  await expect(app.lessonLink("Made in an old window")).toBeVisible();
  await letPendingSavesRun(page);
  expect(await libraryWrites(page)).toBe(0);
  expect(await app.stored()).toBe(newer);
});

test("with storage full, a banner shows and editing still works", async ({ page }) => {
  // Storage that is full from the start, as in some private browsing modes.
  await fillStorage(page);
  const app = new Withme(page);
  await app.openLibrary();
  await page.getByRole("button", { name: "New lesson" }).click();
  await page.getByLabel("Lesson title").fill("Rivers");
  const banner = page.getByTestId("storage-banner");
  await expect(banner).toContainText("Changes are not being saved.");
  await expect(banner).toContainText("This browser's storage for Withme is full.");
  await expect(page.getByTestId("save-indicator")).toHaveText("Changes not saved");

  await page.getByLabel("Subject").fill("Geography");
  await page.getByRole("link", { name: "← All lessons" }).click();
  await expect(app.lessonLink("Rivers")).toBeVisible();
  await expect(page.getByText("Geography · 60 minutes")).toBeVisible();
});

test("when storage starts working again, the banner goes and the work is saved", async ({ page }) => {
  await fillStorage(page);
  const app = new Withme(page);
  await app.openLibrary();
  await page.getByRole("button", { name: "New lesson" }).click();
  await page.getByLabel("Lesson title").fill("Rivers");
  await expect(page.getByTestId("storage-banner")).toBeVisible();

  await page.evaluate(() => (window.storageIsFull = false));
  await page.getByLabel("Subject").fill("Geography");
  await app.waitUntilSaved();
  await expect(page.getByTestId("storage-banner")).toHaveCount(0);
  expect(await app.storedTitles()).toEqual(["Rivers"]);
});

test("with storage blocked, a banner shows and editing still works", async ({ page }) => {
  await page.addInitScript(() => {
    for (const name of ["localStorage", "indexedDB"]) {
      Object.defineProperty(window, name, {
        configurable: true,
        get() {
          throw new DOMException("Access is denied for this document.", "SecurityError");
        },
      });
    }
  });
  const app = new Withme(page);
  await page.goto("/");
  const banner = page.getByTestId("storage-banner");
  await expect(banner).toContainText("This browser is blocking storage for Withme.");
  await expect(banner).toContainText("Allow cookies and site data for this site");
  await app.newLessonUnsaved("Rivers");
  await page.getByRole("link", { name: "← All lessons" }).click();
  await expect(app.lessonLink("Rivers")).toBeVisible();
});

test("one damaged lesson record is kept aside on its own, named, and every other lesson opens", async ({ page }) => {
  const app = new Withme(page);
  for (const title of ["Rivers", "Volcanoes", "Forests"]) {
    await app.openLibrary();
    await app.newLesson(title);
  }
  const volcanoes = (await storedLibrary(page)).lessons.find((l) => l.plan.title === "Volcanoes");
  const record = JSON.stringify({ ...volcanoes, plan: { ...volcanoes.plan, length: "an hour" } });
  await writeRecord(page, "lessons", volcanoes.id, record);

  await page.goto("/");
  const banner = page.getByTestId("kept-aside-banner");
  await expect(banner).toContainText("One lesson in your saved library is damaged and couldn't be opened: “Volcanoes”.");
  await expect(banner).toContainText("Every other lesson and class opened.");
  expect((await app.lessonTitles()).sort()).toEqual(["Forests", "Rivers"]);
  // The damaged record is kept exactly as it was, away from the lessons and the index.
  expect(await readRecords(page, "kept-aside")).toEqual({ [`lesson ${volcanoes.id}`]: record });
  expect(Object.keys(await readRecords(page, "index"))).not.toContain(volcanoes.id);
  expect(await app.storedTitles()).toEqual(["Forests", "Rivers"]);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download the kept copy" }).click(),
  ]);
  const downloaded = JSON.parse(await (await download.createReadStream()).toArray().then((c) => Buffer.concat(c).toString()));
  expect(downloaded).toEqual({ [`lesson ${volcanoes.id}`]: record });

  // Editing goes on, and the next time Withme opens every other lesson is there, with no banner.
  await app.lessonLink("Rivers").click();
  await page.getByLabel("Subject").fill("Geography");
  await app.waitUntilSaved();
  await app.openLibrary();
  await expect(app.lessonLink("Forests")).toBeVisible();
  await expect(page.getByTestId("kept-aside-banner")).toHaveCount(0);
  expect((await storedLibrary(page)).lessons.find((l) => l.plan.title === "Rivers").plan.subject).toBe("Geography");
});

test("with no room to keep a damaged library aside, nothing is overwritten until there is", async ({ page }) => {
  await page.clock.install();
  const damaged = '{"format":"withme.library","version":1,"library":{"lessons":[{';
  // Only the copy kept aside finds no room: whether the library itself is written is the app's
  // choice, and every write of it is counted.
  await seedBeforeFirstLoad(page, damaged);
  await page.addInitScript(() => {
    const real = Storage.prototype.setItem;
    window.storageIsFull = true;
    Storage.prototype.setItem = function (key, value) {
      if (window.storageIsFull && key.startsWith("withme.library.kept.")) {
        throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
      }
      return real.call(this, key, value);
    };
  });
  await countLibraryWrites(page);
  const app = new Withme(page);
  await page.goto("/");
  await expect(page.getByTestId("storage-banner")).toContainText("there is no room to keep a copy");
  await page.getByRole("button", { name: "New lesson" }).click();
  await page.getByLabel("Lesson title").fill("Rivers");
  await letPendingSavesRun(page);
  expect(await libraryWrites(page)).toBe(0);
  expect(await app.stored()).toBe(damaged);

  // Room again: the damaged text is kept aside first, then this window's work is saved.
  await page.evaluate(() => (window.storageIsFull = false));
  await page.getByLabel("Subject").fill("Geography");
  await app.waitUntilSaved();
  await expect(page.getByTestId("storage-banner")).toHaveCount(0);
  const key = await page.getByTestId("kept-aside-banner").locator("code").innerText();
  expect(await page.evaluate((k) => localStorage.getItem(k), key)).toBe(damaged);
  expect(await app.storedTitles()).toEqual(["Rivers"]);
});

test("a library whose classes record is damaged says so, and nothing is saved over its records", async ({ page }) => {
  const app = new Withme(page);
  await app.openLibrary();
  await app.newLesson("Rivers");
  await writeRecord(page, "library", "classes", "[{ not classes");
  const before = { lessons: await readRecords(page, "lessons"), library: await readRecords(page, "library") };

  await page.goto("/");
  const banner = page.getByTestId("storage-banner");
  await expect(banner).toContainText("Changes are not being saved. Your saved library couldn't be opened: part of it is damaged.");
  await expect(banner).toContainText("It has been left exactly as it was, and nothing will be saved over it.");
  // Work here goes on in the window, and the records stay exactly as they were.
  await page.getByRole("button", { name: "New lesson" }).click();
  await page.getByLabel("Lesson title").fill("Made while damaged");
  await expect(page.getByTestId("save-indicator")).toHaveText("Changes not saved");
  await page.getByRole("link", { name: "← All lessons" }).click();
  await expect(app.lessonLink("Made while damaged")).toBeVisible();
  expect({ lessons: await readRecords(page, "lessons"), library: await readRecords(page, "library") }).toEqual(before);
});
