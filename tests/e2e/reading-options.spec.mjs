// Reading options, per device: easier reading with a font shipped with Withme, and a larger,
// high-contrast Board; remembered on the device, followed by every window, and accessible.
import { test, expect, Withme, makeClass, expectAccessible } from "./withme.mjs";

/** The font the page's text is drawn in, and the spacing between its letters. */
async function textStyle(page) {
  return page.evaluate(async () => {
    await document.fonts.ready;
    const style = getComputedStyle(document.body);
    return {
      family: style.fontFamily,
      spaced: parseFloat(style.letterSpacing) > 0,
      loaded: document.fonts.check('16px "Atkinson Hyperlegible"') && [...document.fonts].some((f) => f.family.includes("Atkinson") && f.status === "loaded"),
    };
  });
}

test("easier reading uses the font shipped with Withme and more space, is kept on the device, and every window and the Pupil app follow", async ({ context }) => {
  const hosts = new Set();
  context.on("request", (request) => hosts.add(new URL(request.url()).host));
  const page = await context.newPage();
  const app = new Withme(page);
  await makeClass(page, "Year 5 Oak", ["Amira", "Ben"]);
  await app.openLibrary();
  const planner = (await app.newLessonFor("Rivers", "Year 5 Oak")).replace(/\/$/, "");
  await app.waitUntilSaved();
  const other = await context.newPage();
  await other.goto("/classes");
  expect((await textStyle(other)).spaced).toBe(false);

  await page.getByText("Reading options").click();
  await page.getByLabel("Easier reading (a clearer font, more space)").check();
  await expect(page.locator("html")).toHaveClass(/reading-easier/);
  const style = await textStyle(page);
  expect(style.family).toMatch(/^"?Atkinson Hyperlegible/);
  expect(style.spaced).toBe(true);
  expect(style.loaded).toBe(true);
  expect(await page.evaluate(() => JSON.parse(localStorage.getItem("withme.reading")))).toEqual({ easier: true, large_board: false, chime: false });
  await expectAccessible(page, "the Planner in easier reading");

  // The other window follows at once; a reload and the Pupil app keep it.
  await expect(other.locator("html")).toHaveClass(/reading-easier/);
  await page.reload();
  await expect(page.locator("html")).toHaveClass(/reading-easier/);
  await expect(page.getByLabel("Easier reading (a clearer font, more space)")).toBeChecked();
  const tablet = await context.newPage();
  await tablet.goto(`${planner}/pupil`);
  await tablet.getByRole("button", { name: "Amira", exact: true }).click();
  await expect(tablet.getByRole("heading", { name: "Hi, Amira!" })).toBeVisible();
  await expect(tablet.locator("html")).toHaveClass(/reading-easier/);
  expect((await textStyle(tablet)).family).toMatch(/^"?Atkinson Hyperlegible/);
  await expectAccessible(tablet, "the Pupil app in easier reading");
  // Nothing was fetched from anywhere but Withme itself.
  expect([...hosts]).toEqual([new URL(page.url()).host]);

  // And off again, everywhere.
  await tablet.getByText("Reading options").click();
  await tablet.getByLabel("Easier reading (a clearer font, more space)").uncheck();
  await expect(page.locator("html")).not.toHaveClass(/reading-easier/);
});

test("the larger, high-contrast Board is chosen on the Board, kept, and accessible", async ({ page }) => {
  const app = new Withme(page);
  await app.openLibrary();
  const planner = (await app.newLesson("Where do rivers begin?")).replace(/\/$/, "");
  await page.getByLabel("Add a success criterion").fill("I can name the parts of a river.");
  await page.getByRole("region", { name: "Success criteria" }).getByRole("button", { name: "Add" }).click();
  await app.waitUntilSaved();
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(`${planner}/board`);
  const title = page.locator(".board-title");
  await expect(title).toHaveText("Where do rivers begin?");
  const before = await title.evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
  await page.locator(".board-bar").getByText("Reading options").click();
  await page.getByLabel("Larger, high-contrast Board").check();
  await expect(page.locator("html")).toHaveClass(/board-large/);
  const after = await title.evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
  expect(after).toBeGreaterThan(before * 1.15);
  expect(await page.locator(".board").evaluate((e) => getComputedStyle(e).backgroundColor)).toBe("rgb(0, 0, 0)");
  await expectAccessible(page, "the larger Board");
  await page.reload();
  await expect(page.locator("html")).toHaveClass(/board-large/);
});
