// Walking a learning path: on a page that is a step of the reader's path (the path page they opened
// last, which progress.js remembers), a short navigation at the end of the page says which step this
// is and leads to the next step not done yet and back to the path. When the reader marks the step read
// or done, or passes its quiz, it is updated and announced ("Step done. Next step: …").
import { t } from "./i18n.js";
import { PREFIX, h, key, local, stepDone, storageGet, words } from "./progress.js";

/** The reader's last path, if this page is one of its steps: {last, at, done}. */
function position() {
  const last = storageGet(key("last"));
  if (!last || !Array.isArray(last.steps) || !local(last.href)) return null;
  const here = location.pathname.replace(/index\.html$/, "");
  const at = last.steps.findIndex((s) => typeof s.href === "string" && s.href.replace(/index\.html$/, "") === here);
  if (at < 0) return null;
  const selfAssessed = new Set(words(last.selfAssessed));
  return { last, at, done: last.steps.map((s) => stepDone(String(s.step), selfAssessed)) };
}

/** The step to go on with: the first not done after this one, else the first not done at all. */
function nextStep({ last, at, done }) {
  const after = done.findIndex((d, i) => i > at && !d);
  const index = after >= 0 ? after : done.indexOf(false);
  return index >= 0 && index !== at ? last.steps[index] : null;
}

function render(announce = false) {
  const article = document.querySelector("article.md-content__inner");
  const found = article && position();
  let nav = article?.querySelector(".cx-walk");
  if (!found) return nav?.remove();
  const { last, at, done } = found;
  const next = nextStep(found);
  if (!nav) {
    // One live region per page, there before anything is said in it, so screen readers announce it.
    nav = h("nav", { class: "cx-walk", "aria-label": t("walk.label"), "data-search-exclude": true },
      h("div"), h("p", { class: "cx-walk__status", role: "status", "aria-live": "polite" }));
    article.append(nav);
  }
  nav.firstChild.replaceChildren(
    h("p", { class: "cx-walk__where", text: t("walk.step", { step: at + 1, count: last.steps.length, path: String(last.title) }) }),
    next && local(next.href)
      ? h("p", { class: "cx-walk__next" }, `${t("progress.next_step")} `, h("a", { href: next.href, text: String(next.title) }))
      : h("p", { class: "cx-walk__next", text: t("walk.finished") }),
    h("p", {}, h("a", { href: last.href, class: "cx-walk__back", text: t("walk.back") })));
  // After the reader finished this step: say so, and where to go on.
  if (announce && done[at]) nav.lastChild.textContent = next ? t("walk.done_next", { title: String(next.title) }) : t("walk.finished");
}

document.addEventListener("cxportal:quiz-result", () => render(true));
document.addEventListener("cxportal:marked", () => render(true));
window.addEventListener("storage", (event) => { if (event.key?.startsWith(PREFIX)) render(); });
// After progress.js (imported above, so subscribed first): its mark-read control comes before this navigation.
if (window.document$) window.document$.subscribe(() => render());
else render();
