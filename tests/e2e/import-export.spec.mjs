import { readFile } from "node:fs/promises";
import { test, expect, Withme, countLibraryWrites, letPendingSavesRun, libraryWrites, makeClass } from "./withme.mjs";

async function importFile(page, name, contents) {
  await page.getByLabel("Import a lesson").setInputFiles({
    name,
    mimeType: "application/json",
    buffer: Buffer.isBuffer(contents) ? contents : Buffer.from(contents),
  });
}

test("a lesson exported to a file imports back as a new lesson", async ({ page }) => {
  const app = new Withme(page);
  await app.openLibrary();
  await app.newLesson("Where do rivers begin?");
  await page.getByLabel("Subject").fill("Geography");
  await app.waitUntilSaved();
  await app.openLibrary();

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Export Where do rivers begin?" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("where-do-rivers-begin.withme.json");
  const text = await readFile(await download.path(), "utf8");
  const file = JSON.parse(text);
  expect(file).toMatchObject({
    format: "withme.lesson",
    version: 2,
    plan: { title: "Where do rivers begin?", subject: "Geography", length: 60 },
  });

  await importFile(page, download.suggestedFilename(), text);
  await expect(page.getByText("Imported “Where do rivers begin?”.")).toBeVisible();
  await expect(app.lessonLink("Where do rivers begin?")).toHaveCount(2);
  await app.waitUntilSaved();
  await page.reload();
  await expect(app.lessonLink("Where do rivers begin?")).toHaveCount(2);
});

test("an imported lesson keeps its class when that class is on this device", async ({ page, browser }) => {
  const app = new Withme(page);
  await page.goto("/classes");
  await page.getByLabel("New class name").fill("Year 5 Oak");
  await page.getByRole("button", { name: "Add class" }).click();
  await app.openLibrary();
  await app.newLessonFor("Rivers", "Year 5 Oak");
  await app.waitUntilSaved();
  await app.openLibrary();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Export Rivers" }).click(),
  ]);
  const text = await readFile(await download.path(), "utf8");

  // Here the class exists: it is kept, and nothing asks the teacher to choose it.
  await importFile(page, "rivers.withme.json", text);
  const notice = page.locator(".notice p").filter({ hasText: "Imported “Rivers”." });
  await expect(notice).toHaveText(/^Imported “Rivers”\.$/);
  await expect(page.getByText("Year 5 Oak · 60 minutes")).toHaveCount(2);

  // On another computer the class is unknown: the lesson arrives without it, and says so.
  const elsewhere = await (await browser.newContext()).newPage();
  await elsewhere.goto("/");
  await importFile(elsewhere, "rivers.withme.json", text);
  await expect(
    elsewhere.getByText("Imported “Rivers”. It was planned for Year 5 Oak; choose its class on this device in the Planner."),
  ).toBeVisible();
  await expect(elsewhere.getByText("60 minutes", { exact: true })).toBeVisible();
});

const badFiles = [
  ["malformed JSON", "broken.withme.json", '{"format": "withme.lesson", "version": 1, "plan": {', "it isn't valid JSON"],
  [
    "the wrong shape",
    "no-title.withme.json",
    JSON.stringify({ format: "withme.lesson", version: 1, exported_at: 1, plan: { subject: "Maths" } }),
    "This lesson file is damaged or incomplete (missing field `title`",
  ],
  [
    "a newer format version",
    "future.withme.json",
    JSON.stringify({ format: "withme.lesson", version: 3, plan: {} }),
    "This lesson was saved by a newer version of Withme (format 3). Update Withme to open it.",
  ],
  [
    "a file over 5 MB",
    "huge.withme.json",
    Buffer.alloc(5 * 1024 * 1024 + 1, 0x20),
    "This file is 5.0 MB. A Withme lesson file is at most 5 MB: is it the right file?",
  ],
  ["some other JSON", "photo-list.json", JSON.stringify({ photos: [1, 2, 3] }), "This file isn't a Withme lesson file."],
];

for (const [kind, name, contents, message] of badFiles) {
  test(`importing ${kind} says why and leaves the library unchanged`, async ({ page }) => {
    await page.clock.install();
    await countLibraryWrites(page);
    const app = new Withme(page);
    await app.openLibrary();
    await app.newLesson("Rivers");
    await app.openLibrary();
    await letPendingSavesRun(page);
    const before = await app.stored();
    const writesBefore = await libraryWrites(page);

    await importFile(page, name, contents);
    const problem = page.getByTestId("file-problem");
    await expect(problem).toContainText(message);
    await expect(problem).toHaveAttribute("role", "alert");

    await letPendingSavesRun(page);
    expect(await libraryWrites(page)).toBe(writesBefore);
    expect(await app.lessonTitles()).toEqual(["Rivers"]);
    expect(await app.stored()).toBe(before);
  });
}

test("a lesson file carries the plan and pupils' ideas but no child's name, and a colleague sees 'a pupil' in the credits", async ({ page, browser }) => {
  test.setTimeout(90_000);
  const app = new Withme(page);
  await makeClass(page, "Year 5 Oak", ["Zainab", "Oskar"]);
  await app.openLibrary();
  await app.newLessonFor("Where do rivers begin?", "Year 5 Oak");
  await app.waitUntilSaved();
  const lessonUrl = page.url().replace(/\/$/, "");
  // Zainab suggests a criterion, which the teacher accepts; Oskar asks a question.
  const tablet = await page.context().newPage();
  await tablet.goto(`${lessonUrl}/pupil`);
  await tablet.getByRole("button", { name: "Zainab", exact: true }).click();
  await tablet.getByRole("radio", { name: "Success criterion" }).check();
  await tablet.getByLabel("Your idea").fill("I can find the source on a map.");
  await tablet.getByRole("button", { name: "Send to my teacher" }).click();
  const idea = page.getByRole("region", { name: /Pupils' ideas/ }).getByRole("listitem").filter({ hasText: "I can find the source" });
  await idea.getByRole("button", { name: "Accept" }).click();
  await idea.getByRole("button", { name: "Add to plan" }).click();
  await expect(page.getByRole("region", { name: "Success criteria" }).getByText("Suggested by Zainab")).toBeVisible();
  await tablet.getByRole("button", { name: "Not Zainab? Choose your name again" }).click();
  await tablet.getByRole("button", { name: "Oskar", exact: true }).click();
  await tablet.getByLabel("Your question").fill("Why is the sea salty?");
  await tablet.getByRole("button", { name: "Send my question" }).click();
  await app.waitUntilSaved();
  await app.openLibrary();

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Export Where do rivers begin?" }).click(),
  ]);
  const text = await readFile(await download.path(), "utf8");
  const file = JSON.parse(text);
  expect(file.plan.criteria.map((c) => c.text)).toEqual(["I can find the source on a map."]);
  expect(file.proposals.map((p) => p.text)).toEqual(["I can find the source on a map."]);
  // No child's name and no class list; the enquiry's questions stay on this device.
  for (const name of ["Zainab", "Oskar"]) expect(text).not.toContain(name);
  expect(text).not.toContain("Why is the sea salty?");
  expect(file.class_name).toBe("Year 5 Oak");

  // A colleague's Withme (a browser of its own) imports it: the credit reads "a pupil".
  const colleague = await browser.newContext();
  const theirs = await colleague.newPage();
  const theirApp = new Withme(theirs);
  await theirApp.openLibrary();
  await importFile(theirs, download.suggestedFilename(), text);
  await expect(theirs.getByText("Imported “Where do rivers begin?”.")).toBeVisible();
  await theirApp.lessonLink("Where do rivers begin?").click();
  const criteria = theirs.getByRole("region", { name: "Success criteria" });
  await expect(criteria.getByRole("textbox", { name: "Success criterion 1", exact: true })).toHaveValue("I can find the source on a map.");
  await expect(criteria.getByText("Suggested by a pupil")).toBeVisible();
  await colleague.close();
});
