// The Codes page: filter the table by playbook and sort it by a column, announcing the result.
import { lang, t } from "./i18n.js";
const collator = new Intl.Collator(lang, { numeric: true, sensitivity: "base" });

function cellText(row, column) {
  return row.cells[column] ? row.cells[column].textContent.trim() : "";
}

function announce(root, message) {
  const status = root.querySelector("[data-cx-codes-status]");
  if (status) status.textContent = message;
}

function applyFilter(root, table, select) {
  const rows = [...table.tBodies[0].rows];
  let shown = 0;
  for (const row of rows) {
    const visible = !select.value || row.dataset.cxPlaybook === select.value;
    row.hidden = !visible;
    if (visible) shown += 1;
  }
  const name = select.value ? select.selectedOptions[0].textContent : t("codes.all_playbooks");
  announce(root, t("codes.showing", { shown, count: rows.length, name }));
}

function sortBy(root, table, header) {
  const headers = [...table.tHead.rows[0].cells];
  const column = headers.indexOf(header);
  const ascending = header.getAttribute("aria-sort") !== "ascending";
  for (const other of headers) other.removeAttribute("aria-sort");
  header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  const body = table.tBodies[0];
  // The Playbook column sorts by playbook, then by position inside it (the source order).
  const rows = [...body.rows].map((row, index) => ({ row, index: Number(row.dataset.cxOrder ?? index) }));
  rows.sort((a, b) => {
    const order = collator.compare(cellText(a.row, column), cellText(b.row, column)) || a.index - b.index;
    return ascending ? order : -order;
  });
  body.append(...rows.map(({ row }) => row));
  const column_ = header.textContent.replace(/[↕▲▼]/g, "").trim();
  announce(root, t(ascending ? "codes.sorted_ascending" : "codes.sorted_descending", { column: column_ }));
}

export function initCodes() {
  const root = document.querySelector("[data-cx-codes]");
  if (!root || root.dataset.cxCodesReady) return;
  root.dataset.cxCodesReady = "true";
  const table = root.querySelector("table");
  [...table.tBodies[0].rows].forEach((row, index) => { row.dataset.cxOrder = String(index); });

  const filter = root.querySelector("[data-cx-codes-filter]");
  if (filter) {
    filter.closest("[hidden]")?.removeAttribute("hidden");
    filter.addEventListener("change", () => applyFilter(root, table, filter));
  }
  for (const header of table.querySelectorAll("th[data-cx-sort]")) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "cx-codes__sort";
    // The arrow is decoration: aria-sort on the header tells screen readers the order.
    const arrow = document.createElement("span");
    arrow.className = "cx-codes__arrow";
    arrow.setAttribute("aria-hidden", "true");
    button.append(header.textContent.trim(), " ", arrow);
    header.textContent = "";
    header.append(button);
    button.addEventListener("click", () => sortBy(root, table, header));
  }
}
