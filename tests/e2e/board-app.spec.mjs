// The Board app on the whiteboard's own browser, at the screens a classroom has: readable,
// accessible and whole at every stage of a live lesson.
import { test, expect, Withme, makeClass, expectAccessible } from "./withme.mjs";

const viewports = {
  "whiteboard 1920×1080": { width: 1920, height: 1080 },
  "laptop 1366×768": { width: 1366, height: 768 },
  "tablet portrait 768×1024": { width: 768, height: 1024 },
  "phone portrait 360×740": { width: 360, height: 740 },
};

for (const [name, viewport] of Object.entries(viewports)) {
  test(`the Board app is accessible and nothing scrolls sideways at every stage of a live lesson on a ${name} screen`, async ({ context, browser }) => {
    const teacher = await context.newPage();
    const app = new Withme(teacher);
    await makeClass(teacher, "Year 6 Ash", ["Amira", "Ben"]);
    await app.openLibrary();
    await app.newLessonFor("Is it ever right to lie?", "Year 6 Ash");
    await app.waitUntilSaved();
    await teacher.getByRole("link", { name: "Run the enquiry" }).click();
    const panel = teacher.getByRole("region", { name: "Live lesson" });
    await panel.getByRole("button", { name: "Go live" }).click();
    await expect(panel.getByTestId("connection")).toHaveText("Live");
    const boardLink = await panel.getByLabel("Board link").inputValue();

    const whiteboard = await browser.newContext({ viewport });
    try {
      const board = await whiteboard.newPage();
      await board.goto(boardLink);
      await expect(board.getByRole("heading", { name: "Is it ever right to lie?" })).toBeVisible();
      await expect(board.getByRole("region", { name: "How to join" })).toBeVisible();
      await board.waitForFunction(() => document.querySelector(".board-join-qr")?.complete);
      await expectAccessible(board, "the Board with its join panel");

      // A pupil joins on a tablet and asks two questions; the teacher approves them and puts
      // them to the vote.
      const tablet = await (await browser.newContext()).newPage();
      const code = (await panel.locator(".live-code").innerText()).replace(" ", "");
      await tablet.goto(`/join/${code}`);
      await tablet.getByRole("button", { name: "Amira", exact: true }).click();
      await panel.getByRole("button", { name: "Let everyone in" }).click();
      await expect(tablet.getByRole("heading", { name: "Hi, Amira!" })).toBeVisible();
      const questions = ["Can a lie be kind?", "Why do people lie?"];
      for (const question of questions) {
        await tablet.getByLabel("Your question").fill(question);
        await tablet.getByRole("button", { name: "Send my question" }).click();
        await expect(tablet.getByRole("region", { name: "My questions" }).getByText(question)).toBeVisible();
      }
      await teacher.getByRole("button", { name: "Questions", exact: true }).click();
      const cards = teacher.getByRole("region", { name: /^Questions/ }).getByRole("listitem");
      for (const question of questions) {
        const card = cards.filter({ hasText: question });
        await card.getByRole("button", { name: "Approve" }).click();
        await card.getByRole("checkbox", { name: "Goes to the vote" }).check();
      }
      await expect(board.getByRole("heading", { name: "Our questions (2)" })).toBeVisible();
      await expectAccessible(board, "the Board's questions");

      await teacher.getByRole("button", { name: "Open the vote" }).click();
      await expect(board.getByText("0 of 2 have voted")).toBeVisible();
      await expectAccessible(board, "the Board's vote");

      // B blanks the Board on its own device too, and brings it back; the clicker's other keys
      // are the teacher's window's (this Board steers nothing, and has no Previous or Next).
      const blank = board.getByRole("region", { name: "The Board is blank" });
      await board.keyboard.press("b");
      await expect(blank).toBeVisible();
      await board.keyboard.press("b");
      await expect(blank).toBeHidden();
      await expect(board.getByRole("navigation", { name: "Move through the lesson" })).toHaveCount(0);
      await tablet.context().close();
    } finally {
      await whiteboard.close();
    }
  });
}
