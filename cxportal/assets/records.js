/* cxportal learning records: xAPI statements to the organisation's LRS, through the portal's own server
   (loaded only when mkdocs.yml switches `records:` on; docs/records.md says what is sent and why).

   Every event becomes a statement with its own id at the moment it happens, goes into a queue in
   localStorage first, and leaves the queue only when the LRS answers 204 (stored) or 409 (it holds that
   id already): a closed tab, an LRS that is down, slow, signed out or answering garbage loses nothing,
   and sending twice stores once. The portal works the same when nothing answers. */

import { lang, t } from "./i18n.js";
import { PREFIX, h, key, stepDone, storageGet, storageSet } from "./progress.js";

const QUEUE = `${PREFIX}records:queue`;
const ONCE = `${PREFIX}records:once`; // events recorded once per version (a path completed, a certificate)
const XAPI_VERSION = "1.0.3";
const TIMEOUT_MS = 10_000;
const FIRST_DELAY_MS = 5_000;
const MAX_DELAY_MS = 300_000;
const TYPES = {
  lesson: "http://adlnet.gov/expapi/activities/lesson",
  performance: "http://adlnet.gov/expapi/activities/performance",
  interaction: "http://adlnet.gov/expapi/activities/cmi.interaction",
  assessment: "http://adlnet.gov/expapi/activities/assessment",
  course: "http://adlnet.gov/expapi/activities/course",
  certificate: "http://id.tincanapi.com/activitytype/certificate",
};

function readSettings() {
  try {
    const s = JSON.parse(document.querySelector('meta[name="cx:records"]')?.content || "null");
    if (s && typeof s.lrs === "string" && typeof s.base === "string" && s.verbs) return s;
  } catch { /* falls through */ }
  console.info("cxportal: learning records are switched on but their settings are unreadable");
  return null;
}
const settings = readSettings();
const portalVersion = () => document.querySelector('meta[name="cx:version"]')?.content || "";
const EXT_VERSION = settings ? `${settings.base}xapi/extensions/version` : "";
const EXT_HASH = settings ? `${settings.base}xapi/extensions/quiz-hash` : "";

/** A version 4 UUID from the browser's random numbers (randomUUID needs https, an intranet may not have it). */
export function uuid() {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const queue = () => (Array.isArray(storageGet(QUEUE)?.items) ? storageGet(QUEUE).items : []);
const saveQueue = (items) => storageSet(QUEUE, { items });

// The signed-in person, from the server (never from the page): null while unknown or signed out.
let me = null;
let signedOut = false;
async function identity() {
  if (me) return me;
  try {
    const response = await fetch(settings.whoami, { credentials: "same-origin", cache: "no-store", signal: AbortSignal.timeout(TIMEOUT_MS) });
    signedOut = response.status === 401 || response.status === 403;
    if (!response.ok) return null;
    const who = await response.json();
    if (who && typeof who.mbox === "string" && /^mailto:[^@\s]+@[^@\s]+$/.test(who.mbox)) {
      me = { objectType: "Agent", mbox: who.mbox, ...(typeof who.name === "string" && who.name ? { name: who.name } : {}) };
    }
  } catch { /* down or slow: try again on the next flush */ }
  return me;
}

const names = (text) => ({ [lang]: String(text || "").trim() || "—" });
const activity = (id, type, title, extra = {}) => ({ objectType: "Activity", id, definition: { type, name: names(title), ...extra } });

/** A statement for `event` about `object`, made now with its own id, queued before anything is sent. */
function record(event, object, { result, version, hash, parent } = {}) {
  const verb = settings.verbs[event];
  const extensions = { [EXT_VERSION]: version ?? portalVersion() };
  if (hash) extensions[EXT_HASH] = hash;
  const statement = {
    id: uuid(),
    timestamp: new Date().toISOString(),
    verb: { id: verb.id, display: { "en-US": verb.display } },
    object,
    context: { language: lang, platform: "cxportal", extensions, ...(parent ? { contextActivities: { parent: [parent] } } : {}) },
    ...(result ? { result } : {}),
  };
  if (me) statement.actor = me; // else filled in when the server says who is signed in
  saveQueue([...queue(), statement]);
  return statement;
}

// Sending ------------------------------------------------------------------------------------------------

let timer = null;
let delay = FIRST_DELAY_MS;
let flushing = false;
let sentThisPage = false;

/** "stored" (204, or 409: the LRS holds this id already), "signed_out" (401/403) or "retry" (anything else). */
async function put(statement) {
  try {
    const response = await fetch(`${settings.lrs}statements?statementId=${encodeURIComponent(statement.id)}`, {
      method: "PUT",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-Experience-API-Version": XAPI_VERSION },
      body: JSON.stringify(statement),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (response.status === 204 || response.status === 409) return "stored";
    if (response.status === 401 || response.status === 403) return "signed_out";
    console.info(`cxportal: the LRS answered ${response.status}; the record stays queued`);
  } catch { /* network down or timed out */ }
  return "retry";
}

async function flush() {
  if (flushing || !settings) return;
  flushing = true;
  clearTimeout(timer);
  let outcome = "stored";
  try {
    for (const waiting of queue()) {
      if (!waiting.actor) {
        if (!(await identity())) { outcome = signedOut ? "signed_out" : "retry"; break; }
        waiting.actor = me;
        saveQueue(queue().map((s) => (s.id === waiting.id ? waiting : s)));
      }
      outcome = await put(waiting);
      if (outcome !== "stored") break;
      // Another tab may have changed the queue meanwhile: remove this id from what is stored now.
      saveQueue(queue().filter((s) => s.id !== waiting.id));
      sentThisPage = true;
    }
  } finally {
    flushing = false;
  }
  signedOut = outcome === "signed_out";
  if (queue().length) {
    timer = setTimeout(flush, delay);
    delay = Math.min(delay * 2, MAX_DELAY_MS);
  } else {
    delay = FIRST_DELAY_MS;
  }
  showStatus();
}

function soon() { setTimeout(flush, 0); }

// What the reader sees: one calm line at the end of the page, only when there is something to say.
function showStatus() {
  const article = document.querySelector("article.md-content__inner") || document.querySelector("article");
  if (!article) return;
  let line = article.querySelector(".cx-records");
  if (!line) {
    line = h("p", { class: "cx-records", role: "status", "aria-live": "polite", "data-search-exclude": true });
    article.append(line);
  }
  const count = queue().length;
  const text = count ? t(signedOut ? "records.signed_out" : "records.waiting", { count }) : sentThisPage ? t("records.saved") : "";
  line.textContent = text;
  line.hidden = !text;
  line.dataset.cxRecordsWaiting = String(count);
}

// Events -----------------------------------------------------------------------------------------------

const letter = (i) => String.fromCharCode(97 + i); // 0 → a, as in the SCORM packages
const list = (values) => values.join("[,]");
const quizUrl = (id) => `${settings.base}quizzes/${id}/`;

function decodeQuiz(root) {
  try {
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(root.dataset.cxData), (c) => c.charCodeAt(0))));
  } catch { return null; }
}

/** The xAPI interaction definition and response of one answered question, or null when it cannot say. */
export function interaction(q, answer) {
  const choices = (texts) => texts.map((text, i) => ({ id: letter(i), description: names(text) }));
  const correct = (options) => list(options.map((o, i) => (o.correct ? letter(i) : "")).filter(Boolean));
  switch (q.type) {
    case "single":
      return { definition: { interactionType: "choice", choices: choices(q.options.map((o) => o.text)), correctResponsesPattern: [correct(q.options)] },
        response: letter(answer) };
    case "multiple":
      return { definition: { interactionType: "choice", choices: choices(q.options.map((o) => o.text)), correctResponsesPattern: [correct(q.options)] },
        response: list([...answer].sort((a, b) => a - b).map(letter)) };
    case "true_false":
      return { definition: { interactionType: "true-false", correctResponsesPattern: [String(q.answer)] }, response: String(answer) };
    case "ordering":
      return { definition: { interactionType: "sequencing", choices: choices(q.items.map((i) => i.text)), correctResponsesPattern: [list(q.items.map((_, i) => letter(i)))] },
        response: list(answer.map(letter)) };
    case "matching":
      return { definition: { interactionType: "matching",
        source: q.pairs.map((p, i) => ({ id: String(i + 1), description: names(p.left) })),
        target: q.pairs.map((p, i) => ({ id: letter(i), description: names(p.right) })),
        correctResponsesPattern: [list(q.pairs.map((_, i) => `${i + 1}[.]${letter(i)}`))] },
      response: list(answer.map((chosen, i) => (chosen == null ? "" : `${i + 1}[.]${letter(chosen)}`)).filter(Boolean)) };
    case "fill_blank":
      return { definition: { interactionType: "fill-in", correctResponsesPattern: [list(q.blanks.map((b) => String(b.accept?.[0] ?? "")))] },
        response: list(answer.map((a) => String(a ?? "").trim())) };
    case "self_assessment":
      return { definition: { interactionType: "likert", scale: choices(q.options.map((o) => o.text)) }, response: letter(answer) };
    default:
      return null;
  }
}

const seconds = (ms) => `PT${Math.max(0, Math.round(ms / 100) / 10)}S`;
const pageOpened = Date.now();
const quizStarted = new Map();

function onQuizResult(id) {
  const root = document.querySelector(`[data-cx-quiz="${CSS.escape(id)}"]`);
  const stored = storageGet(`${PREFIX}quiz:${id}`);
  const quiz = root && decodeQuiz(root);
  if (!quiz || !stored) return;
  const quizActivity = activity(quizUrl(id), TYPES.assessment, quiz.title);
  const hash = root.dataset.cxHash || "";
  for (const q of quiz.questions) {
    const answer = stored.answers?.[q.id];
    if (answer == null || (Array.isArray(answer) && !answer.length)) continue;
    const it = interaction(q, answer);
    if (!it) continue;
    const [points, most] = stored.marks?.[q.id] || [0, q.points ?? 1];
    const result = { response: it.response, score: { raw: points, min: 0, max: Math.max(most, points) } };
    if (q.type !== "self_assessment") result.success = points >= most;
    record("answered", activity(`${quizUrl(id)}#q=${q.id}`, TYPES.interaction, q.prompt, it.definition), { result, hash, parent: quizActivity });
  }
  const started = quizStarted.get(id) ?? pageOpened;
  quizStarted.delete(id);
  const result = {
    score: { scaled: stored.max ? Math.round((10000 * stored.score) / stored.max) / 10000 : 0, raw: stored.score, min: 0, max: stored.max },
    completion: true,
    duration: seconds(Date.now() - started),
  };
  if (!quiz.self_assessment) result.success = stored.passed === true;
  record(quiz.self_assessment ? "assessed" : stored.passed ? "passed" : "failed", quizActivity, { result, hash });
  checkPaths();
  soon();
}

function onMarked({ step, done, version, title }) {
  if (!done) return; // un-marking is not an event the record keeps
  const [kind, id] = String(step).split(/:(.*)/);
  if (kind === "playbook") record("read", activity(`${settings.base}playbooks/${id}/`, TYPES.lesson, title), { version });
  else if (kind === "activity") record("practised", activity(`${settings.base}activities/${id}/`, TYPES.performance, title), { version, result: { completion: true } });
  else return;
  checkPaths();
  soon();
}

function onAcknowledged({ playbook, version, title }) {
  record("acknowledged", activity(`${settings.base}playbooks/${playbook}/`, TYPES.lesson, title), { version });
  soon();
}

/** Records a path's completion and its certificate once per path and portal version. */
function checkPaths() {
  const seen = new Map();
  const last = storageGet(key("last"));
  if (last && typeof last.path === "string" && Array.isArray(last.steps)) {
    seen.set(last.path, { steps: last.steps.map((s) => String(s.step)), selfAssessed: String(last.selfAssessed || ""), title: String(last.title || last.path) });
  }
  const h1 = document.querySelector("article h1")?.textContent.replace(/¶$/, "").trim();
  const onPage = document.querySelector("ol[data-cx-path]")?.dataset.cxPath;
  for (const el of document.querySelectorAll(".cx-progress[data-cx-progress][data-cx-steps]")) {
    const path = el.dataset.cxProgress;
    seen.set(path, { steps: el.dataset.cxSteps.split(/\s+/).filter(Boolean), selfAssessed: el.dataset.cxSelfAssessed || "",
      title: path === onPage && h1 ? h1 : seen.get(path)?.title || path });
  }
  const version = portalVersion();
  const once = storageGet(ONCE) || {};
  for (const [path, { steps, selfAssessed, title }] of seen) {
    const done = `${path}@${version}`;
    if (!steps.length || once[done]) continue;
    const assessed = new Set(selfAssessed.split(/\s+/).filter(Boolean));
    if (!steps.every((s) => stepDone(s, assessed))) continue;
    const course = activity(`${settings.base}roles/${path}/`, TYPES.course, title);
    record("path_completed", course, { result: { completion: true } });
    record("certificate", activity(`${settings.base}roles/${path}/#certificate`, TYPES.certificate, title), { parent: course });
    once[done] = new Date().toISOString();
    storageSet(ONCE, once);
  }
}

if (settings) {
  document.addEventListener("cxportal:quiz-result", (e) => onQuizResult(String(e.detail?.id || "")));
  document.addEventListener("cxportal:marked", (e) => onMarked(e.detail || {}));
  document.addEventListener("cxportal:acknowledged", (e) => onAcknowledged(e.detail || {}));
  // A quiz attempt starts with its first answer (a retry: the first answer after the last Check).
  document.addEventListener("change", (e) => {
    const id = e.target?.closest?.("[data-cx-quiz]")?.dataset.cxQuiz;
    if (id && !quizStarted.has(id)) quizStarted.set(id, Date.now());
  }, true);
  window.addEventListener("online", soon);
  document.addEventListener("visibilitychange", () => { if (document.visibilityState === "visible") soon(); });
  const init = () => { sentThisPage = false; showStatus(); identity().then(() => { checkPaths(); flush(); }); };
  if (window.document$) window.document$.subscribe(init);
  else init();
}
