/* cxportal SCORM 1.2 runtime: one step of a learning path, run as a SCO inside an LMS.

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
   Without an LMS it does nothing more than the portal does: everything stays in the browser. */

const PREFIX = "cxportal:v1:";
const MAX_SUSPEND = 4096;
const root = document.querySelector("[data-cx-sco]");
const step = root?.dataset.cxSco || "";
const [kind, target] = step.split(/:(.*)/);
const recordKey = kind === "quiz" ? `${PREFIX}quiz:${target}` : `${PREFIX}progress:${step}`;
const started = Date.now();
const statusLine = document.querySelector("[data-cx-sco-status]");

/** ADL's discovery: climb the parents of `win` (at most 500 levels) until one has `API`. */
function climb(win) {
  for (let tries = 0; win && tries < 500; tries++) {
    try { if (win.API) return win.API; } catch { return null; } // another origin: stop climbing
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
  if (!open && name !== "LMSInitialize") return "";
  try { return String(api[name](...args) ?? ""); } catch (error) { console.info(`cxportal: ${name} failed`, error); return ""; }
}
const get = (element) => call("LMSGetValue", element);
const set = (element, value) => call("LMSSetValue", element, String(value));

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

/** The step's record, compacted until it fits SCORM 1.2's 4096 characters. */
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

/** One interaction per answered question: SCORM type, response, correct pattern and result. */
export function interactions(quiz, result) {
  const out = [];
  for (const q of quiz.questions) {
    if (!(q.id in (result.answers || {}))) continue;
    const answer = result.answers[q.id];
    if (answer == null) continue;
    const mark = result.marks?.[q.id];
    const verdict = mark ? (mark[0] >= mark[1] ? "correct" : "wrong") : "unanticipated";
    const it = { id: q.id.slice(0, 255), result: verdict, weighting: q.points ?? 1 };
    switch (q.type) {
      case "single":
        Object.assign(it, { type: "choice", response: letter(answer),
          pattern: q.options.map((o, i) => (o.correct ? letter(i) : "")).filter(Boolean).join(",") });
        break;
      case "multiple":
        Object.assign(it, { type: "choice", response: [...answer].sort((a, b) => a - b).map(letter).join(","),
          pattern: q.options.map((o, i) => (o.correct ? letter(i) : "")).filter(Boolean).join(",") });
        break;
      case "true_false":
        Object.assign(it, { type: "true-false", response: answer ? "t" : "f", pattern: q.answer ? "t" : "f" });
        break;
      case "ordering":
        Object.assign(it, { type: "sequencing", response: answer.map(letter).join(","),
          pattern: q.items.map((_, i) => letter(i)).join(",") });
        break;
      case "matching":
        Object.assign(it, { type: "matching",
          response: answer.map((chosen, i) => (chosen == null ? "" : `${i + 1}.${letter(chosen)}`)).filter(Boolean).join(","),
          pattern: q.pairs.map((_, i) => `${i + 1}.${letter(i)}`).join(",") });
        break;
      case "fill_blank":
        Object.assign(it, { type: "fill-in", response: clip(answer.join(" | ")),
          pattern: clip(q.blanks.map((b) => (typeof b.accept[0] === "string" ? b.accept[0] : "")).join(" | ")) });
        break;
      case "self_assessment":
        Object.assign(it, { type: "likert", response: String(answer).slice(0, 1), pattern: "", result: "neutral" });
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
    set("cmi.core.score.min", 0);
    set("cmi.core.score.max", 100);
    set("cmi.core.score.raw", record.percent);
    const selfAssessed = quiz?.self_assessment;
    set("cmi.core.lesson_status", selfAssessed ? "completed" : record.passed ? "passed" : "failed");
    if (quiz) {
      let n = Number(get("cmi.interactions._count")) || 0;
      const time = new Date(record.date || Date.now()).toTimeString().slice(0, 8);
      for (const it of interactions(quiz, record)) {
        const base = `cmi.interactions.${n++}`;
        set(`${base}.id`, it.id);
        set(`${base}.type`, it.type);
        set(`${base}.time`, time);
        set(`${base}.weighting`, it.weighting);
        set(`${base}.student_response`, it.response);
        if (it.pattern) set(`${base}.correct_responses.0.pattern`, it.pattern);
        set(`${base}.result`, it.result);
      }
    }
  } else if (record?.read === true || kind === "page") {
    set("cmi.core.lesson_status", "completed");
  }
  const data = suspendData(record);
  if (data) set("cmi.suspend_data", data);
  call("LMSCommit", "");
  say(`Sent to your learning platform: ${get("cmi.core.lesson_status")}.`);
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
  const location = get("cmi.core.lesson_location");
  if (location && /^[\w-]+$/.test(location)) document.getElementById(location)?.scrollIntoView();
}

function trackLocation() {
  const headings = [...document.querySelectorAll("article h2[id], article h3[id]")];
  if (!headings.length || !("IntersectionObserver" in window)) return;
  const seen = new IntersectionObserver((entries) => {
    for (const entry of entries) if (entry.isIntersecting) set("cmi.core.lesson_location", entry.target.id.slice(0, 255));
  });
  headings.forEach((h) => seen.observe(h));
}

function finish() {
  if (!open) return;
  report();
  set("cmi.core.session_time", timespan(Date.now() - started));
  const status = get("cmi.core.lesson_status");
  set("cmi.core.exit", status === "incomplete" ? "suspend" : "");
  call("LMSCommit", "");
  call("LMSFinish", "");
  open = false;
}

if (root && api) {
  open = call("LMSInitialize", "") === "true";
  if (open) {
    // Some LMSs never set lesson_mode: treat anything but browse/review as normal.
    const mode = get("cmi.core.lesson_mode") || "normal";
    const status = get("cmi.core.lesson_status");
    if (mode === "normal" && (!status || status === "not attempted")) set("cmi.core.lesson_status", "incomplete");
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
