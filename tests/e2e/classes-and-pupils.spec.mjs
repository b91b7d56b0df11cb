import { test, expect } from "@playwright/test";
import { Withme, makeClass } from "./withme.mjs";

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
  await app.newLesson("Rivers");
  await page.getByLabel("Class").selectOption({ label: "Year 5 Oak" });
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
