// Export and import of progress as a small JSON file, and the manager view that reads
// several such files. Everything happens in the browser: nothing is uploaded.
import { PREFIX, h, key, pathStatus, storageGet, storageSet, today } from "./progress.js";

const FORMAT = "cxportal-progress";
const FILE_VERSION = 1;
const RECORD = /^cxportal:v1:(progress|quiz):[\w.:\/-]+$/;
const MAX_BYTES = 512 * 1024;

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
  if (text.length > MAX_BYTES) return { error: "the file is too large to be a progress file." };
  let data;
  try { data = JSON.parse(text); } catch { return { error: "it is not a JSON file (it may be damaged or the wrong file)." }; }
  if (!data || typeof data !== "object" || Array.isArray(data) || data.format !== FORMAT) {
    return { error: `it is not a cxportal progress file (it has no "format": "${FORMAT}").` };
  }
  if (data.version !== FILE_VERSION) {
    return { error: `it was made by another version of the portal (file version ${JSON.stringify(data.version)}, this portal reads version ${FILE_VERSION}).` };
  }
  if (!data.records || typeof data.records !== "object" || Array.isArray(data.records)) {
    return { error: 'it has no "records" object.' };
  }
  for (const [name, value] of Object.entries(data.records)) {
    if (!RECORD.test(name)) return { error: `it contains an entry the portal does not know: "${name.slice(0, 60)}".` };
    if (!value || typeof value !== "object" || Array.isArray(value)) return { error: `the entry "${name}" is not an object.` };
  }
  if (data.name != null && typeof data.name !== "string") return { error: 'its "name" is not text.' };
  return { data };
}

const readFile = (file) => file.text();

export function mountTransfer(el, refresh) {
  if (el.querySelector(".cx-transfer")) return;
  const status = h("p", { class: "cx-transfer__status", role: "status", "aria-live": "polite" });
  const name = h("input", { type: "text", id: "cx-export-name", class: "cx-field", autocomplete: "name",
    value: storageGet(key("name"))?.name || "" });
  const exportButton = h("button", { type: "button", class: "md-button", text: "Export my progress" });
  const input = h("input", { type: "file", id: "cx-import-file", class: "cx-file", accept: ".json,application/json" });
  name.addEventListener("change", () => storageSet(key("name"), { name: name.value.trim() }));
  exportButton.addEventListener("click", () => {
    // The manager's table shows one row per person: the file must say who it belongs to.
    if (!name.value.trim()) {
      status.classList.add("cx-error");
      status.textContent = "Type your name first, so your manager can tell whose file it is.";
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
    status.textContent = `Exported ${Object.keys(data.records).length} records. Keep the file, or send it to your manager.`;
  });
  input.addEventListener("change", async () => {
    const file = input.files && input.files[0];
    if (!file) return;
    const { data, error } = parseProgressFile(await readFile(file));
    status.classList.toggle("cx-error", !!error);
    if (error) { status.textContent = `Could not import ${file.name}: ${error} Your progress is unchanged.`; return; }
    for (const stored of storedKeys()) localStorage.removeItem(stored);
    for (const [record, value] of Object.entries(data.records)) storageSet(record, value);
    if (data.name) { storageSet(key("name"), { name: data.name }); name.value = data.name; }
    input.value = "";
    status.textContent = `Imported ${Object.keys(data.records).length} records from ${file.name}. Your progress is restored.`;
    refresh();
  });
  el.append(h("section", { class: "cx-transfer", "aria-labelledby": "cx-transfer-title", "data-search-exclude": true },
    h("h2", { id: "cx-transfer-title", text: "Move or share your progress" }),
    h("p", { text: "Your progress is kept in this browser only. Export it to move to another browser or to send it to your manager; import a file to restore it." }),
    h("p", { class: "cx-transfer__row" }, h("label", { for: name.id, text: "Your name (your manager sees it)" }), name, exportButton),
    h("p", { class: "cx-transfer__row" }, h("label", { for: input.id, text: "Import a progress file" }), input),
    status));
}

// The team table: one row per person. A person's role is the one of the path they last opened,
// else the role whose paths they progressed furthest on; only that role's paths are shown.
function personRow(data, fileName, defs, quizTitles) {
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
    const score = typeof r.percent === "number" ? `${Math.round(r.percent)}%${r.passed === true ? "" : " (not passed)"}` : "taken";
    return { title: quizTitles[id] || id, score, percent: typeof r.percent === "number" ? r.percent : 0 };
  }).sort((a, b) => a.title.localeCompare(b.title));
  const pathCell = (s) => (s ? { text: `${s.count} of ${s.steps.length}${s.complete ? " ✓ finished" : ""}`, sort: s.steps.length ? s.count / s.steps.length : 0 } : { text: "—", sort: -1 });
  return {
    person: data.name || fileName,
    role: own[0]?.def.dataset.cxRoleName || "No role yet",
    onboarding: pathCell(path("onboarding")),
    refresher: pathCell(path("refresher")),
    quizzes,
    exported: typeof data.exported === "string" ? data.exported : "",
  };
}

const COLUMNS = [
  { id: "person", title: "Person", text: (r) => r.person },
  { id: "role", title: "Role", text: (r) => r.role },
  { id: "onboarding", title: "Onboarding", text: (r) => r.onboarding.text, sort: (r) => r.onboarding.sort },
  { id: "refresher", title: "Refresher", text: (r) => r.refresher.text, sort: (r) => r.refresher.sort },
  { id: "quizzes", title: "Quiz scores", text: (r) => r.quizzes.map((q) => `${q.title}: ${q.score}`).join("; ") || "none yet",
    sort: (r) => (r.quizzes.length ? r.quizzes.reduce((t, q) => t + q.percent, 0) / r.quizzes.length : -1) },
  { id: "exported", title: "File date", text: (r) => r.exported },
];

export function teamCsv(people) {
  const cell = (v) => (/[",\n;]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [COLUMNS.map((c) => c.title), ...people.map((r) => COLUMNS.map((c) => c.text(r)))]
    .map((line) => line.map((v) => cell(String(v))).join(",")).join("\r\n") + "\r\n";
}

function teamTable(people, sortBy, rerender) {
  const head = COLUMNS.map((c) => {
    const active = sortBy.id === c.id;
    const button = h("button", { type: "button", class: "cx-codes__sort" }, c.title, h("span", { class: "cx-codes__arrow", "aria-hidden": "true" }));
    button.addEventListener("click", () => rerender({ id: c.id, dir: active && sortBy.dir === "ascending" ? "descending" : "ascending" }));
    return h("th", { scope: "col", "aria-sort": active ? sortBy.dir : false }, button);
  });
  const rows = people.map((r) => h("tr", {}, ...COLUMNS.map((c, i) => {
    if (i === 0) return h("th", { scope: "row", text: c.text(r) });
    if (c.id === "quizzes") {
      return h("td", { "data-label": c.title }, r.quizzes.length ? h("ul", { class: "cx-manager__scores" }, ...r.quizzes.map((q) => h("li", { text: `${q.title}: ${q.score}` }))) : "none yet");
    }
    return h("td", { "data-label": c.title, text: c.text(r) });
  })));
  return h("table", { class: "cx-manager__table" },
    h("caption", { text: `Your team: ${people.length} ${people.length === 1 ? "person" : "people"}` }),
    h("thead", {}, h("tr", {}, ...head)), h("tbody", {}, ...rows));
}

export function mountManager(root) {
  const input = document.querySelector("[data-cx-manager-files]");
  const status = document.querySelector("[data-cx-manager-status]");
  const defs = [...document.querySelectorAll("[data-cx-path-def]")];
  const quizTitles = Object.fromEntries([...document.querySelectorAll("[data-cx-quiz-def]")].map((li) => [li.dataset.cxQuizDef, li.textContent.trim()]));
  if (!input || input.dataset.cxBound) return;
  input.dataset.cxBound = "1";
  let people = [];
  let sortBy = { id: "person", dir: "ascending" };
  const render = (next) => {
    if (next) sortBy = next;
    const column = COLUMNS.find((c) => c.id === sortBy.id);
    const value = column.sort || column.text;
    const sign = sortBy.dir === "ascending" ? 1 : -1;
    people.sort((a, b) => {
      const x = value(a), y = value(b);
      return sign * (typeof x === "number" ? x - y : String(x).localeCompare(String(y)));
    });
    if (!people.length) { root.replaceChildren(); return; }
    const csv = h("button", { type: "button", class: "md-button" }, "Download as CSV");
    csv.addEventListener("click", () => {
      const blob = new Blob(["\ufeff" + teamCsv(people)], { type: "text/csv;charset=utf-8" });
      const link = h("a", { href: URL.createObjectURL(blob), download: `cx-team-progress-${today()}.csv` });
      document.body.append(link);
      link.click();
      link.remove();
    });
    const print = h("button", { type: "button", class: "md-button" }, "Print the table");
    print.addEventListener("click", () => window.print());
    root.replaceChildren(h("div", { class: "cx-manager__scroll" }, teamTable(people, sortBy, render)),
      h("p", { class: "cx-manager__actions" }, csv, print));
    const focused = root.querySelector(`th[aria-sort] button`);
    if (next && focused) focused.focus();
  };
  input.addEventListener("change", async () => {
    people = [];
    const problems = [];
    for (const file of input.files || []) {
      const { data, error } = parseProgressFile(await readFile(file));
      if (error) { problems.push(`${file.name}: ${error}`); continue; }
      people.push(personRow(data, file.name.replace(/\.json$/i, ""), defs, quizTitles));
    }
    render();
    status.classList.toggle("cx-error", problems.length > 0);
    status.textContent = `Loaded ${people.length} file${people.length === 1 ? "" : "s"}.` + (problems.length ? ` Could not read ${problems.join(" ")}` : "");
  });
}
