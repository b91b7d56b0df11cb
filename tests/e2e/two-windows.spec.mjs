import { test, expect, Withme } from "./withme.mjs";

// "Within a second": the other window must show an edit this soon.
const WITHIN_A_SECOND = { timeout: 1_000 };

test("two windows editing different lessons stay in step with nothing lost", async ({ context }) => {
  const a = new Withme(await context.newPage());
  const b = new Withme(await context.newPage());
  await a.openLibrary();
  await b.openLibrary();

  const urlA = await a.newLesson("Rivers");
  await expect(b.lessonLink("Rivers")).toBeVisible(WITHIN_A_SECOND);
  const urlB = await b.newLesson("Volcanoes");
  await a.openLibrary();
  await expect(a.lessonLink("Volcanoes")).toBeVisible(WITHIN_A_SECOND);

  // Both windows type at the same moment, each in its own lesson.
  await a.page.goto(urlA);
  await b.page.goto(urlB);
  await Promise.all([
    a.page.getByLabel("Subject").pressSequentially("Geography", { delay: 15 }),
    b.page.getByLabel("Subject").pressSequentially("Science", { delay: 15 }),
  ]);
  await a.waitUntilSaved();
  await b.waitUntilSaved();

  for (const app of [a, b]) {
    await app.openLibrary();
    await expect(app.page.getByText("Geography · 60 minutes")).toBeVisible(WITHIN_A_SECOND);
    await expect(app.page.getByText("Science · 60 minutes")).toBeVisible(WITHIN_A_SECOND);
  }
  const fresh = new Withme(await context.newPage());
  await fresh.openLibrary();
  expect((await fresh.lessonTitles()).sort()).toEqual(["Rivers", "Volcanoes"]);
});

test("two windows editing the same lesson keep both edits", async ({ context }) => {
  const a = new Withme(await context.newPage());
  await a.openLibrary();
  const url = await a.newLesson("Rivers");
  const b = new Withme(await context.newPage());
  await b.page.goto(url);
  await expect(b.page.getByLabel("Lesson title")).toHaveValue("Rivers");

  // Different fields of one lesson, edited at once.
  await Promise.all([
    a.page.getByLabel("Subject").pressSequentially("Geography", { delay: 20 }),
    b.page.getByLabel("Length (minutes)").fill("45"),
  ]);
  await a.waitUntilSaved();
  await b.waitUntilSaved();
  await expect(a.page.getByLabel("Length (minutes)")).toHaveValue("45", WITHIN_A_SECOND);
  await expect(b.page.getByLabel("Subject")).toHaveValue("Geography", WITHIN_A_SECOND);

  // One window renames; the other follows within a second.
  await b.page.getByLabel("Lesson title").fill("Rivers and lakes");
  await expect(a.page.getByLabel("Lesson title")).toHaveValue("Rivers and lakes", WITHIN_A_SECOND);

  await a.page.reload();
  await expect(a.page.getByLabel("Subject")).toHaveValue("Geography");
  await expect(a.page.getByLabel("Length (minutes)")).toHaveValue("45");
  await expect(a.page.getByLabel("Lesson title")).toHaveValue("Rivers and lakes");
});

test("many lessons created in two windows at once are all kept", async ({ context }) => {
  const a = new Withme(await context.newPage());
  const b = new Withme(await context.newPage());
  await a.openLibrary();
  await b.openLibrary();
  const makeMany = async (app, name) => {
    for (let i = 1; i <= 6; i++) {
      await app.page.getByRole("button", { name: "New lesson" }).click();
      await app.page.getByLabel("Lesson title").fill(`${name} ${i}`);
      await app.page.getByRole("link", { name: "← All lessons" }).click();
    }
  };
  await Promise.all([makeMany(a, "Alpha"), makeMany(b, "Beta")]);
  await a.waitUntilSaved();
  await b.waitUntilSaved();
  const expected = [1, 2, 3, 4, 5, 6].flatMap((i) => [`Alpha ${i}`, `Beta ${i}`]).sort();
  await expect.poll(async () => (await a.lessonTitles()).sort(), WITHIN_A_SECOND).toEqual(expected);
  await expect.poll(async () => (await b.lessonTitles()).sort(), WITHIN_A_SECOND).toEqual(expected);
  await expect.poll(() => a.storedTitles()).toEqual(expected);
});

test("the Board in a second window follows the Planner", async ({ context }) => {
  const planner = new Withme(await context.newPage());
  await planner.openLibrary();
  await planner.newLesson("Rivers");
  const [board] = await Promise.all([
    context.waitForEvent("page"),
    planner.page.getByRole("link", { name: "Open the Board" }).click(),
  ]);
  await expect(board.getByRole("heading", { level: 1 })).toHaveText("Rivers");

  await planner.page.getByLabel("Lesson title").fill("Where do rivers begin?");
  await expect(board.getByRole("heading", { level: 1 })).toHaveText("Where do rivers begin?", WITHIN_A_SECOND);
  await planner.page.getByLabel("Subject").fill("Geography");
  await expect(board.getByText("Geography · 60 minutes")).toBeVisible(WITHIN_A_SECOND);
});

test("a class chosen in one window shows in the other window's Planner", async ({ context }) => {
  const a = new Withme(await context.newPage());
  for (const name of ["Year 5 Oak", "Year 6 Ash"]) {
    await a.page.goto("/classes");
    await a.page.getByLabel("New class name").fill(name);
    await a.page.getByRole("button", { name: "Add class" }).click();
  }
  await a.openLibrary();
  const url = await a.newLesson("Rivers");
  const b = new Withme(await context.newPage());
  await b.page.goto(url);

  // B chose a class itself first, so its select is no longer showing the page's defaults.
  await b.page.getByLabel("Class").selectOption({ label: "Year 6 Ash" });
  await expect(a.page.getByLabel("Class")).toHaveValue(/.+/, WITHIN_A_SECOND);
  await a.page.getByLabel("Class").selectOption({ label: "Year 5 Oak" });
  await expect(b.page.getByLabel("Class").locator("option:checked")).toHaveText("Year 5 Oak", WITHIN_A_SECOND);
  await a.page.getByLabel("Class").selectOption({ label: "No class yet" });
  await expect(b.page.getByLabel("Class").locator("option:checked")).toHaveText("No class yet", WITHIN_A_SECOND);
});

test("a window following another's saves reads only the records each save wrote, never the whole library again", async ({ context }) => {
  // Every read of the whole lessons shelf, in every page.
  await context.addInitScript(() => {
    window.__wholeReads = 0;
    const getAll = IDBObjectStore.prototype.getAll;
    IDBObjectStore.prototype.getAll = function (...args) {
      if (this.name === "lessons") window.__wholeReads += 1;
      return getAll.apply(this, args);
    };
  });
  const a = new Withme(await context.newPage());
  await a.openLibrary();
  await a.newLesson("Volcanoes");
  await a.openLibrary();
  const url = await a.newLesson("Rivers");
  const b = new Withme(await context.newPage());
  await b.page.goto(url);
  await expect(b.page.getByLabel("Lesson title")).toHaveValue("Rivers");
  const opening = await b.page.evaluate(() => window.__wholeReads);
  for (const subject of ["Geography", "Geography and maps", "Maps"]) {
    await a.page.getByLabel("Subject").fill(subject);
    await expect(b.page.getByLabel("Subject")).toHaveValue(subject, WITHIN_A_SECOND);
  }
  await a.page.getByRole("link", { name: "← All lessons" }).click();
  await a.page.getByRole("button", { name: "Delete Volcanoes" }).click();
  await b.page.getByRole("link", { name: "← All lessons" }).click();
  await expect(b.lessonLink("Volcanoes")).toHaveCount(0, WITHIN_A_SECOND);
  expect(await b.page.evaluate(() => window.__wholeReads)).toBe(opening);
});
