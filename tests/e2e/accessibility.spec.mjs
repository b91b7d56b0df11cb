import { test, expect, Withme, makeClass, expectAccessible, overlappingParts } from "./withme.mjs";

const viewports = {
  whiteboard: { width: 1920, height: 1080 },
  laptop: { width: 1366, height: 768 },
  tablet: { width: 768, height: 1024 },
};

/** A library with a class, a lesson for it, and a lesson in the bin; returns the lesson's path. */
async function seed(page) {
  const app = new Withme(page);
  await page.goto("/classes");
  await page.getByLabel("New class name").fill("Year 5 Oak");
  await page.getByRole("button", { name: "Add class" }).click();
  await page.getByLabel("Add pupils: one first name per line").fill("Amira\nBen\nChloé");
  await page.getByRole("button", { name: "Add pupils" }).click();
  await app.openLibrary();
  await app.newLesson("To throw away");
  await app.openLibrary();
  await page.getByRole("button", { name: "Delete To throw away" }).click();
  await app.newLessonFor("Where do rivers begin?", "Year 5 Oak");
  await app.waitUntilSaved();
  return new URL(page.url()).pathname;
}

for (const [name, viewport] of Object.entries(viewports)) {
  test(`every page is accessible and fits a ${name} screen, in each reading mode`, async ({ page }) => {
    test.setTimeout(90_000);
    await page.setViewportSize(viewport);
    const lesson = await seed(page);
    const pages = [
      ["the library", "/"],
      ["the planner", lesson],
      ["the board", `${lesson}/board`],
      ["the pupil view", `${lesson}/pupil`],
      ["the enquiry", `${lesson}/enquiry`],
      ["groups", `${lesson}/groups`],
      ["the passed tablet", `${lesson}/pass`],
      ["classes", "/classes"],
      ["a missing page", "/nowhere"],
    ];
    const modes = [
      ["", { easier: false, large_board: false, chime: false }],
      [" in easier reading with the larger Board", { easier: true, large_board: true, chime: false }],
    ];
    for (const [mode, reading] of modes) {
      await page.evaluate((reading) => localStorage.setItem("withme.reading", JSON.stringify(reading)), reading);
      for (const [what, path] of pages) {
        await page.goto(path);
        await expect(page.locator("h1").first()).toBeVisible();
        await expect(page.locator("html")).toHaveClass(reading.easier ? /reading-easier/ : /^(?!.*reading-easier)/);
        if (what === "the library") await page.getByText("Bin (1)").click();
        await expectAccessible(page, `${what}${mode}`);
      }
    }
  });
}

for (const [name, viewport] of Object.entries(viewports)) {
  test(`a running enquiry is accessible and fits a ${name} screen`, async ({ context }) => {
    const page = await context.newPage();
    await page.setViewportSize(viewport);
    const lesson = await seed(page);
    const tablet = await context.newPage();
    await tablet.setViewportSize(viewport);
    await tablet.goto(`${lesson}/pupil`);
    await tablet.getByRole("button", { name: "Amira", exact: true }).click();
    for (const q of ["Where does the rain come from?", "Why do rivers bend?"]) {
      await tablet.getByLabel("Your question").fill(q);
      await tablet.getByRole("button", { name: "Send my question" }).click();
    }
    await page.goto(`${lesson}/enquiry`);
    await page.getByLabel("Stimulus", { exact: true }).fill("A photo of the river Severn in flood.");
    await page.getByRole("button", { name: "Save stimulus" }).click();
    await page.getByRole("button", { name: "Start thinking time" }).click();
    await expect(page.getByRole("button", { name: "Approve" })).toHaveCount(2);
    await page.getByRole("button", { name: "Approve" }).first().click();
    await expect(page.getByRole("button", { name: "Approve" })).toHaveCount(1);
    await page.getByRole("button", { name: "Approve" }).click();
    await expect(page.getByRole("button", { name: "Approve" })).toHaveCount(0);
    await page.getByRole("button", { name: "Open the vote" }).click();
    await tablet.getByRole("radio", { name: "Why do rivers bend?" }).check();
    await expect(tablet.getByRole("button", { name: "Cast my vote" })).toBeVisible();
    await expectAccessible(tablet, "the pupil's ballot");
    await tablet.getByRole("button", { name: "Cast my vote" }).click();
    await expect(page.getByText("1 of 3 have voted")).toBeVisible();
    await expectAccessible(page, "the enquiry with a vote open");
    await page.goto(`${lesson}/board`);
    await expect(page.getByRole("table")).toBeVisible();
    await expectAccessible(page, "the board's live results");
    // The tablet passed round is another window: the teacher's window sends it the lesson.
    await page.goto(`${lesson}/enquiry`);
    await tablet.goto(`${lesson}/pass`);
    await expect(tablet.getByRole("heading", { name: "This vote isn't secret" })).toBeVisible();
    await expectAccessible(tablet, "the passed tablet, asking for a secret vote");
    await page.getByRole("button", { name: "Close the vote" }).click();
    await page.getByRole("checkbox", { name: /^Secret ballot/ }).check();
    await page.getByRole("button", { name: "Open the vote" }).click();
    await tablet.getByRole("button", { name: "Ben", exact: true }).click();
    await expect(tablet.getByText(/^A secret vote: nobody will know how you voted/)).toBeVisible();
    await expectAccessible(tablet, "the passed tablet's ballot");
  });
}

for (const [name, viewport] of Object.entries(viewports)) {
  test(`groups, roles and the picker are accessible and fit a ${name} screen`, async ({ context }) => {
    const page = await context.newPage();
    await page.setViewportSize(viewport);
    const lesson = await seed(page);
    await page.goto("/classes");
    const card = page.getByRole("region", { name: "Year 5 Oak" });
    await card.getByText(/^Group roles/).click();
    await card.getByLabel("Start from").selectOption({ label: "POGIL" });
    await card.getByRole("button", { name: "Use these roles" }).click();
    await card.getByText(/^Pairs and labels for groups/).click();
    await card.getByRole("button", { name: "Delete class…" }).click();
    await expectAccessible(page, "a class's roles, pairs, labels and delete");
    await card.getByRole("button", { name: "Keep the class" }).click();
    await page.goto(`${lesson}/groups`);
    await page.getByText(/^Register:/).click();
    await page.getByLabel("How many pupils in each group").fill("2");
    await page.getByRole("button", { name: "Make groups" }).click();
    await page.getByRole("button", { name: "Give out roles" }).click();
    await expect(page.locator(".role-badge").first()).toBeVisible();
    expect(await overlappingParts(page), "parts of the groups page drawn over each other").toEqual([]);
    await page.getByRole("button", { name: "Amira", exact: true }).click();
    await page.getByRole("button", { name: "Change role for Ben" }).click();
    await expectAccessible(page, "the groups page");
    await page.getByRole("button", { name: "Show groups on the Board" }).click();
    const board = await context.newPage();
    await board.setViewportSize(viewport);
    await board.goto(`${lesson}/board`);
    await expect(board.getByRole("heading", { name: "Group 1" })).toBeVisible();
    await expectAccessible(board, "the board's groups");
    await page.getByRole("button", { name: "Show the picker on the Board" }).click();
    await board.getByRole("button", { name: "Pick a name" }).click();
    await expect(board.getByRole("button", { name: "Pass" })).toBeVisible();
    await expectAccessible(board, "the board's picker");
    await board.goto(`${lesson}/pupil`);
    await board.getByRole("button", { name: "Amira", exact: true }).click();
    await expect(board.getByText(/^Your role: /)).toBeVisible();
    await expectAccessible(board, "the pupil's group and role card");
    await page.goto("/classes");
    await page.getByRole("region", { name: "Year 5 Oak" }).getByRole("link", { name: "Roles history" }).click();
    await expect(page.getByRole("table")).toBeVisible();
    await expectAccessible(page, "the roles history");
  });
}

test("the board's title is large enough to read from the back of a classroom", async ({ page }) => {
  await page.setViewportSize(viewports.whiteboard);
  const lesson = await seed(page);
  await page.goto(`${lesson}/board`);
  const size = await page.getByRole("heading", { level: 1 }).evaluate((h) => parseFloat(getComputedStyle(h).fontSize));
  expect(size).toBeGreaterThanOrEqual(96);
});

test("a lesson can be started and named with the keyboard alone", async ({ page }) => {
  const app = new Withme(page);
  await app.openLibrary();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  let guard = 0;
  while (!(await page.getByRole("button", { name: "New lesson" }).evaluate((b) => b === document.activeElement))) {
    await page.keyboard.press("Tab");
    if (++guard > 20) throw new Error("New lesson is not reachable by Tab");
  }
  await page.keyboard.press("Enter");
  await expect(page.getByLabel("Lesson title")).toHaveValue("Untitled lesson");
  await page.getByLabel("Lesson title").focus();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("Typed by keyboard");
  await app.waitUntilSaved();
  await app.openLibrary();
  await expect(app.lessonLink("Typed by keyboard")).toBeVisible();
});

test("a live lesson is accessible: the teacher's panel, and a tablet at every step of joining as a group", async ({ context, browser }) => {
  test.setTimeout(120_000);
  const page = await context.newPage();
  await page.setViewportSize(viewports.laptop);
  const lesson = await seed(page);
  await page.goto(`${lesson}/groups`);
  await page.getByRole("radio", { name: "Number of groups" }).check();
  await page.getByLabel("How many groups").fill("1");
  await page.getByRole("button", { name: "Make groups" }).click();
  await page.goto(lesson);
  const panel = page.getByRole("region", { name: "Live lesson" });
  await panel.getByRole("button", { name: "Go live" }).click();
  await expect(panel.getByTestId("connection")).toHaveText("Live");
  const code = (await panel.locator(".live-code").innerText()).replace(" ", "");

  const tabletContext = await browser.newContext({ viewport: viewports.tablet });
  const tablet = await tabletContext.newPage();
  await tablet.goto("/join");
  await expectAccessible(tablet, "the join page");
  await tablet.getByLabel("Code on the board").fill("WRONG");
  await tablet.getByRole("button", { name: "Join" }).click();
  await expect(tablet.getByRole("alert")).toContainText("That isn't a code");
  await expectAccessible(tablet, "the join page with a wrong code");
  await tablet.getByLabel("Code on the board").fill(code);
  await tablet.getByRole("button", { name: "Join" }).click();
  await expect(tablet.getByRole("heading", { name: "Sharing this tablet with your group?" })).toBeVisible();
  await expectAccessible(tablet, "the names and groups to tap");
  await tablet.getByRole("button", { name: /^Group 1/ }).click();
  await expect(tablet.getByRole("heading", { name: "Hi, Group 1!" })).toBeVisible();
  await expectAccessible(tablet, "waiting to be let in");

  await expect(panel.getByRole("heading", { name: "Waiting to be let in (1)" })).toBeVisible();
  await expectAccessible(page, "the planner with a tablet waiting");
  await panel.getByRole("button", { name: "Let Group 1 (Amira, Ben, Chloé) in", exact: true }).click();
  await expect(tablet.getByRole("heading", { name: "Whose turn is it?" })).toBeVisible();
  await expectAccessible(tablet, "a group's tablet between turns");
  await tablet.getByRole("button", { name: "Ben", exact: true }).click();
  await expect(tablet.getByRole("heading", { name: "Hi, Ben!" })).toBeVisible();
  await expect(tablet.getByTestId("connection")).toHaveText("Live");
  await expectAccessible(tablet, "a group member's turn");
  await expect(panel.getByRole("heading", { name: "In the lesson (1)" })).toBeVisible();
  await expectAccessible(page, "the planner with a tablet in the lesson");
  await tabletContext.close();
});

test("every panel that opens and closes shows a triangle that turns when it opens", async ({ context }) => {
  const page = await context.newPage();
  const app = new Withme(page);
  await makeClass(page, "Year 5 Oak", ["Amira", "Ben"]);
  const marks = (where) =>
    where.evaluate(() =>
      [...document.querySelectorAll("summary")]
        .filter((s) => s.getBoundingClientRect().height > 0)
        .map((s) => `${s.textContent.trim()}: ${getComputedStyle(s, "::before").content}`),
    );
  const closed = await marks(page);
  expect(closed.length).toBeGreaterThan(1);
  for (const mark of closed) expect(mark).toMatch(/: "▸" \/ ""$/);
  await app.openLibrary();
  const planner = (await app.newLessonFor("Rivers", "Year 5 Oak")).replace(/\/$/, "");
  await app.waitUntilSaved();
  const tablet = await context.newPage();
  await tablet.goto(`${planner}/pupil`);
  await tablet.getByRole("button", { name: "Amira", exact: true }).click();
  const stems = tablet.getByText("Need a start? Tap a question stem");
  await expect(stems).toBeVisible();
  for (const mark of await marks(tablet)) expect(mark).toMatch(/: "▸" \/ ""$/);
  await stems.click();
  expect(await stems.evaluate((s) => getComputedStyle(s, "::before").content)).toBe('"▾" / ""');
});
