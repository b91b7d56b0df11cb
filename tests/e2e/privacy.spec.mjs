// "Nothing leaves the device": every request a teacher's session and a pupil's page make, from
// the library to the Board, goes to Withme's own origin, and none carries the children's names.
import { test, expect, Withme, makeClass } from "./withme.mjs";

test("a whole lesson, planned and run without a live lesson, asks nothing of any other host and sends no child's name", async ({ context, baseURL }) => {
  test.setTimeout(90_000);
  const requests = [];
  context.on("request", (request) => requests.push({ url: request.url(), body: request.postData() ?? "" }));
  const teacher = await context.newPage();
  const app = new Withme(teacher);
  await makeClass(teacher, "Year 4 Elm", ["Zainab", "Oskar"]);
  await app.openLibrary();
  const planner = await app.newLessonFor("Why do rivers flood?", "Year 4 Elm");
  await teacher.getByLabel("Add a success criterion").fill("I can explain a flood");
  await teacher.getByRole("region", { name: "Success criteria" }).getByRole("button", { name: "Add" }).click();
  await app.waitUntilSaved();
  const lessonUrl = planner.replace(/\/$/, "");

  // A pupil's page in this browser asks a question; the Board shows the lesson.
  const tablet = await context.newPage();
  await tablet.goto(`${lessonUrl}/pupil`);
  await tablet.getByRole("button", { name: "Zainab", exact: true }).click();
  await tablet.getByLabel("Your question").fill("Where does the water go?");
  await tablet.getByRole("button", { name: "Send my question" }).click();
  await teacher.goto(`${lessonUrl}/enquiry`);
  await expect(teacher.getByText("Where does the water go?").first()).toBeVisible();
  const board = await context.newPage();
  await board.goto(`${lessonUrl}/board`);
  await expect(board.getByRole("heading", { name: "Why do rivers flood?" })).toBeVisible();
  await teacher.goto(`${lessonUrl}/groups`);
  await teacher.getByRole("button", { name: "Make groups" }).click();
  await expect(teacher.locator(".group-grid .group-card").first()).toBeVisible();

  const origin = new URL(baseURL).origin;
  expect(requests.length).toBeGreaterThan(0);
  const elsewhere = requests.filter((r) => new URL(r.url).origin !== origin).map((r) => r.url);
  expect(elsewhere, "requests to another host").toEqual([]);
  // Nor does any request to this server carry a child's name (the app's files are fetched, and
  // nothing is sent).
  for (const name of ["Zainab", "Oskar"]) {
    expect(requests.filter((r) => r.url.includes(name) || r.body.includes(name)), `${name} was sent`).toEqual([]);
  }
  expect(requests.filter((r) => r.body !== "").map((r) => r.url)).toEqual([]);
});

test("a browser too old for Withme says so on every app's page instead of showing a blank page, and only that", async ({ browser }) => {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    delete globalThis.WebAssembly;
  });
  const page = await context.newPage();
  for (const path of ["/", "/join", "/lessons/abc.1/pupil", "/board/live"]) {
    const failed = page.waitForEvent("pageerror");
    await page.goto(path);
    await expect(page.getByRole("alert").filter({ hasText: "Withme can't run in this browser." })).toBeVisible();
    // The app's loader fails too, as it must here: that is no reason to say "try again".
    await failed;
    await expect(page.getByText("Withme didn't finish loading"), path).toBeHidden();
  }
  await context.close();
  // Where Withme runs, the message stays hidden.
  const working = await browser.newPage();
  await working.goto("/");
  await expect(working.getByRole("heading", { name: "Lessons", level: 1 })).toBeVisible();
  await expect(working.getByText("Withme can't run in this browser.")).toBeHidden();
  await working.close();
});
