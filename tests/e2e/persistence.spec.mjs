import { test, expect, Withme, storedLibrary } from "./withme.mjs";

test("a lesson created and renamed survives a reload", async ({ page }) => {
  const app = new Withme(page);
  await app.openLibrary();
  await expect(page.getByText("No lessons yet.")).toBeVisible();

  const plannerUrl = await app.newLesson("Where do rivers begin?");
  await page.getByLabel("Subject").fill("Geography");
  await page.getByLabel("Length (minutes)").fill("50");
  await page.getByLabel("Date").fill("2026-11-24");
  await app.waitUntilSaved();

  await page.reload();
  await expect(page.getByLabel("Lesson title")).toHaveValue("Where do rivers begin?");
  await expect(page.getByLabel("Subject")).toHaveValue("Geography");
  await expect(page.getByLabel("Length (minutes)")).toHaveValue("50");
  await expect(page.getByLabel("Date")).toHaveValue("2026-11-24");
  expect(page.url()).toBe(plannerUrl);

  await app.openLibrary();
  await expect(app.lessonLink("Where do rivers begin?")).toBeVisible();
  await expect(page.getByText("Geography · Tue 24 Nov 2026 · 50 minutes")).toBeVisible();

  // Renamed from the library this time.
  await page.getByRole("button", { name: "Rename Where do rivers begin?" }).click();
  await page.getByLabel("New title for “Where do rivers begin?”").fill("Rivers: source to sea");
  await page.getByRole("button", { name: "Save title" }).click();
  await app.waitUntilSaved();
  await page.reload();
  await expect(app.lessonLink("Rivers: source to sea")).toBeVisible();
});

test("refused edits say why at the field and keep what was typed", async ({ page }) => {
  const app = new Withme(page);
  await app.openLibrary();
  await app.newLesson("Rivers");

  const title = page.getByLabel("Lesson title");
  await title.fill("");
  await expect(title).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("A lesson title can't be empty.")).toBeVisible();

  await title.fill("x".repeat(121));
  await expect(page.getByText("A lesson title can be at most 120 characters (this has 121).")).toBeVisible();
  await expect(title).toHaveValue("x".repeat(121));

  await page.getByLabel("Length (minutes)").fill("400");
  await expect(page.getByText("A lesson lasts between 5 and 360 minutes.")).toBeVisible();

  // The last valid values are what was saved.
  await page.reload();
  await expect(page.getByLabel("Lesson title")).toHaveValue("Rivers");
  await expect(page.getByLabel("Length (minutes)")).toHaveValue("60");
});

test("duplicate, delete with undo, and restore from the bin", async ({ page }) => {
  const app = new Withme(page);
  await app.openLibrary();
  await app.newLesson("Rivers");
  await app.openLibrary();

  await page.getByRole("button", { name: "Duplicate Rivers" }).click();
  await expect(app.lessonLink("Copy of Rivers")).toBeVisible();

  await page.getByRole("button", { name: "Delete Copy of Rivers" }).click();
  await expect(app.lessonLink("Copy of Rivers")).toHaveCount(0);
  await expect(page.getByText("“Copy of Rivers” moved to the bin.")).toBeVisible();
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(app.lessonLink("Copy of Rivers")).toBeVisible();

  await page.getByRole("button", { name: "Delete Rivers" }).click();
  await app.waitUntilSaved();
  await page.reload();
  await expect(app.lessonLink("Rivers")).toHaveCount(0);
  await page.getByText("Bin (1)").click();
  await page.getByRole("button", { name: "Restore Rivers" }).click();
  await expect(app.lessonLink("Rivers")).toBeVisible();
  await app.waitUntilSaved();
  expect(await app.storedTitles()).toEqual(["Copy of Rivers", "Rivers"]);
});

test("an unknown address shows a friendly page", async ({ page }) => {
  await page.goto("/no/such/page");
  await expect(page.getByRole("heading", { name: "There's no page here" })).toBeVisible();
  await page.getByRole("link", { name: "Go to your lessons" }).click();
  await expect(page.getByRole("heading", { name: "Lessons", level: 1 })).toBeVisible();

  await page.goto("/lessons/nothing.1");
  await expect(page.getByRole("heading", { name: "This lesson isn't on this device" })).toBeVisible();
});

test("every page's title names the page", async ({ context, page }) => {
  const app = new Withme(page);
  await app.openLibrary();
  await expect(page).toHaveTitle("Lessons · Withme");
  const url = await app.newLesson("Rivers");
  await expect(page).toHaveTitle("Rivers · Withme");
  await page.getByRole("link", { name: "← All lessons" }).click();
  await expect(page).toHaveTitle("Lessons · Withme");
  await page.getByRole("link", { name: "Classes" }).click();
  await expect(page).toHaveTitle("Classes · Withme");
  await page.goto(`${new URL(url).pathname}/board`);
  await expect(page).toHaveTitle("Board: Rivers · Withme");
  // A tablet in this browser: the teacher's window sends it the lesson.
  const tablet = await context.newPage();
  await tablet.goto(`${new URL(url).pathname}/pupil`);
  await expect(tablet).toHaveTitle("Rivers · Withme");
  await page.close();
  await tablet.reload();
  await expect(tablet).toHaveTitle("Rivers · Withme");
  const alone = await context.newPage();
  await alone.goto(`${new URL(url).pathname}/pupil`);
  await expect(alone).toHaveTitle("Getting the lesson · Withme");
  await alone.goto("/nowhere");
  await expect(alone).toHaveTitle("Page not found · Withme");
});

test("an edit made a moment before the page is reloaded is saved, even though the save had not begun", async ({ page }) => {
  await page.clock.install();
  const app = new Withme(page);
  await app.openLibrary();
  await app.newLesson("Rivers");
  // The clock stands still: the save due a quarter of a second after typing never starts here.
  await page.clock.pauseAt(await page.evaluate(() => Date.now() + 1000));
  await page.getByLabel("Subject").fill("Geography");
  await expect(page.getByTestId("save-indicator")).toHaveText("Saving…");
  await page.reload();
  await expect(page.getByLabel("Subject")).toHaveValue("Geography");
  await expect.poll(async () => (await storedLibrary(page)).lessons[0].plan.subject).toBe("Geography");
  // What the closed page wrote down is gone once it is saved.
  await expect
    .poll(() => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("withme.library.unsaved.")).length))
    .toBe(0);
});
