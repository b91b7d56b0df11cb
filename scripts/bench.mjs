// Times Withme's main interactions in the release build, in Chromium, and prints the medians.
// A report, not a test: nothing here fails on a number.
//
// Usage (after scripts/build.sh): node scripts/bench.mjs [--runs 7] [--scale: only the library's growth]
//
// The teacher's interactions are timed twice: as this machine runs them, and with the page's
// CPU slowed four times through the DevTools protocol (a tablet-class or old laptop's CPU).
//
// The library is seeded with 200 rich lessons (a full plan, pupils' ideas, 30 questions, a vote
// of 30 ballots, groups with roles) and 5 classes of 30 pupils, written in the public
// stored-library format (version 4), so the numbers reflect a teacher a year in. The Board's
// vote is timed apart, on its real path in one browser: a class of 40 and 60 questions beside
// those 200 lessons, a pupil taps "Cast my vote" on the tablet, the teacher's Enquiry window
// checks and saves it, the Board shows the count; "next frame" includes waiting for the
// display's next frame. Groups and
// roles are timed for a class of 40 with 30 grouped lessons behind it (format version 4), from
// the click to the groups or roles on screen. Last, the library's growth: 50, 250, 1,000 and
// 2,000 rich lessons, each opened, a keystroke saved, and the longest task while typing.

import { spawn } from "node:child_process";
import { tmpdir } from "node:os";
import { chromium } from "playwright-core";
import { richClasses, richLessons, seedBeforeFirstLoad, seededLibrary } from "../tests/e2e/rich-library.mjs";

/** `promise`, or an error naming `what` after 30 s: a change that never comes ends the run. */
function within(promise, what) {
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`waited 30 s for ${what}`)), 30_000);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/**
 * Writes a library document (the stored format) into Withme's records in IndexedDB, a record per
 * lesson with its index record, as Withme keeps it, before the app opens in `context`.
 */
async function seedRecords(context, text) {
  const page = await context.newPage();
  await page.goto(base + "/favicon.svg");
  await page.evaluate(async (text) => {
    const library = JSON.parse(text).library;
    const db = await new Promise((resolve, reject) => {
      const open = indexedDB.open("withme", 1);
      open.onupgradeneeded = () => {
        for (const name of ["lessons", "index", "library", "kept-aside"]) open.result.createObjectStore(name);
      };
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const transaction = db.transaction(["lessons", "index", "library"], "readwrite");
    for (const lesson of library.lessons) {
      const plan = lesson.plan;
      const summary = { id: lesson.id, title: plan.title, subject: plan.subject, class: plan.class ?? null, date: plan.date ?? null, updated_at: lesson.updated_at };
      transaction.objectStore("lessons").put(JSON.stringify(lesson), lesson.id);
      transaction.objectStore("index").put(JSON.stringify(summary), lesson.id);
    }
    const parts = transaction.objectStore("library");
    parts.put(JSON.stringify({ format: "withme.library", version: 5 }), "header");
    parts.put(JSON.stringify(library.classes ?? []), "classes");
    parts.put(JSON.stringify(library.templates ?? []), "templates");
    await new Promise((resolve, reject) => {
      transaction.oncomplete = resolve;
      transaction.onerror = () => reject(transaction.error);
    });
    db.close();
  }, text);
  await page.close();
}

/** Waits until the stored record of lesson `id` holds `needle` (read from IndexedDB every `polling` ms). */
function savedInRecord(page, id, needle, polling) {
  return page.evaluate(
    async ([id, needle, polling]) => {
      window.benchRecords ??= await new Promise((resolve, reject) => {
        const open = indexedDB.open("withme");
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      for (;;) {
        const text = await new Promise((resolve) => {
          const read = window.benchRecords.transaction("lessons").objectStore("lessons").get(id);
          read.onsuccess = () => resolve(read.result ?? "");
          read.onerror = () => resolve("");
        });
        if (text.includes(needle)) return;
        await new Promise((resolve) => setTimeout(resolve, polling));
      }
    },
    [id, needle, polling],
  );
}

/** The id of the lesson a Planner page shows, from its address. */
const lessonOf = (page) => decodeURIComponent(new URL(page.url()).pathname.split("/")[2]);

const runs = Number(process.argv[process.argv.indexOf("--runs") + 1] || 7);
const port = 8093;
const base = `http://127.0.0.1:${port}`;

/**
 * A class of 40 and a lesson with 60 approved questions and an open vote with no ballots yet,
 * in a library that also holds the year's 200 rich lessons.
 */
function enquiryLibrary() {
  const device = "benchseed0002";
  const classId = `${device}.9`;
  const pupils = Array.from({ length: 40 }, (_, p) => ({ id: `${classId}.${p + 1}`, name: `Pupil ${p + 1}` }));
  const questions = Array.from({ length: 60 }, (_, q) => ({
    id: `${device}.${100 + q}`,
    text: `Question ${q + 1}: why might this be so, and how would we know?`,
    authors: [pupils[q % 40].id],
    status: "approved",
    made_at: 1_795_000_000_000 + q,
  }));
  const poll = { id: `${device}.200`, method: "single", options: questions.map((q) => q.id), open: true, ballots: {}, opened_at: 1_795_000_001_000 };
  const lesson = {
    id: `${device}.2`,
    plan: { title: "Enquiry bench", subject: "", class: classId, date: null, length: 60 },
    created_at: 1_795_000_000_000,
    updated_at: 1_795_000_002_000,
    enquiry: { questions, polls: [poll], board: { poll: { poll: poll.id } } },
  };
  const classes = richClasses(device);
  classes.push({ id: classId, name: "Year 6", pupils, created_at: 1_795_000_000_000 });
  const library = { lessons: [lesson, ...richLessons(device, classes)], classes, applied: { [device]: 300 } };
  return JSON.stringify({ format: "withme.library", version: 4, library });
}

/**
 * The real path of a ballot in one browser: a pupil taps "Cast my vote" on the tablet, the
 * tablet's outbox reaches the teacher's Enquiry window, which checks it as the authority and
 * saves the library, and the Board (in front, on the whiteboard) shows the new count. The Board's
 * window is a teacher's window too, so whichever of the two reads the outbox first is the
 * authority. Times the tap to the Board's page updated, to its next painted frame, and to the
 * tablet told "Your vote is in" (sent only once the library holding the ballot is saved).
 */
async function ballotToBoardFrame(browser, samples) {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  await context.addInitScript((text) => {
    if (!localStorage.getItem("withme.library")) localStorage.setItem("withme.library", text);
  }, enquiryLibrary());
  const lesson = `${base}/lessons/benchseed0002.2`;
  const teacher = await context.newPage();
  await teacher.goto(`${lesson}/enquiry`);
  await teacher.getByRole("heading", { level: 1 }).first().waitFor();
  const board = await context.newPage();
  await board.goto(`${lesson}/board`);
  await board.getByText("0 of 40 have voted").waitFor();
  const tablet = await context.newPage();
  await tablet.goto(`${lesson}/pupil`);
  await board.bringToFront();
  const changed = [];
  const times = [];
  const answered = [];
  for (let voter = 1; voter <= samples; voter++) {
    const notMe = tablet.getByRole("button", { name: /^Not .*\? Choose your name again$/ });
    if (await notMe.isVisible()) await notMe.click();
    await tablet.getByRole("button", { name: `Pupil ${voter}`, exact: true }).click();
    const vote = tablet.getByRole("region", { name: "Vote" });
    await vote.getByRole("radio", { name: `Question ${((voter * 7) % 60) + 1}:`, exact: false }).first().check();
    const seen = board.evaluate((expected) => new Promise((resolve) => {
      const watch = new MutationObserver(() => {
        if (!document.body.textContent.includes(expected)) return;
        watch.disconnect();
        const updated = performance.timeOrigin + performance.now();
        requestAnimationFrame(() => resolve([updated, performance.timeOrigin + performance.now()]));
      });
      watch.observe(document.body, { childList: true, subtree: true, characterData: true });
    }), `${voter} of 40 have voted`);
    const told = tablet.evaluate(() => new Promise((resolve) => {
      const watch = new MutationObserver(() => {
        if (!document.body.textContent.includes("Your vote is in")) return;
        watch.disconnect();
        resolve(performance.timeOrigin + performance.now());
      });
      watch.observe(document.body, { childList: true, subtree: true, characterData: true });
    }));
    const tapped = await vote.getByRole("button", { name: "Cast my vote" }).evaluate((button) => {
      const at = performance.timeOrigin + performance.now();
      button.click();
      return at;
    });
    const [updated, painted] = await within(seen, `the Board to show ${voter} of 40 have voted`);
    changed.push(updated - tapped);
    times.push(painted - tapped);
    answered.push((await within(told, "the tablet to say 'Your vote is in'")) - tapped);
  }
  await context.close();
  return { changed, times, answered };
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
  await seedBeforeFirstLoad(context, groupsLibrary());
  const page = await context.newPage();
  await page.goto(`${base}/lessons/benchseed0003.2/groups`);
  await page.getByRole("button", { name: "Make groups" }).waitFor();
  // Resolves when `done` holds after the click; gives up (naming what it saw) after 30 s, so a
  // change that never comes fails the benchmark instead of holding the run.
  const timeClick = (button, done) =>
    page.evaluate(
      ([button, done]) =>
        new Promise((resolve, reject) => {
          const target = [...document.querySelectorAll("button")].find((b) => b.textContent.trim() === button);
          if (!target) return reject(new Error(`no button "${button}" on the page`));
          const holds = new Function(`return ${done}`);
          const start = performance.now();
          const finish = () => {
            seen.disconnect();
            clearInterval(poll);
            clearTimeout(giveUp);
          };
          const check = () => {
            if (!holds()) return;
            finish();
            resolve(performance.now() - start);
          };
          const seen = new MutationObserver(check);
          const poll = setInterval(check, 100);
          const giveUp = setTimeout(() => {
            finish();
            reject(new Error(`"${button}": waited 30 s for ${done}; the page shows ${document.querySelectorAll(".group-card").length} groups and ${document.querySelectorAll(".role-badge").length} roles`));
          }, 30_000);
          seen.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
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

/**
 * The teacher's main interactions with a year's library, `runs` times, with the page's CPU
 * slowed `rate` times (1: this machine as it is).
 */
async function plannerTimings(browser, library, runs, rate) {
  const times = { start: [], newLesson: [], keystrokeToFrame: [], keystrokeToSaved: [], otherWindow: [] };
  for (let run = 0; run < runs; run++) {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    await seedRecords(context, library);
    const page = await context.newPage();
    if (rate > 1) {
      // A tablet-class CPU: DevTools slows this page's main thread `rate` times.
      const devtools = await context.newCDPSession(page);
      await devtools.send("Emulation.setCPUThrottlingRate", { rate });
    }

    const t0 = Date.now();
    await page.goto(base + "/");
    await page.getByRole("link", { name: "Lesson 200: an enquiry into something worth asking" }).waitFor();
    times.start.push(Date.now() - t0);

    const t1 = Date.now();
    await page.getByRole("button", { name: "New lesson" }).click();
    await page.getByLabel("Lesson title").waitFor();
    times.newLesson.push(Date.now() - t1);

    const other = await context.newPage();
    await other.goto(page.url());
    await other.getByLabel("Lesson title").waitFor();
    await page.bringToFront();

    const title = page.getByLabel("Lesson title");
    await title.fill("Bench");
    await savedInRecord(page, lessonOf(page), '"Bench"', 20);
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
    const frameTime = await within(page.evaluate(() => window.benchFrame), "the frame after a keystroke");
    times.keystrokeToFrame.push(frameTime);
    await savedInRecord(page, lessonOf(page), '"Bench!"', 5);
    times.keystrokeToSaved.push(Date.now() - tKey);
    await other.waitForFunction(() => document.querySelector("input.title-input")?.value === "Bench!", null, { polling: 5 });
    times.otherWindow.push(Date.now() - tKey);
    await context.close();
  }
  return times;
}

/**
 * What a save costs as the library grows: for each number of rich lessons, opening the library,
 * a keystroke until it is saved, and the longest main-thread task while typing 25 characters
 * (every save among them). Each library is seeded into the records before the app opens.
 */
async function scaleTimings(browser, counts, runs) {
  const rows = [];
  for (const count of counts) {
    const library = seededLibrary(count);
    const times = { open: [], saved: [], longest: [] };
    for (let run = 0; run < runs; run++) {
      const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
      await seedRecords(context, library);
      const page = await context.newPage();
      const t0 = Date.now();
      await page.goto(base + "/");
      await within(page.getByRole("link", { name: `Lesson ${count}: an enquiry into something worth asking` }).waitFor(), `the library of ${count} lessons`);
      times.open.push(Date.now() - t0);
      await page.getByRole("link", { name: `Lesson ${count}: an enquiry into something worth asking` }).click();
      const title = page.getByLabel("Lesson title");
      await title.waitFor();
      await page.evaluate(() => {
        window.benchTasks = [];
        new PerformanceObserver((list) => window.benchTasks.push(...list.getEntries().map((e) => e.duration))).observe({ type: "longtask" });
      });
      await title.focus();
      await page.keyboard.press("End");
      const tKey = Date.now();
      await page.keyboard.type("!");
      await within(savedInRecord(page, lessonOf(page), 'worth asking!"', 5), "a keystroke saved");
      times.saved.push(Date.now() - tKey);
      await page.keyboard.type(" and a little more typing!", { delay: 40 });
      await within(savedInRecord(page, lessonOf(page), "more typing!", 20), "typing saved");
      times.longest.push(await page.evaluate(() => Math.max(0, ...window.benchTasks)));
      await context.close();
    }
    rows.push({ count, characters: library.length, ...times });
  }
  return rows;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Prints the library's growth, a row per size. */
function printScale(rows) {
  console.log("as the library grows (rich lessons; median of 3 runs, ms; longest task while typing 25 characters)");
  console.log(`  ${"lessons".padStart(7)} ${"stored (M chars)".padStart(17)} ${"open".padStart(8)} ${"keystroke -> saved".padStart(19)} ${"longest task".padStart(13)}`);
  for (const row of rows) {
    const stored = (row.characters / 1e6).toFixed(2).padStart(17);
    console.log(`  ${String(row.count).padStart(7)} ${stored} ${median(row.open).toFixed(0).padStart(8)} ${median(row.saved).toFixed(0).padStart(19)} ${median(row.longest).toFixed(0).padStart(13)}`);
  }
}

async function main() {
  const db = `${tmpdir()}/withme-bench-${process.pid}.sqlite`;
  const server = spawn("target/release/withme-server", ["--addr", `127.0.0.1:${port}`, "--dist", "dist", "--db", db], { stdio: "ignore" });
  await new Promise((resolve) => setTimeout(resolve, 500));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-background-timer-throttling", "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const library = seededLibrary();
  const results = {};
  let slow = {};
  if (process.argv.includes("--scale")) {
    // Only the library's growth (a quicker run while working on storage).
    try {
      printScale(await scaleTimings(browser, [50, 250, 1000, 2000], 3));
    } finally {
      await browser.close();
      server.kill();
    }
    return;
  }
  try {
    Object.assign(results, await plannerTimings(browser, library, runs, 1));
    slow = await plannerTimings(browser, library, Math.max(3, Math.ceil(runs / 2)), 4);
    const grouping = await groupTimings(browser, runs);
    results.makeGroups = grouping.make;
    results.giveRoles = grouping.roles;
    const ballots = await ballotToBoardFrame(browser, 3 * runs);
    results.ballotChanged = ballots.changed;
    results.ballot = ballots.times;
    results.ballotAnswered = ballots.answered;
    results.scale = await scaleTimings(browser, [50, 250, 1000, 2000], 3);
  } finally {
    await browser.close();
    server.kill();
  }

  const rows = [
    ["open the library (200 rich lessons)", results.start],
    ["New lesson -> planner shown", results.newLesson],
    ["keystroke -> next frame", results.keystrokeToFrame],
    ["keystroke -> saved in storage", results.keystrokeToSaved],
    ["keystroke -> shown in another window", results.otherWindow],
    ["ballot cast on a tablet -> Board's page updated (40 pupils, 200 lessons)", results.ballotChanged],
    ["ballot cast on a tablet -> Board's next frame (40 pupils, 200 lessons)", results.ballot],
    ["ballot cast on a tablet -> tablet told it is saved", results.ballotAnswered],
    ["Make groups -> 10 groups shown (40 pupils, 30 lessons of history)", results.makeGroups],
    ["Give out roles -> 40 roles shown (40 pupils, 30 lessons of history)", results.giveRoles],
  ];
  console.log(`interaction timings, median of ${runs} runs (ms)`);
  if (process.env.BENCH_ALL) console.log(JSON.stringify(results));
  for (const [name, values] of rows) console.log(`  ${name.padEnd(70)} ${median(values).toFixed(1).padStart(8)}`);
  const slowRows = [
    ["open the library (200 rich lessons)", slow.start],
    ["New lesson -> planner shown", slow.newLesson],
    ["keystroke -> next frame (input -> next paint)", slow.keystrokeToFrame],
    ["keystroke -> saved in storage", slow.keystrokeToSaved],
  ];
  console.log(`the same with the CPU slowed 4x (DevTools), median of ${slow.start.length} runs (ms)`);
  for (const [name, values] of slowRows) console.log(`  ${name.padEnd(70)} ${median(values).toFixed(1).padStart(8)}`);
  printScale(results.scale);
}

await main();
