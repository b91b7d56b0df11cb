// Times Withme's main interactions in the release build, in Chromium, and prints the medians.
// A report, not a test: nothing here fails on a number.
//
// Usage (after scripts/build.sh): node scripts/bench.mjs [--runs 7]
//
// The library is seeded with 200 lessons and 5 classes of 30 pupils, written in the public
// stored-library format (version 1), so the numbers reflect a teacher a year in. The Board's
// vote is timed apart: a class of 40, 60 questions, ballots arriving from another window
// (format version 3); "next frame" includes waiting for the display's next frame. Groups and
// roles are timed for a class of 40 with 30 grouped lessons behind it (format version 4), from
// the click to the groups or roles on screen.

import { spawn } from "node:child_process";
import { tmpdir } from "node:os";
import { chromium } from "playwright-core";

const runs = Number(process.argv[process.argv.indexOf("--runs") + 1] || 7);
const port = 8093;
const base = `http://127.0.0.1:${port}`;

function seededLibrary() {
  const device = "benchseed0001";
  const classes = [];
  for (let c = 1; c <= 5; c++) {
    const id = `${device}.${c}`;
    const pupils = Array.from({ length: 30 }, (_, p) => ({ id: `${id}.${p + 1}`, name: `Pupil ${c}-${p + 1}` }));
    classes.push({ id, name: `Class ${c}`, pupils, created_at: 1_795_000_000_000 });
  }
  const lessons = [];
  for (let l = 1; l <= 200; l++) {
    lessons.push({
      id: `${device}.${100 + l}`,
      plan: {
        title: `Lesson ${l}: an enquiry into something worth asking`,
        subject: ["Science", "Geography", "History", "PSHE"][l % 4],
        class: classes[l % 5].id,
        date: `2026-${String(1 + (l % 12)).padStart(2, "0")}-${String(1 + (l % 28)).padStart(2, "0")}`,
        length: 60,
      },
      created_at: 1_795_000_000_000 + l,
      updated_at: 1_795_000_000_000 + l * 1000,
    });
  }
  return JSON.stringify({ format: "withme.library", version: 1, library: { lessons, classes, applied: { [device]: 400 } } });
}

/** A class of 40 and a lesson with 60 approved questions and an open vote, `voters` ballots in. */
function enquiryLibrary(voters) {
  const device = "benchseed0002";
  const classId = `${device}.1`;
  const pupils = Array.from({ length: 40 }, (_, p) => ({ id: `${classId}.${p + 1}`, name: `Pupil ${p + 1}` }));
  const questions = Array.from({ length: 60 }, (_, q) => ({
    id: `${device}.${100 + q}`,
    text: `Question ${q + 1}: why might this be so, and how would we know?`,
    authors: [pupils[q % 40].id],
    status: "approved",
    made_at: 1_795_000_000_000 + q,
  }));
  const ballots = Object.fromEntries(
    Array.from({ length: voters }, (_, v) => [pupils[v].id, [questions[(v * 7) % 60].id]]),
  );
  const poll = { id: `${device}.200`, method: "single", options: questions.map((q) => q.id), open: true, ballots, opened_at: 1_795_000_001_000 };
  const lesson = {
    id: `${device}.2`,
    plan: { title: "Enquiry bench", subject: "", class: classId, date: null, length: 60 },
    created_at: 1_795_000_000_000,
    updated_at: 1_795_000_002_000 + voters,
    enquiry: { questions, polls: [poll], board: { poll: { poll: poll.id } } },
  };
  const classes = [{ id: classId, name: "Year 6", pupils, created_at: 1_795_000_000_000 }];
  return JSON.stringify({ format: "withme.library", version: 3, library: { lessons: [lesson], classes, applied: { [device]: 300 } } });
}

/** Ballots arriving from another window: storage event on the Board -> its next painted frame. */
async function ballotToBoardFrame(browser, samples) {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  await context.addInitScript((text) => {
    if (!sessionStorage.getItem("seeded")) {
      localStorage.setItem("withme.library", text);
      sessionStorage.setItem("seeded", "1");
    }
    // Registered before the app's own listener, so it sees the event first.
    window.addEventListener("storage", () => {
      window.benchStorageAt = performance.now();
    });
  }, enquiryLibrary(0));
  const board = await context.newPage();
  await board.goto(`${base}/lessons/benchseed0002.2/board`);
  await board.getByText("0 of 40 have voted").waitFor();
  const writer = await context.newPage();
  await writer.goto(`${base}/nowhere`);
  // The Board is the window in front, on the whiteboard's screen: a page behind another gets its
  // frames throttled by the browser (about one a second in headless Chromium).
  await board.bringToFront();
  const times = [];
  for (let voters = 1; voters <= samples; voters++) {
    await board.evaluate((expected) => {
      window.benchBallot = new Promise((resolve) => {
        const seen = new MutationObserver(() => {
          if (!document.body.textContent.includes(expected)) return;
          seen.disconnect();
          const changed = performance.now() - window.benchStorageAt;
          requestAnimationFrame(() => { window.benchChanged = (window.benchChanged || []).concat([changed]); resolve(performance.now() - window.benchStorageAt); });
        });
        seen.observe(document.body, { childList: true, subtree: true, characterData: true });
      });
    }, `${voters} of 40 have voted`);
    await writer.evaluate((text) => localStorage.setItem("withme.library", text), enquiryLibrary(voters));
    times.push(await board.evaluate(() => window.benchBallot));
  }
  const changed = await board.evaluate(() => window.benchChanged);
  await context.close();
  return { changed, times };
}

/** A class of 40 with POGIL roles, 30 grouped lessons with roles behind it, and a new lesson. */
function groupsLibrary() {
  const device = "benchseed0003";
  const classId = `${device}.1`;
  const pupils = Array.from({ length: 40 }, (_, p) => ({ id: `${classId}.${p + 1}`, name: `Pupil ${p + 1}` }));
  const roles = [
    { id: "manager", name: "Manager", duty: "Keep the group working together.", leading: true },
    { id: "speaker", name: "Speaker", duty: "Speak for the group.", leading: true },
    { id: "recorder", name: "Recorder", duty: "Write down the answers." },
    { id: "reflector", name: "Reflector", duty: "Notice how the group works." },
  ];
  const lessons = [];
  for (let l = 0; l < 30; l++) {
    const order = pupils.map((p, i) => [((i * 7 + l * 13) % 41), p.id]).sort((a, b) => a[0] - b[0]).map(([, id]) => id);
    const groups = Array.from({ length: 10 }, (_, g) => ({
      members: order.slice(g * 4, g * 4 + 4).map((pupil, m) => ({ pupil, role: roles[(m + l) % 4].id })),
    }));
    lessons.push({
      id: `${device}.${100 + l}`,
      plan: { title: `Group lesson ${l + 1}`, subject: "", class: classId, date: null, length: 60 },
      created_at: 1_795_000_000_000 + l,
      updated_at: 1_795_000_000_000 + l,
      groups: { grouped_at: 1_795_000_000_000 + l * 1000, groups },
    });
  }
  lessons.push({
    id: `${device}.2`,
    plan: { title: "Groups bench", subject: "", class: classId, date: null, length: 60 },
    created_at: 1_795_000_100_000,
    updated_at: 1_795_000_100_000,
  });
  const classes = [{ id: classId, name: "Year 6", pupils, created_at: 1_795_000_000_000, roles, lead_window: 5 }];
  return JSON.stringify({ format: "withme.library", version: 4, library: { lessons, classes, applied: { [device]: 300 } } });
}

/** Click -> the change on screen, for the group maker and for giving out roles. */
async function groupTimings(browser, samples) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  await context.addInitScript((text) => {
    if (!sessionStorage.getItem("seeded")) {
      localStorage.setItem("withme.library", text);
      sessionStorage.setItem("seeded", "1");
    }
  }, groupsLibrary());
  const page = await context.newPage();
  await page.goto(`${base}/lessons/benchseed0003.2/groups`);
  await page.getByRole("button", { name: "Make groups" }).waitFor();
  const timeClick = (button, done) =>
    page.evaluate(
      ([button, done]) =>
        new Promise((resolve) => {
          const target = [...document.querySelectorAll("button")].find((b) => b.textContent.trim() === button);
          const start = performance.now();
          const seen = new MutationObserver(() => {
            if (!new Function(`return ${done}`)()) return;
            seen.disconnect();
            resolve(performance.now() - start);
          });
          seen.observe(document.body, { childList: true, subtree: true, characterData: true });
          target.click();
        }),
      [button, done],
    );
  const make = [];
  const roles = [];
  for (let i = 0; i < samples; i++) {
    const label = i === 0 ? "Make groups" : "Make new groups";
    make.push(await timeClick(label, "document.querySelectorAll('.group-grid .group-card').length === 10 && !document.querySelector('.role-badge')"));
    roles.push(await timeClick("Give out roles", "document.querySelectorAll('.role-badge').length === 40"));
  }
  await context.close();
  return { make, roles };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main() {
  const db = `${tmpdir()}/withme-bench-${process.pid}.sqlite`;
  const server = spawn("target/release/withme-server", ["--addr", `127.0.0.1:${port}`, "--dist", "dist", "--db", db], { stdio: "ignore" });
  await new Promise((resolve) => setTimeout(resolve, 500));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const library = seededLibrary();
  const results = { start: [], newLesson: [], keystrokeToFrame: [], keystrokeToSaved: [], otherWindow: [] };
  try {
    for (let run = 0; run < runs; run++) {
      const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
      await context.addInitScript((text) => {
        if (!sessionStorage.getItem("seeded")) {
          localStorage.setItem("withme.library", text);
          sessionStorage.setItem("seeded", "1");
        }
      }, library);
      const page = await context.newPage();

      const t0 = Date.now();
      await page.goto(base + "/");
      await page.getByRole("link", { name: "Lesson 200: an enquiry into something worth asking" }).waitFor();
      results.start.push(Date.now() - t0);

      const t1 = Date.now();
      await page.getByRole("button", { name: "New lesson" }).click();
      await page.getByLabel("Lesson title").waitFor();
      results.newLesson.push(Date.now() - t1);

      const other = await context.newPage();
      await other.goto(page.url());
      await other.getByLabel("Lesson title").waitFor();
      await page.bringToFront();

      const title = page.getByLabel("Lesson title");
      await title.fill("Bench");
      await page.waitForFunction(() => localStorage.getItem("withme.library").includes('"Bench"'));
      // One keystroke: when the next frame is painted, when it is saved, when the other window shows it.
      await title.evaluate((input) => {
        window.benchFrame = new Promise((resolve) => {
          input.addEventListener("input", () => {
            const start = performance.now();
            requestAnimationFrame(() => resolve(performance.now() - start));
          }, { once: true });
        });
        input.focus();
        input.setSelectionRange(input.value.length, input.value.length);
      });
      const tKey = Date.now();
      await page.keyboard.type("!");
      const frameTime = await page.evaluate(() => window.benchFrame);
      results.keystrokeToFrame.push(frameTime);
      await page.waitForFunction(() => localStorage.getItem("withme.library").includes('"Bench!"'), null, { polling: 5 });
      results.keystrokeToSaved.push(Date.now() - tKey);
      await other.waitForFunction(() => document.querySelector("input.title-input")?.value === "Bench!", null, { polling: 5 });
      results.otherWindow.push(Date.now() - tKey);
      await context.close();
    }
    const grouping = await groupTimings(browser, runs);
    results.makeGroups = grouping.make;
    results.giveRoles = grouping.roles;
    const ballots = await ballotToBoardFrame(browser, 3 * runs);
    results.ballotChanged = ballots.changed;
    results.ballot = ballots.times;
  } finally {
    await browser.close();
    server.kill();
  }

  const rows = [
    ["open the library (200 lessons)", results.start],
    ["New lesson -> planner shown", results.newLesson],
    ["keystroke -> next frame", results.keystrokeToFrame],
    ["keystroke -> saved in storage", results.keystrokeToSaved],
    ["keystroke -> shown in another window", results.otherWindow],
    ["ballot arrives -> Board's page updated (40 pupils, 60 questions)", results.ballotChanged],
    ["ballot arrives -> Board's next frame (40 pupils, 60 questions)", results.ballot],
    ["Make groups -> 10 groups shown (40 pupils, 30 lessons of history)", results.makeGroups],
    ["Give out roles -> 40 roles shown (40 pupils, 30 lessons of history)", results.giveRoles],
  ];
  console.log(`interaction timings, median of ${runs} runs (ms)`);
  for (const [name, values] of rows) console.log(`  ${name.padEnd(64)} ${median(values).toFixed(1).padStart(8)}`);
}

await main();
