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

function row(person, title, status, records) {
  const get = (name) => records[name] || null;
  const scores = status.steps.filter((s) => s.startsWith("quiz:")).map((s) => {
    const r = get(`${PREFIX}${s}`);
    return `${s.slice(5)}: ${r && typeof r.percent === "number" ? `${Math.round(r.percent)}%${r.passed === true ? "" : " (not passed)"}` : "not taken"}`;
  });
  return h("tr", {},
    h("th", { scope: "row", text: person }),
    h("td", { text: title }),
    h("td", { text: `${status.count} of ${status.steps.length}` }),
    h("td", { text: scores.join("; ") || "none" }),
    h("td", { text: status.complete ? "Yes" : "No" }));
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
      if (!any) rows.push(h("tr", {}, h("th", { scope: "row", text: person }), h("td", { colspan: 4, text: "No progress on any path yet." })));
    }
    const people = (input.files || []).length - problems.length;
    root.replaceChildren(rows.length ? h("table", { class: "cx-manager__table" },
      h("caption", { text: "Who finished what" }),
      h("thead", {}, h("tr", {}, ...["Person", "Path", "Steps done", "Quiz scores", "Finished"].map((t) => h("th", { scope: "col", text: t })))),
      h("tbody", {}, ...rows)) : "");
    status.classList.toggle("cx-error", problems.length > 0);
    status.textContent = `Loaded ${people} file${people === 1 ? "" : "s"}.` + (problems.length ? ` Could not read ${problems.join(" ")}` : "");
  });
}
