// Archiving old lessons: the lessons from before a day go into one file, leave the library only
// once the teacher says the file is safe, and come back when that file is restored.
import { readFile } from "node:fs/promises";
import { test, expect, Withme, expectAccessible, makeClass } from "./withme.mjs";

/** A lesson for Year 5 Oak taught on `day` (or never given a day). */
async function lesson(app, title, day) {
  await app.openLibrary();
  await app.newLessonFor(title, "Year 5 Oak");
  if (day) await app.page.getByLabel("Date", { exact: true }).fill(day);
  await app.waitUntilSaved();
}

/** Lesson titles in the stored library, the bin apart, with their class's name. */
async function storedLessons(app) {
  const { library } = JSON.parse(await app.stored());
  const className = (id) => library.classes.find((c) => c.id === id)?.name ?? null;
  return library.lessons
    .filter((l) => !l.deleted_at)
    .map((l) => `${l.plan.title} (${className(l.plan.class)})`)
    .sort();
}

test("old lessons are archived into a file and leave the library only when the teacher says so; restoring the file brings them back", async ({ page }) => {
  test.setTimeout(90_000);
  const app = new Withme(page);
  await makeClass(page, "Year 5 Oak", ["Amira", "Ben"]);
  await lesson(app, "Rivers", "2026-06-15");
  await lesson(app, "Coasts", "2026-07-10");
  await lesson(app, "Volcanoes", "2026-10-01");
  await lesson(app, "Ideas for later", null);
  await app.openLibrary();
  const all = ["Coasts (Year 5 Oak)", "Ideas for later (Year 5 Oak)", "Rivers (Year 5 Oak)", "Volcanoes (Year 5 Oak)"];
  expect(await storedLessons(app)).toEqual(all);

  // The day suggested is the start of this school year, on this computer's calendar.
  const now = new Date();
  const year = now.getMonth() >= 8 ? now.getFullYear() : now.getFullYear() - 1;
  const panel = page.getByRole("region", { name: "Archive old lessons" });
  await expect(panel.getByLabel("Lessons from before")).toHaveValue(`${year}-09-01`);
  await panel.getByLabel("Lessons from before").fill("2026-09-01");
  await expect(panel.getByTestId("archive-count")).toHaveText(
    "2 lessons from before Tue 1 Sep 2026: taught before then, or last edited before then if they have no day.",
  );

  await panel.getByText("Which lessons").click();
  await expect(panel.getByRole("list", { name: "Lessons to archive" }).getByRole("listitem")).toHaveText([
    "Rivers (Mon 15 Jun 2026)",
    "Coasts (Fri 10 Jul 2026)",
  ]);
  const [download] = await Promise.all([page.waitForEvent("download"), panel.getByRole("button", { name: "Download the archive" }).click()]);
  expect(download.suggestedFilename()).toBe("withme-lessons-before-2026-09-01.withme.json");
  const file = JSON.parse(await readFile(await download.path(), "utf8"));
  expect(file).toMatchObject({ format: "withme.library", version: 5 });
  expect(file.library.lessons.map((l) => l.plan.title).sort()).toEqual(["Coasts", "Rivers"]);
  expect(file.library.classes.map((c) => c.name)).toEqual(["Year 5 Oak"]);

  // Nothing leaves until the teacher says the file is safe.
  const ask = panel.getByRole("alertdialog", { name: "Remove the archived lessons?" });
  await expect(ask).toContainText("Saved 2 lessons as withme-lessons-before-2026-09-01.withme.json.");
  await expectAccessible(page, "the question before archived lessons leave");
  expect(await storedLessons(app)).toEqual(all);
  await ask.getByRole("button", { name: "Remove 2 lessons from this browser" }).click();
  await expect(page.getByText("Archived 2 lessons. Restore withme-lessons-before-2026-09-01.withme.json to bring them back.")).toBeVisible();
  await expect(app.lessonLink("Rivers")).toHaveCount(0);
  await app.waitUntilSaved();
  expect(await storedLessons(app)).toEqual(["Ideas for later (Year 5 Oak)", "Volcanoes (Year 5 Oak)"]);
  await expect(panel.getByTestId("archive-count")).toHaveText("No lessons from before Tue 1 Sep 2026.");
  await expect(panel.getByText("Which lessons")).toHaveCount(0);
  await expect(panel.getByRole("button", { name: "Download the archive" })).toBeDisabled();

  // The archive is a backup: restoring it brings the lessons back, with their class.
  await page.reload();
  await page.getByLabel("Restore from a backup").setInputFiles({
    name: download.suggestedFilename(),
    mimeType: "application/json",
    buffer: await readFile(await download.path()),
  });
  await expect(app.lessonLink("Rivers")).toBeVisible();
  await app.waitUntilSaved();
  expect(await storedLessons(app)).toEqual(all);
});

test("a lesson changed in another window after its archive was made stays in the library with the change", async ({ context }) => {
  test.setTimeout(90_000);
  const page = await context.newPage();
  const app = new Withme(page);
  await makeClass(page, "Year 5 Oak", ["Amira", "Ben"]);
  await lesson(app, "Rivers", "2026-06-15");
  await lesson(app, "Coasts", "2026-07-10");
  await app.openLibrary();
  const panel = page.getByRole("region", { name: "Archive old lessons" });
  await panel.getByLabel("Lessons from before").fill("2026-09-01");
  await Promise.all([page.waitForEvent("download"), panel.getByRole("button", { name: "Download the archive" }).click()]);

  // Another window renames Coasts after the file was made.
  const other = await context.newPage();
  const otherApp = new Withme(other);
  await otherApp.openLibrary();
  await otherApp.lessonLink("Coasts").click();
  await other.getByLabel("Lesson title").fill("Coasts and cliffs");
  await otherApp.waitUntilSaved();
  await expect(app.lessonLink("Coasts and cliffs")).toBeVisible();

  await panel.getByRole("button", { name: "Remove 2 lessons from this browser" }).click();
  await expect(page.getByText("1 lesson changed after the file was made, so it stays here.")).toBeVisible();
  await app.waitUntilSaved();
  expect(await storedLessons(app)).toEqual(["Coasts and cliffs (Year 5 Oak)"]);
  expect(await storedLessons(otherApp)).toEqual(["Coasts and cliffs (Year 5 Oak)"]);
});
