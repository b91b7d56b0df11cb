import { test, expect, Withme, makeClass, storedLibrary } from "./withme.mjs";

test("a class list is pasted, checked, edited and kept", async ({ page }) => {
  const app = new Withme(page);
  await page.goto("/classes");
  await page.getByRole("button", { name: "Add class" }).click();
  await expect(page.getByText("A class name can't be empty.")).toBeVisible();

  await page.getByLabel("New class name").fill("Year 5 Oak");
  await page.getByRole("button", { name: "Add class" }).click();
  const card = page.getByRole("region", { name: "Year 5 Oak" });
  const paste = card.getByLabel("Add pupils: one first name per line");
  await paste.fill("Amira\n  Ben  \n\nben\nChloé\nsam@school.org\nDev");
  await expect(card.getByText("Ready to add 4 names.")).toBeVisible();
  await expect(card.getByText("Already on the list, so not added again: ben.")).toBeVisible();
  await expect(card.getByText("“sam@school.org” can't be added: Use a first name or a pseudonym, not an e-mail address.")).toBeVisible();
  await card.getByRole("button", { name: "Add pupils" }).click();

  await expect(card.getByRole("heading", { name: "Pupils (4)" })).toBeVisible();
  await expect(paste).toHaveValue("ben\nsam@school.org");

  await card.getByRole("button", { name: "Rename Ben" }).click();
  await card.getByLabel("New name for Ben").fill("Ben K");
  await card.getByRole("button", { name: "Save" }).click();
  await expect(card.locator(".roster").getByText("Ben K", { exact: true })).toBeVisible();

  await card.getByRole("button", { name: "Remove Chloé" }).click();
  await expect(card.getByRole("heading", { name: "Pupils (3)" })).toBeVisible();
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(card.getByRole("heading", { name: "Pupils (4)" })).toBeVisible();

  await card.getByRole("button", { name: "Remove Dev" }).click();
  await app.waitUntilSaved();
  await page.reload();
  const reloaded = page.getByRole("region", { name: "Year 5 Oak" });
  await expect(reloaded.getByRole("heading", { name: "Pupils (3)" })).toBeVisible();
  await reloaded.getByText("Removed from this class (1)").click();
  await reloaded.getByRole("button", { name: "Put Dev back" }).click();
  await expect(reloaded.getByRole("heading", { name: "Pupils (4)" })).toBeVisible();
});

test("a pupil picks their name once on a tablet", async ({ page, context }) => {
  const app = new Withme(page);
  await makeClass(page, "Year 5 Oak", ["Amira", "Ben", "Chloé"]);
  await app.openLibrary();
  await app.newLessonFor("Rivers", "Year 5 Oak");
  await app.waitUntilSaved();

  const [tablet] = await Promise.all([
    context.waitForEvent("page"),
    page.getByRole("link", { name: "Open the Pupil view" }).click(),
  ]);
  await tablet.setViewportSize({ width: 768, height: 1024 });
  await expect(tablet.getByRole("heading", { name: "Who are you?" })).toBeVisible();
  const amira = tablet.getByRole("button", { name: "Amira" });
  const box = await amira.boundingBox();
  expect(box.height).toBeGreaterThanOrEqual(48);
  await amira.click();
  await expect(tablet.getByRole("heading", { name: "Hi, Amira!" })).toBeVisible();
  await expect(tablet.getByText("Today's lesson: Rivers")).toBeVisible();

  await tablet.reload();
  await expect(tablet.getByRole("heading", { name: "Hi, Amira!" })).toBeVisible();
  await tablet.getByRole("button", { name: "Not Amira? Choose your name again" }).click();
  await expect(tablet.getByRole("heading", { name: "Who are you?" })).toBeVisible();

  // "Not Amira?" sticks: neither the teacher's next edit nor a reload brings Amira back.
  await page.getByLabel("Subject").fill("Geography");
  await app.waitUntilSaved();
  await expect(tablet.getByText("Tap your name. (Year 5 Oak)")).toBeVisible();
  await expect(tablet.getByRole("heading", { name: "Who are you?" })).toBeVisible();
  await tablet.reload();
  await expect(tablet.getByRole("heading", { name: "Who are you?" })).toBeVisible();

  // The Planner renames the lesson; the tablet follows.
  await tablet.getByRole("button", { name: "Ben" }).click();
  await page.getByLabel("Lesson title").fill("Rivers and lakes");
  await expect(tablet.getByText("Today's lesson: Rivers and lakes")).toBeVisible({ timeout: 1_000 });
});

test("in one browser, each tab of the Pupil view is a tablet of its own: a second tab asks who is there, and each pupil's idea is theirs", async ({ page, context }) => {
  const app = new Withme(page);
  await makeClass(page, "Year 5 Oak", ["Amira", "Ben", "Chloé"]);
  await app.openLibrary();
  const planner = (await app.newLessonFor("Rivers", "Year 5 Oak")).replace(/\/$/, "");
  await app.waitUntilSaved();

  const first = await context.newPage();
  await first.goto(`${planner}/pupil`);
  await first.getByRole("button", { name: "Amira", exact: true }).click();
  await expect(first.getByRole("heading", { name: "Hi, Amira!" })).toBeVisible();

  const second = await context.newPage();
  await second.goto(`${planner}/pupil`);
  await expect(second.getByRole("heading", { name: "Who are you?" })).toBeVisible();
  await second.getByRole("button", { name: "Ben", exact: true }).click();
  await expect(second.getByRole("heading", { name: "Hi, Ben!" })).toBeVisible();

  for (const [tab, idea] of [[first, "Look at a map"], [second, "Visit a river"]]) {
    await tab.getByLabel("Your idea").fill(idea);
    await tab.getByRole("button", { name: "Send to my teacher" }).click();
    await expect(tab.getByRole("region", { name: "My ideas" }).getByText(idea, { exact: true })).toBeVisible();
  }
  // Each tab keeps its pupil across a reload.
  await first.reload();
  await expect(first.getByRole("heading", { name: "Hi, Amira!" })).toBeVisible();
  await second.reload();
  await expect(second.getByRole("heading", { name: "Hi, Ben!" })).toBeVisible();
  // The teacher's device credits each idea to the pupil who sent it.
  await expect
    .poll(async () => {
      const library = await storedLibrary(page);
      const names = Object.fromEntries(library.classes.flatMap((c) => c.pupils.map((p) => [p.id, p.name])));
      return library.lessons[0].proposals.map((p) => `${p.text}: ${p.authors.map((a) => names[a]).join(", ")}`).sort();
    })
    .toEqual(["Look at a map: Amira", "Visit a river: Ben"]);
});
