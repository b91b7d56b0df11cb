import AxeBuilder from "@axe-core/playwright";
import { test, expect, Withme, makeClass, storedText } from "./withme.mjs";

const PUPILS = [
  "Aisha", "Ben", "Cara", "Dev", "Ella", "Finn", "Grace", "Hugo", "Isla", "Jay",
  "Kai", "Lena", "Milo", "Nia", "Omar", "Pia", "Quinn", "Rosa", "Sam", "Tia",
  "Umar", "Vera", "Will", "Xena", "Yusuf", "Zara", "Alfie", "Bea",
];
const ABSENT = ["Alfie", "Bea"];

/** The groups on the Groups page: a list of member-name lists. */
async function groupsOnPage(page) {
  const cards = page.locator(".group-grid .group-card");
  const count = await cards.count();
  const groups = [];
  for (let i = 0; i < count; i++) {
    groups.push(await cards.nth(i).locator(".member-name").allInnerTexts());
  }
  return groups;
}

async function newGroupedLesson(app, page, title) {
  await app.openLibrary();
  await app.newLessonFor(title, "Year 4 Elm");
  await app.waitUntilSaved();
  await page.getByRole("link", { name: "Groups and roles" }).click();
  await expect(page.getByRole("heading", { name: "Groups and roles", level: 1 })).toBeVisible();
}

test("a class of 28: two absent, groups of 4 with a pair kept apart, fair roles, an override, the Pupil view, the picker and the history", async ({ context }) => {
  test.setTimeout(240_000);
  const page = await context.newPage();
  const app = new Withme(page);
  const card = await makeClass(page, "Year 4 Elm", PUPILS);
  await expect(card.getByRole("heading", { name: "Pupils (28)" })).toBeVisible();

  // The class's roles and a keep-apart pair.
  await card.getByText(/^Group roles/).click();
  await card.getByLabel("Start from").selectOption({ label: "Cooperative learning" });
  await card.getByRole("button", { name: "Use these roles" }).click();
  await expect(card.getByText("Group roles (6)")).toBeVisible();
  await card.getByText(/^Pairs and labels for groups/).click();
  await card.getByLabel("Keep", { exact: true }).selectOption({ label: "Aisha" });
  await card.getByLabel("and", { exact: true }).selectOption({ label: "Ben" });
  await card.getByRole("button", { name: "Add pair" }).click();
  await expect(card.getByText("Aisha and Ben: kept apart")).toBeVisible();

  // Lesson 1: register, groups of 4, roles.
  await newGroupedLesson(app, page, "Lesson one: rivers");
  const lessonUrl = page.url().replace(/\/groups$/, "");
  await page.getByText(/^Register:/).click();
  for (const name of ABSENT) await page.getByLabel(`${name} is absent`).check();
  await expect(page.getByText("Register: 26 of 28 here")).toBeVisible();
  await page.getByRole("button", { name: "Make groups" }).click();
  await expect(page.locator(".group-grid .group-card")).toHaveCount(7);
  let groups = await groupsOnPage(page);
  expect(groups.map((g) => g.length).sort()).toEqual([3, 3, 4, 4, 4, 4, 4]);
  const everyone = groups.flat();
  expect(everyone).toHaveLength(26);
  for (const name of ABSENT) expect(everyone).not.toContain(name);
  expect(groups.some((g) => g.includes("Aisha") && g.includes("Ben"))).toBe(false);

  await page.getByRole("button", { name: "Give out roles" }).click();
  for (let i = 0; i < 7; i++) {
    await expect(page.locator(".group-grid .group-card").nth(i).locator(".role-badge.leading").first()).toBeVisible();
  }

  // Move a pupil by keyboard: focus the name, Enter, then the group's move button.
  const mover = groups[0][0];
  await page.getByRole("button", { name: mover, exact: true }).focus();
  await page.keyboard.press("Enter");
  await page.getByRole("button", { name: `Move ${mover} to group 2` }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").or(page.getByText(`${mover} moved to group 2.`)).first()).toBeVisible();
  groups = await groupsOnPage(page);
  expect(groups[1]).toContain(mover);
  await page.getByRole("button", { name: "Give out roles" }).click();

  // Override one pupil's role, with a reason.
  const chosen = groups[2][0];
  await page.getByRole("button", { name: `Change role for ${chosen}` }).click();
  await page.getByLabel("New role").selectOption({ label: "Timekeeper" });
  await page.getByLabel("Why (kept in the history)").fill("Practising for sports day");
  await page.getByRole("button", { name: "Save role" }).click();
  const chosenRow = page.locator(".group-member").filter({ has: page.getByRole("button", { name: chosen, exact: true }) });
  await expect(chosenRow.locator(".role-badge")).toHaveText("Timekeeper");
  await expect(chosenRow.getByText("Chosen by you: Practising for sports day")).toBeVisible();

  // The Board shows the groups.
  const board = await context.newPage();
  await board.goto(`${lessonUrl}/board`);
  await page.getByRole("button", { name: "Show groups on the Board" }).click();
  await expect(board.getByRole("heading", { name: "Group 7" })).toBeVisible();
  await expect(board.locator(".board-group").filter({ hasText: chosen }).getByText("Timekeeper")).toBeVisible();

  // A pupil sees their group and role card.
  const tablet = await context.newPage();
  await tablet.goto(`${lessonUrl}/pupil`);
  await tablet.getByRole("button", { name: chosen, exact: true }).click();
  const mine = tablet.getByRole("region", { name: "Your group" });
  await expect(mine.getByText("Your role: Timekeeper")).toBeVisible();
  await expect(mine.getByText("Watch the time and tell the group how long is left.")).toBeVisible();
  await expect(mine.getByText("We have … minutes left.")).toBeVisible();
  expect(await mine.locator(".group-members li").count()).toBe(groups[2].length - 1);
  const tabletStore = await tablet.evaluate(() => JSON.stringify(sessionStorage) + document.body.innerText);
  expect(tabletStore).not.toContain("Practising for sports day");

  // The picker: the whole class present, once each, one pass, absentees never drawn.
  await page.getByRole("button", { name: "Show the picker on the Board" }).click();
  await expect(board.getByText("0 of 26 have had a turn this round")).toBeVisible();
  const picked = [];
  for (let turn = 1; turn <= 26; turn++) {
    await board.getByRole("button", { name: "Pick a name" }).click();
    await expect(board.getByText(`${turn} of 26 have had a turn this round`)).toBeVisible();
    let name = await board.locator(".board-picked").innerText();
    if (turn === 5) {
      await board.getByRole("button", { name: "Pass" }).click();
      await expect(board.locator(".board-picked")).toHaveText(`${name} passed`);
    }
    picked.push(name);
  }
  expect(new Set(picked).size).toBe(26);
  for (const name of ABSENT) expect(picked).not.toContain(name);
  await expect(board.getByText("Everyone here has had a turn.")).toBeVisible();
  await expect(board.getByRole("button", { name: "Pick a name" })).toHaveCount(0);

  // Two more lessons, then the history.
  await newGroupedLesson(app, page, "Lesson two: coasts");
  await page.getByRole("button", { name: "Make groups" }).click();
  await page.getByRole("button", { name: "Give out roles" }).click();
  await expect(page.locator(".role-badge").first()).toBeVisible();
  await newGroupedLesson(app, page, "Lesson three: mountains");
  await page.getByRole("button", { name: "Make groups" }).click();
  await page.getByRole("button", { name: "Give out roles" }).click();
  await expect(page.locator(".role-badge").first()).toBeVisible();
  await app.waitUntilSaved();

  const checkHistory = async () => {
    await page.goto("/classes");
    await page.getByRole("region", { name: "Year 4 Elm" }).getByRole("link", { name: "Roles history" }).click();
    await expect(page.getByRole("heading", { name: "Roles history: Year 4 Elm" })).toBeVisible();
    const table = page.getByRole("table");
    for (const title of ["Lesson one: rivers", "Lesson two: coasts", "Lesson three: mountains"]) {
      await expect(table.getByRole("columnheader", { name: title })).toBeVisible();
    }
    const chosenRowInTable = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: chosen, exact: true }) });
    await expect(chosenRowInTable).toContainText("Timekeeper (your choice: Practising for sports day)");
    const absentRow = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Alfie", exact: true }) });
    await expect(absentRow.getByRole("cell").first()).toHaveText("Absent");
    await expect(page.getByRole("listitem").filter({ hasText: /^Facilitator held by:/ })).toBeVisible();
  };
  await checkHistory();
  await page.reload();
  await checkHistory();
  await expect(page.getByText("Nobody has gone long without leading.")).toBeVisible();

  // The pupil reads their own roles, lesson by lesson.
  await tablet.reload();
  const mineLater = tablet.getByRole("region", { name: "Your group" });
  await mineLater.getByText("Roles I have had").click();
  await expect(mineLater.getByText("Lesson one: rivers: Timekeeper")).toBeVisible();

  // Everything survives a reload of the first lesson's groups page too.
  await page.goto(`${lessonUrl}/groups`);
  await expect(page.locator(".group-grid .group-card")).toHaveCount(7);
  await expect(page.getByText("Chosen by you: Practising for sports day")).toBeVisible();
  await expect(page.getByText("Register: 26 of 28 here")).toBeVisible();

  // The CSV.
  const download = page.waitForEvent("download");
  await page.goto("/classes");
  await page.getByRole("region", { name: "Year 4 Elm" }).getByRole("link", { name: "Roles history" }).click();
  await page.getByRole("button", { name: "Download as CSV" }).click();
  const file = await download;
  const csv = await (await file.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString("utf8"));
  expect(csv.split("\r\n")[0]).toBe("Pupil,Lesson,Date,Group,Role,Leading role,Teacher's reason,Stepped out of,Absent");
  expect(csv).toContain("Practising for sports day");
});

test("pseudonyms, impossible groups explained, a step-out recorded, archive, and delete with everything about the class", async ({ page }) => {
  const app = new Withme(page);
  const card = await makeClass(page, "Year 3 Oak", ["Amy", "Bo", "Cy"]);
  await card.getByLabel("Add pseudonyms").fill("3");
  await card.getByRole("button", { name: "Add pseudonyms" }).click();
  await expect(card.getByRole("heading", { name: "Pupils (6)" })).toBeVisible();
  await card.getByText(/^Group roles/).click();
  await card.getByLabel("Start from").selectOption({ label: "Checker and summariser" });
  await card.getByRole("button", { name: "Use these roles" }).click();
  // A custom role: refused without a name (what was typed stays), then added as leading.
  await card.getByLabel("What you do").fill("Ask the group a question nobody has asked yet.");
  await card.getByLabel("Sentence starters (one per line)").fill("What if…?\nHave we thought about…?");
  await card.getByRole("button", { name: "Add role" }).click();
  await expect(card.getByText("A role's name can't be empty.")).toBeVisible();
  await expect(card.getByLabel("What you do")).toHaveValue("Ask the group a question nobody has asked yet.");
  await card.getByLabel("Name", { exact: true }).fill("Questioner");
  await card.getByRole("checkbox", { name: "The new role counts as leading" }).check();
  await card.getByRole("button", { name: "Add role" }).click();
  await expect(card.getByText("Group roles (4)")).toBeVisible();
  await expect(card.getByRole("checkbox", { name: "Questioner counts as leading" })).toBeChecked();
  await expect(card.getByText("Have we thought about…?")).toBeVisible();
  await card.getByRole("button", { name: "Remove the role Questioner" }).click();
  await expect(card.getByText("Group roles (3)")).toBeVisible();
  await card.getByText(/^Pairs and labels for groups/).click();
  await card.getByLabel("Keep", { exact: true }).selectOption({ label: "Amy" });
  await card.getByLabel("and", { exact: true }).selectOption({ label: "Bo" });
  await card.getByRole("button", { name: "Add pair" }).click();
  await card.getByLabel("Keep", { exact: true }).selectOption({ label: "Bo" });
  await card.getByLabel("and", { exact: true }).selectOption({ label: "Cy" });
  await card.getByRole("button", { name: "Add pair" }).click();
  await card.getByLabel("Keep", { exact: true }).selectOption({ label: "Amy" });
  await card.getByLabel("and", { exact: true }).selectOption({ label: "Cy" });
  await card.getByRole("button", { name: "Add pair" }).click();
  await expect(card.getByText("Amy and Cy: kept apart")).toBeVisible();

  await app.openLibrary();
  await app.newLessonFor("Shapes", "Year 3 Oak");
  await app.waitUntilSaved();
  await page.getByRole("link", { name: "Groups and roles" }).click();
  await page.getByRole("radio", { name: "Number of groups" }).check();
  await page.getByLabel("How many groups").fill("2");
  await page.getByRole("button", { name: "Make groups" }).click();
  await expect(page.getByText("No groups of this size keep every keep-apart pair apart. Make more groups or remove a keep-apart pair.")).toBeVisible();
  await page.getByLabel("How many groups").fill("3");
  await page.getByRole("button", { name: "Make groups" }).click();
  await expect(page.locator(".group-grid .group-card")).toHaveCount(3);
  await page.getByRole("button", { name: "Give out roles" }).click();
  const facilitator = page.locator(".group-member").filter({ has: page.locator(".role-badge", { hasText: "Facilitator" }) }).first();
  const name = await facilitator.locator(".member-name").innerText();
  await facilitator.getByRole("button", { name: `Steps out of this role: ${name}` }).click();
  const row = page.locator(".group-member").filter({ has: page.getByRole("button", { name, exact: true }) });
  await expect(row.locator(".role-badge")).not.toHaveText("Facilitator");
  await page.goto("/classes");
  await page.getByRole("region", { name: "Year 3 Oak" }).getByRole("link", { name: "Roles history" }).click();
  await expect(page.getByRole("row").filter({ has: page.getByRole("rowheader", { name, exact: true }) })).toContainText("stepped out of Facilitator");

  // Archive, bring back, then delete for good.
  await page.goto("/classes");
  let oak = page.getByRole("region", { name: "Year 3 Oak" });
  await oak.getByRole("button", { name: "Archive" }).click();
  await expect(page.getByText("Archived classes (1)")).toBeVisible();
  await page.getByText("Archived classes (1)").click();
  oak = page.getByRole("region", { name: "Year 3 Oak" });
  await oak.getByRole("button", { name: "Bring back" }).click();
  await expect(page.getByText(/^Archived classes \(/)).toHaveCount(0);
  oak = page.getByRole("region", { name: "Year 3 Oak" });
  await oak.getByRole("button", { name: "Delete class…" }).click();
  await expect(oak.getByRole("alertdialog")).toContainText("everything about its 6 pupils");
  await oak.getByRole("button", { name: "Keep the class" }).click();
  await expect(page.getByRole("region", { name: "Year 3 Oak" })).toBeVisible();
  await oak.getByRole("button", { name: "Delete class…" }).click();
  await oak.getByRole("button", { name: "Delete for good" }).click();
  await expect(page.getByRole("region", { name: "Year 3 Oak" })).toHaveCount(0);
  await app.waitUntilSaved();
  const stored = await storedText(page);
  for (const pupil of ["Amy", "Bo", "Cy"]) expect(stored).not.toContain(`"${pupil}"`);
  expect(stored).toContain("Shapes");
});

test("a pupil away for four lessons has not led in four lessons, and the roles history says so", async ({ page }) => {
  test.setTimeout(120_000);
  const app = new Withme(page);
  const card = await makeClass(page, "Year 4 Elm", ["Amira", "Ben", "Chloé", "Dev"]);
  await card.getByText(/^Group roles/).click();
  await card.getByLabel("Start from").selectOption({ label: "Cooperative learning" });
  await card.getByRole("button", { name: "Use these roles" }).click();
  for (const title of ["Week one", "Week two", "Week three"]) {
    await newGroupedLesson(app, page, title);
    await page.getByText(/^Register:/).click();
    await page.getByLabel("Dev is absent").check();
    await page.getByRole("radio", { name: "Number of groups" }).check();
    await page.getByLabel("How many groups").fill("1");
    await page.getByRole("button", { name: "Make groups" }).click();
    await page.getByRole("button", { name: "Give out roles" }).click();
    await expect(page.locator(".group-grid .role-badge.leading").first()).toBeVisible();
  }
  // Three lessons: nobody has gone four without leading yet.
  const history = async () => {
    await page.goto("/classes");
    await page.getByRole("region", { name: "Year 4 Elm" }).getByRole("link", { name: "Roles history" }).click();
    await expect(page.getByRole("heading", { name: "Roles history: Year 4 Elm" })).toBeVisible();
  };
  await history();
  await expect(page.getByText("Nobody has gone long without leading.")).toBeVisible();

  // A fourth lesson without Dev: now he is listed, and nobody else is.
  await newGroupedLesson(app, page, "Week four");
  await page.getByText(/^Register:/).click();
  await page.getByLabel("Dev is absent").check();
  await page.getByRole("radio", { name: "Number of groups" }).check();
  await page.getByLabel("How many groups").fill("1");
  await page.getByRole("button", { name: "Make groups" }).click();
  await page.getByRole("button", { name: "Give out roles" }).click();
  await expect(page.locator(".group-grid .role-badge.leading").first()).toBeVisible();
  await history();
  const gaps = page.getByRole("region", { name: "Not led for a while" });
  await expect(gaps.getByRole("listitem")).toHaveText(["Dev has not led in 4 lessons"]);
  await expect(page.getByText("Nobody has gone long without leading.")).toHaveCount(0);
});

/** The groups a lesson holds in this browser's storage, as lists of pupils' names and labels. */
async function storedGroups(page, title) {
  const text = await storedText(page);
  const { library } = JSON.parse(text);
  const lesson = library.lessons.find((l) => l.plan.title === title && !l.deleted_at);
  const pupils = new Map(library.classes.flatMap((c) => c.pupils).map((p) => [p.id, p]));
  return (lesson.groups?.groups ?? []).map((g) => g.members.map((m) => pupils.get(m.pupil)));
}

/** When the lesson was last edited, as stored: it moves on when new groups are saved. */
async function editedAt(page, title) {
  const text = await storedText(page);
  return JSON.parse(text).library.lessons.find((l) => l.plan.title === title && !l.deleted_at).updated_at;
}

/** Every pair of pupils who share a group, as "A+B" with the names in order. */
function pairsOf(groups) {
  const pairs = new Set();
  for (const group of groups) {
    const names = group.map((p) => p.name).sort();
    for (let i = 0; i < names.length; i++) for (let j = i + 1; j < names.length; j++) pairs.add(`${names[i]}+${names[j]}`);
  }
  return pairs;
}

test("the group maker, from the app: last lesson's pairings avoided and the teacher's labels balanced, on every re-roll", async ({ page }) => {
  const app = new Withme(page);
  const names = PUPILS.slice(0, 12);
  const green = names.slice(0, 6);
  const card = await makeClass(page, "Year 4 Elm", names);
  await card.getByText(/^Pairs and labels for groups/).click();
  for (const name of green) {
    const field = card.getByLabel(`Label for ${name}`);
    await field.fill("Green");
    await field.press("Tab");
  }
  await app.waitUntilSaved();

  // Last lesson: four groups of three, made without the labels.
  await newGroupedLesson(app, page, "Fractions");
  await page.getByLabel("How many pupils in each group").fill("3");
  await page.getByRole("button", { name: "Make groups" }).click();
  await expect(page.locator(".group-grid .group-card")).toHaveCount(4);
  await app.waitUntilSaved();
  const lastLesson = pairsOf(await storedGroups(page, "Fractions"));
  expect(lastLesson.size).toBe(12);

  // Today: groups of three share no pair with last lesson, however often they are re-rolled.
  await newGroupedLesson(app, page, "Decimals");
  await expect(page.getByRole("checkbox", { name: "Avoid pairings from recent lessons" })).toBeChecked();
  await page.getByLabel("How many pupils in each group").fill("3");
  for (let roll = 0; roll < 5; roll++) {
    const before = await editedAt(page, "Decimals");
    await page.getByRole("button", { name: roll === 0 ? "Make groups" : "Make new groups" }).click();
    await expect.poll(() => editedAt(page, "Decimals")).not.toBe(before);
    const today = await storedGroups(page, "Decimals");
    expect(today).toHaveLength(4);
    const repeated = [...pairsOf(today)].filter((pair) => lastLesson.has(pair));
    expect(repeated, `roll ${roll + 1} repeats last lesson's pairs`).toEqual([]);
  }

  // Balanced on the labels: groups of four hold two Green pupils each.
  await page.getByRole("checkbox", { name: "Balance groups on pupils' labels" }).check();
  await page.getByLabel("How many pupils in each group").fill("4");
  for (let roll = 0; roll < 5; roll++) {
    const before = await editedAt(page, "Decimals");
    await page.getByRole("button", { name: "Make new groups" }).click();
    await expect.poll(() => editedAt(page, "Decimals")).not.toBe(before);
    const today = await storedGroups(page, "Decimals");
    expect(today).toHaveLength(3);
    const greens = today.map((group) => group.filter((p) => p.label === "Green").length);
    expect(greens, `roll ${roll + 1}`).toEqual([2, 2, 2]);
  }
  // The labels are the teacher's own: the groups on screen show none.
  await expect(page.locator(".group-grid")).not.toContainText("Green");
});

test("the Groups page says what each button does in its visible words, labels the group size where it shows, and 'no roles yet' leads to where roles are chosen", async ({ page }) => {
  const app = new Withme(page);
  await makeClass(page, "Year 4 Elm", ["Aisha", "Ben", "Cara", "Dev"]);
  await newGroupedLesson(app, page, "Rivers");
  const size = page.getByLabel("How many pupils in each group");
  await expect(page.locator("label", { hasText: "How many pupils in each group" })).toBeVisible();
  await size.fill("2");
  await page.getByRole("button", { name: "Make groups" }).click();
  await expect(page.locator(".group-grid .group-card")).toHaveCount(2);
  // WCAG 2.5.3: a button's accessible name holds the words it shows.
  await expect(page.getByRole("button", { name: "Change role for Aisha" })).toBeVisible();
  const mismatched = await new AxeBuilder({ page }).withRules(["label-content-name-mismatch"]).analyze();
  expect(mismatched.violations.flatMap((v) => v.nodes.map((n) => n.target.join(" ")))).toEqual([]);
  const nameHoldsWords = await page.evaluate(() =>
    [...document.querySelectorAll("main button[aria-label]")]
      .filter((b) => b.innerText.trim() && !b.getAttribute("aria-label").toLowerCase().includes(b.innerText.trim().toLowerCase()))
      .map((b) => `${b.innerText.trim()} / ${b.getAttribute("aria-label")}`),
  );
  expect(nameHoldsWords).toEqual([]);

  await page.getByRole("link", { name: "Choose a set of roles on the Classes page" }).click();
  await expect(page.getByRole("heading", { name: "Classes", level: 1 })).toBeVisible();
});
