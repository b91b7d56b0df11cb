// The lesson timer: the teacher times the plan's phases from the Enquiry page, and the Board in
// another window counts down large; pause, another minute and the next phase, from either window.
import { test, expect, Withme, accessibilityProblems, storedLibrary } from "./withme.mjs";

const START = new Date("2026-11-30T09:00:00Z").getTime();

/** The lesson timer the teacher's device holds (its stored data, not a screen). */
async function storedTimer(page) {
  return (await storedLibrary(page)).lessons[0].enquiry?.timer ?? null;
}

/** Moves every window's clock `seconds` on (the timers of the page keep running as they were). */
async function timePasses(context, pages, seconds) {
  const now = await pages[0].evaluate(() => Date.now());
  await context.clock.setSystemTime(now + seconds * 1000);
}

test("the timer runs down through two phases of the plan, pauses and gains a minute, on the Board and in the teacher's window", async ({ context }) => {
  await context.clock.install({ time: START });
  await context.clock.resume();
  const teacher = await context.newPage();
  const app = new Withme(teacher);
  await app.openLibrary();
  const planner = (await app.newLesson("Rivers")).replace(/\/$/, "");
  // Two phases of the plan: 10 and 5 minutes.
  for (const [n, title, minutes] of [[1, "Starter", "10"], [2, "Map work", "5"]]) {
    await teacher.getByLabel("Add a phase").fill(title);
    await teacher.getByRole("button", { name: "Add phase" }).click();
    await teacher.getByLabel(`Phase ${n} minutes`).fill(minutes);
  }
  await expect(teacher.getByLabel("Phase 2 title")).toHaveValue("Map work");
  await app.waitUntilSaved();
  await teacher.goto(`${planner}/enquiry`);
  const panel = teacher.getByRole("region", { name: "Lesson timer" });
  const board = await context.newPage();
  const refused = [];
  board.on("console", (message) => {
    if (message.text().includes("Content Security Policy")) refused.push(message.text());
  });
  await board.goto(`${planner}/board`);
  const clock = board.getByRole("region", { name: "Lesson timer" });
  await expect(board.getByRole("heading", { name: "Rivers" })).toBeVisible();
  await expect(clock).toHaveCount(0);

  await panel.getByLabel("What to time").selectOption({ label: "Starter (10 min)" });
  await panel.getByRole("button", { name: "Start the timer" }).click();
  await expect(clock.getByText("Starter", { exact: true })).toBeVisible();
  await expect(clock.getByRole("timer")).toHaveText(/^(10:00|9:5\d)$/);
  await expect(clock.getByRole("status")).toHaveText("Next: Map work");
  await expect.poll(async () => (await storedTimer(teacher))?.seconds).toBe(600);

  // The bar is full, its width set within the server's Content-Security-Policy.
  await expect.poll(() => board.locator(".clock-left").evaluate((bar) => bar.style.width)).toMatch(/^(100|99)%$/);

  // Four minutes on: 6 minutes left, on the Board and in the teacher's window.
  await timePasses(context, [teacher], 4 * 60);
  await expect(clock.getByRole("timer")).toHaveText(/^(6:00|5:5\d)$/);
  await expect.poll(() => board.locator(".clock-left").evaluate((bar) => bar.style.width)).toMatch(/^(60|59)%$/);
  await expect(panel.getByRole("timer")).toHaveText(/^Starter: (6:00|5:5\d) left$/);

  // Paused, time stands still; carried on, it counts again.
  await panel.getByRole("button", { name: "Pause" }).click();
  await expect(clock.getByRole("status")).toHaveText("Paused. Next: Map work");
  const paused = await clock.getByRole("timer").innerText();
  await expect.poll(async () => (await storedTimer(teacher))?.since).toBeUndefined();
  await timePasses(context, [teacher], 3 * 60);
  await expect(panel.getByRole("timer")).toHaveText(`Starter: ${paused} left (paused)`);
  await expect(clock.getByRole("timer")).toHaveText(paused);
  await board.getByRole("button", { name: "Carry on" }).click();
  await expect(clock.getByRole("status")).toHaveText("Next: Map work");

  // Another minute, from the Board.
  await board.getByRole("button", { name: "+1 minute" }).click();
  await expect.poll(async () => (await storedTimer(teacher))?.seconds).toBe(660);
  await expect(clock.getByRole("timer")).toHaveText(/^(7:00|6:5\d)$/);

  // Time runs out: the Board says so, calmly, and names what comes next.
  await timePasses(context, [teacher], 8 * 60);
  await expect(clock.getByRole("timer")).toHaveText("Time's up");
  expect(await accessibilityProblems(board)).toEqual([]);

  // The next phase, in one step.
  await board.getByRole("button", { name: "Start Map work" }).click();
  await expect(clock.getByText("Map work", { exact: true })).toBeVisible();
  await expect(clock.getByRole("timer")).toHaveText(/^(5:00|4:5\d)$/);
  await expect(clock.getByRole("status")).toHaveText("");
  await expect.poll(async () => (await storedTimer(teacher))?.seconds).toBe(300);
  await timePasses(context, [teacher], 2 * 60);
  await expect(clock.getByRole("timer")).toHaveText(/^(3:00|2:5\d)$/);

  expect(refused).toEqual([]);
  await panel.getByRole("button", { name: "Stop the timer" }).click();
  await expect(clock).toHaveCount(0);
  await expect.poll(() => storedTimer(teacher)).toBeNull();
});

test("minutes set by hand are checked, with a clear message, and start a timer of that length", async ({ page }) => {
  const app = new Withme(page);
  await app.openLibrary();
  const planner = (await app.newLesson("Rivers")).replace(/\/$/, "");
  await page.goto(`${planner}/enquiry`);
  const panel = page.getByRole("region", { name: "Lesson timer" });
  await panel.getByLabel("What to time").selectOption({ label: "Minutes I choose" });
  for (const wrong of ["0", "361", ""]) {
    await panel.getByLabel("Minutes", { exact: true }).fill(wrong);
    await panel.getByRole("button", { name: "Start the timer" }).click();
    await expect(panel.getByRole("alert")).toHaveText("Enter the minutes, from 1 to 360.");
  }
  await expect(panel.getByRole("timer")).toHaveCount(0);
  await panel.getByLabel("Minutes", { exact: true }).fill("25");
  await panel.getByRole("button", { name: "Start the timer" }).click();
  await expect(panel.getByRole("alert")).toHaveText("");
  await expect(panel.getByRole("timer")).toHaveText(/^Timer: (25:00|24:5\d) left$/);
  await expect.poll(async () => (await storedTimer(page))?.seconds).toBe(1500);
});

test("the Board chimes softly when the timer runs out only where the device has chosen it", async ({ context }) => {
  await context.clock.install({ time: START });
  await context.clock.resume();
  // Count the notes the page plays.
  await context.addInitScript(() => {
    window.notesPlayed = 0;
    const Real = window.AudioContext;
    window.AudioContext = class extends Real {
      createOscillator() {
        const tone = super.createOscillator();
        const start = tone.start.bind(tone);
        tone.start = (...at) => {
          window.notesPlayed += 1;
          return start(...at);
        };
        return tone;
      }
    };
  });
  const page = await context.newPage();
  const app = new Withme(page);
  await app.openLibrary();
  const planner = (await app.newLesson("Rivers")).replace(/\/$/, "");
  await page.goto(`${planner}/enquiry`);
  const panel = page.getByRole("region", { name: "Lesson timer" });
  await panel.getByLabel("What to time").selectOption({ label: "Minutes I choose" });
  await panel.getByLabel("Minutes", { exact: true }).fill("1");
  const board = await context.newPage();
  await board.goto(`${planner}/board`);
  const clock = board.getByRole("region", { name: "Lesson timer" });

  // Off by default: time runs out in silence.
  await panel.getByRole("button", { name: "Start the timer" }).click();
  await expect(clock.getByRole("timer")).toHaveText(/^(1:00|0:5\d)$/);
  await timePasses(context, [page], 61);
  await expect(clock.getByRole("timer")).toHaveText("Time's up");
  expect(await board.evaluate(() => window.notesPlayed)).toBe(0);

  // Chosen on the Board's device: the next time it runs out, two soft notes.
  await board.locator(".board-bar").getByText("Reading options").click();
  await board.getByLabel("A soft chime when the lesson timer ends").check();
  await panel.getByRole("button", { name: "Start the timer" }).click();
  await expect(clock.getByRole("timer")).toHaveText(/^(1:00|0:5\d)$/);
  expect(await board.evaluate(() => window.notesPlayed)).toBe(0);
  await timePasses(context, [page], 61);
  await expect(clock.getByRole("timer")).toHaveText("Time's up");
  await expect.poll(() => board.evaluate(() => window.notesPlayed)).toBe(2);
});

test("with nothing to count down no clock ticks on the Board or the Enquiry page; a running timer ticks until it is stopped", async ({ context }) => {
  // Every repeating timer of four a second the pages keep running (the clocks' ticks).
  await context.addInitScript(() => {
    window.__ticking = new Set();
    const [start, stop] = [window.setInterval.bind(window), window.clearInterval.bind(window)];
    window.setInterval = (handler, delay, ...rest) => {
      const id = start(handler, delay, ...rest);
      if (delay === 250) window.__ticking.add(id);
      return id;
    };
    window.clearInterval = (id) => {
      window.__ticking.delete(id);
      return stop(id);
    };
  });
  const ticking = (page) => page.evaluate(() => window.__ticking.size);
  const teacher = await context.newPage();
  const app = new Withme(teacher);
  await app.openLibrary();
  const planner = (await app.newLesson("Rivers")).replace(/\/$/, "");
  await teacher.goto(`${planner}/enquiry`);
  const panel = teacher.getByRole("region", { name: "Lesson timer" });
  const board = await context.newPage();
  await board.goto(`${planner}/board`);
  await expect(board.getByRole("heading", { name: "Rivers" })).toBeVisible();
  await expect(panel.getByRole("button", { name: "Start the timer" })).toBeVisible();
  expect(await ticking(board)).toBe(0);
  expect(await ticking(teacher)).toBe(0);

  await panel.getByLabel("What to time").selectOption({ label: "Minutes I choose" });
  await panel.getByLabel("Minutes", { exact: true }).fill("5");
  await panel.getByRole("button", { name: "Start the timer" }).click();
  await expect(board.getByRole("region", { name: "Lesson timer" }).getByRole("timer")).toHaveText(/^(5:00|4:5\d)$/);
  await expect.poll(() => ticking(board)).toBe(1);
  await expect.poll(() => ticking(teacher)).toBe(1);

  await panel.getByRole("button", { name: "Stop the timer" }).click();
  await expect(board.getByRole("region", { name: "Lesson timer" })).toHaveCount(0);
  await expect.poll(() => ticking(board)).toBe(0);
  await expect.poll(() => ticking(teacher)).toBe(0);
});
