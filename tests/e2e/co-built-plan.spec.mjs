import { test, expect, Withme, makeClass } from "./withme.mjs";

/** The Pupil view, as the pupil named `name` (switching from whoever used the tablet last). */
async function asPupil(page, name) {
  const notMe = page.getByRole("button", { name: /^Not .*\? Choose your name again$/ });
  if (await notMe.isVisible()) await notMe.click();
  await page.getByRole("button", { name, exact: true }).click();
  await expect(page.getByRole("heading", { name: `Hi, ${name}!` })).toBeVisible();
}

async function propose(page, text) {
  await page.getByRole("radio", { name: "Success criterion" }).check();
  await page.getByLabel("Your idea").fill(text);
  await page.getByRole("button", { name: "Send to my teacher" }).click();
  await expect(page.getByText("Sent! Your teacher will look at it.").first()).toBeVisible();
  await expect(page.getByRole("region", { name: "My ideas" }).getByText(text, { exact: true })).toBeVisible();
}

test("a plan is built from a template, with pupils' ideas merged, sent back and accepted", async ({ context }) => {
  const teacher = await context.newPage();
  const app = new Withme(teacher);
  const card = await makeClass(teacher, "Year 5 Oak", ["Amira", "Ben", "Chloé", "Dev"]);
  await expect(card.getByRole("heading", { name: "Pupils (4)" })).toBeVisible();

  // Build a plan from a template.
  await app.openLibrary();
  await teacher.getByRole("button", { name: "Three-part lesson" }).click();
  await teacher.getByLabel("Lesson title").fill("Where do rivers begin?");
  await teacher.getByLabel("Class", { exact: true }).selectOption({ label: "Year 5 Oak" });
  await expect(teacher.getByText("60 of 60 minutes planned")).toBeVisible();
  await teacher.getByLabel("Add a learning outcome").fill("I can name the parts of a river.");
  await teacher.getByRole("region", { name: "Learning outcomes" }).getByRole("button", { name: "Add" }).click();
  await expect(teacher.getByRole("textbox", { name: "Learning outcome 1", exact: true })).toHaveValue("I can name the parts of a river.");

  // Edit and reorder phases by keyboard.
  await teacher.getByLabel("Phase 2 title").fill("Map the Thames");
  await teacher.getByLabel("Phase 2 minutes").fill("50");
  await expect(teacher.getByRole("alert")).toHaveText(
    "The phases run 10 minutes over the 60-minute lesson. Shorten a phase or make the lesson longer.",
  );
  await teacher.getByLabel("Phase 2 minutes").fill("40");
  await expect(teacher.getByRole("alert")).toHaveCount(0);
  await teacher.getByRole("button", { name: "Move Plenary up" }).focus();
  await teacher.keyboard.press("Enter");
  await expect(teacher.getByLabel("Phase 2 title")).toHaveValue("Plenary");
  await expect(teacher.getByRole("button", { name: "Move Plenary up" })).toBeFocused();
  await teacher.keyboard.press("Enter");
  await expect(teacher.getByLabel("Phase 1 title")).toHaveValue("Plenary");
  await expect(teacher.getByRole("button", { name: "Move Plenary down" })).toBeFocused();
  await teacher.keyboard.press("Enter");
  await teacher.getByRole("button", { name: "Move Plenary down" }).press("Enter");
  await expect(teacher.getByLabel("Phase 3 title")).toHaveValue("Plenary");

  // Undo and redo the last move.
  await teacher.getByRole("button", { name: "Undo" }).click();
  await expect(teacher.getByLabel("Phase 2 title")).toHaveValue("Plenary");
  await teacher.getByRole("button", { name: "Redo" }).click();
  await expect(teacher.getByLabel("Phase 3 title")).toHaveValue("Plenary");

  // Too-long and empty text is refused at the field.
  await teacher.getByLabel("Lesson title").fill("x".repeat(121));
  await expect(teacher.getByText("A lesson title can be at most 120 characters (this has 121).")).toBeVisible();
  await teacher.getByLabel("Lesson title").fill("Where do rivers begin?");
  await teacher.getByLabel("Add a success criterion").fill("y".repeat(501));
  await teacher.getByRole("region", { name: "Success criteria" }).getByRole("button", { name: "Add" }).click();
  await expect(teacher.getByText("An item can be at most 500 characters (this has 501).")).toBeVisible();
  await teacher.getByLabel("Add a success criterion").fill("");
  await teacher.getByRole("region", { name: "Success criteria" }).getByRole("button", { name: "Add" }).click();
  await expect(teacher.getByText("An item can't be empty.")).toBeVisible();
  await teacher.getByLabel("Phase 1 minutes").fill("0");
  await expect(teacher.getByText("A phase lasts between 1 and 360 minutes.")).toBeVisible();
  await teacher.getByLabel("Phase 1 minutes").fill("10");
  await app.waitUntilSaved();

  // Pupils propose from the Pupil view, in a second tab.
  const pupilUrl = teacher.url() + "/pupil";
  const tablet = await context.newPage();
  await tablet.goto(pupilUrl);
  await asPupil(tablet, "Amira");
  await propose(tablet, "I use the word tributary.");
  await asPupil(tablet, "Chloé");
  await propose(tablet, "I say what a tributary is.");
  await propose(tablet, "wet");
  await asPupil(tablet, "Ben");
  await propose(tablet, "I label the source and the mouth.");
  await asPupil(tablet, "Dev");
  await tablet.getByRole("button", { name: "Back “I use the word tributary.”" }).click();
  await expect(tablet.getByRole("button", { name: "Back “I use the word tributary.”" })).toHaveAttribute("aria-pressed", "true");

  // The teacher's inbox: merge two, send one back, accept the rest.
  const inbox = teacher.getByRole("region", { name: /Pupils' ideas/ });
  await expect(inbox.getByText("(4 waiting)")).toBeVisible();
  await expect(inbox.getByText("+1 backing")).toBeVisible();
  await inbox.getByRole("checkbox", { name: "Select “I use the word tributary.” to merge" }).check();
  await inbox.getByRole("checkbox", { name: "Select “I say what a tributary is.” to merge" }).check();
  await expect(inbox.getByText("2 ideas chosen to merge.")).toBeVisible();
  const wording = inbox.getByLabel("Wording for the merged idea");
  await wording.fill("I use and explain the word tributary.");
  // An idea backed meanwhile must not reset what the teacher is typing.
  await tablet.getByRole("button", { name: "Back “I label the source and the mouth.”" }).click();
  await expect(inbox.getByRole("listitem").filter({ hasText: "I label the source" }).getByText("+1 backing")).toBeVisible();
  await expect(wording).toHaveValue("I use and explain the word tributary.");
  await inbox.getByRole("button", { name: "Merge into one" }).click();
  const wet = inbox.getByRole("listitem").filter({ hasText: "wet" });
  await wet.getByRole("button", { name: "Send back" }).click();
  await wet.getByLabel("A kind note for the pupil").fill("Can you make it a sentence?");
  await wet.getByRole("button", { name: "Send back" }).click();
  const source = inbox.getByRole("listitem").filter({ hasText: "I label the source and the mouth." });
  await source.getByRole("button", { name: "Accept" }).click();
  await source.getByRole("button", { name: "Add to plan" }).click();

  // Chloé sees the kind note and rewords; then the teacher accepts it.
  await asPupil(tablet, "Chloé");
  await expect(tablet.getByText("Your teacher asks: “Can you make it a sentence?”")).toBeVisible();
  await tablet.getByLabel("Reword your idea").fill("I say where a river is wettest.");
  await tablet.getByRole("button", { name: "Send again" }).click();
  const reworded = inbox.getByRole("listitem").filter({ hasText: "I say where a river is wettest." });
  await reworded.getByRole("button", { name: "Accept" }).click();
  await reworded.getByLabel("Wording for the plan").fill("I can say where a river is wettest.");
  await reworded.getByRole("button", { name: "Add to plan" }).click();
  await expect(inbox.getByText("(0 waiting)")).toBeVisible();

  // The plan shows who suggested what, and the co-production record.
  const criteria = teacher.getByRole("region", { name: "Success criteria" });
  await expect(criteria.getByRole("textbox", { name: "Success criterion 1", exact: true })).toHaveValue("I use and explain the word tributary.");
  await expect(criteria.getByText("Suggested by Amira and Chloé")).toBeVisible();
  await expect(criteria.getByText("Suggested by Ben")).toBeVisible();
  await expect(criteria.getByRole("textbox", { name: "Success criterion 3", exact: true })).toHaveValue("I can say where a river is wettest.");
  await expect(criteria.getByText("Suggested by Chloé", { exact: true })).toBeVisible();
  await expect(teacher.getByText("The class wrote 3 of the plan's 7 entries, by 3 different pupils.")).toBeVisible();
  await expect(teacher.getByText("Not heard from yet: Dev.")).toBeVisible();
  // Chloé's merged idea and her reworded one are both in the plan.
  await expect(tablet.getByText("In the plan! Thank you.")).toHaveCount(2);
  await expect(tablet.getByRole("region", { name: "How we'll know we've done well" }).getByRole("listitem")).toHaveCount(3);

  // Everything survives a reload.
  await app.waitUntilSaved();
  await teacher.reload();
  await expect(teacher.getByText("Suggested by Amira and Chloé")).toBeVisible();
  await expect(teacher.getByLabel("Phase 3 title")).toHaveValue("Plenary");
  await expect(teacher.getByLabel("Phase 2 title")).toHaveValue("Map the Thames");
  await expect(teacher.getByRole("textbox", { name: "Learning outcome 1", exact: true })).toHaveValue("I can name the parts of a river.");
  await tablet.reload();
  await expect(tablet.getByText("In the plan! Thank you.").first()).toBeVisible();
});

test("Markdown exports the plan's text", async ({ page }) => {
  const app = new Withme(page);
  await app.openLibrary();
  await page.getByRole("button", { name: "P4C enquiry" }).click();
  await page.getByLabel("Lesson title").fill("Is it ever right to break a promise?");
  await page.getByLabel("Add a success criterion").fill("I give a reason for my view.");
  await page.getByRole("region", { name: "Success criteria" }).getByRole("button", { name: "Add" }).click();
  await page.getByLabel("Prior knowledge").fill("The story of the broken vase.");
  await page.getByLabel("Add a resource").fill("Picture book https://example.org/vase");
  await page.getByRole("region", { name: "Resources" }).getByRole("button", { name: "Add" }).click();
  await app.waitUntilSaved();

  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export Markdown" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("is-it-ever-right-to-break-a-promise.md");
  const markdown = await (await file.createReadStream()).toArray().then((c) => Buffer.concat(c).toString());
  expect(markdown).toContain("# Is it ever right to break a promise?");
  expect(markdown).toContain("- I give a reason for my view.");
  expect(markdown).toContain("### Stimulus · 10 min");
  expect(markdown).toContain("## Prior knowledge\n\nThe story of the broken vase.");

});

/** A full hour's plan as a lesson file: every part of the plan holds words. */
function fullPlanFile() {
  const item = (n, text) => ({ id: `k3j9x2abcd7q1.${n}`, text });
  const plan = {
    title: "Is it ever right to break a promise?",
    subject: "PSHE",
    date: "2026-12-02",
    length: 60,
    outcomes: [
      item(10, "I can say what makes a promise."),
      item(11, "I can give a reason for my view and listen to another."),
      item(12, "I can change my mind when I hear a better reason."),
    ],
    criteria: [
      item(20, "I give a reason for my view."),
      item(21, "I build on what a classmate said."),
      item(22, "I ask a question that starts with why."),
      item(23, "I use the words promise, trust and fair."),
    ],
    phases: [
      { id: "k3j9x2abcd7q1.30", title: "Starter", minutes: 5, description: "Pairs share a promise they once made and whether they kept it." },
      { id: "k3j9x2abcd7q1.31", title: "Stimulus", minutes: 10, description: "Read The Broken Vase aloud; pause where Sam decides whether to tell." },
      { id: "k3j9x2abcd7q1.32", title: "Thinking time and questions", minutes: 10, description: "Each pupil writes a question; pairs choose one to share." },
      { id: "k3j9x2abcd7q1.33", title: "Enquiry", minutes: 25, description: "Vote on a question, then talk in a circle; the teacher keeps the thread." },
      { id: "k3j9x2abcd7q1.34", title: "Last words", minutes: 10, description: "Each pupil says one thing they now think, and why." },
    ],
    keywords: [item(40, "promise"), item(41, "trust"), item(42, "fair"), item(43, "consequence"), item(44, "honest")],
    resources: [item(50, "The Broken Vase, picture book"), item(51, "Talking stick"), item(52, "Question stems card")],
    prior_knowledge: "The story of the broken vase.\nWhat a reason is.",
    misconceptions: "A promise can never be broken, whatever happens.",
    support: "Sentence starters: I think … because …",
    stretch: "When could breaking a promise be the kind thing to do?",
    homework: "Ask someone at home about a promise they kept.",
  };
  return JSON.stringify({ format: "withme.lesson", version: 2, exported_at: 1795001000000, plan, proposals: [] });
}

/** Every line of text in a PDF, page by page, as pdf.js reads it. */
async function pdfPages(pdf) {
  const { getDocument } = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false }).promise;
  const pages = [];
  for (let n = 1; n <= doc.numPages; n += 1) {
    const content = await (await doc.getPage(n)).getTextContent();
    pages.push(content.items.map((i) => i.str + (i.hasEOL ? "\n" : "")).join(""));
  }
  return pages;
}

test("a full hour's plan prints on at most two A4 pages, with every part's words and no controls", async ({ page }) => {
  const app = new Withme(page);
  await app.openLibrary();
  await page.getByLabel("Import a lesson").setInputFiles({
    name: "promise.withme.json",
    mimeType: "application/json",
    buffer: Buffer.from(fullPlanFile()),
  });
  await app.lessonLink("Is it ever right to break a promise?").click();
  await page.getByRole("link", { name: "Print plan" }).click();
  await expect(page.getByRole("heading", { name: "Is it ever right to break a promise?", level: 1 })).toBeVisible();
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("button", { name: "Print" })).toBeHidden();

  const pages = await pdfPages(await page.pdf({ format: "A4", printBackground: false }));
  expect(pages.length).toBeGreaterThanOrEqual(1);
  expect(pages.length).toBeLessThanOrEqual(2);
  const printed = pages.join("\n").replace(/\s+/g, " ");
  const plan = JSON.parse(fullPlanFile()).plan;
  const words = [
    plan.title,
    ...plan.outcomes.map((i) => i.text),
    ...plan.criteria.map((i) => i.text),
    ...plan.phases.flatMap((p) => [p.title, p.description]),
    ...plan.keywords.map((i) => i.text),
    ...plan.resources.map((i) => i.text),
    ...[plan.prior_knowledge, plan.misconceptions, plan.support, plan.stretch, plan.homework].flatMap((t) => t.split("\n")),
  ];
  for (const text of words) expect(printed, `the printed plan holds “${text}”`).toContain(text.replace(/\s+/g, " "));
  for (const control of ["Back to the plan", "Undo", "Export Markdown", "Go live"]) expect(printed).not.toContain(control);
  expect(printed).not.toMatch(/\bPrint\b(?! plan)/);
});

test("the teacher declines an idea: it stays out of the plan, and only its author is told it wasn't taken", async ({ context }) => {
  const teacher = await context.newPage();
  const app = new Withme(teacher);
  await makeClass(teacher, "Year 5 Oak", ["Amira", "Ben"]);
  await app.openLibrary();
  await app.newLessonFor("Where do rivers begin?", "Year 5 Oak");
  await app.waitUntilSaved();
  const lessonUrl = teacher.url().replace(/\/$/, "");
  const tablet = await context.newPage();
  await tablet.goto(`${lessonUrl}/pupil`);
  await asPupil(tablet, "Amira");
  await propose(tablet, "I can draw a dragon.");

  const inbox = teacher.getByRole("region", { name: /Pupils' ideas/ });
  const idea = inbox.getByRole("listitem").filter({ hasText: "I can draw a dragon." });
  await idea.getByRole("button", { name: "Decline" }).click();
  await expect(inbox.getByText("(0 waiting)")).toBeVisible();
  await expect(teacher.getByRole("region", { name: "Success criteria" })).not.toContainText("I can draw a dragon.");
  await app.waitUntilSaved();
  const stored = JSON.parse(await app.stored());
  const lesson = stored.library.lessons.find((l) => l.plan.title === "Where do rivers begin?");
  expect(lesson.proposals.map((p) => [p.text, p.status])).toEqual([["I can draw a dragon.", "declined"]]);
  expect((lesson.plan.criteria ?? []).map((c) => c.text)).toEqual([]);

  // Amira sees it wasn't taken; Ben's tablet shows nothing of it.
  const mine = tablet.getByRole("region", { name: "My ideas" });
  await expect(mine.getByRole("listitem").filter({ hasText: "I can draw a dragon." })).toContainText("Not taken this time.");
  await asPupil(tablet, "Ben");
  await expect(tablet.getByText("I can draw a dragon.")).toHaveCount(0);
});
