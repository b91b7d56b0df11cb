// Presenter controls: a projector window moved through the lesson by a clicker's keys and by
// large buttons, blanked and brought back, and steered from the teacher's window too.
import { test, expect, Withme, makeClass, accessibilityProblems, storedLibrary } from "./withme.mjs";

const TITLE = "Is it ever right to lie?";

/** The Board stage the teacher's device holds for the lesson (its stored data, not a screen). */
async function storedStage(page) {
  const lesson = (await storedLibrary(page)).lessons.find((l) => l.plan.title === TITLE);
  const stage = lesson.enquiry?.board ?? "plan";
  return typeof stage === "string" ? stage : Object.keys(stage)[0];
}

/** A lesson with a success criterion, a stimulus, two approved questions, a vote and groups. */
async function wholeLesson(context) {
  const teacher = await context.newPage();
  const app = new Withme(teacher);
  await makeClass(teacher, "Year 6 Ash", ["Amira", "Ben", "Chloé", "Dev"]);
  await app.openLibrary();
  const planner = (await app.newLessonFor(TITLE, "Year 6 Ash")).replace(/\/$/, "");
  await teacher.getByLabel("Add a success criterion").fill("I can give a reason");
  await teacher.getByRole("region", { name: "Success criteria" }).getByRole("button", { name: "Add" }).click();
  await app.waitUntilSaved();

  await teacher.goto(`${planner}/enquiry`);
  await teacher.getByLabel("Stimulus", { exact: true }).fill("The boy who cried wolf.");
  await teacher.getByRole("button", { name: "Save stimulus" }).click();
  const tablet = await context.newPage();
  await tablet.goto(`${planner}/pupil`);
  await tablet.getByRole("button", { name: "Amira", exact: true }).click();
  for (const question of ["Can a lie be kind?", "Why do people lie?"]) {
    await tablet.getByLabel("Your question").fill(question);
    await tablet.getByRole("button", { name: "Send my question" }).click();
    await expect(tablet.getByRole("region", { name: "My questions" }).getByText(question)).toBeVisible();
  }
  await tablet.close();
  await teacher.getByRole("button", { name: "Questions", exact: true }).click();
  const approve = teacher.getByRole("button", { name: "Approve" });
  await expect(approve).toHaveCount(2);
  for (let i = 0; i < 2; i++) await approve.first().click();
  await expect(approve).toHaveCount(0);
  await teacher.getByRole("button", { name: "Open the vote" }).click();
  await expect(teacher.getByRole("button", { name: "Close the vote" })).toBeVisible();

  await teacher.goto(`${planner}/groups`);
  await teacher.getByLabel("How many pupils in each group").fill("2");
  await teacher.getByRole("button", { name: "Make groups" }).click();
  await expect(teacher.locator(".group-card").first()).toBeVisible();
  await app.waitUntilSaved();
  return { teacher, planner };
}

test("a projector window moves through every stage with Page Down and Page Up, blanks with B, and the teacher's window moves it too", async ({ context }) => {
  test.setTimeout(90_000);
  const { teacher, planner } = await wholeLesson(context);
  const board = await context.newPage();
  await board.setViewportSize({ width: 1920, height: 1080 });
  await board.goto(`${planner}/board`);
  // Back at the start of the lesson.
  await teacher.goto(`${planner}/enquiry`);
  await teacher.getByRole("button", { name: "The plan" }).click();
  await expect.poll(() => storedStage(teacher)).toBe("plan");
  await expect(board.getByRole("heading", { name: "Success looks like" })).toBeVisible();

  const stages = [
    ["stimulus", board.getByText("The boy who cried wolf.")],
    ["questions", board.getByRole("heading", { name: "Our questions (2)" })],
    ["poll", board.getByText(/0 of 4 have voted/)],
    ["groups", board.locator(".board-group").first()],
    ["review", board.getByRole("heading", { name: "How did we do?" })],
  ];
  for (const [stage, shown] of stages) {
    await board.keyboard.press("PageDown");
    await expect(shown).toBeVisible();
    await expect.poll(() => storedStage(teacher)).toBe(stage);
  }
  await expect(board.getByText("I can give a reason")).toBeVisible();
  // At the end, Page Down goes nowhere.
  await expect(board.getByRole("button", { name: /^Next/ })).toBeHidden();
  await board.keyboard.press("PageDown");
  await expect.poll(() => storedStage(teacher)).toBe("review");

  for (const [stage, shown] of [...stages].reverse().slice(1)) {
    await board.keyboard.press("PageUp");
    await expect(shown).toBeVisible();
    await expect.poll(() => storedStage(teacher)).toBe(stage);
  }
  await board.keyboard.press("ArrowLeft");
  await expect(board.getByRole("heading", { name: "Success looks like" })).toBeVisible();
  await expect.poll(() => storedStage(teacher)).toBe("plan");

  // The large buttons do the same, and say where they go.
  await board.getByRole("button", { name: "Next: the stimulus" }).click();
  await expect(board.getByText("The boy who cried wolf.")).toBeVisible();
  await board.getByRole("button", { name: "Previous: the plan" }).click();
  await expect(board.getByRole("heading", { name: "Success looks like" })).toBeVisible();

  // B blanks the Board, and brings it back; the stage is left as it was.
  await board.keyboard.press("b");
  const blank = board.getByRole("region", { name: "The Board is blank" });
  await expect(blank).toBeVisible();
  // Nothing of the lesson shows through: the black screen is on top of it.
  const covered = await board.getByRole("heading", { name: "Success looks like" }).evaluate((heading) => {
    const box = heading.getBoundingClientRect();
    return document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2)?.closest(".board-blank") != null;
  });
  expect(covered).toBe(true);
  expect(await accessibilityProblems(board)).toEqual([]);
  // Page Down on a blank Board does nothing: the next step after it is still the stimulus.
  await board.keyboard.press("PageDown");
  await board.keyboard.press("b");
  await expect(blank).toBeHidden();
  await expect(board.getByRole("heading", { name: "Success looks like" })).toBeVisible();
  await board.getByRole("button", { name: "Blank" }).click();
  await expect(blank).toBeVisible();
  await blank.getByRole("button", { name: "Show the Board" }).click();
  await expect(blank).toBeHidden();
  await board.keyboard.press("PageDown");
  await expect(board.getByText("The boy who cried wolf.")).toBeVisible();
  await expect.poll(() => storedStage(teacher)).toBe("stimulus");

  // The teacher's window moves the Board too.
  await teacher.getByRole("button", { name: "How did we do?" }).click();
  await expect(board.getByRole("heading", { name: "How did we do?" })).toBeVisible();
  await expect.poll(() => storedStage(teacher)).toBe("review");
});

test("when the vote opens, the Board lists its choices (results hidden) and the thinking-time clock leaves it", async ({ context }) => {
  const teacher = await context.newPage();
  const app = new Withme(teacher);
  await makeClass(teacher, "Year 6 Ash", ["Amira", "Ben"]);
  await app.openLibrary();
  const planner = (await app.newLessonFor(TITLE, "Year 6 Ash")).replace(/\/$/, "");
  await app.waitUntilSaved();
  const tablet = await context.newPage();
  await tablet.goto(`${planner}/pupil`);
  await tablet.getByRole("button", { name: "Amira", exact: true }).click();
  const questions = ["Can a lie be kind?", "Why do people lie?"];
  for (const question of questions) {
    await tablet.getByLabel("Your question").fill(question);
    await tablet.getByRole("button", { name: "Send my question" }).click();
    await expect(tablet.getByRole("region", { name: "My questions" }).getByText(question)).toBeVisible();
  }
  await teacher.goto(`${planner}/enquiry`);
  await teacher.getByRole("button", { name: "Start thinking time" }).click();
  const board = await context.newPage();
  await board.goto(`${planner}/board`);
  await expect(board.locator(".board-bar").getByRole("timer")).toBeVisible();

  await teacher.getByRole("button", { name: "Questions", exact: true }).click();
  const approve = teacher.getByRole("button", { name: "Approve" });
  for (let i = 0; i < 2; i++) await approve.first().click();
  await expect(approve).toHaveCount(0);
  await teacher.getByRole("checkbox", { name: /^Blind vote/ }).check();
  await teacher.getByRole("button", { name: "Open the vote" }).click();
  await expect(board.getByRole("heading", { name: "Vote now" })).toBeVisible();
  await expect(board.getByRole("list", { name: "The choices" }).getByRole("listitem")).toHaveText(questions);
  await expect(board.locator(".board-bar").getByRole("timer")).toHaveCount(0);
  await expect
    .poll(async () => (await storedLibrary(teacher)).lessons.find((l) => l.plan.title === TITLE).enquiry.thinking ?? null)
    .toBeNull();
});
