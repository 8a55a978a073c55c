/* cxportal quiz key: "Print with answers" for a facilitator. Loaded by quiz.js only when the button is
   pressed, so quiz pages do not carry it. Each question of the attempt gets its right answer and its
   explanation for the printout (print.css shows them), removed again after printing. */

import { t } from "./i18n.js";

/** The right answer as text. */
function keyText(q) {
  switch (q.type) {
    case "single": case "multiple": return q.options.filter((o) => o.correct).map((o) => o.text).join("; ");
    case "true_false": return q.answer ? t("quiz.true") : t("quiz.false");
    case "ordering": return q.items.map((i) => i.text).join(" → ");
    case "matching": return q.pairs.map((p) => `${p.left} — ${p.right}`).join("; ");
    case "fill_blank": return q.blanks.map((b) => b.accept[0]).join("; ");
    default: return "";
  }
}

function line(tag, ...kids) {
  const el = document.createElement(tag);
  el.append(...kids);
  return el;
}

/** Prints the quiz in `root` with the key of each question of `attempt` ([{q, el}]). */
export function printKey(root, attempt) {
  const keys = attempt.map(({ q, el }) => {
    const key = document.createElement("div");
    key.className = "cx-key";
    const text = keyText(q);
    if (text) key.append(line("p", line("strong", `${t("quiz.answer")} `), text));
    if (q.explanation) key.append(line("p", q.explanation));
    el.querySelector("fieldset").append(key);
    return key;
  });
  root.classList.add("cx-quiz--key");
  addEventListener("afterprint", () => { keys.forEach((k) => k.remove()); root.classList.remove("cx-quiz--key"); }, { once: true });
  window.print();
}
