// Export and import of progress as a small JSON file, and the manager view that reads
// several such files. Everything happens in the browser: nothing is uploaded.
import { formatDate, t } from "./i18n.js";
import { PREFIX, ackKey, awaitingConfirmation, confirmed, h, key, pathStatus, renewal, storageGet, storageSet, today } from "./progress.js";

const FORMAT = "cxportal-progress";
const FILE_VERSION = 1;
const RECORD = /^cxportal:v1:(progress|quiz):[\w.:\/-]+$/;
const MAX_BYTES = 512 * 1024;
const UNSAFE_KEYS = new Set(["__proto__", "constructor", "prototype"]);

function storedKeys() {
  const keys = [];
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const name = localStorage.key(i);
      if (name && RECORD.test(name)) keys.push(name);
    }
  } catch { /* storage unavailable */ }
  return keys.sort();
}

export function exportProgress() {
  const records = {};
  for (const name of storedKeys()) {
    const value = storageGet(name);
    if (value) records[name] = value;
  }
  return { format: FORMAT, version: FILE_VERSION, exported: today(), name: storageGet(key("name"))?.name || "", records };
}

// Returns {data} for a good file, or {error} with a sentence a learner can act on.
export function parseProgressFile(text) {
  if (text.length > MAX_BYTES) return { error: t("manager.error.too_large") };
  let data;
  // Keys that name an object's prototype are dropped as the file is read: a file that carries them
  // can neither reach a prototype nor shadow what the view looks up.
  try { data = JSON.parse(text, (k, v) => (UNSAFE_KEYS.has(k) ? undefined : v)); } catch { return { error: t("manager.error.not_json") }; }
  if (!data || typeof data !== "object" || Array.isArray(data) || data.format !== FORMAT) {
    return { error: t("manager.error.not_progress", { format: FORMAT }) };
  }
  if (data.version !== FILE_VERSION) {
    return { error: t("manager.error.version", { version: String(JSON.stringify(data.version)), expected: FILE_VERSION }) };
  }
  if (!data.records || typeof data.records !== "object" || Array.isArray(data.records)) {
    return { error: t("manager.error.no_records") };
  }
  for (const [name, value] of Object.entries(data.records)) {
    if (!RECORD.test(name)) return { error: t("manager.error.unknown_entry", { name: name.slice(0, 60) }) };
    if (!value || typeof value !== "object" || Array.isArray(value)) return { error: t("manager.error.not_object", { name }) };
  }
  if (data.name != null && typeof data.name !== "string") return { error: t("manager.error.name") };
  return { data };
}

const readFile = (file) => file.text();

export function mountTransfer(el, refresh) {
  if (el.querySelector(".cx-transfer")) return;
  const status = h("p", { class: "cx-transfer__status", role: "status", "aria-live": "polite" });
  const name = h("input", { type: "text", id: "cx-export-name", class: "cx-field", autocomplete: "name",
    value: storageGet(key("name"))?.name || "" });
  const exportButton = h("button", { type: "button", class: "md-button", text: t("manager.export") });
  const input = h("input", { type: "file", id: "cx-import-file", class: "cx-file", accept: ".json,application/json" });
  name.addEventListener("change", () => storageSet(key("name"), { name: name.value.trim() }));
  exportButton.addEventListener("click", () => {
    // The manager's table shows one row per person: the file must say who it belongs to.
    if (!name.value.trim()) {
      status.classList.add("cx-error");
      status.textContent = t("manager.name_first");
      name.focus();
      return;
    }
    storageSet(key("name"), { name: name.value.trim() });
    const data = exportProgress();
    const blob = new Blob([JSON.stringify(data, null, 2)], { type: "application/json" });
    const slug = data.name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-|-$/g, "");
    const link = h("a", { href: URL.createObjectURL(blob), download: `cx-progress-${slug ? slug + "-" : ""}${data.exported}.json` });
    document.body.append(link);
    link.click();
    link.remove();
    status.classList.remove("cx-error");
    status.textContent = t("manager.exported", { count: Object.keys(data.records).length });
  });
  input.addEventListener("change", async () => {
    const file = input.files && input.files[0];
    if (!file) return;
    const { data, error } = parseProgressFile(await readFile(file));
    status.classList.toggle("cx-error", !!error);
    if (error) { status.textContent = t("manager.import_failed", { file: file.name, error }); return; }
    for (const stored of storedKeys()) localStorage.removeItem(stored);
    for (const [record, value] of Object.entries(data.records)) storageSet(record, value);
    if (data.name) { storageSet(key("name"), { name: data.name }); name.value = data.name; }
    input.value = "";
    status.textContent = t("manager.imported", { count: Object.keys(data.records).length, file: file.name });
    refresh();
  });
  el.append(h("section", { class: "cx-transfer", "aria-labelledby": "cx-transfer-title", "data-search-exclude": true },
    h("h2", { id: "cx-transfer-title", text: t("manager.transfer_title") }),
    h("p", { text: t("manager.your_progress_intro") }),
    h("p", { class: "cx-transfer__row" }, h("label", { for: name.id, text: t("manager.your_name") }), name, exportButton),
    h("p", { class: "cx-transfer__row" }, h("label", { for: input.id, text: t("manager.import") }), input),
    status));
}

// The team table: one row per person. A person's role is the one of the path they last opened,
// else the role whose paths they progressed furthest on; only that role's paths are shown.
function personRow(data, fileName, defs, quizTitles, awaiting) {
  const get = (name) => data.records[name] || null;
  const statuses = defs.map((def) => ({ def, status: pathStatus(def, get) }));
  const lastPath = get(key("last"))?.path;
  let roleId = typeof lastPath === "string" ? lastPath.split("/")[0] : "";
  if (!statuses.some(({ def }) => def.dataset.cxPathDef.startsWith(roleId + "/"))) {
    const best = statuses.reduce((a, b) => (b.status.count > (a?.status.count ?? 0) ? b : a), null);
    roleId = best ? best.def.dataset.cxPathDef.split("/")[0] : "";
  }
  const own = statuses.filter(({ def }) => def.dataset.cxPathDef.startsWith(roleId + "/"));
  const path = (kind) => own.find(({ def }) => def.dataset.cxKind === kind)?.status;
  const quizzes = Object.keys(data.records).filter((n) => n.startsWith(`${PREFIX}quiz:`)).map((n) => {
    const id = n.slice(`${PREFIX}quiz:`.length);
    const r = data.records[n];
    const percent = typeof r.percent === "number" ? Math.round(r.percent) : null;
    const score = percent === null ? t("manager.taken") : t(r.passed === true ? "quiz.percent" : "manager.percent_not_passed", { percent });
    return { title: quizTitles.get(id) || id, score, percent: typeof r.percent === "number" ? r.percent : 0 };
  }).sort((a, b) => a.title.localeCompare(b.title));
  const pathCell = (s) => (s ? { text: t(s.complete ? "manager.count_of_finished" : "manager.count_of", { done: s.count, count: s.steps.length }), sort: s.steps.length ? s.count / s.steps.length : 0 } : { text: "—", sort: -1 });
  return {
    person: data.name || fileName,
    role: own[0]?.def.dataset.cxRoleName || t("manager.no_role"),
    onboarding: pathCell(path("onboarding")),
    refresher: pathCell(path("refresher")),
    quizzes,
    // Playbooks asking for a confirmation this person's file does not hold (for the version that counts).
    // Paths of this person's role that must be renewed, with the day they are due again.
    due: own.map(({ def, status }) => ({ def, r: renewal(status.steps, status.complete, def.dataset.cxRenew, get) }))
      .filter(({ r }) => r).map(({ def, r }) => ({ due: r.due, text: t(r.overdue ? "manager.overdue_item" : "manager.due_item",
        { path: t(`manager.${def.dataset.cxKind}`), due: formatDate(r.due) || r.due }) })),
    awaiting: awaiting(get).map((p) => t("ack.title_version", { title: String(p.title), version: String(p.versions[0]) })),
    exported: typeof data.exported === "string" ? data.exported : "",
  };
}

const COLUMNS = [
  { id: "person", title: t("manager.person"), text: (r) => r.person },
  { id: "role", title: t("manager.role"), text: (r) => r.role },
  { id: "onboarding", title: t("manager.onboarding"), text: (r) => r.onboarding.text, sort: (r) => r.onboarding.sort },
  { id: "refresher", title: t("manager.refresher"), text: (r) => r.refresher.text, sort: (r) => r.refresher.sort },
  { id: "quizzes", title: t("manager.quiz_scores"), text: (r) => r.quizzes.map((q) => `${q.title}: ${q.score}`).join("; ") || t("manager.none_yet"),
    sort: (r) => (r.quizzes.length ? r.quizzes.reduce((t, q) => t + q.percent, 0) / r.quizzes.length : -1) },
  { id: "due", title: t("manager.due"), text: (r) => r.due.map((d) => d.text).join("; ") || t("manager.nothing_due"),
    sort: (r) => (r.due.length ? r.due.map((d) => d.due).sort()[0] : "9999") },
  { id: "awaiting", title: t("manager.awaiting"), text: (r) => r.awaiting.join("; ") || t("manager.nothing_awaiting"), sort: (r) => r.awaiting.length },
  { id: "exported", title: t("manager.file_date"), text: (r) => formatDate(r.exported) || r.exported, sort: (r) => r.exported },
];

export function teamCsv(people, columns = COLUMNS) {
  // A cell from a file that starts like a formula (=, +, -, @) is text in the spreadsheet, never run.
  const cell = (v) => {
    const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
    return /[",\n;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return [columns.map((c) => c.title), ...people.map((r) => columns.map((c) => c.text(r)))]
    .map((line) => line.map((v) => cell(String(v))).join(",")).join("\r\n") + "\r\n";
}

function teamTable(people, sortBy, rerender, columns) {
  const head = columns.map((c) => {
    const active = sortBy.id === c.id;
    const button = h("button", { type: "button", class: "cx-codes__sort" }, c.title, h("span", { class: "cx-codes__arrow", "aria-hidden": "true" }));
    button.addEventListener("click", () => rerender({ id: c.id, dir: active && sortBy.dir === "ascending" ? "descending" : "ascending" }));
    return h("th", { scope: "col", "aria-sort": active ? sortBy.dir : false }, button);
  });
  const rows = people.map((r) => h("tr", {}, ...columns.map((c, i) => {
    if (i === 0) return h("th", { scope: "row", text: c.text(r) });
    if (c.id === "quizzes") {
      return h("td", { "data-label": c.title }, r.quizzes.length ? h("ul", { class: "cx-manager__scores" }, ...r.quizzes.map((q) => h("li", { text: `${q.title}: ${q.score}` }))) : t("manager.none_yet"));
    }
    return h("td", { "data-label": c.title, text: c.text(r) });
  })));
  return h("table", { class: "cx-manager__table" },
    h("caption", { text: t("manager.team", { count: people.length }) }),
    h("thead", {}, h("tr", {}, ...head)), h("tbody", {}, ...rows));
}

export function mountManager(root) {
  const input = document.querySelector("[data-cx-manager-files]");
  const status = document.querySelector("[data-cx-manager-status]");
  const defs = [...document.querySelectorAll("[data-cx-path-def]")];
  // A Map: an id read from a file ("__proto__", "constructor") finds only the quizzes of this site.
  const quizTitles = new Map([...document.querySelectorAll("[data-cx-quiz-def]")].map((li) => [li.dataset.cxQuizDef, li.textContent.trim()]));
  if (!input || input.dataset.cxBound) return;
  input.dataset.cxBound = "1";
  let people = [];
  let sortBy = { id: "person", dir: "ascending" };
  // "Due again" only when a path must be renewed, "Awaiting confirmation" only when a playbook asks for one.
  let columns = COLUMNS;
  const render = (next) => {
    if (next) sortBy = next;
    const column = columns.find((c) => c.id === sortBy.id) || columns[0];
    const value = column.sort || column.text;
    const sign = sortBy.dir === "ascending" ? 1 : -1;
    people.sort((a, b) => {
      const x = value(a), y = value(b);
      return sign * (typeof x === "number" ? x - y : String(x).localeCompare(String(y)));
    });
    if (!people.length) { root.replaceChildren(); return; }
    const csv = h("button", { type: "button", class: "md-button" }, t("manager.csv"));
    csv.addEventListener("click", () => {
      const blob = new Blob(["\ufeff" + teamCsv(people, columns)], { type: "text/csv;charset=utf-8" });
      const link = h("a", { href: URL.createObjectURL(blob), download: `cx-team-progress-${today()}.csv` });
      document.body.append(link);
      link.click();
      link.remove();
    });
    const print = h("button", { type: "button", class: "md-button" }, t("manager.print"));
    print.addEventListener("click", () => window.print());
    root.replaceChildren(h("div", { class: "cx-manager__scroll" }, teamTable(people, sortBy, render, columns)),
      h("p", { class: "cx-manager__actions" }, csv, print));
    const focused = root.querySelector(`th[aria-sort] button`);
    if (next && focused) focused.focus();
  };
  // Which playbooks ask for confirmation: read once, then checked against each person's records.
  const asked = awaitingConfirmation(() => null);
  input.addEventListener("change", async () => {
    // One row per person: the same file chosen twice, or two exports of one person, show their newest export.
    const byPerson = new Map();
    const repeated = new Set();
    const problems = [];
    const askedOf = await asked;
    const renews = defs.some((def) => def.dataset.cxRenew);
    columns = COLUMNS.filter((c) => (c.id !== "due" || renews) && (c.id !== "awaiting" || askedOf.length));
    const awaiting = (get) => askedOf.filter((p) => !confirmed(p.versions.map(String), get(ackKey(p.id))));
    let files = 0;
    for (const file of input.files || []) {
      const { data, error } = parseProgressFile(await readFile(file));
      if (error) { problems.push(`${file.name}: ${error}`); continue; }
      files += 1;
      const row = personRow(data, file.name.replace(/\.json$/i, ""), defs, quizTitles, awaiting);
      const seen = byPerson.get(row.person);
      if (seen) repeated.add(row.person);
      if (!seen || row.exported >= seen.exported) byPerson.set(row.person, row);
    }
    people = [...byPerson.values()];
    render();
    status.classList.toggle("cx-error", problems.length > 0);
    status.textContent = [
      t("manager.loaded", { count: files }),
      ...[...repeated].map((name) => t("manager.same_person", { name })),
      problems.length ? t("manager.could_not_read", { problems: problems.join(" ") }) : "",
    ].filter(Boolean).join(" ");
  });
}
