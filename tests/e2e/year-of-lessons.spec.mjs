// A year of lessons: a library kept in local storage, as Withme kept it before, moves into
// IndexedDB's records the first time Withme opens, and every lesson is there.
import { test, expect, LIBRARY_KEY, Withme, readRecords, storedLibrary } from "./withme.mjs";
import { seedBeforeFirstLoad, seededLibrary } from "./rich-library.mjs";

test("a library of 250 rich lessons kept in local storage moves into records, its old text kept aside exactly, and every lesson opens", async ({ page }) => {
  test.setTimeout(120_000);
  const text = seededLibrary(250);
  const seeded = JSON.parse(text).library;
  await seedBeforeFirstLoad(page, text);
  // Every lesson record the page writes is counted.
  await page.addInitScript(() => {
    window.__lessonRecordsWritten = 0;
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (...args) {
      if (this.name === "lessons") window.__lessonRecordsWritten += 1;
      return put.apply(this, args);
    };
  });
  const app = new Withme(page);
  await app.openLibrary();
  const lessons = page.getByRole("list", { name: "Your lessons" }).getByRole("heading").getByRole("link");
  await expect(lessons).toHaveCount(250);

  // Local storage no longer holds the library; the records hold every lesson, whole.
  expect(await page.evaluate((key) => localStorage.getItem(key), LIBRARY_KEY)).toBeNull();
  expect(await readRecords(page, "kept-aside")).toEqual({ "local-storage-library": text });
  const summary = (l) => [l.id, l.plan.title, l.plan.class, l.enquiry.questions.length, l.enquiry.polls[0].ballots, l.groups.groups];
  const stored = await storedLibrary(page);
  expect(stored.lessons.map(summary).sort()).toEqual(seeded.lessons.map(summary).sort());
  expect(stored.classes.map((c) => [c.id, c.pupils.length])).toEqual(seeded.classes.map((c) => [c.id, c.pupils.length]));
  expect(Object.keys(await readRecords(page, "index")).sort()).toEqual(seeded.lessons.map((l) => l.id).sort());

  // Lessons open, from the first to the last, and an edit to one is saved to its record alone.
  for (const n of [1, 125, 250]) {
    await app.openLibrary();
    await app.lessonLink(`Lesson ${n}: an enquiry into something worth asking`).click();
    await expect(page.getByLabel("Lesson title")).toHaveValue(`Lesson ${n}: an enquiry into something worth asking`);
  }
  const before = await readRecords(page, "lessons");
  const written = () => page.evaluate(() => window.__lessonRecordsWritten);
  const writtenBefore = await written();
  await page.getByLabel("Subject").fill("Geography and maps");
  await app.waitUntilSaved();
  expect(await written(), "one lesson record written").toBe(writtenBefore + 1);
  const after = await readRecords(page, "lessons");
  const changed = Object.keys(after).filter((key) => after[key] !== before[key]);
  const last = seeded.lessons.find((l) => l.plan.title.startsWith("Lesson 250:")).id;
  expect(changed).toEqual([last]);
  await page.reload();
  await expect(page.getByLabel("Subject")).toHaveValue("Geography and maps");
  await app.openLibrary();
  await expect(lessons).toHaveCount(250);
});

test("the library lists its lessons from the index before every lesson has been read", async ({ page }) => {
  const app = new Withme(page);
  for (const title of ["Rivers", "Volcanoes"]) {
    await app.openLibrary();
    await app.newLesson(title);
  }
  await page.getByLabel("Subject").fill("Geography");
  await app.waitUntilSaved();
  // From now on, the answer to reading every lesson is held back until the test lets it through.
  await page.addInitScript(() => {
    let release;
    window.__lessonsRead = new Promise((resolve) => (release = resolve));
    window.__letLessonsBeRead = release;
    const getAll = IDBObjectStore.prototype.getAll;
    const onsuccess = Object.getOwnPropertyDescriptor(IDBRequest.prototype, "onsuccess");
    IDBObjectStore.prototype.getAll = function (...args) {
      const request = getAll.apply(this, args);
      if (this.name !== "lessons") return request;
      Object.defineProperty(request, "onsuccess", {
        configurable: true,
        set(handler) {
          onsuccess.set.call(this, handler && ((event) => window.__lessonsRead.then(() => handler.call(this, event))));
        },
        get() {
          return onsuccess.get.call(this);
        },
      });
      return request;
    };
  });
  await page.goto("/");
  const opening = page.getByRole("list", { name: "Your lessons, while the library opens" });
  await expect(opening.getByRole("listitem")).toHaveText([/^Volcanoes\s*Geography$/, /^Rivers$/]);
  await expect(page.getByRole("status").filter({ hasText: "Opening your library…" })).toBeVisible();
  await expect(page.getByRole("button", { name: "New lesson" })).toHaveCount(0);
  // Every lesson read: the library itself, with its links and buttons.
  await page.evaluate(() => window.__letLessonsBeRead());
  await expect(app.lessonLink("Volcanoes")).toBeVisible();
  await expect(page.getByRole("button", { name: "New lesson" })).toBeVisible();
  await expect(opening).toHaveCount(0);
});
