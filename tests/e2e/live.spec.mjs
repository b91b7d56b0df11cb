// Live lessons: the teacher takes a lesson live on the Withme server, pupils join on their own
// tablets (each its own browser, sharing nothing with the teacher's), the teacher lets them in,
// and what they do reaches the teacher's library; ending it leaves everything at home.
import { test, expect, Withme, makeClass, accessibilityProblems, expectAccessible, storedText } from "./withme.mjs";

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
  await app.newLessonFor("Is it ever right to lie?", "Year 6 Ash");
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
  await expect(panel(teacher).getByTestId("connection")).toHaveText("Live");
  return (await code.innerText()).replace(" ", "");
}

/** A tablet of its own (a separate browser profile) on the join page. */
async function newTablet(browser, options = {}) {
  const context = await browser.newContext(options);
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
  const text = await storedText(page);
  const lesson = JSON.parse(text).library.lessons.find((l) => l.plan.title === "Is it ever right to lie?");
  return lesson.enquiry?.questions ?? [];
}

test("a pupil joins with the code, is let in, asks a question that reaches the teacher's library, and comes back after a reload", async ({ context, browser }) => {
  test.setTimeout(120_000);
  const { teacher } = await teacherWithLesson(context);
  const code = await goLive(teacher);

  // No service worker, so a reload's download can be held back below.
  const amira = await newTablet(browser, { serviceWorkers: "block" });
  // Typed as a pupil might: lower case, with a space.
  await joinAs(amira.page, `${code.slice(0, 3).toLowerCase()} ${code.slice(3)}`, "Amira");
  // The tablet holds nothing of the lesson's but the names to tap.
  expect(await storedText(amira.page)).toBeNull();

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

  // A reload keeps the tablet's place: no code, no name, no waiting; not even while the app
  // loads, when the page the server drew says it is joining instead of asking for the code.
  const releaseAmira = await holdTheApp(amira);
  await amira.page.reload({ waitUntil: "commit" });
  await expect(amira.page.getByRole("heading", { name: "Joining…" })).toBeVisible();
  await expect(amira.page.getByLabel("Code on the board")).toBeHidden();
  await expect(amira.page.getByText("Reading options"), "the app has not started").toHaveCount(0);
  expect(await accessibilityProblems(amira.page)).toEqual([]);
  releaseAmira();
  await expect(amira.page.getByRole("heading", { name: "Hi, Amira!" })).toBeVisible();
  await expect(amira.page.getByRole("region", { name: "My questions" }).getByText("Is a white lie still a lie?")).toBeVisible();

  // The teacher sees who is in, and can take a tablet out: it must join again.
  const inLesson = panel(teacher).getByRole("listitem").filter({ hasText: "Amira" });
  await expect(panel(teacher).getByRole("heading", { name: "In the lesson (1)" })).toBeVisible();
  await inLesson.getByRole("button", { name: "Remove Amira's tablet" }).click();
  await inLesson.getByRole("button", { name: "Remove", exact: true }).click();
  await expect(amira.page.getByRole("alert")).toHaveText("Your teacher took this tablet out of the lesson. Join again with the code.");
  await expect(amira.page.getByLabel("Code on the board")).toBeVisible();
  await expect(panel(teacher).getByRole("heading", { name: "In the lesson (0)" })).toBeVisible();
  expect(await amira.page.evaluate(() => localStorage.getItem("withme.seat"))).toBeNull();
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
  await ben.page.getByLabel("Code on the board").fill(code);
  await ben.page.getByRole("button", { name: "Join" }).click();
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
  // The QR code's address carries the code, which is tried at once.
  const late = await newTablet(browser);
  await late.page.goto(`/join/${code}`);
  await expect(late.page.getByRole("alert")).toHaveText("This lesson has ended.");
  await ben.context.close();
  await late.context.close();
});

/**
 * A device of its own whose connection to the server runs through a cable the test can pull:
 * every frame the server sends it is recorded.
 */
async function newDevice(browser) {
  const context = await browser.newContext();
  const cable = { cut: false, frames: [], open: new Set() };
  await context.routeWebSocket(/\/ws$/, (ws) => {
    if (cable.cut) {
      ws.close({ code: 4000, reason: "offline" });
      return;
    }
    const server = ws.connectToServer();
    cable.open.add(ws);
    ws.onMessage((message) => server.send(message));
    server.onMessage((message) => {
      cable.frames.push(String(message));
      ws.send(message);
    });
    ws.onClose(() => {
      cable.open.delete(ws);
      server.close();
    });
    server.onClose((code, reason) => ws.close({ code, reason }));
  });
  cable.pull = async () => {
    cable.cut = true;
    for (const ws of cable.open) await ws.close({ code: 4000, reason: "offline" });
  };
  cable.plugIn = () => {
    cable.cut = false;
  };
  // Every address the device fetches, to show which app it loaded.
  const fetched = [];
  context.on("request", (request) => fetched.push(new URL(request.url()).pathname));
  const page = await context.newPage();
  return { context, page, cable, fetched };
}

/** The wasm files a device fetched: the teacher's app's sit at the root, the Pupil app's in /pupil/. */
function wasmFetched(device) {
  return device.fetched.filter((path) => path.endsWith(".wasm"));
}

/** Reads the QR code an image shows, by drawing it on a canvas and decoding its pixels. */
async function decodeQr(page, selector) {
  const { default: jsQR } = await import("jsqr");
  await expect(page.locator(selector)).toBeVisible();
  await page.waitForFunction((s) => document.querySelector(s)?.complete, selector);
  const pixels = await page.evaluate((s) => {
    const img = document.querySelector(s);
    const size = 480;
    const canvas = document.createElement("canvas");
    canvas.width = size;
    canvas.height = size;
    const g = canvas.getContext("2d");
    g.fillStyle = "#fff";
    g.fillRect(0, 0, size, size);
    g.drawImage(img, 0, 0, size, size);
    return { size, data: Array.from(g.getImageData(0, 0, size, size).data) };
  }, selector);
  return jsQR(Uint8ClampedArray.from(pixels.data), pixels.size, pixels.size)?.data;
}

test("a classroom live: the Board on its own device, three pupils on their own tablets, ideas, questions, a blind vote with one pupil offline, and everything home at the end", async ({ context, browser }) => {
  test.setTimeout(240_000);
  const { teacher } = await teacherWithLesson(context);
  const code = await goLive(teacher);

  // The Board runs on the whiteboard's own browser, through the board link.
  const boardLink = await panel(teacher).getByLabel("Board link").inputValue();
  const board = await newDevice(browser);
  await board.page.goto(boardLink);
  await expect(board.page.getByRole("heading", { name: "Is it ever right to lie?" })).toBeVisible();
  await expect(board.page.locator(".board-join-code")).toHaveText(`${code.slice(0, 3)} ${code.slice(3)}`);
  // Its QR code is the join address, with the code.
  expect(await decodeQr(board.page, ".board-join-qr")).toBe(new URL(`/join/${code}`, board.page.url()).href);
  // It holds no library of its own, and loaded the Board app, never the teacher's.
  expect(await storedText(board.page)).toBeNull();
  expect(wasmFetched(board).length).toBeGreaterThan(0);
  for (const file of wasmFetched(board)) expect(file).toMatch(/^\/board\/withme-board-[0-9a-f]+_bg\.wasm$/);

  const tablets = {};
  for (const name of PUPILS) {
    tablets[name] = await newDevice(browser);
    await joinAs(tablets[name].page, code, name);
  }
  await expect(panel(teacher).getByRole("heading", { name: "Waiting to be let in (3)" })).toBeVisible();
  await panel(teacher).getByRole("button", { name: "Let everyone in" }).click();
  for (const name of PUPILS) {
    await expect(tablets[name].page.getByRole("heading", { name: `Hi, ${name}!` })).toBeVisible();
  }

  // Each tablet loaded the Pupil app only (the page, and its service worker keeping it for
  // offline): never the teacher's wasm.
  for (const name of PUPILS) {
    const wasm = wasmFetched(tablets[name]);
    expect(wasm.length, `${name}'s tablet`).toBeGreaterThan(0);
    for (const file of wasm) expect(file, `${name}'s tablet`).toMatch(/^\/pupil\/withme-pupil-[0-9a-f]+_bg\.wasm$/);
  }

  // Amira proposes a success criterion; each pupil asks a question.
  const amira = tablets.Amira.page;
  await amira.getByRole("radio", { name: "Success criterion" }).check();
  await amira.getByLabel("Your idea").fill("I can give a reason");
  await amira.getByRole("button", { name: "Send to my teacher" }).click();
  await expect(amira.getByRole("region", { name: "My ideas" }).getByText("I can give a reason", { exact: true })).toBeVisible();
  const questions = { Amira: "Do animals lie?", Ben: "Can a lie be kind?", Chloé: "Why do people lie?" };
  for (const name of PUPILS) {
    const page = tablets[name].page;
    await page.getByLabel("Your question").fill(questions[name]);
    await page.getByRole("button", { name: "Send my question" }).click();
    await expect(page.getByRole("region", { name: "My questions" }).getByText(questions[name])).toBeVisible();
  }
  await expect.poll(async () => (await storedQuestions(teacher)).length).toBe(3);
  const stored = JSON.parse(await storedText(teacher));
  const lesson = stored.library.lessons.find((l) => l.plan.title === "Is it ever right to lie?");
  expect(lesson.proposals.map((p) => p.text)).toEqual(["I can give a reason"]);

  // The teacher approves them and shows them on the Board, which follows live.
  await teacher.getByRole("button", { name: "Questions", exact: true }).click();
  for (const text of Object.values(questions)) {
    await card(teacher, text).getByRole("button", { name: "Approve" }).click();
  }
  await expect(board.page.getByRole("heading", { name: "Our questions (3)" })).toBeVisible();

  // A blind vote.
  for (const text of Object.values(questions)) {
    await card(teacher, text).getByRole("checkbox", { name: "Goes to the vote" }).check();
  }
  await teacher.getByRole("checkbox", { name: /^Blind vote/ }).check();
  await teacher.getByRole("button", { name: "Open the vote" }).click();
  await expect(board.page.getByText("0 of 3 have voted")).toBeVisible();

  // Chloé's tablet loses its connection, and she votes anyway: it waits on her tablet.
  const chloe = tablets["Chloé"];
  await chloe.cable.pull();
  const chloeConnection = chloe.page.getByTestId("connection");
  await expect(chloeConnection).toHaveText("Reconnecting…");
  await expect(chloe.page.getByText("Your work is kept on this tablet and is sent when the connection is back.")).toBeVisible();
  await vote(chloe.page, questions.Ben);
  await expect(chloeConnection).toHaveText("Reconnecting… · 1 change waiting on this device");
  await expect
    .poll(() => chloe.page.evaluate(() => localStorage.getItem("withme.live.outbox") ?? ""))
    .toContain("cast_ballot");
  await vote(tablets.Amira.page, questions.Ben);
  await vote(tablets.Ben.page, questions.Amira);
  await expect(board.page.getByText("2 of 3 have voted")).toBeVisible();
  // Back online, her vote goes, and counts once.
  chloe.cable.plugIn();
  await expect(board.page.getByText("3 of 3 have voted")).toBeVisible();
  await expect(chloeConnection).toHaveText("Live");
  await expect.poll(() => chloe.page.evaluate(() => localStorage.getItem("withme.live.outbox") ?? "")).not.toContain("cast_ballot");

  // Blind: before the reveal, no pupil's tablet received, showed or stored a tally, nor did the
  // Board receive one.
  for (const name of PUPILS) {
    const { page, cable } = tablets[name];
    expect(cable.frames.length).toBeGreaterThan(0);
    expect(cable.frames.filter((f) => f.includes('"tally"') || f.includes('"voters"'))).toEqual([]);
    await expect(page.locator("body")).not.toContainText("have voted");
    const storedHere = await page.evaluate(() => JSON.stringify(Object.entries(localStorage)));
    expect(storedHere).not.toContain("tally");
  }
  expect(board.cable.frames.filter((f) => f.includes('"tally"'))).toEqual([]);

  // The Board's connection drops too: it says so, and comes back by itself.
  await board.cable.pull();
  await expect(board.page.getByText("Reconnecting…")).toBeVisible();
  board.cable.plugIn();
  await expect(board.page.getByText("Reconnecting…")).toBeHidden({ timeout: 15_000 });

  await teacher.getByRole("button", { name: "Close the vote" }).click();
  await teacher.getByRole("button", { name: "Reveal the results" }).click();
  const results = board.page.getByRole("table");
  await expect(results.getByRole("row", { name: `${questions.Ben} 2` })).toBeVisible();
  await expect(results.getByRole("row", { name: `${questions.Amira} 1` })).toBeVisible();

  // Ending the lesson tells every device and leaves everything in the teacher's library.
  await panel(teacher).getByRole("button", { name: "End live lesson" }).click();
  await panel(teacher).getByRole("button", { name: "End it now" }).click();
  for (const name of PUPILS) {
    await expect(tablets[name].page.getByRole("heading", { name: "This lesson has ended" })).toBeVisible();
  }
  await expect(board.page.getByText("The live lesson has ended.")).toBeVisible();
  const home = JSON.parse(await storedText(teacher));
  const kept = home.library.lessons.find((l) => l.plan.title === "Is it ever right to lie?");
  expect(kept.enquiry.questions.map((q) => q.text).sort()).toEqual(Object.values(questions).sort());
  expect(kept.enquiry.polls).toHaveLength(1);
  expect(Object.keys(kept.enquiry.polls[0].ballots)).toHaveLength(3);
  // Through proposing, asking, voting and the end, no tablet fetched another app.
  for (const name of PUPILS) {
    for (const file of wasmFetched(tablets[name])) expect(file).toMatch(/^\/pupil\/withme-pupil-[0-9a-f]+_bg\.wasm$/);
  }
  for (const device of [board, ...Object.values(tablets)]) await device.context.close();
});

function card(page, text) {
  return page.getByRole("region", { name: /^Questions/ }).getByRole("listitem").filter({ hasText: text });
}

/** A pupil chooses one question and casts the ballot. */
async function vote(page, question) {
  const region = page.getByRole("region", { name: "Vote" });
  await region.getByRole("radio", { name: question, exact: true }).check();
  await region.getByRole("button", { name: "Cast my vote" }).click();
  await expect(region.getByRole("status")).toBeVisible();
}

test("the teacher types in a live lesson over a slow connection, and every keystroke stays where it was typed", async ({ browser }) => {
  test.setTimeout(120_000);
  // The teacher's laptop on slow school Wi-Fi: everything the server sends arrives 400 ms late.
  const context = await browser.newContext();
  await context.routeWebSocket(/\/ws$/, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((message) => server.send(message));
    server.onMessage((message) => setTimeout(() => ws.send(message), 400));
    ws.onClose(() => server.close());
    server.onClose((code, reason) => ws.close({ code, reason }));
  });
  const { teacher } = await teacherWithLesson(context);
  await teacher.getByRole("link", { name: "← Back to the plan" }).click();
  await goLive(teacher);

  const criteria = teacher.getByRole("region", { name: "Success criteria" });
  await teacher.getByLabel("Add a success criterion").fill("I can");
  await criteria.getByRole("button", { name: "Add" }).click();
  const field = criteria.getByRole("textbox", { name: "Success criterion 1", exact: true });
  // It shows at once, before the server has answered.
  await expect(field).toHaveValue("I can");
  await field.press("End");
  const words = " give a reason why a white lie can still hurt.";
  await field.pressSequentially(words, { delay: 25 });
  await expect(field).toHaveValue(`I can${words}`);

  // Once the server has answered everything, the field and the stored lesson hold every word.
  await expect
    .poll(() => teacher.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("withme.live-lesson-outbox."))))
    .toEqual([]);
  await expect(field).toHaveValue(`I can${words}`);
  await expect
    .poll(async () => {
      const text = await storedText(teacher);
      const lesson = JSON.parse(text).library.lessons.find((l) => l.plan.title === "Is it ever right to lie?");
      return lesson.plan.criteria?.map((c) => c.text);
    })
    .toEqual([`I can${words}`]);
  await expect(panel(teacher).getByTestId("connection")).toHaveText("Live");
  await context.close();
});

test("a group shares one tablet: let in as a group, each member taps their name, an idea is credited to two of them, and each casts their own ballot", async ({ context, browser }) => {
  test.setTimeout(180_000);
  const { teacher } = await teacherWithLesson(context);
  // Two groups for the lesson.
  await teacher.getByRole("link", { name: "← Back to the plan" }).click();
  await teacher.getByRole("link", { name: "Groups and roles" }).click();
  await teacher.getByRole("radio", { name: "Number of groups" }).check();
  await teacher.getByLabel("How many groups").fill("2");
  await teacher.getByRole("button", { name: "Make groups" }).click();
  await expect(teacher.locator(".group-grid .group-card")).toHaveCount(2);
  await teacher.getByRole("link", { name: "← Back to the plan" }).click();
  await teacher.getByRole("link", { name: "Run the enquiry" }).click();
  const code = await goLive(teacher);

  const tablet = await newDevice(browser);
  const page = tablet.page;
  await page.goto("/join");
  await page.getByLabel("Code on the board").fill(code);
  await page.getByRole("button", { name: "Join" }).click();
  await expect(page.getByRole("heading", { name: "Sharing this tablet with your group?" })).toBeVisible();
  // Three pupils in two groups: the group of two shares this tablet.
  const groupButtons = page.getByRole("button", { name: /^Group \d/ });
  await expect(groupButtons).toHaveCount(2);
  let number;
  let members;
  for (const button of await groupButtons.all()) {
    const names = (await button.locator("span").innerText()).split(", ");
    if (names.length === 2) {
      members = names;
      number = (await button.locator("strong").innerText()).replace("Group ", "");
      await button.click();
      break;
    }
  }
  expect(members.every((name) => PUPILS.includes(name))).toBe(true);
  await expect(page.getByRole("heading", { name: `Hi, Group ${number}!` })).toBeVisible();

  // The teacher sees the group and lets it in.
  const label = `Group ${number} (${members.join(", ")})`;
  await panel(teacher).getByRole("button", { name: `Let ${label} in`, exact: true }).click();
  await expect(page.getByRole("heading", { name: "Whose turn is it?" })).toBeVisible();
  await expect(panel(teacher).getByRole("listitem").filter({ hasText: members.join(", ") })).toBeVisible();
  // Only the group's members are offered.
  for (const name of PUPILS) {
    await expect(page.getByRole("button", { name, exact: true })).toHaveCount(members.includes(name) ? 1 : 0);
  }

  // The first member suggests an idea with the second.
  const [first, second] = members;
  await page.getByRole("button", { name: first, exact: true }).click();
  await expect(page.getByRole("heading", { name: `Hi, ${first}!` })).toBeVisible();
  await page.getByRole("radio", { name: "Success criterion" }).check();
  await page.getByText("Suggesting with a partner or a group?").click();
  await page.getByRole("checkbox", { name: second, exact: true }).check();
  await page.getByLabel("Your idea").fill("I can say why a lie hurts");
  await page.getByRole("button", { name: "Send to my teacher" }).click();
  await expect(page.getByRole("region", { name: "My ideas" }).getByText("I can say why a lie hurts", { exact: true })).toBeVisible();

  // The teacher's stored lesson credits it to both.
  const storedLesson = async () => {
    const text = await storedText(teacher);
    const library = JSON.parse(text).library;
    const lesson = library.lessons.find((l) => l.plan.title === "Is it ever right to lie?");
    const roster = library.classes.find((c) => c.id === lesson.plan.class).pupils;
    const nameOf = (id) => roster.find((p) => p.id === id)?.name;
    return { lesson, nameOf };
  };
  await expect
    .poll(async () => {
      const { lesson, nameOf } = await storedLesson();
      return (lesson.proposals ?? []).map((p) => p.authors.map(nameOf));
    })
    .toEqual([members]);

  // A vote: the teacher approves a question and opens the vote; each member votes in turn.
  const asked = ["Is a kind lie still a lie?", "Do animals lie?"];
  for (const question of asked) {
    await page.getByLabel("Your question").fill(question);
    await page.getByRole("button", { name: "Send my question" }).click();
    await expect(page.getByRole("region", { name: "My questions" }).getByText(question)).toBeVisible();
  }
  await teacher.getByRole("button", { name: "Questions", exact: true }).click();
  for (const question of asked) {
    await card(teacher, question).getByRole("button", { name: "Approve" }).click();
    await card(teacher, question).getByRole("checkbox", { name: "Goes to the vote" }).check();
  }
  await teacher.getByRole("button", { name: "Open the vote" }).click();
  await vote(page, "Is a kind lie still a lie?");
  await page.getByRole("button", { name: `Done, ${first}? Pass the tablet on` }).click();
  await expect(page.getByRole("heading", { name: "Whose turn is it?" })).toBeVisible();
  await page.getByRole("button", { name: second, exact: true }).click();
  await expect(page.getByRole("heading", { name: `Hi, ${second}!` })).toBeVisible();
  // The idea is theirs too.
  await expect(page.getByRole("region", { name: "My ideas" }).getByText("I can say why a lie hurts", { exact: true })).toBeVisible();
  await vote(page, "Do animals lie?");
  await expect
    .poll(async () => {
      const { lesson, nameOf } = await storedLesson();
      const ballots = lesson.enquiry?.polls?.[0]?.ballots ?? {};
      return Object.keys(ballots).map(nameOf).sort();
    })
    .toEqual([...members].sort());
  await tablet.context.close();
});

test("the teacher's changes made offline in a live lesson survive closing the tab, and reach the server from the next window", async ({ browser }) => {
  test.setTimeout(120_000);
  const laptop = await newDevice(browser);
  const { teacher } = await teacherWithLesson(laptop.context);
  await goLive(teacher);
  await teacher.getByRole("link", { name: "← Back to the plan" }).click();
  const planUrl = teacher.url();
  const connection = panel(teacher).getByTestId("connection");

  // The Wi-Fi drops; the teacher adds a success criterion anyway, then closes the tab.
  await laptop.cable.pull();
  await expect(connection).toHaveText("Reconnecting…");
  await teacher.getByLabel("Add a success criterion").fill("I can explain why");
  await teacher.getByRole("region", { name: "Success criteria" }).getByRole("button", { name: "Add" }).click();
  await expect(connection).toHaveText(/^Reconnecting… · \d+ changes? waiting on this device$/);
  const outbox = (page) =>
    page.evaluate(() =>
      Object.keys(localStorage)
        .filter((k) => k.startsWith("withme.live-lesson-outbox."))
        .map((k) => localStorage.getItem(k))
        .join(""),
    );
  await expect.poll(() => outbox(teacher)).toContain("I can explain why");
  await teacher.close();

  // Back online, the next window sends it: the server's copy has it, and so does the library.
  laptop.cable.plugIn();
  const again = await laptop.context.newPage();
  await again.goto(planUrl);
  await expect(panel(again).getByTestId("connection")).toHaveText("Live");
  await expect.poll(() => outbox(again)).toBe("");
  const criteria = again.getByRole("region", { name: "Success criteria" });
  await expect(criteria.getByRole("textbox", { name: "Success criterion 1", exact: true })).toHaveValue("I can explain why");
  await expect
    .poll(async () => {
      const text = await storedText(again);
      const lesson = JSON.parse(text).library.lessons.find((l) => l.plan.title === "Is it ever right to lie?");
      return lesson.plan.criteria?.map((c) => c.text);
    })
    .toEqual(["I can explain why"]);
  // A Board joining now is sent it by the server.
  const boardLink = await panel(again).getByLabel("Board link").inputValue();
  const board = await newDevice(browser);
  await board.page.goto(boardLink);
  await expect(board.page.getByText("I can explain why")).toBeVisible();
  await board.context.close();
  await laptop.context.close();
});

test("a live lesson can't be deleted while it runs; once ended it goes in the bin, and emptying the bin deletes it for good", async ({ context }) => {
  const TITLE = "Is it ever right to lie?";
  const { teacher, app } = await teacherWithLesson(context);
  await goLive(teacher);
  const storedLesson = async () => {
    const text = await app.stored();
    return JSON.parse(text).library.lessons.find((l) => l.plan.title === TITLE) ?? null;
  };

  await app.openLibrary();
  await teacher.getByRole("button", { name: `Delete ${TITLE}` }).click();
  await expect(teacher.getByRole("status").getByText("This lesson is live. End the live lesson first, then delete it.")).toBeVisible();
  await expect(app.lessonLink(TITLE)).toBeVisible();
  await expect(teacher.getByText(/^Bin \(/)).toHaveCount(0);
  await app.waitUntilSaved();
  expect((await storedLesson())?.deleted_at ?? null, "the live lesson stays out of the bin").toBeNull();

  await app.lessonLink(TITLE).click();
  await teacher.getByRole("link", { name: "Run the enquiry" }).click();
  await panel(teacher).getByRole("button", { name: "End live lesson" }).click();
  await panel(teacher).getByRole("button", { name: "End it now" }).click();
  await expect(panel(teacher).getByRole("button", { name: "Go live" })).toBeVisible();

  await app.openLibrary();
  await teacher.getByRole("button", { name: `Delete ${TITLE}` }).click();
  await expect(app.lessonLink(TITLE)).toHaveCount(0);
  await teacher.getByText("Bin (1)").click();
  await teacher.getByRole("button", { name: "Empty the bin…" }).click();
  await teacher.getByRole("button", { name: "Delete for good" }).click();
  await expect(teacher.getByText("Emptied the bin: 1 lesson deleted for good.")).toBeVisible();
  await app.waitUntilSaved();
  await teacher.reload();
  await expect(teacher.getByRole("heading", { name: "Lessons", level: 1 })).toBeVisible();
  expect(await storedLesson()).toBeNull();
  const keys = await teacher.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("withme.live-lesson")));
  expect(keys).toEqual([]);
});

test("a live lesson is never offered for archiving, however old", async ({ context }) => {
  const { teacher, app } = await teacherWithLesson(context);
  await app.openLibrary();
  const panel = teacher.getByRole("region", { name: "Archive old lessons" });
  await panel.getByLabel("Lessons from before").fill("2099-01-01");
  await expect(panel.getByTestId("archive-count")).toHaveText(/^1 lesson from before/);

  await app.lessonLink("Is it ever right to lie?").click();
  await teacher.getByRole("link", { name: "Run the enquiry" }).click();
  await goLive(teacher);
  await app.openLibrary();
  await panel.getByLabel("Lessons from before").fill("2099-01-01");
  await expect(panel.getByTestId("archive-count")).toHaveText("No lessons from before Thu 1 Jan 2099.");
  await expect(panel.getByRole("button", { name: "Download the archive" })).toBeDisabled();
});

test("a live lesson's class can't be deleted or swapped for another while it runs", async ({ context }) => {
  const TITLE = "Is it ever right to lie?";
  const { teacher, app } = await teacherWithLesson(context);
  await goLive(teacher);
  const stored = async () => JSON.parse(await app.stored()).library;

  await teacher.getByRole("link", { name: "← Back to the plan" }).click();
  await teacher.getByLabel("Class", { exact: true }).selectOption({ label: "No class yet" });
  await expect(teacher.getByText("This class is in a live lesson. End the live lesson first.")).toBeVisible();
  await expect(teacher.getByLabel("Class", { exact: true }).locator("option:checked")).toHaveText("Year 6 Ash");

  await teacher.getByRole("link", { name: "Classes", exact: true }).click();
  const card = teacher.getByRole("region", { name: "Year 6 Ash" });
  await card.getByRole("button", { name: "Delete class…" }).click();
  await card.getByRole("button", { name: "Delete for good" }).click();
  await expect(teacher.getByText("This class is in a live lesson. End the live lesson first.")).toBeVisible();
  await expect(card).toBeVisible();
  await app.waitUntilSaved();
  const library = await stored();
  const ash = library.classes.find((c) => c.name === "Year 6 Ash");
  expect(ash?.pupils.map((p) => p.name)).toEqual(PUPILS);
  expect(library.lessons.find((l) => l.plan.title === TITLE).plan.class).toBe(ash.id);
});

/** Where the join form's heading, code box and button are drawn, to the pixel. */
function formLayout(page) {
  return page.evaluate(() =>
    ["h1", "#join-code", "form button[type=submit]"].map((selector) => {
      const box = document.querySelector(selector).getBoundingClientRect();
      return [selector, Math.round(box.x), Math.round(box.y), Math.round(box.width), Math.round(box.height)];
    }),
  );
}

/** Holds back the Pupil app's wasm for `device` (a slow tablet) until the returned function is called. */
async function holdTheApp(device) {
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await device.context.route("**/*_bg.wasm", async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

test("on a slow tablet the join page shows its form before the app has loaded, with the code of a QR code's address in it; what was typed carries into the app, and Join pressed early still joins", async ({ context, browser }) => {
  const { teacher } = await teacherWithLesson(context);
  const code = await goLive(teacher);
  const typed = `${code.slice(0, 3).toLowerCase()} ${code.slice(3)}`;

  const amira = await newTablet(browser);
  const releaseAmira = await holdTheApp(amira);
  await amira.page.goto("/join", { waitUntil: "commit" });
  await expect(amira.page.getByLabel("Code on the board")).toBeVisible();
  await expect(amira.page.getByText("Reading options"), "the app has not started").toHaveCount(0);
  expect(await accessibilityProblems(amira.page)).toEqual([]);
  await amira.page.getByLabel("Code on the board").fill(typed);
  const early = await formLayout(amira.page);
  releaseAmira();
  await expect(amira.page.getByText("Reading options")).toBeVisible();
  expect(await formLayout(amira.page), "the app's form is drawn where the early one was").toEqual(early);
  await expect(amira.page.getByLabel("Code on the board")).toHaveValue(typed);
  await expect(amira.page.getByLabel("Code on the board")).toBeFocused();
  await expect(amira.page.getByRole("button", { name: "Join" })).toHaveCount(1);
  await amira.page.getByRole("button", { name: "Join" }).click();
  await amira.page.getByRole("button", { name: "Amira", exact: true }).click();
  await expect(amira.page.getByText("Waiting for your teacher to let you in…")).toBeVisible();

  const ben = await newTablet(browser);
  const releaseBen = await holdTheApp(ben);
  await ben.page.goto("/join", { waitUntil: "commit" });
  await ben.page.getByLabel("Code on the board").fill(typed);
  await ben.page.getByRole("button", { name: "Join" }).click();
  await expect(ben.page).toHaveURL(/\/join\?code=/);
  // Until the app starts, the page says so, with the code still in its box.
  const stillLoading = ben.page.getByRole("status").filter({ hasText: "Withme is still loading on this tablet." });
  await expect(stillLoading).toBeVisible();
  await expect(ben.page.getByLabel("Code on the board")).toHaveValue(typed);
  expect(await accessibilityProblems(ben.page)).toEqual([]);
  releaseBen();
  await ben.page.getByRole("button", { name: "Ben", exact: true }).click();
  await expect(stillLoading).toHaveCount(0);
  await expect(ben.page.getByText("Waiting for your teacher to let you in…")).toBeVisible();
  await expect(panel(teacher).getByRole("listitem").filter({ hasText: "Ben" })).toBeVisible();

  // The Board's QR code opens the join page with the code in its address: before the app has
  // loaded the page shows the form with that code in its box, and the app then joins with it.
  const chloe = await newTablet(browser);
  const releaseChloe = await holdTheApp(chloe);
  await chloe.page.goto(`/join/${code}`, { waitUntil: "commit" });
  await expect(chloe.page.getByLabel("Code on the board")).toHaveValue(code);
  await expect(chloe.page.getByText("Reading options"), "the app has not started").toHaveCount(0);
  expect(await accessibilityProblems(chloe.page)).toEqual([]);
  releaseChloe();
  await chloe.page.getByRole("button", { name: "Chloé", exact: true }).click();
  await expect(chloe.page.getByText("Waiting for your teacher to let you in…")).toBeVisible();
  await amira.context.close();
  await ben.context.close();
  await chloe.context.close();
});

test("the join page paints its form from the page alone, styled, and fetches the Pupil app's wasm only once it is shown", async ({ browser }) => {
  const tablet = await newTablet(browser);
  const fetched = [];
  tablet.page.on("request", (request) => fetched.push(new URL(request.url()).pathname));
  await tablet.page.goto("/join");
  await expect(tablet.page.getByText("Reading options"), "the app has started").toBeVisible();
  const { shown, wasm, styled } = await tablet.page.evaluate(() => ({
    shown: performance.getEntriesByName("first-contentful-paint")[0]?.startTime,
    wasm: performance.getEntriesByType("resource").find((file) => file.name.endsWith("_bg.wasm"))?.startTime,
    styled: document.head.querySelectorAll("style").length,
  }));
  expect(shown, "the form was painted").toBeGreaterThan(0);
  expect(wasm, "the app's wasm was fetched after the form was shown").toBeGreaterThanOrEqual(shown);
  expect(styled, "the page carries its own styles").toBe(1);
  expect(fetched.filter((path) => path.endsWith(".css")), "no stylesheet was waited for").toEqual([]);
  await expectAccessible(tablet.page, "the join page");
  await tablet.context.close();
});

test("the join page runs the Pupil app only as it was built: a wasm changed on the way is refused", async ({ browser }) => {
  const tablet = await newTablet(browser);
  await tablet.context.route("**/*_bg.wasm", async (route) => {
    const response = await route.fetch();
    // Still a valid module: a custom section named "x" added at its end.
    const body = Buffer.concat([await response.body(), Buffer.from([0, 2, 1, 0x78])]);
    await route.fulfill({ status: 200, contentType: "application/wasm", body });
  });
  const refused = tablet.page.waitForEvent("console", (message) => /integrity/i.test(message.text()));
  await tablet.page.goto("/join");
  await refused;
  await expect(tablet.page.getByLabel("Code on the board"), "the server's form stays").toBeVisible();
  await expect(tablet.page.getByText("Reading options"), "the app did not start").toHaveCount(0);
  await expect(didNotLoad(tablet.page), "the tablet says so").toBeVisible();
  await tablet.context.close();
});

/** What a page says when its app never started. */
function didNotLoad(page) {
  return page.getByRole("alert").filter({ hasText: "Withme didn't finish loading on this device." });
}

test("a tablet whose Pupil app never arrives says so instead of waiting for ever, even one that keeps a seat, and “Try again” then loads it, whose own errors later are not taken for a failed load", async ({ browser }) => {
  const tablet = await newTablet(browser, { serviceWorkers: "block" });
  await tablet.context.route("**/*_bg.wasm", (route) => route.abort("internetdisconnected"));
  await tablet.page.goto("/join");
  await expect(didNotLoad(tablet.page)).toBeVisible();
  await expect(tablet.page.getByLabel("Code on the board"), "the server's form stays, and still works").toBeVisible();
  expect(await accessibilityProblems(tablet.page)).toEqual([]);

  // A tablet with a seat is not left saying "Joining…" for ever.
  await tablet.page.evaluate(() => localStorage.setItem("withme.seat", "{}"));
  await tablet.page.reload();
  await expect(didNotLoad(tablet.page)).toBeVisible();
  await expect(tablet.page.getByRole("heading", { name: "Joining…" })).toBeHidden();
  await tablet.page.evaluate(() => localStorage.removeItem("withme.seat"));

  await tablet.context.unroute("**/*_bg.wasm");
  await tablet.page.getByRole("link", { name: "Try again" }).click();
  await expect(tablet.page.getByText("Reading options"), "the app has started").toBeVisible();
  await expect(didNotLoad(tablet.page)).toHaveCount(0);
  await tablet.page.getByRole("button", { name: "Join" }).click();
  await expect(tablet.page.getByRole("alert"), "the app answers").toHaveText("Type the code on the board.");
  // Once the app runs, an error on the page is no longer taken for a failed load.
  const thrown = tablet.page.waitForEvent("pageerror");
  await tablet.page.evaluate(() => setTimeout(() => { throw new Error("after the start"); }));
  await thrown;
  await expect(didNotLoad(tablet.page)).toHaveCount(0);
  await tablet.context.close();
});
