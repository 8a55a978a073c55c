// The certificate a learner prints when a path is complete (shown by progress.js).
// Print rules in progress.css make the page print as this sheet alone, on one A4 page.
import { formatDate, t } from "./i18n.js";
import { PREFIX, h, key, storageGet, storageSet, today } from "./progress.js";

export function certificate(el, status) {
  el.hidden = false;
  if (el.querySelector(".cx-certificate__sheet")) return;
  const stored = storageGet(key("name"))?.name || "";
  const input = h("input", { id: "cx-certificate-name", class: "cx-field", type: "text", autocomplete: "name", value: stored });
  // Empty until a name is typed: the screen shows a hint (CSS), the printout a line to write on.
  const nameOut = h("p", { class: "cx-certificate__name", "data-placeholder": t("certificate.name_placeholder"), text: stored });
  input.addEventListener("input", () => {
    nameOut.textContent = input.value.trim();
    storageSet(key("name"), { name: input.value.trim() });
  });
  const titles = Object.fromEntries((el.dataset.cxQuizTitles || "").split("|").filter(Boolean).map((p) => p.split(/=(.*)/)));
  const dates = [];
  const rows = Object.entries(titles).map(([id, title]) => {
    const r = storageGet(`${PREFIX}quiz:${id}`) || {};
    if (r.date) dates.push(String(r.date).slice(0, 10));
    const score = typeof r.percent === "number" ? t("quiz.percent", { percent: Math.round(r.percent) }) : t("certificate.done");
    const detail = r.max != null && r.score != null ? ` ${t("certificate.score_of", { score: r.score, max: r.max })}` : "";
    return h("tr", {}, h("td", { text: title }), h("td", { text: score + detail }));
  });
  for (const step of status.steps) { const d = storageGet(key(step))?.date; if (d) dates.push(String(d).slice(0, 10)); }
  // Practice activities: self-reported as done, listed with the day they were marked.
  const activities = (el.dataset.cxActivityTitles || "").split("|").filter(Boolean).map((p) => p.split(/=(.*)/));
  const practice = activities.map(([id, title]) => {
    const d = storageGet(key(`activity:${id}`))?.date;
    return h("tr", {}, h("td", { text: title }), h("td", { text: d ? t("certificate.done_on", { date: formatDate(String(d).slice(0, 10)) || String(d).slice(0, 10) }) : t("certificate.done") }));
  });
  const date = dates.sort().pop() || today();
  const print = h("button", { type: "button", class: "md-button md-button--primary", text: t("certificate.print") });
  print.addEventListener("click", () => window.print());
  el.replaceChildren(
    h("h2", { id: "certificate", text: t("certificate.yours") }),
    h("p", { text: t("certificate.intro") }),
    h("p", { class: "cx-certificate__form" }, h("label", { for: input.id, text: `${t("certificate.your_name")} ` }), input, " ", print),
    h("div", { class: "cx-certificate__sheet" },
      h("p", { class: "cx-certificate__portal", text: el.dataset.cxPortal || "" }),
      h("p", { class: "cx-certificate__title", text: t("certificate.title") }),
      nameOut,
      h("p", { class: "cx-certificate__what", text: t("certificate.completed", { kind: el.dataset.cxPathLabel || el.dataset.cxPathKind, role: el.dataset.cxRole, date: formatDate(date) || date }) }),
      rows.length ? h("table", { class: "cx-certificate__scores" },
        h("caption", { text: t("certificate.quiz_results") }),
        h("thead", {}, h("tr", {}, h("th", { scope: "col", text: t("certificate.quiz") }), h("th", { scope: "col", text: t("certificate.score") }))),
        h("tbody", {}, ...rows)) : null,
      practice.length ? h("table", { class: "cx-certificate__scores cx-certificate__practice" },
        h("caption", { text: t("certificate.practice") }),
        h("thead", {}, h("tr", {}, h("th", { scope: "col", text: t("certificate.activity") }), h("th", { scope: "col", text: t("certificate.done_heading") }))),
        h("tbody", {}, ...practice)) : null,
      h("p", { class: "cx-certificate__honest", text: t("certificate.self_reported") }),
      h("p", { class: "cx-certificate__version", text: t("certificate.version", { version: el.dataset.cxVersion || "" }) })));
}
