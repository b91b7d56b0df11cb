// A page object for Withme: what a teacher or pupil does, in their words.
import { test as base, expect } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

export const LIBRARY_KEY = "withme.library";

/**
 * The library document a page's device holds, exactly as stored (null when it holds none): the
 * one place the tests read where Withme keeps the library. A library not yet moved into
 * IndexedDB is the text in local storage; otherwise its records, put back together as one
 * document in the stored format (lessons in record order).
 */
export function storedText(page) {
  return page.evaluate(async (key) => {
    const unmoved = localStorage.getItem(key);
    if (unmoved !== null) return unmoved;
    const names = (await indexedDB.databases()).map((d) => d.name);
    if (!names.includes("withme")) return null;
    const db = await new Promise((resolve, reject) => {
      const open = indexedDB.open("withme");
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    try {
      const shelves = ["lessons", "library"].filter((name) => db.objectStoreNames.contains(name));
      if (shelves.length < 2) return null;
      const read = (name) =>
        new Promise((resolve, reject) => {
          const store = db.transaction(name).objectStore(name);
          const keys = store.getAllKeys();
          const values = store.getAll();
          values.onsuccess = () => resolve(keys.result.map((k, i) => [k, values.result[i]]));
          values.onerror = () => reject(values.error);
        });
      const parts = Object.fromEntries(await read("library"));
      if (!parts.header) return null;
      const header = JSON.parse(parts.header);
      const lessons = (await read("lessons")).map(([, text]) => text);
      let text = `{"format":${JSON.stringify(header.format)},"version":${header.version},"library":{"lessons":[${lessons.join(",")}],"classes":${parts.classes ?? "[]"},"templates":${parts.templates ?? "[]"}}`;
      if (parts.ledger) text += `,"ledger":${parts.ledger}`;
      return text + "}";
    } finally {
      db.close();
    }
  }, LIBRARY_KEY);
}

/**
 * Makes the page's browser hold `text` as its library the way Withme kept it before it moved
 * into IndexedDB: in local storage, with no records (they are deleted first).
 */
export async function seedLibraryInLocalStorage(page, text) {
  await page.evaluate(
    async ([key, text]) => {
      await new Promise((resolve) => {
        const deleting = indexedDB.deleteDatabase("withme");
        deleting.onsuccess = deleting.onerror = deleting.onblocked = () => resolve();
      });
      localStorage.setItem(key, text);
    },
    [LIBRARY_KEY, text],
  );
}

/** Rewrites one of the library's records in the page's IndexedDB (`shelf`, `key`) as `text`. */
export async function writeRecord(page, shelf, key, text) {
  await page.evaluate(
    async ([shelf, key, text]) => {
      const db = await new Promise((resolve, reject) => {
        const open = indexedDB.open("withme");
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      await new Promise((resolve, reject) => {
        const transaction = db.transaction(shelf, "readwrite");
        transaction.objectStore(shelf).put(text, key);
        transaction.oncomplete = () => resolve();
        transaction.onerror = () => reject(transaction.error);
      });
      db.close();
    },
    [shelf, key, text],
  );
}

/** Every record on one shelf of the page's IndexedDB, as `{ key: text }`. */
export async function readRecords(page, shelf) {
  return page.evaluate(async (shelf) => {
    const db = await new Promise((resolve, reject) => {
      const open = indexedDB.open("withme");
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const store = db.transaction(shelf).objectStore(shelf);
    const keys = store.getAllKeys();
    const values = store.getAll();
    const records = await new Promise((resolve, reject) => {
      values.onsuccess = () => resolve(Object.fromEntries(keys.result.map((k, i) => [k, values.result[i]])));
      values.onerror = () => reject(values.error);
    });
    db.close();
    return records;
  }, shelf);
}

/** The library a page's device holds, read (`{ lessons, classes, … }`), or null. */
export async function storedLibrary(page) {
  const text = await storedText(page);
  return text ? JSON.parse(text).library : null;
}

/** What a browser prints when the Content-Security-Policy refuses something of the page's. */
const REFUSED = /Content Security Policy|Refused to (apply|load|execute|connect|evaluate|compile|create)/;

/**
 * Playwright's test, with two promises more: nothing any page of the test's context did was
 * refused by the server's Content-Security-Policy (a refused style or script is a broken page
 * in a school, often silently), and no page of it ends saying that Withme didn't finish
 * loading (the page's own message for an app that never started).
 */
export const test = base.extend({
  context: async ({ context }, use) => {
    const refusals = [];
    const watch = (page) =>
      page.on("console", (message) => {
        if (REFUSED.test(message.text())) refusals.push(`${page.url()}: ${message.text().slice(0, 200)}`);
      });
    context.pages().forEach(watch);
    context.on("page", watch);
    await use(context);
    expect(refusals, "the Content-Security-Policy refused part of a page").toEqual([]);
    const notStarted = [];
    for (const page of context.pages()) {
      if (await page.locator("#did-not-load").isVisible().catch(() => false)) notStarted.push(page.url());
    }
    expect(notStarted, "a page said Withme didn't finish loading").toEqual([]);
  },
});
export { expect };

export class Withme {
  /** @param {import('@playwright/test').Page} page */
  constructor(page) {
    this.page = page;
  }

  async openLibrary() {
    await this.page.goto("/");
    await expect(this.page.getByRole("heading", { name: "Lessons", level: 1 })).toBeVisible();
  }

  /** Starts a lesson from the library and gives it a title in the Planner. */
  async newLesson(title) {
    await this.page.getByRole("button", { name: "New lesson" }).click();
    const field = this.page.getByLabel("Lesson title");
    await expect(field).toHaveValue("Untitled lesson");
    await field.fill(title);
    await this.waitUntilSaved();
    return this.page.url();
  }

  /** Starts a lesson when saving is known not to work. */
  /** Starts a lesson, gives it a title and chooses the class it is for. */
  async newLessonFor(title, className) {
    const url = await this.newLesson(title);
    await this.page.getByLabel("Class", { exact: true }).selectOption({ label: className });
    return url;
  }

  async newLessonUnsaved(title) {
    await this.page.getByRole("button", { name: "New lesson" }).click();
    await this.page.getByLabel("Lesson title").fill(title);
    await expect(this.page.getByLabel("Lesson title")).toHaveValue(title);
  }

  async waitUntilSaved() {
    await expect(this.page.getByTestId("save-indicator")).toHaveText("All changes saved on this device");
  }

  lessonLink(title) {
    return this.page.getByRole("list", { name: "Your lessons" }).getByRole("link", { name: title, exact: true });
  }

  async lessonTitles() {
    // The library's page once the library is open (not the moment it is read from storage).
    await expect(this.page.getByRole("heading", { name: "Lessons", level: 1 })).toBeVisible();
    const links = this.page.getByRole("list", { name: "Your lessons" }).getByRole("heading").getByRole("link");
    return links.allInnerTexts();
  }

  async stored() {
    return storedText(this.page);
  }

  async storedTitles() {
    const text = await this.stored();
    if (!text) return [];
    return JSON.parse(text).library.lessons.filter((l) => !l.deleted_at).map((l) => l.plan.title).sort();
  }
}

/** Makes a class on the Classes page and pastes its pupils' names. Returns the class's card. */
export async function makeClass(page, name, names) {
  await page.goto("/classes");
  await page.getByLabel("New class name").fill(name);
  await page.getByRole("button", { name: "Add class" }).click();
  const card = page.getByRole("region", { name });
  await card.getByLabel("Add pupils: one first name per line").fill(names.join("\n"));
  await card.getByRole("button", { name: "Add pupils" }).click();
  return card;
}

/**
 * Counts the page's writes to the stored library (from before it loads, on every load): its
 * text in local storage, and every write to its records in IndexedDB, so a test can show that
 * nothing was written rather than wait and hope.
 */
export async function countLibraryWrites(page) {
  await page.addInitScript((key) => {
    window.__libraryWrites = 0;
    const real = Storage.prototype.setItem;
    Storage.prototype.setItem = function (name, value) {
      if (this === window.localStorage && name === key) window.__libraryWrites += 1;
      return real.call(this, name, value);
    };
    const transaction = IDBDatabase.prototype.transaction;
    IDBDatabase.prototype.transaction = function (names, mode, ...rest) {
      const shelves = [].concat(names);
      if (mode === "readwrite" && shelves.some((n) => n === "lessons" || n === "library")) window.__libraryWrites += 1;
      return transaction.call(this, names, mode, ...rest);
    };
  }, LIBRARY_KEY);
}

/** How many times the page has written the stored library since it loaded. */
export async function libraryWrites(page) {
  return page.evaluate(() => window.__libraryWrites);
}

/**
 * Runs the page's clock well past every delayed save (the page must have installed Playwright's
 * clock), so any write the app was going to make has been made.
 */
export async function letPendingSavesRun(page) {
  await page.clock.runFor(10_000);
}

/** What axe-core finds against WCAG 2.2 AA on the page, one line per rule with its elements. */
export async function accessibilityProblems(page) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** Axe finds nothing on the page, and it does not scroll sideways. */
export async function expectAccessible(page, what) {
  expect(await accessibilityProblems(page), `accessibility problems on ${what}`).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${what} scrolls sideways`).toBeLessThanOrEqual(0);
  expect(await styledOtherwiseThanByTheWholeSheet(page), `${what} styled otherwise than by the whole stylesheet`).toEqual([]);
}

/**
 * On the Pupil and Board apps, whose stylesheet keeps only the rules they can use
 * (scripts/prune-css.mjs): the elements of the page that the teacher's whole stylesheet would
 * style otherwise (none, if no rule the page needs was dropped). Empty on the teacher's app.
 */
export async function styledOtherwiseThanByTheWholeSheet(page) {
  return page.evaluate(async () => {
    // The page's own styles: its stylesheet, or on the join page the sheet drawn into the page.
    const own = document.querySelector("link[rel=stylesheet], head > style");
    // The teacher's app links the whole sheet itself, at the top of the site.
    if (own.href && /^\/main-[0-9a-f]+\.css$/.test(new URL(own.href).pathname)) return [];
    const teachers = await (await fetch("/", { cache: "no-store" })).text();
    const whole = teachers.match(/href=["']?(\/main-[0-9a-f]+\.css)/)[1];
    const properties = [
      "display", "position", "visibility", "width", "height", "margin", "padding", "border",
      "border-radius", "color", "background-color", "background-image", "font-family", "font-size",
      "font-weight", "line-height", "text-align", "text-decoration-line", "white-space", "gap",
      "grid-template-columns", "flex-direction", "justify-content", "align-items", "overflow-x",
      "outline-style", "box-shadow", "opacity", "cursor", "list-style-type",
    ];
    const elements = [...document.body.querySelectorAll("*")];
    const styles = () => elements.map((e) => {
      const style = getComputedStyle(e);
      return properties.map((p) => `${p}: ${style.getPropertyValue(p)}`).join("; ");
    });
    const pruned = styles();
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = whole;
    await new Promise((loaded, failed) => {
      link.onload = loaded;
      link.onerror = failed;
      document.head.append(link);
    });
    own.disabled = true;
    // The whole sheet declares the fonts again: wait for them, as the page waited for its own.
    void document.body.offsetHeight;
    await document.fonts.ready;
    const full = styles();
    own.disabled = false;
    link.remove();
    return elements.flatMap((e, i) => {
      if (pruned[i] === full[i]) return [];
      const differs = pruned[i].split("; ").filter((p, j) => p !== full[i].split("; ")[j]);
      return [`${e.tagName.toLowerCase()}.${[...e.classList].join(".")}: ${differs.join("; ")}`];
    });
  });
}

/**
 * Pairs of visible controls, labels and headings inside `selector` whose boxes cross, neither
 * holding the other: what a teacher would see as one drawn over another.
 */
export async function overlappingParts(page, selector = "main") {
  return page.locator(selector).evaluate((root) => {
    const parts = [...root.querySelectorAll("button, a, input, select, textarea, label, h1, h2, h3, .role-badge")].filter((e) => {
      const box = e.getBoundingClientRect();
      return box.width > 0 && box.height > 0 && getComputedStyle(e).visibility !== "hidden";
    });
    const name = (e) => `${e.tagName.toLowerCase()} “${(e.textContent || e.getAttribute("aria-label") || "").trim().slice(0, 30)}”`;
    const found = [];
    for (let i = 0; i < parts.length; i++) {
      for (let j = i + 1; j < parts.length; j++) {
        const [a, b] = [parts[i], parts[j]];
        if (a.contains(b) || b.contains(a)) continue;
        if (a.tagName === "LABEL" && (a.control === b || a.htmlFor === b.id)) continue;
        if (b.tagName === "LABEL" && (b.control === a || b.htmlFor === a.id)) continue;
        const [p, q] = [a.getBoundingClientRect(), b.getBoundingClientRect()];
        // A pixel of shared border is not an overlap.
        const across = Math.min(p.right, q.right) - Math.max(p.left, q.left);
        const down = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
        if (across > 1 && down > 1) found.push(`${name(a)} over ${name(b)}`);
      }
    }
    return found;
  });
}
