// Export and import of progress as a small JSON file, and the manager view that reads
// several such files. Everything happens in the browser: nothing is uploaded.
import { t } from "./i18n.js";
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
  if (text.length > MAX_BYTES) return { error: t("manager.error.too_large") };
  let data;
  try { data = JSON.parse(text); } catch { return { error: t("manager.error.not_json") }; }
  if (!data || typeof data !== "object" || Array.isArray(data) || data.format !== FORMAT) {
    return { error: t("manager.error.not_progress", { format: FORMAT }) };
  }
  if (data.version !== FILE_VERSION) {
    return { error: t("manager.error.version", { version: JSON.stringify(data.version), expected: String(FILE_VERSION) }) };
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
  const exportButton = h("button", { type: "button", class: "md-button", text: t("manager.export") });
  const input = h("input", { type: "file", id: "cx-import-file", accept: ".json,application/json" });
  exportButton.addEventListener("click", () => {
    const data = exportProgress();
    const blob = new Blob([JSON.stringify(data, null, 2)], { type: "application/json" });
    const link = h("a", { href: URL.createObjectURL(blob), download: `cx-progress-${data.exported}.json` });
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
    for (const name of storedKeys()) localStorage.removeItem(name);
    for (const [name, value] of Object.entries(data.records)) storageSet(name, value);
    if (data.name) storageSet(key("name"), { name: data.name });
    input.value = "";
    status.textContent = t("manager.imported", { count: Object.keys(data.records).length, file: file.name });
    refresh();
  });
  el.append(h("section", { class: "cx-transfer", "aria-labelledby": "cx-transfer-title", "data-search-exclude": true },
    h("h2", { id: "cx-transfer-title", text: t("manager.your_progress") }),
    h("p", { text: t("manager.your_progress_intro") }),
    h("p", {}, exportButton),
    h("p", {}, h("label", { for: input.id, text: `${t("manager.import")} ` }), input),
    status));
}

function row(person, title, status, records) {
  const get = (name) => records[name] || null;
  const scores = status.steps.filter((s) => s.startsWith("quiz:")).map((s) => {
    const r = get(`${PREFIX}${s}`);
    const result = r && typeof r.percent === "number"
      ? t(r.passed === true ? "quiz.percent" : "manager.percent_not_passed", { percent: Math.round(r.percent) })
      : t("manager.not_taken");
    return `${s.slice(5)}: ${result}`;
  });
  return h("tr", {},
    h("th", { scope: "row", text: person }),
    h("td", { text: title }),
    h("td", { text: t("manager.count_of", { done: status.count, count: status.steps.length }) }),
    h("td", { text: scores.join("; ") || t("manager.none") }),
    h("td", { text: status.complete ? t("manager.yes") : t("manager.no") }));
}

export function mountManager(root) {
  const input = document.querySelector("[data-cx-manager-files]");
  const status = document.querySelector("[data-cx-manager-status]");
  const defs = [...document.querySelectorAll("[data-cx-path-def]")];
  if (!input || input.dataset.cxBound) return;
  input.dataset.cxBound = "1";
  input.addEventListener("change", async () => {
    const rows = [];
    const problems = [];
    for (const file of input.files || []) {
      const { data, error } = parseProgressFile(await readFile(file));
      if (error) { problems.push(`${file.name}: ${error}`); continue; }
      const person = data.name || file.name.replace(/\.json$/i, "");
      const get = (name) => data.records[name] || null;
      let any = false;
      for (const def of defs) {
        const s = pathStatus(def, get);
        if (s.count === 0) continue;
        any = true;
        rows.push(row(person, def.textContent.trim(), s, data.records));
      }
      if (!any) rows.push(h("tr", {}, h("th", { scope: "row", text: person }), h("td", { colspan: 4, text: t("manager.no_progress") })));
    }
    const people = (input.files || []).length - problems.length;
    root.replaceChildren(rows.length ? h("table", { class: "cx-manager__table" },
      h("caption", { text: t("manager.who_finished") }),
      h("thead", {}, h("tr", {}, ...["person", "path", "steps_done", "quiz_scores", "finished"].map((k) => h("th", { scope: "col", text: t(`manager.${k}`) })))),
      h("tbody", {}, ...rows)) : "");
    status.classList.toggle("cx-error", problems.length > 0);
    status.textContent = t("manager.loaded", { count: people }) + (problems.length ? ` ${t("manager.could_not_read", { problems: problems.join(" ") })}` : "");
  });
}
