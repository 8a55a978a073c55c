/* cxportal SCORM runtime (1.2 and 2004 4th edition): one step of a learning path, run as a SCO inside an LMS.
   The package says which (data-cx-scorm on the article); the 2004 names are in ELEMENTS below.

   The page works exactly as on the portal (quiz.js, progress.js, localStorage). This module
   finds the LMS's API with the standard discovery walk (this window's parents, then the
   opener's), and reports what the learner did:
     - cmi.core.lesson_status: "incomplete" on first launch, then "completed" when a playbook,
       activity or page step is marked done (pages: on visit), "passed"/"failed" by a quiz's pass
       mark, "completed" for a self-assessment;
     - cmi.core.score.raw/min/max (percent, 0–100) and one cmi.interactions.n per question;
     - cmi.core.lesson_location: the last section heading the learner reached;
     - cmi.suspend_data: a compact copy of this step's browser record (never over 4096 characters),
       written back to localStorage on the next launch, so a quiz shows its last answers again;
     - cmi.core.session_time and cmi.core.exit on leaving.
   SCORM 2004 (4th edition) reports the same through cmi.completion_status and cmi.success_status,
   cmi.score.scaled/raw/min/max, cmi.interactions.n.learner_response in 2004's formats ("a[,]b",
   "1[.]a", "true"), cmi.location, cmi.session_time (ISO 8601) and cmi.exit, and keeps the whole
   record in cmi.suspend_data (64,000 characters).
   Without an LMS it does nothing more than the portal does: everything stays in the browser. */

const PREFIX = "cxportal:v1:";
const root = document.querySelector("[data-cx-sco]");
const V2004 = root?.dataset.cxScorm === "2004";
// What each SCORM version calls the same thing. 2004 keeps 64,000 characters of state, 1.2 only 4,096.
const ELEMENTS = V2004
  ? { api: "API_1484_11", init: "Initialize", get: "GetValue", set: "SetValue", commit: "Commit", finish: "Terminate",
      mode: "cmi.mode", location: "cmi.location", exit: "cmi.exit", time: "cmi.session_time", max: 64000,
      response: "learner_response", wrong: "incorrect", when: "timestamp" }
  : { api: "API", init: "LMSInitialize", get: "LMSGetValue", set: "LMSSetValue", commit: "LMSCommit", finish: "LMSFinish",
      mode: "cmi.core.lesson_mode", location: "cmi.core.lesson_location", exit: "cmi.core.exit", time: "cmi.core.session_time",
      max: 4096, response: "student_response", wrong: "wrong", when: "time" };
const MAX_SUSPEND = ELEMENTS.max;
const step = root?.dataset.cxSco || "";
const [kind, target] = step.split(/:(.*)/);
const recordKey = kind === "quiz" ? `${PREFIX}quiz:${target}` : `${PREFIX}progress:${step}`;
const started = Date.now();
const statusLine = document.querySelector("[data-cx-sco-status]");

/** ADL's discovery: climb the parents of `win` (at most 500 levels) until one has `API`. */
function climb(win) {
  for (let tries = 0; win && tries < 500; tries++) {
    try { if (win[ELEMENTS.api]) return win[ELEMENTS.api]; } catch { return null; } // another origin: stop climbing
    if (!win.parent || win.parent === win) break;
    win = win.parent;
  }
  return null;
}

export function findAPI(win = window) {
  return climb(win) || (win.opener ? climb(win.opener) : null) || (win.top?.opener ? climb(win.top.opener) : null);
}

const api = findAPI();
let open = false;

function call(name, ...args) {
  if (!open && name !== ELEMENTS.init) return "";
  try { return String(api[name](...args) ?? ""); } catch (error) { console.info(`cxportal: ${name} failed`, error); return ""; }
}
const get = (element) => call(ELEMENTS.get, element);
const set = (element, value) => call(ELEMENTS.set, element, String(value));

function readStore(name) {
  try { const raw = localStorage.getItem(name); return raw === null ? null : JSON.parse(raw); } catch { return null; }
}
function writeStore(name, value) {
  try { localStorage.setItem(name, JSON.stringify(value)); } catch { /* storage unavailable */ }
}

/** CMITimespan: HHHH:MM:SS.SS */
export function timespan(ms) {
  const s = Math.max(0, ms) / 1000;
  const hh = Math.floor(s / 3600), mm = Math.floor((s % 3600) / 60), ss = (s % 60).toFixed(2);
  return `${String(hh).padStart(4, "0")}:${String(mm).padStart(2, "0")}:${ss.padStart(5, "0")}`;
}

/** ISO 8601 duration for 2004's cmi.session_time: PT1H2M3.45S */
export function duration(ms) {
  const s = Math.max(0, ms) / 1000;
  return `PT${Math.floor(s / 3600)}H${Math.floor((s % 3600) / 60)}M${(s % 60).toFixed(2)}S`;
}

/** The step's record, compacted until it fits the version's suspend_data (1.2: 4096 characters). */
export function suspendData(record) {
  if (!record) return "";
  let text = JSON.stringify({ v: 1, r: record });
  if (text.length <= MAX_SUSPEND) return text;
  const answers = {};
  for (const [id, value] of Object.entries(record.answers || {})) {
    answers[id] = Array.isArray(value) ? value.map((x) => (typeof x === "string" ? x.slice(0, 60) : x))
      : typeof value === "string" ? value.slice(0, 60) : value;
  }
  text = JSON.stringify({ v: 1, r: { ...record, answers } });
  if (text.length <= MAX_SUSPEND) return text;
  const { answers: _dropped, ...rest } = record; // keep the result, lose the answers
  return JSON.stringify({ v: 1, r: rest });
}

function quizData() {
  const el = document.querySelector("[data-cx-quiz][data-cx-data]");
  if (!el) return null;
  try {
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(el.dataset.cxData), (c) => c.charCodeAt(0))));
  } catch { return null; }
}

const letter = (i) => String.fromCharCode(97 + i); // 0 → a
const clip = (text) => String(text).replace(/,/g, " ").slice(0, 255);

/** One interaction per answered question: SCORM type, response, correct pattern and result, in the
    version's formats (1.2: "a,b", "1.a", "t"; 2004: "a[,]b", "1[.]a", "true"). */
export function interactions(quiz, result, v2004 = V2004) {
  const out = [];
  const list = (items) => items.join(v2004 ? "[,]" : ",");
  const pair = (i, j) => `${i + 1}${v2004 ? "[.]" : "."}${letter(j)}`;
  const truth = (value) => (v2004 ? String(!!value) : value ? "t" : "f");
  const text = (items) => (v2004 ? list(items.map((x) => String(x ?? "").replace(/\[[,.]\]/g, " ").trim().slice(0, 250)))
    : clip(items.join(" | ")));
  for (const q of quiz.questions) {
    if (!(q.id in (result.answers || {}))) continue;
    const answer = result.answers[q.id];
    if (answer == null) continue;
    const mark = result.marks?.[q.id];
    const verdict = mark ? (mark[0] >= mark[1] ? "correct" : v2004 ? "incorrect" : "wrong") : "unanticipated";
    const it = { id: q.id.slice(0, 255), result: verdict, weighting: q.points ?? 1 };
    const correct = () => list(q.options.map((o, i) => (o.correct ? letter(i) : "")).filter(Boolean));
    switch (q.type) {
      case "single":
        Object.assign(it, { type: "choice", response: letter(answer), pattern: correct() });
        break;
      case "multiple":
        Object.assign(it, { type: "choice", response: list([...answer].sort((a, b) => a - b).map(letter)), pattern: correct() });
        break;
      case "true_false":
        Object.assign(it, { type: "true-false", response: truth(answer), pattern: truth(q.answer) });
        break;
      case "ordering":
        Object.assign(it, { type: "sequencing", response: list(answer.map(letter)), pattern: list(q.items.map((_, i) => letter(i))) });
        break;
      case "matching":
        Object.assign(it, { type: "matching",
          response: list(answer.map((chosen, i) => (chosen == null ? "" : pair(i, chosen))).filter(Boolean)),
          pattern: list(q.pairs.map((_, i) => pair(i, i))) });
        break;
      case "fill_blank":
        Object.assign(it, { type: "fill-in", response: text(answer),
          pattern: text(q.blanks.map((b) => (typeof b.accept[0] === "string" ? b.accept[0] : ""))) });
        break;
      case "self_assessment":
        Object.assign(it, { type: "likert", response: v2004 ? letter(answer) : String(answer).slice(0, 1), pattern: "", result: "neutral" });
        break;
      default:
        continue;
    }
    out.push(it);
  }
  return out;
}

function say(text) { if (statusLine) statusLine.textContent = text; }

let reported = "";
function report() {
  if (!open) return;
  const record = readStore(recordKey);
  const fingerprint = JSON.stringify(record);
  if (fingerprint === reported) return;
  reported = fingerprint;
  if (kind === "quiz") {
    if (!record) return;
    const quiz = quizData();
    set(V2004 ? "cmi.score.min" : "cmi.core.score.min", 0);
    set(V2004 ? "cmi.score.max" : "cmi.core.score.max", 100);
    set(V2004 ? "cmi.score.raw" : "cmi.core.score.raw", record.percent);
    if (V2004) set("cmi.score.scaled", Math.max(0, Math.min(1, record.percent / 100)));
    const selfAssessed = quiz?.self_assessment;
    setStatus(selfAssessed ? "completed" : record.passed ? "passed" : "failed");
    if (quiz) {
      let n = Number(get("cmi.interactions._count")) || 0;
      const date = new Date(record.date || Date.now());
      const when = V2004 ? date.toISOString().slice(0, 19) : date.toTimeString().slice(0, 8);
      for (const it of interactions(quiz, record)) {
        const base = `cmi.interactions.${n++}`;
        set(`${base}.id`, it.id);
        set(`${base}.type`, it.type);
        set(`${base}.${ELEMENTS.when}`, when);
        set(`${base}.weighting`, it.weighting);
        set(`${base}.${ELEMENTS.response}`, it.response);
        if (it.pattern) set(`${base}.correct_responses.0.pattern`, it.pattern);
        set(`${base}.result`, it.result);
      }
    }
  } else if (record?.read === true || kind === "page") {
    setStatus("completed");
  }
  const data = suspendData(record);
  if (data) set("cmi.suspend_data", data);
  call(ELEMENTS.commit, "");
  say(`Sent to your learning platform: ${statusNow()}.`);
}

/** 1.2 has one lesson_status; 2004 splits it into completion_status and success_status. */
function setStatus(status) {
  if (!V2004) { set("cmi.core.lesson_status", status); return; }
  set("cmi.completion_status", status === "incomplete" ? "incomplete" : "completed");
  if (status === "passed" || status === "failed") set("cmi.success_status", status);
}
function statusNow() {
  if (!V2004) return get("cmi.core.lesson_status");
  const success = get("cmi.success_status");
  return success === "passed" || success === "failed" ? success : get("cmi.completion_status");
}

function restore() {
  const raw = get("cmi.suspend_data");
  if (raw) {
    try {
      const saved = JSON.parse(raw);
      if (saved?.v === 1 && saved.r && !readStore(recordKey)) writeStore(recordKey, saved.r);
    } catch { console.info("cxportal: ignored unreadable suspend_data"); }
  }
  reported = JSON.stringify(readStore(recordKey));
  const location = get(ELEMENTS.location);
  if (location && /^[\w-]+$/.test(location)) document.getElementById(location)?.scrollIntoView();
}

function trackLocation() {
  const headings = [...document.querySelectorAll("article h2[id], article h3[id]")];
  if (!headings.length || !("IntersectionObserver" in window)) return;
  const seen = new IntersectionObserver((entries) => {
    for (const entry of entries) if (entry.isIntersecting) set(ELEMENTS.location, entry.target.id.slice(0, V2004 ? 1000 : 255));
  });
  headings.forEach((h) => seen.observe(h));
}

function finish() {
  if (!open) return;
  report();
  set(ELEMENTS.time, V2004 ? duration(Date.now() - started) : timespan(Date.now() - started));
  const unfinished = V2004 ? get("cmi.completion_status") !== "completed" : get("cmi.core.lesson_status") === "incomplete";
  set(ELEMENTS.exit, unfinished ? "suspend" : V2004 ? "normal" : "");
  call(ELEMENTS.commit, "");
  call(ELEMENTS.finish, "");
  open = false;
}

if (root && api) {
  open = call(ELEMENTS.init, "") === "true";
  if (open) {
    // Some LMSs never set the mode: treat anything but browse/review as normal.
    const mode = get(ELEMENTS.mode) || "normal";
    const status = get(V2004 ? "cmi.completion_status" : "cmi.core.lesson_status");
    if (mode === "normal" && (!status || status === "not attempted" || status === "unknown")) setStatus("incomplete");
    restore();
    if (kind === "page") report();
    trackLocation();
    document.addEventListener("cxportal:quiz-result", () => setTimeout(report, 0));
    document.addEventListener("click", () => setTimeout(report, 0), true);
    window.addEventListener("pagehide", finish);
    window.addEventListener("beforeunload", finish);
    say("Connected to your learning platform.");
  }
} else if (root) {
  say("No learning platform found: your progress stays in this browser.");
}
