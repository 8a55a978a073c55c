// Learning-path progress: mark-as-read, progress bars, continue-where-you-left-off,
// certificate and the "changed since" filter. Everything stays in localStorage.
// Export/import and the manager view live in manager.js, loaded only where needed.
import { formatDate, t, whenNear } from "./i18n.js";

export const PREFIX = "cxportal:v1:";
export const key = (id) => `${PREFIX}progress:${id}`;

// Reading storage never throws: bad data is discarded with a console note.
export function storageGet(name) {
  let raw = null;
  try { raw = localStorage.getItem(name); } catch { return null; }
  if (raw === null) return null;
  try {
    const value = JSON.parse(raw);
    if (value && typeof value === "object" && !Array.isArray(value)) return value;
  } catch { /* fall through */ }
  console.info(`cxportal: discarding unreadable stored value ${name}`);
  try { localStorage.removeItem(name); } catch { /* storage unavailable */ }
  return null;
}

export function storageSet(name, value) {
  try { localStorage.setItem(name, JSON.stringify(value)); return true; } catch { return false; }
}

export const today = () => new Date().toISOString().slice(0, 10);
export const words = (text) => (text || "").split(/\s+/).filter(Boolean);
// A path on this site: stored data (or an imported progress file) must not lead to another host ("//host/").
export const local = (href) => typeof href === "string" && /^\/(?!\/)/.test(href);

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value == null) continue;
    if (name === "text") el.textContent = value;
    else el.setAttribute(name, value === true ? "" : value);
  }
  el.append(...children.filter((c) => c != null));
  return el;
}

// A step is done when its playbook/page is marked read, its practice activity marked done, or its quiz passed
// (self-assessments: any stored result). `get` reads one record (storage or a file).
export function stepDone(step, selfAssessed, get = storageGet) {
  const [kind, id] = step.split(/:(.*)/);
  if (kind === "quiz") {
    const result = get(`${PREFIX}quiz:${id}`);
    return !!result && (result.passed === true || selfAssessed.has(id));
  }
  const record = get(key(step));
  return !!record && record.read === true;
}

export function pathStatus(el, get = storageGet) {
  const steps = words(el.dataset.cxSteps);
  const selfAssessed = new Set(words(el.dataset.cxSelfAssessed));
  const done = steps.map((s) => stepDone(s, selfAssessed, get));
  return { steps, done, count: done.filter(Boolean).length, complete: steps.length > 0 && done.every(Boolean) };
}

// Renewal: a path with data-cx-renew ("12 month") is due again that long after it was finished, the day of
// its latest step (a quiz retaken or a playbook marked again moves it).
export function addPeriod(day, period) {
  const [count, unit] = String(period).split(" ");
  const n = Number(count);
  const d = new Date(`${day}T00:00:00`);
  if (!Number.isFinite(n) || Number.isNaN(d.getTime())) return "";
  if (unit === "day") d.setDate(d.getDate() + n);
  else if (unit === "week") d.setDate(d.getDate() + 7 * n);
  else if (unit === "month") d.setMonth(d.getMonth() + n);
  else if (unit === "year") d.setFullYear(d.getFullYear() + n);
  else return "";
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

/** {done, due, overdue} for a finished path that must be renewed, else null. */
export function renewal(steps, complete, renew, get = storageGet) {
  if (!renew || !complete) return null;
  const dates = steps.map((step) => {
    const [kind, id] = step.split(/:(.*)/);
    const record = kind === "quiz" ? get(`${PREFIX}quiz:${id}`) : get(key(step));
    return typeof record?.date === "string" ? record.date.slice(0, 10) : "";
  }).filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d)).sort();
  const done = dates.pop();
  if (!done) return null;
  const due = addPeriod(done, renew);
  return due ? { done, due, overdue: due <= today() } : null;
}

export function renewalText(r) {
  return t(r.overdue ? "renew.overdue" : "renew.due", { done: formatDate(r.done) || r.done, due: formatDate(r.due) || r.due });
}

let uid = 0;
function progressBar(count, total, label) {
  const id = `cx-progress-label-${++uid}`;
  return [
    h("p", { class: "cx-progress__label", id, text: `${label}${t("progress.steps_done", { done: count, count: total })}` }),
    h("progress", { class: "cx-progress__bar", max: total, value: count, "aria-labelledby": id }),
  ];
}

function renderBars() {
  for (const el of document.querySelectorAll(".cx-progress[data-cx-steps]")) {
    const { steps, count, complete } = pathStatus(el);
    if (!steps.length) continue;
    const due = renewal(steps, complete, el.dataset.cxRenew);
    el.replaceChildren(...progressBar(count, steps.length, ""));
    if (due) el.append(h("p", { class: `cx-renewal${due.overdue ? " cx-renewal--overdue" : ""}`, text: renewalText(due) }));
    el.dataset.cxDone = String(count);
    el.hidden = false;
  }
}

// What the control at the end of a page says: playbooks are read, practice activities are done.
const MARKS = {
  playbook: { button: "progress.mark_read", on: "progress.marked", off: "progress.unmarked" },
  activity: { button: "progress.mark_done", on: "progress.marked_done", off: "progress.unmarked_done" },
};

// Both kinds store {read: true} under the step key (playbook:<id>, activity:<id>), so stepDone reads them alike.
function markReadControl(meta, kind = "playbook") {
  const id = kind === "activity" ? meta.dataset.cxActivity : meta.dataset.cxPlaybook;
  const name = key(`${kind}:${id}`);
  const words = MARKS[kind];
  const article = meta.closest("article") || meta.parentElement;
  const status = h("span", { class: "cx-read__status", role: "status", "aria-live": "polite" });
  const button = h("button", { type: "button", class: "md-button cx-read__button", text: t(words.button) });
  const sync = () => button.setAttribute("aria-pressed", String(storageGet(name)?.read === true));
  button.addEventListener("click", () => {
    const read = storageGet(name)?.read !== true;
    if (read) storageSet(name, { read: true, version: meta.dataset.cxVersion || "", date: today() });
    else try { localStorage.removeItem(name); } catch { /* ignore */ }
    sync();
    status.textContent = t(read ? words.on : words.off);
    const title = meta.dataset.cxTitle || document.querySelector("article h1")?.textContent.replace(/¶$/, "").trim() || document.title;
    // For walk.js (the next step) and records.js (learning records, when mkdocs.yml switches them on).
    document.dispatchEvent(new CustomEvent("cxportal:marked", { detail: { step: `${kind}:${id}`, done: read, version: meta.dataset.cxVersion || "", title } }));
  });
  sync();
  article.append(h("p", { class: "cx-read", "data-search-exclude": true }, button, " ", status));
}

// Acknowledgment: a playbook with `acknowledge: true` asks the reader to confirm they have read it. Stored as
// progress:ack:<playbook> = {version, date}; it counts while its version is one of data-cx-ack's (a change marked
// `acknowledge: true` drops the older ones, so the reader is asked again).
export const ackKey = (id) => key(`ack:${id}`);
export const confirmed = (versions, record) => !!record && versions.includes(String(record.version));

function ackControl(meta) {
  const id = meta.dataset.cxPlaybook;
  const versions = words(meta.dataset.cxAck);
  const version = versions[0];
  const article = meta.closest("article") || meta.parentElement;
  const box = h("div", { class: "cx-ack", "data-search-exclude": true });
  const status = h("p", { class: "cx-ack__status", role: "status", "aria-live": "polite" });
  const render = () => {
    const record = storageGet(ackKey(id));
    if (confirmed(versions, record)) {
      const date = formatDate(String(record.date || "")) || String(record.date || "");
      box.replaceChildren(h("p", { class: "cx-ack__done", text: t("ack.confirmed", { version: String(record.version), date }) }), status);
      return;
    }
    const button = h("button", { type: "button", class: "md-button md-button--primary cx-ack__button", text: t("ack.confirm", { version }) });
    button.addEventListener("click", () => {
      storageSet(ackKey(id), { version, date: today() });
      render();
      status.textContent = t("ack.thanks");
      // For walk.js (the next step) and records.js (learning records, when mkdocs.yml switches them on).
      document.dispatchEvent(new CustomEvent("cxportal:acknowledged", { detail: { playbook: id, version, title: meta.dataset.cxTitle || "" } }));
    });
    box.replaceChildren(h("p", { text: t(record ? "ack.changed" : "ack.asked", { version }) }), button, status);
  };
  render();
  article.append(box);
}

/** The playbooks that ask for a confirmation this reader has not given (acknowledge.json, written by the build). */
export async function awaitingConfirmation(get = storageGet) {
  let asked = [];
  try {
    const response = await fetch(new URL("acknowledge.json", import.meta.url));
    if (response.ok) asked = await response.json();
  } catch { /* from file:// or offline: nothing to show */ }
  if (!Array.isArray(asked)) return [];
  return asked.filter((p) => p && Array.isArray(p.versions) && !confirmed(p.versions.map(String), get(ackKey(p.id))));
}

async function awaitingBox(anchor) {
  const waiting = await awaitingConfirmation();
  document.querySelector(".cx-awaiting")?.remove();
  if (!waiting.length || !anchor.isConnected) return;
  const root = new URL("../../", import.meta.url);
  anchor.after(h("div", { class: "cx-awaiting", "data-search-exclude": true },
    h("h2", { id: "awaiting", text: t("ack.awaiting_title") }),
    h("ul", {}, ...waiting.map((p) => h("li", {},
      h("a", { href: new URL(String(p.url), root).pathname, text: String(p.title) }), ` · ${t("ack.version", { version: String(p.versions[0]) })}`)))));
}

function pathPage(list) {
  const progress = document.querySelector(".cx-progress[data-cx-steps]");
  if (!progress) return;
  const status = pathStatus(progress);
  const steps = [...list.querySelectorAll("[data-cx-step]")];
  steps.forEach((li, i) => {
    li.classList.toggle("cx-path__step--done", status.done[i]);
    li.querySelector(".cx-path__done")?.remove();
    if (status.done[i]) li.append(h("span", { class: "cx-path__done", text: t("progress.done") }));
  });
  const h1 = document.querySelector("article h1");
  storageSet(key("last"), {
    path: list.dataset.cxPath,
    title: h1 ? h1.textContent.replace(/¶$/, "").trim() : document.title,
    href: location.pathname,
    steps: steps.map((li) => {
      const a = li.querySelector("a");
      return { step: li.dataset.cxStep, title: a?.textContent || "", href: a ? new URL(a.href).pathname : "" };
    }),
    selfAssessed: progress.dataset.cxSelfAssessed || "",
    renew: progress.dataset.cxRenew || "",
  });
  const cert = document.querySelector("[data-cx-certificate]");
  document.body.classList.toggle("cx-print-certificate", !!cert && status.complete);
  if (cert && !status.complete) { cert.hidden = true; cert.replaceChildren(); }
  if (cert && status.complete) import("./certificate.js").then((m) => m.certificate(cert, status));
}

function continueBox(el) {
  const last = storageGet(key("last"));
  const parts = [];
  if (last && Array.isArray(last.steps) && local(last.href)) {
    const selfAssessed = new Set(words(last.selfAssessed));
    const done = last.steps.map((s) => stepDone(String(s.step), selfAssessed));
    const count = done.filter(Boolean).length;
    const next = last.steps[done.indexOf(false)];
    const due = renewal(last.steps.map((s) => String(s.step)), done.every(Boolean), typeof last.renew === "string" ? last.renew : "");
    parts.push(h("h2", { id: "continue", text: t("progress.continue") }),
      h("p", {}, h("a", { href: last.href, text: String(last.title) })),
      ...progressBar(count, last.steps.length, ""),
      due ? h("p", { class: `cx-renewal${due.overdue ? " cx-renewal--overdue" : ""}`, text: renewalText(due) }) : null,
      next && local(next.href)
        ? h("p", {}, `${t("progress.next_step")} `, h("a", { href: next.href, class: "cx-continue__next", text: String(next.title) }))
        : h("p", { text: t("progress.finished") }));
  }
  el.replaceChildren(...parts.filter(Boolean));
  el.hidden = parts.length === 0;
}

function changesFilter(input) {
  const items = [...document.querySelectorAll("[data-cx-changes] [data-cx-change-date]")];
  const status = document.querySelector("[data-cx-changes-status]");
  const apply = () => {
    const since = input.value;
    let shown = 0;
    const playbooks = new Set();
    for (const li of items) {
      li.hidden = !!since && li.dataset.cxChangeDate < since;
      if (!li.hidden) { shown++; playbooks.add(li.dataset.cxPlaybook); }
    }
    // A group ("First published", 10 playbooks) shows while any of its playbooks does.
    for (const group of document.querySelectorAll("[data-cx-changes] [data-cx-change-group]")) {
      group.hidden = !group.querySelector("[data-cx-change-date]:not([hidden])");
    }
    storageSet(`${PREFIX}changes:since`, { since });
    if (status) status.textContent = !since ? t("changes.all", { count: items.length })
      : shown ? t("changes.playbooks_since", { count: playbooks.size, date: formatDate(since) || since })
        : t("changes.none_since", { date: formatDate(since) || since });
  };
  input.value = storageGet(`${PREFIX}changes:since`)?.since || "";
  input.addEventListener("change", apply);
  input.addEventListener("input", apply);
  apply();
}

function refresh() {
  renderBars();
  const list = document.querySelector("ol[data-cx-path]");
  if (list) pathPage(list);
  // After an import the box must appear at once, not after a reload.
  const cont = document.querySelector("[data-cx-continue]");
  if (cont) { continueBox(cont); awaitingBox(cont); }
}

function init() {
  for (const el of document.querySelectorAll("[data-cx-visit]")) {
    const name = key(el.dataset.cxVisit);
    if (!storageGet(name)) storageSet(name, { read: true, date: today() });
  }
  const meta = document.querySelector("p.cx-playbook-meta[data-cx-playbook]");
  if (meta && !document.querySelector(".cx-read")) markReadControl(meta);
  const asks = document.querySelector("p.cx-playbook-meta[data-cx-ack]");
  if (asks && !document.querySelector(".cx-ack")) ackControl(asks);
  const activity = document.querySelector("p.cx-activity-meta[data-cx-activity]");
  if (activity && !document.querySelector(".cx-read")) markReadControl(activity, "activity");
  document.body.classList.remove("cx-print-certificate");
  refresh();
  const transfer = document.querySelector("[data-cx-transfer]");
  // Export and import sit at the end of the home page: loaded when the reader comes near them, not on load.
  // (Loading the module and building the form are two tasks, each short.)
  if (transfer) {
    whenNear(transfer, () => import("./manager.js").then((m) => setTimeout(() => m.mountTransfer(transfer, refresh), 0)));
  }
  const since = document.querySelector("[data-cx-changes-since]");
  if (since) changesFilter(since);
  const manager = document.querySelector("[data-cx-manager]");
  if (manager) import("./manager.js").then((m) => m.mountManager(manager));
}

document.addEventListener("cxportal:quiz-result", refresh);
window.addEventListener("storage", (event) => { if (event.key?.startsWith(PREFIX)) refresh(); });
if (window.document$) window.document$.subscribe(init);
else init();
