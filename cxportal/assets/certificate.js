// The certificate a learner prints when a path is complete (shown by progress.js).
// Print rules in progress.css make the page print as this sheet alone, on one A4 page.
import { PREFIX, h, key, storageGet, storageSet, today } from "./progress.js";

export function certificate(el, status) {
  el.hidden = false;
  if (el.querySelector(".cx-certificate__sheet")) return;
  const stored = storageGet(key("name"))?.name || "";
  const input = h("input", { id: "cx-certificate-name", class: "cx-field", type: "text", autocomplete: "name", value: stored });
  // Empty until a name is typed: the screen shows a hint (CSS), the printout a line to write on.
  const nameOut = h("p", { class: "cx-certificate__name", text: stored });
  input.addEventListener("input", () => {
    nameOut.textContent = input.value.trim();
    storageSet(key("name"), { name: input.value.trim() });
  });
  const titles = Object.fromEntries((el.dataset.cxQuizTitles || "").split("|").filter(Boolean).map((p) => p.split(/=(.*)/)));
  const dates = [];
  const rows = Object.entries(titles).map(([id, title]) => {
    const r = storageGet(`${PREFIX}quiz:${id}`) || {};
    if (r.date) dates.push(String(r.date).slice(0, 10));
    const score = typeof r.percent === "number" ? `${Math.round(r.percent)}%` : "done";
    const detail = r.max != null && r.score != null ? ` (${r.score} of ${r.max})` : "";
    return h("tr", {}, h("td", { text: title }), h("td", { text: score + detail }));
  });
  for (const step of status.steps) { const d = storageGet(key(step))?.date; if (d) dates.push(String(d).slice(0, 10)); }
  // Practice activities: self-reported as done, listed with the day they were marked.
  const activities = (el.dataset.cxActivityTitles || "").split("|").filter(Boolean).map((p) => p.split(/=(.*)/));
  const practice = activities.map(([id, title]) => {
    const d = storageGet(key(`activity:${id}`))?.date;
    return h("tr", {}, h("td", { text: title }), h("td", { text: d ? `done ${String(d).slice(0, 10)}` : "done" }));
  });
  const date = dates.sort().pop() || today();
  const print = h("button", { type: "button", class: "md-button md-button--primary", text: "Print certificate" });
  print.addEventListener("click", () => window.print());
  el.replaceChildren(
    h("h2", { id: "certificate", text: "Your certificate" }),
    h("p", { text: "Every step is done and every quiz passed. Type your name, then print: this page prints as the certificate alone, on one A4 page." }),
    h("p", { class: "cx-certificate__form" }, h("label", { for: input.id, text: "Your name " }), input, " ", print),
    h("div", { class: "cx-certificate__sheet" },
      h("p", { class: "cx-certificate__portal", text: el.dataset.cxPortal || "" }),
      h("p", { class: "cx-certificate__title", text: "Certificate of completion" }),
      nameOut,
      h("p", { class: "cx-certificate__what", text: `completed the ${el.dataset.cxPathKind} path for the role ${el.dataset.cxRole} on ${date}.` }),
      rows.length ? h("table", { class: "cx-certificate__scores" },
        h("caption", { text: "Quiz results" }),
        h("thead", {}, h("tr", {}, h("th", { scope: "col", text: "Quiz" }), h("th", { scope: "col", text: "Score" }))),
        h("tbody", {}, ...rows)) : null,
      practice.length ? h("table", { class: "cx-certificate__scores cx-certificate__practice" },
        h("caption", { text: "Practice activities" }),
        h("thead", {}, h("tr", {}, h("th", { scope: "col", text: "Activity" }), h("th", { scope: "col", text: "Done" }))),
        h("tbody", {}, ...practice)) : null,
      h("p", { class: "cx-certificate__honest", text: "This is a self-reported record. The learner marked the playbooks as read and the practice activities as done, and took the quizzes in their own browser; it is not a supervised exam, and nobody has verified it." }),
      h("p", { class: "cx-certificate__version", text: `Portal version ${el.dataset.cxVersion}` })));
}
