// A library as a teacher a year in holds it, in the public stored-library format (version 4, as
// Withme kept it in local storage): the benchmark's and the end-to-end tests' seed.

export const ROLES = [
  { id: "manager", name: "Manager", duty: "Keep the group working together.", leading: true },
  { id: "speaker", name: "Speaker", duty: "Speak for the group.", leading: true },
  { id: "recorder", name: "Recorder", duty: "Write down the answers." },
  { id: "reflector", name: "Reflector", duty: "Notice how the group works." },
];

/**
 * A lesson as a teacher a year in holds it: a full plan, pupils' ideas, 30 questions, a closed
 * vote of 30 ballots and groups with roles (about 10 KB of JSON).
 */
export function richLesson(device, l, klass) {
  const id = (n) => `${device}.${l}x${n}`;
  const pupils = klass.pupils.map((p) => p.id);
  const item = (n, text) => ({ id: id(n), text });
  const questions = Array.from({ length: 30 }, (_, q) => ({
    id: id(100 + q),
    text: `Question ${q + 1} of lesson ${l}: why might this be so, and how would we know?`,
    authors: [pupils[q % pupils.length]],
    status: q % 5 === 4 ? "pending" : "approved",
    made_at: 1_795_000_000_000 + l * 10_000 + q,
  }));
  const approved = questions.filter((q) => q.status === "approved").map((q) => q.id);
  const ballots = Object.fromEntries(pupils.map((p, v) => [p, [approved[(v * 7) % approved.length]]]));
  const order = pupils.map((p, i) => [(i * 7 + l * 13) % 31, p]).sort((a, b) => a[0] - b[0]).map(([, p]) => p);
  const groups = Array.from({ length: Math.ceil(order.length / 4) }, (_, g) => ({
    members: order.slice(g * 4, g * 4 + 4).map((pupil, m) => ({ pupil, role: ROLES[(m + l) % 4].id })),
  }));
  return {
    id: `${device}.${100 + l}`,
    plan: {
      title: `Lesson ${l}: an enquiry into something worth asking`,
      subject: ["Science", "Geography", "History", "PSHE"][l % 4],
      class: klass.id,
      date: `2026-${String(1 + (l % 12)).padStart(2, "0")}-${String(1 + (l % 28)).padStart(2, "0")}`,
      length: 60,
      outcomes: [item(1, "I can explain what I think and why."), item(2, "I can build on a classmate's idea."), item(3, "I can name the key words of this topic.")],
      criteria: [item(4, "I give a reason for my view."), item(5, "I ask a question that starts with why."), item(6, "I use two of today's key words.")],
      phases: [
        { id: id(7), title: "Starter", minutes: 10, description: "Pairs talk about a picture and write down one question each." },
        { id: id(8), title: "Stimulus", minutes: 10, description: "Read the story aloud and stop at the turning point." },
        { id: id(9), title: "Enquiry", minutes: 30, description: "Vote on a question and talk about it in a circle." },
        { id: id(10), title: "Last words", minutes: 10, description: "Each pupil says what they now think, and why." },
      ],
      keywords: [item(11, "evidence"), item(12, "reason"), item(13, "opinion"), item(14, "fair")],
      resources: [item(15, "Picture book, page 12"), item(16, "Question stems card")],
      prior_knowledge: "What a reason is.",
      misconceptions: "An opinion needs no reason.",
      support: "Sentence starters: I think … because …",
      stretch: "When would you change your mind?",
      homework: "Ask someone at home what they think.",
    },
    proposals: Array.from({ length: 6 }, (_, n) => ({
      id: id(20 + n),
      kind: ["criterion", "activity", "keyword"][n % 3],
      text: `An idea from a pupil, number ${n + 1}`,
      authors: [pupils[(n * 5) % pupils.length]],
      status: n % 2 ? "accepted" : "declined",
      made_at: 1_795_000_000_000 + l * 10_000 + 50 + n,
    })),
    enquiry: {
      stimulus: { kind: "text", text: "The story of the broken vase." },
      questions,
      polls: [{ id: id(200), method: "single", options: approved, open: false, ballots, opened_at: 1_795_000_001_000 + l * 10_000 }],
    },
    groups: { grouped_at: 1_795_000_002_000 + l * 10_000, groups },
    created_at: 1_795_000_000_000 + l,
    updated_at: 1_795_000_000_000 + l * 1000,
  };
}

/** Five classes of 30 with roles, and 200 rich lessons: a teacher a year in. */
export function richClasses(device) {
  return Array.from({ length: 5 }, (_, c) => {
    const id = `${device}.${c + 1}`;
    const pupils = Array.from({ length: 30 }, (_, p) => ({ id: `${id}.${p + 1}`, name: `Pupil ${c + 1}-${p + 1}` }));
    return { id, name: `Class ${c + 1}`, pupils, created_at: 1_795_000_000_000, roles: ROLES, lead_window: 5 };
  });
}

export function richLessons(device, classes, count = 200) {
  return Array.from({ length: count }, (_, l) => richLesson(device, l + 1, classes[(l + 1) % 5]));
}

export function seededLibrary(count = 200) {
  const device = "benchseed0001";
  const classes = richClasses(device);
  const library = { lessons: richLessons(device, classes, count), classes, applied: { [device]: 400 } };
  return JSON.stringify({ format: "withme.library", version: 4, library });
}


/**
 * Has `target` (a page or a browser context) hold `text` as its library in local storage, the
 * way Withme kept it before it moved into IndexedDB, before its first page loads: once per tab,
 * so a reload finds what the app made of it.
 */
export async function seedBeforeFirstLoad(target, text) {
  await target.addInitScript((text) => {
    if (!sessionStorage.getItem("seeded")) {
      localStorage.setItem("withme.library", text);
      sessionStorage.setItem("seeded", "yes");
    }
  }, text);
}
