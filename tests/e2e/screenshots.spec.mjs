// Screenshots for the README: the Board at 1920×1080 and the Pupil view at 768×1024.
// Run only when asked: SCREENSHOTS=1 npx playwright test -c tests/e2e screenshots.spec.mjs
import { test, expect, Withme, makeClass } from "./withme.mjs";

test.skip(!process.env.SCREENSHOTS, "screenshots are made on request");

test("screenshots of the Board and the Pupil view", async ({ context }) => {
  const teacher = await context.newPage();
  const app = new Withme(teacher);
  await makeClass(teacher, "Year 5 Oak", ["Amira", "Ben", "Chloé", "Dev"]);
  await app.openLibrary();
  const planner = (await app.newLessonFor("Where do rivers begin?", "Year 5 Oak")).replace(/\/$/, "");
  for (const criterion of ["I can name the parts of a river.", "I can explain where a river's water comes from."]) {
    await teacher.getByLabel("Add a success criterion").fill(criterion);
    await teacher.getByRole("region", { name: "Success criteria" }).getByRole("button", { name: "Add" }).click();
  }
  await teacher.getByLabel("Add a phase").fill("Map work");
  await teacher.getByRole("button", { name: "Add phase" }).click();
  await teacher.getByLabel("Phase 1 minutes").fill("15");
  await app.waitUntilSaved();
  await teacher.goto(`${planner}/enquiry`);
  await teacher.getByLabel("Stimulus", { exact: true }).fill("A photograph of a spring on a hillside.");
  await teacher.getByRole("button", { name: "Save stimulus" }).click();
  const timer = teacher.getByRole("region", { name: "Lesson timer" });
  await timer.getByRole("button", { name: "Start the timer" }).click();

  const tablet = await context.newPage();
  await tablet.setViewportSize({ width: 768, height: 1024 });
  await tablet.goto(`${planner}/pupil`);
  await tablet.getByRole("button", { name: "Amira", exact: true }).click();
  for (const question of ["Where does the rain come from?", "Why do rivers bend?"]) {
    await tablet.getByLabel("Your question").fill(question);
    await tablet.getByRole("button", { name: "Send my question" }).click();
    await expect(tablet.getByRole("region", { name: "My questions" }).getByText(question)).toBeVisible();
  }
  await expect(tablet.getByText("Sending…")).toHaveCount(0);
  await tablet.screenshot({ path: "docs/pupil-view-768x1024.png" });

  await teacher.getByRole("button", { name: "Questions", exact: true }).click();
  const approve = teacher.getByRole("button", { name: "Approve" });
  for (let i = 0; i < 2; i++) await approve.first().click();
  await expect(approve).toHaveCount(0);
  await teacher.getByRole("button", { name: "Questions", exact: true }).click();
  const board = await context.newPage();
  await board.setViewportSize({ width: 1920, height: 1080 });
  await board.goto(`${planner}/board`);
  await expect(board.getByRole("heading", { name: "Our questions (2)" })).toBeVisible();
  await board.screenshot({ path: "docs/board-1920x1080.png" });
});
