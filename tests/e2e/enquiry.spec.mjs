import { test, expect, Withme, makeClass, storedText } from "./withme.mjs";

const PUPILS = ["Amira", "Ben", "Chloé", "Dev", "Ela"];

/** The Pupil view, as the pupil named `name` (switching from whoever used the tablet last). */
async function asPupil(page, name) {
  const notMe = page.getByRole("button", { name: /^Not .*\? Choose your name again$/ });
  if (await notMe.isVisible()) await notMe.click();
  await page.getByRole("button", { name, exact: true }).click();
  await expect(page.getByRole("heading", { name: `Hi, ${name}!` })).toBeVisible();
}

async function ask(page, text, { with: partners = [] } = {}) {
  await page.getByLabel("Your question").fill(text);
  if (partners.length) {
    await page.getByText("Asking with a partner or a group?").click();
    for (const partner of partners) await page.getByRole("checkbox", { name: partner, exact: true }).check();
  }
  await page.getByRole("button", { name: "Send my question" }).click();
  await expect(page.getByRole("region", { name: "My questions" }).getByText(text, { exact: true })).toBeVisible();
}

/** A pupil ticks questions (multi-vote without stacking) and casts the ballot. */
async function voteFor(page, questions) {
  const vote = page.getByRole("region", { name: "Vote" });
  for (const q of questions) await vote.getByRole("checkbox", { name: q, exact: true }).check();
  await vote.getByRole("button", { name: "Cast my vote" }).click();
  await expect(vote.getByRole("status")).toHaveText("Your vote is in. You can change it until the vote closes.");
}

/** A pupil chooses one question in a single vote. */
async function voteOne(page, question) {
  const vote = page.getByRole("region", { name: "Vote" });
  await vote.getByRole("radio", { name: question, exact: true }).check();
  await vote.getByRole("button", { name: "Cast my vote" }).click();
  await expect(vote.getByRole("status")).toBeVisible();
}

function card(page, text) {
  return page.getByRole("region", { name: /^Questions/ }).getByRole("listitem").filter({ hasText: text });
}

test("a whole enquiry: questions made, moderated, sorted, a blind multi-vote, a run-off, the winner in the plan", async ({ context }) => {
  test.setTimeout(240_000);
  const teacher = await context.newPage();
  const app = new Withme(teacher);
  await makeClass(teacher, "Year 6 Ash", PUPILS);
  await app.openLibrary();
  const planner = await app.newLessonFor("Is it ever right to lie?", "Year 6 Ash");
  await app.waitUntilSaved();
  await teacher.getByRole("link", { name: "Run the enquiry" }).click();
  await expect(teacher.getByRole("heading", { name: "Enquiry", level: 1 })).toBeVisible();
  const lessonUrl = planner.replace(/\/$/, "");

  // Stimulus and thinking time, shown on the Board.
  await teacher.getByLabel("Stimulus", { exact: true }).fill("The boy who cried wolf.");
  await teacher.getByRole("button", { name: "Save stimulus" }).click();
  await teacher.getByLabel("Thinking time", { exact: true }).selectOption({ label: "2 minutes" });
  await teacher.getByRole("button", { name: "Start thinking time" }).click();
  const board = await context.newPage();
  await board.goto(`${lessonUrl}/board`);
  await expect(board.getByText("The boy who cried wolf.")).toBeVisible();
  await expect(board.getByRole("timer")).toHaveText(/^(2:00|1:5\d)$/);
  await expect(teacher.getByRole("timer")).toHaveText(/^(2:00|1:[45]\d)$/);
  await teacher.getByRole("button", { name: "Stop thinking time" }).click();
  await expect(board.getByRole("timer")).toHaveCount(0);
  await teacher.getByRole("button", { name: "Start thinking time" }).click();

  // Pupils ask questions: alone, as a pair, with a stem.
  const tablet = await context.newPage();
  await tablet.goto(`${lessonUrl}/pupil`);
  await asPupil(tablet, "Amira");
  await expect(tablet.getByText("The boy who cried wolf.")).toBeVisible();
  await tablet.getByText("Need a start? Tap a question stem").click();
  await tablet.getByRole("button", { name: "Is it ever right to…?" }).click();
  // The stem leaves the caret where the pupil types, with nothing to delete.
  await expect(tablet.getByLabel("Your question")).toHaveValue("Is it ever right to ?");
  await expect(tablet.getByLabel("Your question")).toBeFocused();
  await tablet.keyboard.type("lie to a friend");
  await expect(tablet.getByLabel("Your question")).toHaveValue("Is it ever right to lie to a friend?");
  await tablet.getByRole("button", { name: "Send my question" }).click();
  await expect(tablet.getByRole("region", { name: "My questions" }).getByText("Is it ever right to lie to a friend?", { exact: true })).toBeVisible();
  await ask(tablet, "Why is lying wrong?");
  await asPupil(tablet, "Ben");
  await ask(tablet, "Can a lie be kind?", { with: ["Chloé"] });
  await asPupil(tablet, "Chloé");
  await ask(tablet, "Is a kind lie still a lie?");
  await asPupil(tablet, "Dev");
  await ask(tablet, "lies");
  await asPupil(tablet, "Ela");
  await ask(tablet, "Do animals lie?");

  // Nothing reaches the Board until approved.
  await teacher.getByRole("button", { name: "Questions", exact: true }).click();
  await expect(board.getByRole("heading", { name: "Our questions (0)" })).toBeVisible();
  await expect(teacher.getByRole("heading", { name: "Questions (6 waiting)" })).toBeVisible();
  await expect(card(teacher, "Can a lie be kind?")).toContainText("by Ben and Chloé");
  for (const q of ["Is it ever right to lie to a friend?", "Why is lying wrong?", "Can a lie be kind?", "Is a kind lie still a lie?", "Do animals lie?"]) {
    await card(teacher, q).getByRole("button", { name: "Approve" }).click();
  }
  await expect(board.getByRole("heading", { name: "Our questions (5)" })).toBeVisible();

  // One sent back and reworded.
  await card(teacher, "lies").getByRole("button", { name: "Send back" }).click();
  await teacher.getByLabel("A kind note for the pupils").fill("Can you make it a whole question?");
  await teacher.getByRole("button", { name: "Send back", exact: true }).click();
  await asPupil(tablet, "Dev");
  await expect(tablet.getByText("Your teacher says: “Can you make it a whole question?”")).toBeVisible();
  await tablet.getByLabel("Reword your question").fill("Why do people lie?");
  await tablet.getByRole("button", { name: "Send again" }).click();
  await card(teacher, "Why do people lie?").getByRole("button", { name: "Approve" }).click();

  // Two merged, keeping every author.
  await card(teacher, "Can a lie be kind?").getByRole("checkbox", { name: "Select “Can a lie be kind?” to merge" }).check();
  await card(teacher, "Is a kind lie still a lie?").getByRole("checkbox", { name: "Select “Is a kind lie still a lie?” to merge" }).check();
  // The screen says the merge approves it, before and after.
  await expect(teacher.getByText("2 questions chosen to merge. The merged question is approved: it goes on the Board at once.")).toBeVisible();
  await teacher.getByLabel("Wording for the merged question").fill("Can a kind lie still be wrong?");
  await teacher.getByRole("button", { name: "Merge into one" }).click();
  await expect(teacher.getByText("Merged 2 questions into one, approved and on the Board. Every author is kept.")).toBeVisible();
  await expect(card(teacher, "Can a kind lie still be wrong?")).toContainText("by Ben and Chloé");
  await expect(card(teacher, "Can a lie be kind?")).toHaveCount(0);

  // Categorised: tap a question, tap its quarter; tag a Bloom level.
  const quadrant = teacher.getByRole("region", { name: "Question quadrant" });
  await quadrant.getByRole("button", { name: "Can a kind lie still be wrong?" }).click();
  await quadrant.getByRole("button", { name: "Put here: Open and deep" }).click();
  await expect(quadrant.locator(".quadrant-cell").nth(3)).toContainText("Can a kind lie still be wrong?");
  // Or dragged there.
  await quadrant.getByRole("button", { name: "Do animals lie?" }).dragTo(quadrant.locator(".quadrant-cell").nth(0));
  await expect(quadrant.locator(".quadrant-cell").nth(0)).toContainText("Do animals lie?");
  // The Board groups the questions by quadrant once any is sorted.
  await expect(board.getByRole("heading", { name: "Closed and surface", level: 3 })).toBeVisible();
  await expect(board.getByRole("heading", { name: "Open and deep", level: 3 })).toBeVisible();
  await expect(board.getByRole("heading", { name: "Not sorted yet", level: 3 })).toBeVisible();
  await card(teacher, "Do animals lie?").getByLabel("Bloom level").selectOption("Remember");
  await expect(card(teacher, "Do animals lie?").getByLabel("Bloom level")).toHaveValue("Remember");

  // Airing: one question at a time, large, on the Board.
  await card(teacher, "Do animals lie?").getByRole("button", { name: "Air on Board: “Do animals lie?”" }).click();
  await expect(board.getByText(/^Question \d of 5$/)).toBeVisible();
  await expect(board.locator(".airing")).toHaveText("Do animals lie?");
  await board.getByRole("button", { name: /^Next: question \d of 5$/ }).click();
  await expect(board.locator(".airing")).not.toHaveText("Do animals lie?");

  // Four go forward to a blind multi-vote: 3 votes each, no stacking.
  const forward = ["Is it ever right to lie to a friend?", "Can a kind lie still be wrong?", "Do animals lie?", "Why do people lie?"];
  // The count agrees with the ticked boxes, and says so when none is ticked.
  await expect(teacher.getByText("None is ticked, so all 5 approved questions go to the vote.")).toBeVisible();
  await card(teacher, forward[0]).getByRole("checkbox", { name: "Goes to the vote" }).check();
  await expect(teacher.getByText("1 ticked question goes to the vote.")).toBeVisible();
  for (const q of forward) await card(teacher, q).getByRole("checkbox", { name: "Goes to the vote" }).check();
  await expect(teacher.getByText("4 ticked questions go to the vote.")).toBeVisible();
  await teacher.getByLabel("Voting method").selectOption({ label: "Multi-vote" });
  await teacher.getByLabel("Votes each").fill("3");
  await teacher.getByRole("checkbox", { name: /^Blind vote/ }).check();
  await teacher.getByRole("button", { name: "Open the vote" }).click();
  await expect(board.getByText("0 of 5 have voted")).toBeVisible();

  await asPupil(tablet, "Amira");
  await voteFor(tablet, [forward[0], forward[1], forward[2]]);
  // Ben votes on his own tablet. It holds no one else's choice: nothing ticked, no count, no
  // results on screen, and what it stores (its outbox) is Ben's ballot alone.
  const bens = await context.newPage();
  // Record what Ben's tablet writes to its outbox, the only thing it sends.
  await bens.addInitScript(() => {
    const real = Storage.prototype.setItem;
    window.outboxWrites = [];
    Storage.prototype.setItem = function (key, value) {
      if (key.startsWith("withme.outbox.")) window.outboxWrites.push(value);
      return real.call(this, key, value);
    };
  });
  await bens.goto(`${lessonUrl}/pupil`);
  await asPupil(bens, "Ben");
  const benVote = bens.getByRole("region", { name: "Vote" });
  // The ballot is on screen (every choice) before anything is said of what it holds.
  for (const question of forward) {
    await expect(benVote.getByRole("checkbox", { name: question, exact: true })).toBeVisible();
  }
  await expect(benVote.getByRole("checkbox", { checked: true })).toHaveCount(0);
  await expect(bens.getByRole("table")).toHaveCount(0);
  await expect(bens.locator("body")).not.toContainText("have voted");
  await benVote.getByRole("checkbox", { name: forward[0], exact: true }).check();
  await benVote.getByRole("checkbox", { name: forward[1], exact: true }).check();
  await benVote.getByRole("checkbox", { name: forward[3], exact: true }).check();
  await benVote.getByRole("checkbox", { name: forward[2], exact: true }).check();
  await expect(benVote.getByText("4 of 3 votes used")).toBeVisible();
  await benVote.getByRole("button", { name: "Cast my vote" }).click();
  await expect(benVote.getByText("You can use at most 3 votes.")).toBeVisible();
  await benVote.getByRole("checkbox", { name: forward[2], exact: true }).uncheck();
  await benVote.getByRole("button", { name: "Cast my vote" }).click();
  await expect(benVote.getByRole("status")).toBeVisible();
  const roster = JSON.parse(await app.stored()).library.classes.find((c) => c.name === "Year 6 Ash").pupils;
  const idOf = (name) => roster.find((p) => p.name === name).id;
  const outbox = await bens.waitForFunction(() => {
    const sent = window.outboxWrites.map((text) => JSON.parse(text).submissions);
    return sent.some((ops) => ops.some((op) => op.command.cast_ballot)) ? sent : null;
  });
  const benBoxes = await outbox.jsonValue();
  expect(benBoxes.flat().every((op) => op.pupil === idOf("Ben"))).toBe(true);
  expect(JSON.stringify(benBoxes)).not.toContain(idOf("Amira"));
  await asPupil(tablet, "Chloé");
  await voteFor(tablet, [forward[0], forward[1], forward[3]]);

  // Blind: the Board and the teacher see only how many have voted.
  await expect(board.getByText("3 of 5 have voted")).toBeVisible();
  await expect(board.getByRole("table")).toHaveCount(0);
  await expect(teacher.getByText("3 of 5 have voted")).toBeVisible();
  await expect(teacher.getByRole("table")).toHaveCount(0);

  await teacher.getByRole("button", { name: "Close the vote" }).click();
  await expect(board.getByText("The results stay hidden until your teacher reveals them.")).toBeVisible();
  // No ballot after closing: the Pupil view's ballot is gone.
  await expect(tablet.getByRole("region", { name: "Vote" })).toHaveCount(0);
  await teacher.getByRole("button", { name: "Reveal the results" }).click();
  const results = board.getByRole("table");
  await expect(results.getByRole("row", { name: `${forward[0]} 3` })).toBeVisible();
  await expect(results.getByRole("row", { name: `${forward[1]} 3` })).toBeVisible();
  await expect(results.getByRole("row", { name: `${forward[3]} 2` })).toBeVisible();
  await expect(results.getByRole("row", { name: `${forward[2]} 1` })).toBeVisible();

  // The tie is broken by a run-off.
  await expect(teacher.getByRole("heading", { name: "A tie between 2 questions" })).toBeVisible();
  await teacher.getByRole("button", { name: "Run-off between the tied questions" }).click();
  await expect(board.getByText("0 of 5 have voted")).toBeVisible();
  await asPupil(tablet, "Amira");
  await voteOne(tablet, forward[1]);
  await asPupil(tablet, "Ben");
  await voteOne(tablet, forward[1]);
  await asPupil(tablet, "Dev");
  await voteOne(tablet, forward[0]);
  await teacher.getByRole("button", { name: "Close the vote" }).click();
  await teacher.getByRole("button", { name: "Reveal the results" }).click();
  await expect(teacher.getByText(`The class chose: ${forward[1]}`)).toBeVisible();

  await teacher.getByRole("button", { name: "Make it the enquiry question" }).click();
  // Notices never hide the work: scrolled to the end, the results and every control are above
  // the messages. The count's bars have their widths (set within the server's policy).
  await expect(teacher.locator(".notice-tray .notice")).not.toHaveCount(0);
  const coveredAtTheEnd = () =>
    teacher.evaluate(() => {
      window.scrollTo(0, document.documentElement.scrollHeight);
      const notices = document.querySelectorAll(".notice-tray .notice").length;
      if (notices === 0) return "no notices to check";
      const tray = document.querySelector(".notice-tray").getBoundingClientRect();
      // The page keeps room below its content for the messages.
      if (parseFloat(getComputedStyle(document.body).paddingBottom) < tray.height) return "no room kept for the messages";
      return [...document.querySelectorAll("main table, main button, main input, main select")]
        .filter((e) => {
          const r = e.getBoundingClientRect();
          return r.height > 0 && r.bottom > tray.top && r.top < tray.bottom && r.right > tray.left && r.left < tray.right;
        })
        .map((e) => e.textContent.trim().slice(0, 40) || e.outerHTML.slice(0, 60));
    });
  await expect.poll(coveredAtTheEnd, { timeout: 3_000 }).toEqual([]);
  const widths = await teacher.locator(".bar").evaluateAll((bars) => bars.map((bar) => bar.style.width));
  expect(widths.length).toBeGreaterThan(0);
  for (const width of widths) expect(width).toMatch(/^\d+%$/);
  expect(widths).toContain("100%");

  // The winner is in the plan; the rest are parked with their votes.
  const parking = teacher.getByRole("region", { name: "Parking lot" });
  await expect(parking.getByRole("listitem")).toHaveCount(4);
  await expect(parking.getByRole("listitem").filter({ hasText: forward[0] })).toContainText("by Amira · 3 votes");
  await expect(parking.getByRole("listitem").filter({ hasText: "Why is lying wrong?" })).toContainText("0 votes");

  // A misclick can be taken back, and the choice made again.
  await teacher.getByRole("button", { name: "Choose again" }).click();
  await expect(parking.getByRole("listitem")).toHaveCount(0);
  await teacher.getByRole("button", { name: "Make it the enquiry question" }).click();
  await expect(parking.getByRole("listitem")).toHaveCount(4);

  // All of it survives a reload.
  await teacher.reload();
  await expect(teacher.getByText(`The class's enquiry question: ${forward[1]}`)).toBeVisible();
  await expect(teacher.getByRole("region", { name: "Parking lot" }).getByRole("listitem")).toHaveCount(4);
  await teacher.goto(planner);
  await expect(teacher.getByRole("region", { name: "Decided in the lesson" })).toContainText(forward[1]);
  await board.reload();
  await expect(board.getByRole("table").getByRole("row", { name: `${forward[1]} 2` })).toBeVisible();

  // A later lesson pulls a parked question back.
  await app.openLibrary();
  await app.newLessonFor("Honesty, part two", "Year 6 Ash");
  await teacher.getByRole("link", { name: "Run the enquiry" }).click();
  await teacher.getByRole("button", { name: "Bring into this lesson: Do animals lie?" }).click();
  await expect(card(teacher, "Do animals lie?")).toContainText("On the Board");
  await expect(teacher.getByRole("region", { name: "Parking lot" }).getByRole("listitem")).toHaveCount(3);
});

test("pass-the-tablet secret ballot, a hands-up count, and the poll as CSV", async ({ context }) => {
  test.setTimeout(90_000);
  const teacher = await context.newPage();
  const app = new Withme(teacher);
  await makeClass(teacher, "Year 4 Elm", ["Amira", "Ben", "Chloé"]);
  await app.openLibrary();
  const planner = await app.newLessonFor("Why do leaves fall?", "Year 4 Elm");
  await app.waitUntilSaved();
  const lessonUrl = planner.replace(/\/$/, "");
  const tablet = await context.newPage();
  await tablet.goto(`${lessonUrl}/pupil`);
  await asPupil(tablet, "Amira");
  await ask(tablet, "Where do leaves go?");
  await ask(tablet, "Why are leaves green?");
  await teacher.goto(`${lessonUrl}/enquiry`);
  for (const q of ["Where do leaves go?", "Why are leaves green?"]) {
    await card(teacher, q).getByRole("button", { name: "Approve" }).click();
  }
  // Passing one tablet round needs a secret ballot: the passed tablet says so otherwise.
  await teacher.getByRole("button", { name: "Open the vote" }).click();
  await tablet.goto(`${lessonUrl}/pass`);
  await expect(tablet.getByRole("heading", { name: "This vote isn't secret" })).toBeVisible();
  await teacher.getByRole("button", { name: "Close the vote" }).click();
  await teacher.getByRole("checkbox", { name: /^Secret ballot/ }).check();
  await teacher.getByRole("button", { name: "Open the vote" }).click();

  // One tablet goes round: tap your name, vote, the screen clears.
  await expect(tablet.getByRole("heading", { name: "Pass the tablet: tap your name" })).toBeVisible();
  await tablet.getByRole("button", { name: "Ben", exact: true }).click();
  await expect(tablet.getByText(/^A secret vote: nobody will know how you voted, and once it is cast it can't be changed/)).toBeVisible();
  await tablet.getByRole("radio", { name: "Why are leaves green?" }).check();
  await tablet.getByRole("button", { name: "Cast my vote" }).click();
  await expect(tablet.getByRole("heading", { name: "Thank you!" })).toBeVisible();
  await expect(tablet.getByRole("radio")).toHaveCount(0);
  await tablet.getByRole("button", { name: "Next person" }).click();
  // Ben can't vote again: his name is spent for this secret vote.
  await expect(tablet.getByRole("button", { name: "Ben (voted)" })).toBeDisabled();
  await tablet.getByRole("button", { name: "Chloé", exact: true }).click();
  await expect(tablet.getByRole("radio", { checked: true })).toHaveCount(0);
  await tablet.getByRole("radio", { name: "Where do leaves go?" }).check();
  await tablet.getByRole("button", { name: "Cast my vote" }).click();
  await expect(teacher.getByText("2 of 3 have voted")).toBeVisible();
  // What is stored is the counts and who voted, never who chose what.
  const storedSecret = async () => {
    const stored = JSON.parse(await new Withme(teacher).stored());
    return stored.library.lessons.flatMap((l) => l.enquiry?.polls ?? []).find((p) => p.secret);
  };
  await expect.poll(async () => (await storedSecret()).secret_voters?.length).toBe(2);
  const secret = await storedSecret();
  expect(secret.ballots).toBeUndefined();
  expect(secret.boxed).toEqual([1, 1]);
  await teacher.getByRole("button", { name: "Close the vote" }).click();
  await expect(teacher.getByRole("heading", { name: "A tie between 2 questions" })).toBeVisible();

  // The teacher's choice breaks the tie, and says so.
  await teacher.getByRole("button", { name: "I choose “Why are leaves green?”" }).click();
  await expect(teacher.getByText("Chosen by the teacher in a tie: Why are leaves green?")).toBeVisible();
  const fs = await import("node:fs/promises");
  const downloaded = async () => {
    const download = teacher.waitForEvent("download");
    await teacher.getByRole("button", { name: "Download the results (CSV)" }).click();
    return fs.readFile(await (await download).path(), "utf8");
  };
  // The results record the tie and how it was broken.
  expect((await downloaded()).split("\r\n")).toContain("Why are leaves green?,1,tied; chosen by the teacher to break the tie");

  // A hands-up vote for a class without devices.
  await teacher.getByLabel("Voting method").selectOption({ label: "Hands up (you type the counts)" });
  await teacher.getByRole("button", { name: "Open the vote" }).click();
  await teacher.getByLabel("Hands for “Where do leaves go?”").fill("12");
  await teacher.getByLabel("Hands for “Why are leaves green?”").fill("17");
  await teacher.getByRole("button", { name: "Save the counts" }).click();
  await expect(teacher.getByRole("table").getByRole("row", { name: "Why are leaves green? 17" })).toBeVisible();
  await teacher.getByRole("button", { name: "Close the vote" }).click();
  expect(await downloaded()).toBe("Question,Hands,Result\r\nWhere do leaves go?,12,\r\nWhy are leaves green?,17,chosen\r\n");
});

test("ranked and stacked votes from the Pupil view; a hidden question is kept for the teacher only", async ({ context }) => {
  test.setTimeout(90_000);
  const teacher = await context.newPage();
  const app = new Withme(teacher);
  await makeClass(teacher, "Year 3 Birch", ["Amira", "Ben"]);
  await app.openLibrary();
  const planner = await app.newLessonFor("What is a home?", "Year 3 Birch");
  await app.waitUntilSaved();
  const lessonUrl = planner.replace(/\/$/, "");
  // The picture's host answers here (no request leaves the machine); every request the tablet
  // makes is recorded.
  await context.route("https://pictures.example/**", (route) =>
    route.fulfill({ contentType: "image/svg+xml", body: '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>' }),
  );
  const tablet = await context.newPage();
  const tabletRequests = [];
  tablet.on("request", (request) => tabletRequests.push(request.url()));
  await tablet.goto(`${lessonUrl}/pupil`);
  await asPupil(tablet, "Amira");
  const questions = ["Can a tent be a home?", "Do animals have homes?", "Why do people move?", "is this silly"];
  for (const q of questions) await ask(tablet, q);
  await teacher.goto(`${lessonUrl}/enquiry`);
  for (const q of questions.slice(0, 3)) await card(teacher, q).getByRole("button", { name: "Approve" }).click();

  // An image link: refused unless it is one; shown on the Board, never fetched by a tablet.
  await teacher.getByRole("radio", { name: "Image link" }).check();
  await teacher.getByLabel("Stimulus", { exact: true }).fill("a photo of a tent");
  await teacher.getByRole("button", { name: "Save stimulus" }).click();
  await expect(teacher.getByText("An image link starts with https:// (copy the picture's address).")).toBeVisible();
  await teacher.getByLabel("Stimulus", { exact: true }).fill("https://pictures.example/tent.jpg");
  await teacher.getByRole("button", { name: "Save stimulus" }).click();
  await teacher.getByRole("button", { name: "Stimulus", exact: true }).click();
  const board = await context.newPage();
  await board.goto(`${lessonUrl}/board`);
  await expect(board.getByRole("img", { name: "The stimulus picture" })).toHaveAttribute("src", "https://pictures.example/tent.jpg");
  await board.waitForFunction(() => document.querySelector("img[alt='The stimulus picture']")?.complete);
  await expect(tablet.getByText("Look at the picture on the Board.")).toBeVisible();
  await expect(tablet.locator("body")).not.toContainText("pictures.example");
  // The tablet's page shows its stimulus note, with no picture in it, and never asked for one.
  await expect(tablet.locator("img")).toHaveCount(0);
  expect(tabletRequests.filter((url) => url.includes("pictures.example"))).toEqual([]);
  expect(tabletRequests.length).toBeGreaterThan(0);

  // The teacher rewords a question; the authors stay.
  await card(teacher, "Why do people move?").getByRole("button", { name: "Edit" }).click();
  await teacher.getByLabel("Wording of the question").fill("Why do people move house?");
  await teacher.getByRole("button", { name: "Save", exact: true }).click();
  await expect(card(teacher, "Why do people move house?")).toContainText("by Amira");
  questions[2] = "Why do people move house?";
  await expect(tablet.getByRole("region", { name: "Our questions on the Board" })).toContainText("Why do people move house?");

  // Hidden: kept and shown to the teacher, gone from the Board and from other pupils. Approved
  // first, so it is on the Board and on Ben's tablet before it is hidden.
  await card(teacher, "is this silly").getByRole("button", { name: "Approve" }).click();
  await teacher.getByRole("button", { name: "Questions", exact: true }).click();
  await expect(board.locator("body")).toContainText("is this silly");
  await asPupil(tablet, "Ben");
  const onBoard = tablet.getByRole("region", { name: "Our questions on the Board" });
  await expect(onBoard).toContainText("is this silly");
  await card(teacher, "is this silly").getByRole("button", { name: "Hide" }).click();
  await expect(card(teacher, "is this silly")).toContainText("Hidden: only you see it");
  await expect(board.locator("body")).not.toContainText("is this silly");
  await expect(onBoard).toContainText(questions[0]);
  await expect(tablet.getByText("is this silly")).toHaveCount(0);
  await teacher.reload();
  await expect(card(teacher, "is this silly")).toContainText("Hidden: only you see it");

  // Ranked, counted by the Borda count.
  await teacher.getByLabel("Voting method").selectOption({ label: "Ranked (Borda count)" });
  await teacher.getByRole("button", { name: "Open the vote" }).click();
  await expect(teacher.getByText(/Borda count: with n questions/)).toBeVisible();
  const vote = tablet.getByRole("region", { name: "Vote" });
  const rows = vote.getByRole("listitem");
  await rows.filter({ hasText: questions[2] }).getByRole("combobox").selectOption("1");
  await rows.filter({ hasText: questions[0] }).getByRole("combobox").selectOption("2");
  await vote.getByRole("button", { name: "Cast my vote" }).click();
  await expect(vote.getByRole("status")).toBeVisible();
  await expect(teacher.getByRole("table").getByRole("row", { name: `${questions[2]} 2` })).toBeVisible();
  await expect(teacher.getByRole("table").getByRole("row", { name: `${questions[0]} 1` })).toBeVisible();
  await teacher.getByRole("button", { name: "Close the vote" }).click();
  await expect(teacher.getByText(`The class chose: ${questions[2]}`)).toBeVisible();

  // Multi-vote with stacking: two votes on one question.
  await teacher.getByLabel("Voting method").selectOption({ label: "Multi-vote" });
  await teacher.getByLabel("Votes each").fill("2");
  await teacher.getByRole("checkbox", { name: "Allow more than one vote on a question" }).check();
  await teacher.getByRole("button", { name: "Open the vote" }).click();
  await vote.getByRole("button", { name: `One vote more for “${questions[1]}”` }).click();
  await vote.getByRole("button", { name: `One vote more for “${questions[1]}”` }).click();
  await expect(vote.getByText("2 of 2 votes used")).toBeVisible();
  await vote.getByRole("button", { name: "Cast my vote" }).click();
  await expect(teacher.getByRole("table").getByRole("row", { name: `${questions[1]} 2` })).toBeVisible();
});

test("a tablet alone keeps its work, says so, and delivers it when a teacher's window opens", async ({ context }) => {
  const teacher = await context.newPage();
  const app = new Withme(teacher);
  await makeClass(teacher, "Year 2 Oak", ["Amira", "Ben"]);
  await app.openLibrary();
  const planner = await app.newLessonFor("Who needs water?", "Year 2 Oak");
  await app.waitUntilSaved();
  const lessonUrl = planner.replace(/\/$/, "");

  // A tablet opened with no teacher's window in the browser waits for one.
  await teacher.close();
  const early = await context.newPage();
  await early.goto(`${lessonUrl}/pupil`);
  await expect(early.getByRole("heading", { name: "Getting the lesson…" })).toBeVisible();
  await expect(early.getByText("Keep Withme open on the teacher's screen in this browser", { exact: false })).toBeVisible();
  const reopened = await context.newPage();
  await reopened.goto(lessonUrl);
  await expect(early.getByRole("heading", { name: "Who are you?" })).toBeVisible();
  await early.close();

  const tablet = await context.newPage();
  await tablet.goto(`${lessonUrl}/pupil`);
  await asPupil(tablet, "Amira");
  // The teacher's window has sent Amira's lesson (not only her greeting) before it closes.
  await expect(tablet.getByLabel("Your question")).toBeVisible();
  // The teacher's window closes: the tablet keeps the lesson it was sent, and its work.
  await reopened.close();
  await ask(tablet, "Do plants get thirsty?");
  await expect(tablet.getByRole("status").filter({ hasText: "Your work is kept on this tablet." })).toBeVisible();
  expect(await storedText(tablet)).not.toContain("Do plants get thirsty?");
  // It is on its way, and stays so across a reload: the tablet keeps it until answered.
  const mine = tablet.getByRole("region", { name: "My questions" });
  await expect(mine.getByRole("listitem").filter({ hasText: "Do plants get thirsty?" })).toContainText("Sending…");
  await tablet.reload();
  await expect(tablet.getByRole("heading", { name: "Hi, Amira!" })).toBeVisible();
  await expect(mine.getByRole("listitem").filter({ hasText: "Do plants get thirsty?" })).toContainText("Sending…");
  await ask(tablet, "Why do leaves droop?");

  const back = await context.newPage();
  await back.goto(`${lessonUrl}/enquiry`);
  await expect(card(back, "Do plants get thirsty?")).toContainText("by Amira");
  await expect(tablet.getByText("Your work is kept on this tablet.")).toHaveCount(0);
  await expect(card(back, "Why do leaves droop?")).toContainText("by Amira");
  await card(back, "Do plants get thirsty?").getByRole("button", { name: "Approve" }).click();
  await expect(mine).toContainText("On the Board!");
  // Both arrived once each, and the tablet's outbox is gone once they were answered.
  await expect(mine.getByRole("listitem")).toHaveCount(2);
  await expect(mine).not.toContainText("Sending…");
  await expect.poll(() => tablet.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("withme.outbox.")).length)).toBe(0);
});

test("a tablet is told when the teacher's window refuses what it sent", async ({ context }) => {
  const teacher = await context.newPage();
  const app = new Withme(teacher);
  await makeClass(teacher, "Year 3 Ash", ["Amira", "Ben"]);
  await app.openLibrary();
  const planner = await app.newLessonFor("Where does rain go?", "Year 3 Ash");
  await app.waitUntilSaved();
  const lessonUrl = planner.replace(/\/$/, "");
  await teacher.goto(`${lessonUrl}/enquiry`);
  const tablet = await context.newPage();
  await tablet.goto(`${lessonUrl}/pupil`);
  await asPupil(tablet, "Ben");
  // Ten questions may wait at once; the eleventh is refused by the teacher's window, and the
  // tablet says why instead of showing it as sent.
  for (let n = 1; n <= 10; n++) await ask(tablet, `Question number ${n}?`);
  await tablet.getByLabel("Your question").fill("Question number 11?");
  await tablet.getByRole("button", { name: "Send my question" }).click();
  await expect(card(teacher, "Question number 10?")).toBeVisible();
  await expect(tablet.getByText("That didn't go through: You have 10 questions waiting already. Your teacher will look at them soon.")).toBeVisible();
  const mine = tablet.getByRole("region", { name: "My questions" });
  await expect(mine.getByRole("listitem")).toHaveCount(10);
  await expect(mine).not.toContainText("Question number 11?");
  await expect(card(teacher, "Question number 11?")).toHaveCount(0);
});

test("an operation a tablet sends twice is stored once and answered both times", async ({ context }) => {
  const teacher = await context.newPage();
  const app = new Withme(teacher);
  await makeClass(teacher, "Year 1 Fir", ["Amira", "Ben"]);
  await app.openLibrary();
  const planner = await app.newLessonFor("Snails", "Year 1 Fir");
  await app.waitUntilSaved();
  const lessonUrl = planner.replace(/\/$/, "");
  await teacher.goto(`${lessonUrl}/enquiry`);
  const tablet = await context.newPage();
  await tablet.addInitScript(() => {
    const real = Storage.prototype.setItem;
    window.outboxWrites = [];
    Storage.prototype.setItem = function (key, value) {
      if (key.startsWith("withme.outbox.")) window.outboxWrites.push([key, value]);
      return real.call(this, key, value);
    };
  });
  await tablet.goto(`${lessonUrl}/pupil`);
  await asPupil(tablet, "Amira");
  await ask(tablet, "Do snails sleep?");
  await expect(card(teacher, "Do snails sleep?")).toBeVisible();
  // Answered, the tablet's outbox and its answers are gone.
  const waiting = () =>
    tablet.evaluate(() => Object.keys(localStorage).filter((k) => /^withme\.(outbox|answers)\./.test(k)).length);
  await expect.poll(waiting).toBe(0);
  // The same message again (a lost answer, a reload): the teacher's window answers it again
  // and stores nothing twice; the tablet then clears it.
  await tablet.evaluate(() => {
    const [key, value] = window.outboxWrites[0];
    localStorage.setItem(key, value);
  });
  await expect.poll(waiting).toBe(0);
  const questions = async () => JSON.parse(await app.stored()).library.lessons[0].enquiry.questions.length;
  expect(await questions()).toBe(1);
  await expect(tablet.getByRole("region", { name: "My questions" }).getByRole("listitem")).toHaveCount(1);
  await expect(card(teacher, "Do snails sleep?")).toHaveCount(1);
});


test("a tablet passed from one pupil to the next before the teacher's window has the first ballot never shows it as the next pupil's", async ({ context }) => {
  test.setTimeout(90_000);
  const teacher = await context.newPage();
  const app = new Withme(teacher);
  await makeClass(teacher, "Year 4 Elm", ["Amira", "Ben"]);
  await app.openLibrary();
  const planner = await app.newLessonFor("Why do leaves fall?", "Year 4 Elm");
  await app.waitUntilSaved();
  const lessonUrl = planner.replace(/\/$/, "");
  const tablet = await context.newPage();
  await tablet.goto(`${lessonUrl}/pupil`);
  await asPupil(tablet, "Amira");
  await ask(tablet, "Where do leaves go?");
  await ask(tablet, "Why are leaves green?");
  await teacher.goto(`${lessonUrl}/enquiry`);
  for (const q of ["Where do leaves go?", "Why are leaves green?"]) {
    await card(teacher, q).getByRole("button", { name: "Approve" }).click();
  }
  await teacher.getByRole("button", { name: "Open the vote" }).click();
  await expect(tablet.getByRole("region", { name: "Vote" })).toBeVisible();
  // The teacher's window closes: nothing answers the tablet now.
  await teacher.close();

  const vote = tablet.getByRole("region", { name: "Vote" });
  await vote.getByRole("radio", { name: "Where do leaves go?", exact: true }).check();
  await vote.getByRole("button", { name: "Cast my vote" }).click();
  await expect(vote.getByRole("status")).toHaveText("Sending your vote…");
  // Amira passes the tablet to Ben before her ballot has reached the teacher's window. Only a
  // teacher's window can send the tablet Ben's view: until one opens, it shows nothing of
  // Amira's.
  await asPupil(tablet, "Ben");
  await expect(tablet.getByRole("status").filter({ hasText: "Getting your lesson…" })).toBeVisible();
  await expect(tablet.locator("main")).not.toContainText("Sending your vote");
  await expect(vote).toHaveCount(0);
  const enquiry = await context.newPage();
  await enquiry.goto(`${lessonUrl}/enquiry`);
  await expect(vote).toBeVisible();
  await expect(vote.getByRole("radio", { checked: true })).toHaveCount(0);
  await expect(vote).not.toContainText("Sending your vote");
  await expect(vote).not.toContainText("Your vote is in");
  await enquiry.close();
  await vote.getByRole("radio", { name: "Why are leaves green?", exact: true }).check();
  await vote.getByRole("button", { name: "Cast my vote" }).click();
  await expect(vote.getByRole("status")).toHaveText("Sending your vote…");

  // The teacher's window opens again: each ballot is its own pupil's.
  const again = await context.newPage();
  await again.goto(`${lessonUrl}/enquiry`);
  await expect(again.getByText("2 of 2 have voted")).toBeVisible();
  await expect
    .poll(async () => Object.keys(JSON.parse(await new Withme(again).stored()).library.lessons[0].enquiry?.polls?.[0]?.ballots ?? {}).length)
    .toBe(2);
  const stored = JSON.parse(await new Withme(again).stored());
  const lesson = stored.library.lessons.find((l) => l.plan.title === "Why do leaves fall?");
  const roster = stored.library.classes.find((c) => c.id === lesson.plan.class).pupils;
  const questions = lesson.enquiry.questions;
  const textOf = (id) => questions.find((q) => q.id === id)?.text;
  const ballots = Object.fromEntries(
    Object.entries(lesson.enquiry.polls[0].ballots).map(([pupil, ballot]) => [
      roster.find((p) => p.id === pupil).name,
      ballot.map(textOf),
    ]),
  );
  expect(ballots).toEqual({ Amira: ["Where do leaves go?"], Ben: ["Why are leaves green?"] });
});

test("a question a pupil sends is never shown twice on the tablet, not even for a moment while it is delivered", async ({ context }) => {
  const teacher = await context.newPage();
  const app = new Withme(teacher);
  await makeClass(teacher, "Year 3 Birch", ["Amira", "Ben"]);
  await app.openLibrary();
  const planner = (await app.newLessonFor("What is a home?", "Year 3 Birch")).replace(/\/$/, "");
  await app.waitUntilSaved();
  const tablet = await context.newPage();
  await tablet.goto(`${planner}/pupil`);
  await asPupil(tablet, "Amira");
  await expect(tablet.getByRole("region", { name: "My questions" }).getByRole("list")).toBeAttached();
  // Every state of the list the page ever held, not only those a poll happens to see.
  await tablet.evaluate(() => {
    window.mostShown = {};
    const list = document.querySelector(".my-ideas");
    const count = () => {
      const shown = {};
      for (const p of list.querySelectorAll(".proposal-text")) shown[p.textContent] = (shown[p.textContent] ?? 0) + 1;
      for (const [text, n] of Object.entries(shown)) window.mostShown[text] = Math.max(window.mostShown[text] ?? 0, n);
    };
    new MutationObserver(count).observe(list, { childList: true, subtree: true, characterData: true });
  });
  const questions = ["Can a tent be a home?", "Do animals have homes?", "Why do people move?"];
  for (const question of questions) {
    await tablet.getByLabel("Your question").fill(question);
    await tablet.getByRole("button", { name: "Send my question" }).click();
    const card = tablet.getByRole("region", { name: "My questions" }).getByRole("listitem").filter({ hasText: question });
    await expect(card).toContainText("Waiting for your teacher.");
  }
  expect(await tablet.evaluate(() => window.mostShown)).toEqual(Object.fromEntries(questions.map((q) => [q, 1])));
});
