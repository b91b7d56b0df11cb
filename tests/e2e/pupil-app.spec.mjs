import { test, expect, Withme, makeClass, accessibilityProblems } from "./withme.mjs";

const viewports = {
  "whiteboard 1920×1080": { width: 1920, height: 1080 },
  "laptop 1366×768": { width: 1366, height: 768 },
  "tablet portrait 768×1024": { width: 768, height: 1024 },
  "tablet landscape 1024×768": { width: 1024, height: 768 },
  "phone portrait 360×740": { width: 360, height: 740 },
  "phone landscape 740×360": { width: 740, height: 360 },
};

/** Every control on the page smaller than 48×48 CSS pixels (a radio or tick box by its label). */
async function smallControls(page) {
  return page.evaluate(() => {
    const small = [];
    const controls = document.querySelectorAll("button, a[href], input:not([type=hidden]), select, textarea, summary");
    for (const control of controls) {
      const target = ["radio", "checkbox"].includes(control.type) ? control.closest("label") ?? control : control;
      const box = target.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue; // not shown
      if (box.width < 48 || box.height < 48) {
        const name = control.getAttribute("aria-label") || control.labels?.[0]?.innerText || control.innerText || control.name;
        small.push(`${control.tagName.toLowerCase()} “${(name || "").trim().slice(0, 40)}” ${Math.round(box.width)}×${Math.round(box.height)}`);
      }
    }
    return small;
  });
}

async function expectComfortable(page, what) {
  expect(await accessibilityProblems(page), `accessibility problems on ${what}`).toEqual([]);
  expect(await smallControls(page), `controls under 48×48 on ${what}`).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${what} scrolls sideways`).toBeLessThanOrEqual(0);
}

for (const [name, viewport] of Object.entries(viewports)) {
  test(`the Pupil app is accessible, every control is at least 48×48 and nothing scrolls sideways on a ${name} screen`, async ({ context }) => {
    const teacher = await context.newPage();
    const app = new Withme(teacher);
    await makeClass(teacher, "Year 5 Oak", ["Amira", "Ben", "Chloé"]);
    await app.openLibrary();
    const planner = await app.newLessonFor("Where do rivers begin?", "Year 5 Oak");
    await app.waitUntilSaved();
    const lesson = planner.replace(/\/$/, "");

    const tablet = await context.newPage();
    await tablet.setViewportSize(viewport);
    await tablet.goto("/join");
    await expect(tablet.getByLabel("Code on the board")).toBeVisible();
    await expectComfortable(tablet, "the join page");

    await tablet.goto(`${lesson}/pupil`);
    await expect(tablet.getByRole("heading", { name: "Who are you?" })).toBeVisible();
    await expectComfortable(tablet, "the name picker");
    await tablet.getByRole("button", { name: "Amira", exact: true }).click();
    await expect(tablet.getByRole("heading", { name: "Hi, Amira!" })).toBeVisible();
    for (const q of ["Where does the rain come from?", "Why do rivers bend?"]) {
      await tablet.getByLabel("Your question").fill(q);
      await tablet.getByRole("button", { name: "Send my question" }).click();
    }
    await tablet.getByText("Need a start? Tap a question stem").click();
    await expectComfortable(tablet, "the pupil's lesson");

    await teacher.goto(`${lesson}/enquiry`);
    for (let i = 0; i < 2; i++) await teacher.getByRole("button", { name: "Approve" }).first().click();
    await expect(teacher.getByRole("button", { name: "Approve" })).toHaveCount(0);
    await teacher.getByRole("button", { name: "Open the vote" }).click();
    await expect(tablet.getByRole("region", { name: "Vote" })).toBeVisible();
    await expectComfortable(tablet, "the pupil's ballot");

    await tablet.goto(`${lesson}/pass`);
    await expect(tablet.getByRole("heading", { name: "This vote isn't secret" })).toBeVisible();
    await expectComfortable(tablet, "the passed tablet");
  });
}

test("a tablet whose browser blocks storage says its work is not being saved, and offers no teacher's kept copy", async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, "localStorage", {
      configurable: true,
      get() {
        throw new DOMException("Access is denied for this document.", "SecurityError");
      },
    });
  });
  await page.goto("/lessons/testdevice.1/pupil");
  const banner = page.getByTestId("storage-banner");
  await expect(banner).toContainText("Changes are not being saved. This browser is blocking storage for Withme.");
  await expect(banner).toContainText("Allow cookies and site data for this site");
  await expect(page.getByTestId("kept-aside-banner")).toHaveCount(0);
});
