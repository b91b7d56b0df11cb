// Live lessons: the teacher takes a lesson live on the Withme server, pupils join on their own
// tablets (each its own browser, sharing nothing with the teacher's), the teacher lets them in,
// and what they do reaches the teacher's library; ending it leaves everything at home.
import { test, expect } from "@playwright/test";
import { Withme, makeClass, LIBRARY_KEY } from "./withme.mjs";

const PUPILS = ["Amira", "Ben", "Chloé"];

/** The teacher's live panel. */
function panel(page) {
  return page.getByRole("region", { name: "Live lesson" });
}

/** A teacher with a class and a lesson for it, on the Enquiry page. */
async function teacherWithLesson(context) {
  const teacher = await context.newPage();
  const app = new Withme(teacher);
  await makeClass(teacher, "Year 6 Ash", PUPILS);
  await app.openLibrary();
  await app.newLesson("Is it ever right to lie?");
  await teacher.getByLabel("Class", { exact: true }).selectOption({ label: "Year 6 Ash" });
  await app.waitUntilSaved();
  await teacher.getByRole("link", { name: "Run the enquiry" }).click();
  await expect(teacher.getByRole("heading", { name: "Enquiry", level: 1 })).toBeVisible();
  return { teacher, app };
}

/** Goes live and returns the code shown. */
async function goLive(teacher) {
  await panel(teacher).getByRole("button", { name: "Go live" }).click();
  const code = panel(teacher).locator(".live-code");
  await expect(code).toHaveText(/^[A-Z0-9]{3} [A-Z0-9]{3}$/);
  return (await code.innerText()).replace(" ", "");
}

/** A tablet of its own (a separate browser profile) on the join page. */
async function newTablet(browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  return { context, page };
}

/** Types the code and taps a name. */
async function joinAs(page, code, name) {
  await page.goto("/join");
  await page.getByLabel("Code on the board").fill(code);
  await page.getByRole("button", { name: "Join" }).click();
  await page.getByRole("button", { name, exact: true }).click();
  await expect(page.getByText("Waiting for your teacher to let you in…")).toBeVisible();
}

/** The questions in the teacher's stored lesson (the device's data, not its screen). */
async function storedQuestions(page) {
  const text = await page.evaluate((key) => localStorage.getItem(key), LIBRARY_KEY);
  const lesson = JSON.parse(text).library.lessons.find((l) => l.plan.title === "Is it ever right to lie?");
  return lesson.enquiry?.questions ?? [];
}

test("a pupil joins with the code, is let in, asks a question that reaches the teacher's library, and comes back after a reload", async ({ context, browser }) => {
  test.setTimeout(120_000);
  const { teacher } = await teacherWithLesson(context);
  const code = await goLive(teacher);

  const amira = await newTablet(browser);
  // Typed as a pupil might: lower case, with a space.
  await joinAs(amira.page, `${code.slice(0, 3).toLowerCase()} ${code.slice(3)}`, "Amira");
  // The tablet holds nothing of the lesson's but the names to tap.
  expect(await amira.page.evaluate((key) => localStorage.getItem(key), LIBRARY_KEY)).toBeNull();

  const knock = panel(teacher).getByRole("listitem").filter({ hasText: "Amira" });
  await expect(panel(teacher).getByRole("heading", { name: "Waiting to be let in (1)" })).toBeVisible();
  await knock.getByRole("button", { name: "Let Amira in", exact: true }).click();
  await expect(amira.page.getByRole("heading", { name: "Hi, Amira!" })).toBeVisible();
  await expect(panel(teacher).getByRole("heading", { name: "Waiting to be let in (0)" })).toBeVisible();

  await amira.page.getByLabel("Your question").fill("Is a white lie still a lie?");
  await amira.page.getByRole("button", { name: "Send my question" }).click();
  await expect(amira.page.getByRole("region", { name: "My questions" }).getByText("Is a white lie still a lie?")).toBeVisible();
  // It reaches the teacher's screen and the teacher's stored library.
  await expect(teacher.getByRole("heading", { name: "Questions (1 waiting)" })).toBeVisible();
  await expect
    .poll(async () => (await storedQuestions(teacher)).map((q) => q.text))
    .toEqual(["Is a white lie still a lie?"]);

  // The teacher approves it on the live lesson: the tablet sees it approved.
  await teacher.getByRole("region", { name: /^Questions/ }).getByRole("listitem").filter({ hasText: "Is a white lie still a lie?" }).getByRole("button", { name: "Approve" }).click();
  await expect.poll(async () => (await storedQuestions(teacher))[0]?.status).toBe("approved");

  // A reload keeps the tablet's place: no code, no name, no waiting.
  await amira.page.reload();
  await expect(amira.page.getByRole("heading", { name: "Hi, Amira!" })).toBeVisible();
  await expect(amira.page.getByRole("region", { name: "My questions" }).getByText("Is a white lie still a lie?")).toBeVisible();
  await amira.context.close();
});

test("a wrong code is explained, a tablet the teacher turns away can choose again, and ending the lesson tells every tablet and keeps the work", async ({ context, browser }) => {
  test.setTimeout(120_000);
  const { teacher } = await teacherWithLesson(context);

  const ben = await newTablet(browser);
  await ben.page.goto("/join");
  await ben.page.getByRole("button", { name: "Join" }).click();
  await expect(ben.page.getByRole("alert")).toHaveText("Type the code on the board.");
  await ben.page.getByLabel("Code on the board").fill("hello");
  await ben.page.getByRole("button", { name: "Join" }).click();
  await expect(ben.page.getByRole("alert")).toHaveText("That isn't a code. Codes have six letters and numbers, like ACE 347.");
  // A well-formed code no lesson has: the server says so.
  await ben.page.getByLabel("Code on the board").fill("ACE347");
  await ben.page.getByRole("button", { name: "Join" }).click();
  await expect(ben.page.getByRole("alert")).not.toBeEmpty();

  const code = await goLive(teacher);
  // The QR code opens the join page with the code in it.
  await ben.page.goto(`/join/${code}`);
  await ben.page.getByRole("button", { name: "Chloé", exact: true }).click();
  await expect(ben.page.getByText("Waiting for your teacher to let you in…")).toBeVisible();
  const knock = panel(teacher).getByRole("listitem").filter({ hasText: "Chloé" });
  await knock.getByRole("button", { name: "Don't let Chloé in" }).click();
  await expect(ben.page.getByRole("alert")).toHaveText("Your teacher didn't let you in. Check you tapped your own name, then try again.");
  await ben.page.getByRole("button", { name: "Ben", exact: true }).click();
  await panel(teacher).getByRole("button", { name: "Let everyone in" }).click();
  await expect(ben.page.getByRole("heading", { name: "Hi, Ben!" })).toBeVisible();
  await ben.page.getByLabel("Your question").fill("Why do people lie?");
  await ben.page.getByRole("button", { name: "Send my question" }).click();
  await expect(teacher.getByRole("heading", { name: "Questions (1 waiting)" })).toBeVisible();

  await panel(teacher).getByRole("button", { name: "End live lesson" }).click();
  await panel(teacher).getByRole("button", { name: "End it now" }).click();
  await expect(ben.page.getByRole("heading", { name: "This lesson has ended" })).toBeVisible();
  await expect(panel(teacher).getByRole("button", { name: "Go live" })).toBeVisible();
  // The work is at home, and the browser keeps no live keys.
  await expect.poll(async () => (await storedQuestions(teacher)).map((q) => q.text)).toEqual(["Why do people lie?"]);
  const keys = await teacher.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("withme.live-lesson.")));
  expect(keys).toEqual([]);
  // The ended lesson can no longer be joined.
  const late = await newTablet(browser);
  await late.page.goto("/join");
  await late.page.getByLabel("Code on the board").fill(code);
  await late.page.getByRole("button", { name: "Join" }).click();
  await expect(late.page.getByRole("alert")).not.toBeEmpty();
  await ben.context.close();
  await late.context.close();
});
