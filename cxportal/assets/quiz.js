/* cxportal quiz: runs the quizzes the quiz() macro renders (templates/snippets/quiz.html) and fills
   the results column of the Quizzes page ([data-cx-quiz-result] cells). The stored result's format
   (read by progress.js and the SCORM runtime too: keep it stable) is in docs/architecture.md,
   "What a browser keeps". After every Check: document dispatches "cxportal:quiz-result".
   Right answers show after a pass or on request (show_answers: always: every time), so a retry is no open book. */

import { lang, t, whenNear } from "./i18n.js";
import { answerWords } from "./strings.js";

const PREFIX = "cxportal:v1:quiz:";
const TASK_MS = 8; // per task while building: a phone is ~4x slower, and 50 ms blocks input

/** The stored result for a quiz, or null; unreadable data is discarded, never thrown. */
export function readResult(id) {
  let raw = null;
  try {
    raw = localStorage.getItem(PREFIX + id);
    if (raw === null) return null;
    const r = JSON.parse(raw);
    if (r && typeof r === "object" && typeof r.hash === "string" && typeof r.passed === "boolean" &&
        [r.score, r.max, r.percent].every(Number.isFinite)) {
      r.answers ??= {}; // optional for writers other than this module
      if (typeof r.answers === "object" && !Array.isArray(r.answers)) return r;
    }
  } catch { /* falls through to discard */ }
  console.info(`cxportal: discarded unreadable quiz result ${PREFIX + id}`);
  try { localStorage.removeItem(PREFIX + id); } catch { /* storage unavailable */ }
  return null;
}

function writeResult(id, result) {
  try { localStorage.setItem(PREFIX + id, JSON.stringify(result)); } catch { /* private mode or full */ }
}

function h(tag, attrs = {}, ...kids) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (k === "class") el.className = v;
    else el.setAttribute(k, v === true ? "" : v);
  }
  el.append(...kids.filter((k) => k != null && k !== ""));
  return el;
}

const decode = (s) => JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(s), (c) => c.charCodeAt(0))));

/* Fill-in answers: the same rules as cxportal/answers.py (tests check both agree). Case, spaces and a final
   full stop do not matter; number words one to twelve count as digits; a number's unit keeps only its kind
   ("3 hours" = "3 h" = "three hours"; "65%" = "65 percent"; "3x" = "3 times"); a bare number matches the
   same number with a unit, but two different units never match. The number and unit words are the site
   language's and its fallbacks' (answerWords in strings.js, from the string catalogues). */
const UNIT_SYMBOLS = { h: "h", min: "min", percent: "%", times: "x" };
const escapeRe = (w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const compiled = new WeakMap();

function rules(words) {
  let r = compiled.get(words);
  if (!r) {
    const units = Object.fromEntries(Object.entries(words.units).map(([w, kind]) => [w, UNIT_SYMBOLS[kind] ?? kind]));
    const alternation = Object.keys(units).sort((a, b) => b.length - a.length).map(escapeRe).join("|");
    r = { numbers: words.numbers, units, quantity: new RegExp(`^(\\d+(?:\\.\\d+)?)\\s*(${alternation})?$`) };
    compiled.set(words, r);
  }
  return r;
}

export function canonical(answer, words = answerWords) {
  const { numbers, units, quantity } = rules(words);
  let text = String(answer ?? "").toLowerCase().trim().split(/\s+/).join(" ").replace(/\.+$/, "").trim();
  text = text.split(" ").map((w) => (Object.hasOwn(numbers, w) ? String(numbers[w]) : w)).join(" ");
  text = text.replace(/(\d),(\d)/g, "$1.$2");
  const m = quantity.exec(text);
  if (!m) return text;
  const num = m[1].includes(".") ? m[1].replace(/0+$/, "").replace(/\.$/, "") : m[1];
  return `${num} ${(Object.hasOwn(units, m[2] || "") && units[m[2]]) || ""}`.trim();
}

function sameAnswer(typed, accepted, words) {
  const a = canonical(typed, words), b = canonical(accepted, words);
  if (a === b) return true;
  const [na, ua = ""] = a.split(" "), [nb, ub = ""] = b.split(" ");
  return /^\d+(?:\.\d+)?$/.test(na) && na === nb && (!ua || !ub);
}

/** Whether a typed fill-in answer is accepted by a blank: a plain answer, or one of its patterns. */
export function accepts(blank, typed, words = answerWords) {
  if (!String(typed ?? "").trim()) return false;
  if ((blank.accept || []).some((x) => sameAnswer(typed, x, words))) return true;
  const text = String(typed).trim().split(/\s+/).join(" ");
  return (blank.patterns || []).some((p) => {
    try { return new RegExp(`^(?:${p})$`, "i").test(text); } catch { return false; }
  });
}

function shuffled(list) {
  const a = list.slice();
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

function when(iso) {
  const d = new Date(iso);
  return isNaN(d) ? "" : d.toLocaleDateString(lang, { year: "numeric", month: "short", day: "numeric" });
}

/** One line for a stored result, as the Quizzes page and the "last result" note show it. */
function describe(r) {
  const date = when(r.date);
  const core = typeof r.band === "string"
    ? t("quiz.band_score", { band: r.band, score: r.score, max: r.max })
    : t(r.passed ? "quiz.describe_passed" : "quiz.describe_failed", { percent: r.percent });
  return core + (date ? ` · ${date}` : "");
}

let uid = 0;

function feedback(el, ok, verdict, text) {
  el.classList.add(ok ? "cx-right" : "cx-wrong");
  el.append(h("p", { class: "cx-fb" }, verdict && h("strong", {}, verdict), verdict && text ? " " : "", text));
}

/** Builds one question: its element, and read/set/mark for its answer. mark() returns the points earned. */
function question(q, quiz, status) {
  const name = `cxq${++uid}`;
  let quiet = false; // scoring only: the right answers stay unseen
  const fb = (...args) => quiet || feedback(...args);
  const fieldset = h("fieldset", { class: "cx-q__set" });
  const el = h("li", { class: `cx-q cx-q--${q.type}`, "data-cx-question": q.id }, fieldset);
  const legend = q.type === "fill_blank" ? q.prompt.replace(/_{3,}/g, ((k) => () => `___ (${++k})`)(0)) : q.prompt;
  fieldset.append(h("legend", { class: "cx-q__prompt" }, legend));
  const body = h("div", { class: "cx-q__body" });
  fieldset.append(body);
  let read, set, mark;

  if (["single", "multiple", "true_false", "self_assessment"].includes(q.type)) {
    let opts = q.type === "true_false"
      ? [true, false].map((v) => ({ v, text: v ? t("quiz.true") : t("quiz.false"), correct: q.answer === v,
        feedback: v ? q.feedback_true : q.feedback_false }))
      : q.options.map((o, i) => ({ ...o, v: i }));
    if (quiz.shuffle && ["single", "multiple"].includes(q.type)) opts = shuffled(opts);
    const multi = q.type === "multiple";
    const rows = opts.map((o) => {
      const input = h("input", { type: multi ? "checkbox" : "radio", name });
      const row = h("div", { class: "cx-opt" }, h("label", {}, input, " ", o.text));
      body.append(row);
      return { o, input, row };
    });
    read = () => {
      const picked = rows.filter((r) => r.input.checked).map((r) => r.o.v);
      return multi ? picked.sort((a, b) => a - b) : (picked.length ? picked[0] : null);
    };
    set = (a) => rows.forEach((r) => { r.input.checked = multi ? Array.isArray(a) && a.includes(r.o.v) : a === r.o.v; });
    mark = (a) => {
      const chosen = (o) => (multi ? Array.isArray(a) && a.includes(o.v) : a === o.v);
      if (q.type === "self_assessment") {
        const pick = rows.find((r) => chosen(r.o));
        if (pick) fb(pick.row, true, t("quiz.your_answer"), pick.o.feedback);
        return pick ? pick.o.score || 0 : 0;
      }
      for (const { o, row } of rows) {
        const c = chosen(o);
        // Only what was chosen and what was right are marked right or wrong; an unchosen wrong option
        // keeps its explanation in plain, muted text, so a right answer does not look mostly red.
        if (!c && !o.correct) {
          if (o.feedback && !quiet) row.append(h("p", { class: "cx-fb cx-fb--other" }, o.feedback));
          continue;
        }
        const verdict = c ? (o.correct ? t("quiz.your_answer_correct") : t("quiz.your_answer_wrong")) : t("quiz.correct_not_chosen");
        fb(row, o.correct, verdict, o.feedback);
      }
      return rows.every(({ o }) => chosen(o) === !!o.correct) ? 1 : 0;
    };
  } else if (q.type === "ordering") {
    const list = h("ol", { class: "cx-order" });
    body.append(list);
    let start = q.items.map((_, i) => i);
    for (let t = 0; t < 5 && start.every((v, i) => v === i) && start.length > 1; t++) start = shuffled(start);
    const refresh = () => [...list.children].forEach((li, k, all) => {
      li.querySelector(".cx-up").disabled = k === 0;
      li.querySelector(".cx-down").disabled = k === all.length - 1;
    });
    const move = (li, dir) => {
      const other = dir < 0 ? li.previousElementSibling : li.nextElementSibling;
      if (!other) return;
      dir < 0 ? other.before(li) : other.after(li);
      refresh();
      const btn = li.querySelector(dir < 0 ? ".cx-up" : ".cx-down");
      (btn.disabled ? li.querySelector(dir < 0 ? ".cx-down" : ".cx-up") : btn).focus();
      status.textContent = t("quiz.position", { text: q.items[li.dataset.i].text, position: [...list.children].indexOf(li) + 1, count: q.items.length });
    };
    const item = (i) => {
      const text = q.items[i].text;
      const li = h("li", { class: "cx-order__item", "data-i": i }, h("span", { class: "cx-order__text" }, text));
      li.append(
        h("button", { type: "button", class: "cx-up", "aria-label": t("quiz.move_up", { text }), onclick: () => move(li, -1) }, "↑"),
        h("button", { type: "button", class: "cx-down", "aria-label": t("quiz.move_down", { text }), onclick: () => move(li, 1) }, "↓"));
      return li;
    };
    list.append(...start.map(item));
    refresh();
    read = () => [...list.children].map((li) => +li.dataset.i);
    set = (a) => {
      if (!Array.isArray(a) || a.length !== q.items.length || [...a].sort((x, y) => x - y).some((v, i) => v !== i)) return;
      a.forEach((i) => list.append(list.querySelector(`[data-i="${i}"]`)));
      refresh();
    };
    mark = (a) => [...list.children].reduce((pts, li, k) => {
      const i = +li.dataset.i;
      fb(li, i === k, i === k ? t("quiz.right_place") : t("quiz.belongs_at", { position: i + 1 }), q.items[i].feedback);
      return pts + (i === k);
    }, 0);
  } else if (q.type === "matching") {
    const rights = q.pairs.map((p, i) => ({ text: p.right, i }));
    const choices = quiz.shuffle ? shuffled(rights) : rights.slice().sort((a, b) => a.text.localeCompare(b.text));
    const rows = (quiz.shuffle ? shuffled(q.pairs.map((_, i) => i)) : q.pairs.map((_, i) => i)).map((i) => {
      const id = `${name}-${i}`;
      const select = h("select", { id }, h("option", { value: "" }, t("quiz.choose")),
        ...choices.map((c) => h("option", { value: c.i }, c.text)));
      const row = h("div", { class: "cx-match" }, h("label", { for: id }, q.pairs[i].left), select);
      body.append(row);
      return { i, select, row };
    });
    rows.sort((a, b) => a.i - b.i);
    read = () => rows.map((r) => (r.select.value === "" ? null : +r.select.value));
    set = (a) => rows.forEach((r) => { r.select.value = Array.isArray(a) && a[r.i] != null ? String(a[r.i]) : ""; });
    mark = (a) => rows.reduce((pts, r) => {
      const p = q.pairs[r.i];
      const ok = Array.isArray(a) && a[r.i] != null && q.pairs[a[r.i]]?.right === p.right;
      fb(r.row, ok, ok ? t("quiz.correct") : t("quiz.correct_match", { answer: p.right }), p.feedback);
      return pts + ok;
    }, 0);
  } else if (q.type === "fill_blank") {
    const rows = q.blanks.map((b, i) => {
      const id = `${name}-${i}`;
      const input = h("input", { type: "text", id, autocomplete: "off", spellcheck: "false" });
      const row = h("div", { class: "cx-blank" }, h("label", { for: id }, t("quiz.blank", { number: i + 1 })), input);
      body.append(row);
      return { b, input, row };
    });
    read = () => rows.map((r) => r.input.value);
    set = (a) => rows.forEach((r, i) => { r.input.value = Array.isArray(a) ? String(a[i] ?? "") : ""; });
    mark = (a) => rows.reduce((pts, { b, row }, i) => {
      const ok = Array.isArray(a) && accepts(b, a[i]);
      fb(row, ok, ok ? t("quiz.correct") : t("quiz.accepted", { answers: b.accept.join(", ") }), b.feedback);
      return pts + ok;
    }, 0);
  }

  if (q.hint) {
    const hint = h("p", { class: "cx-q__hint", id: `${name}-hint`, hidden: true }, h("strong", {}, t("quiz.hint")), " ", q.hint);
    const btn = h("button", { type: "button", class: "cx-q__hintbtn", "aria-expanded": "false", "aria-controls": hint.id,
      onclick: () => { hint.hidden = !hint.hidden; btn.setAttribute("aria-expanded", String(!hint.hidden)); } }, t("quiz.show_hint"));
    fieldset.append(btn, hint);
  }
  const after = h("div", { class: "cx-q__after" });
  fieldset.append(after);
  const answered = (a) => a != null && !(Array.isArray(a) && (!a.length || a.some((v) => v == null || v === "")));
  return {
    q, el, read, set, answered,
    finish(a) {
      quiet = true;
      const pts = mark(a);
      quiet = false;
      const max = q.type === "self_assessment" ? Math.max(0, ...q.options.map((o) => o.score || 0)) : q.points;
      const verdict = q.type === "self_assessment" ? t("quiz.score", { score: pts, max })
        : pts === max ? t("quiz.all_correct", { count: pts, max })
          : pts ? t("quiz.partly_correct", { score: pts, count: max }) : t("quiz.not_correct", { count: max });
      el.classList.add(q.type === "self_assessment" || pts === max ? "cx-q--right" : "cx-q--wrong");
      after.append(h("p", { class: "cx-q__verdict" }, h("strong", {}, verdict), answered(a) ? "" : ` ${t("quiz.not_answered")}`));
      if (q.cite_href) after.append(h("p", { class: "cx-q__cite" }, `${t("quiz.read_more")} `, h("a", { href: q.cite_href }, q.cite_label)));
      el.querySelectorAll(".cx-q__hintbtn").forEach((b) => { b.hidden = true; });
      el.querySelectorAll("input, select, button").forEach((c) => { c.disabled = true; });
      return [pts, max];
    },
    /** The right answers, and the explanation under the verdict. */
    reveal(a) {
      mark(a);
      if (q.explanation) after.querySelector(".cx-q__verdict").after(h("p", { class: "cx-q__explanation" }, q.explanation));
    },
  };
}

function setup(root) {
  const began = performance.now();
  root.setAttribute("data-cx-ready", "");
  let quiz;
  try {
    quiz = decode(root.dataset.cxData);
  } catch {
    console.info(`cxportal: quiz ${root.dataset.cxQuiz} has unreadable data`);
    return;
  }
  const hash = root.dataset.cxHash || "";
  const self = !!quiz.self_assessment;
  const status = h("p", { class: "cx-sr", "aria-live": "polite" });
  const result = h("div", { class: "cx-quiz__result", tabindex: "-1", "aria-live": "polite" });
  const last = h("p", { class: "cx-quiz__last", hidden: true });
  const list = h("ol", { class: "cx-quiz__questions", "aria-busy": "true" });
  const check = h("button", { type: "submit", class: "md-button md-button--primary", hidden: true }, t("quiz.check"));
  // What a retry asks: unseen questions, or honestly the same.
  const note = h("p", { class: "cx-quiz__note", hidden: true });
  const retry = h("button", { type: "button", class: "md-button", hidden: true, onclick: () => {
    const count = start(); // the questions are built in tasks: count them here, not from the attempt so far
    note.textContent = status.textContent = same ? t("quiz.retry_same")
      : again ? t("quiz.retry_some_again", { count, again }) : t("quiz.retry_new", { count });
    note.hidden = self; // the same statements by design
    list.querySelector("input, select, button")?.focus();
  } }, t("quiz.retry"));
  const show = h("button", { type: "button", class: "md-button", hidden: true, onclick: () => {
    reveal();
    status.textContent = t("quiz.answers_shown");
  } }, t("quiz.show_answers"));
  // For a facilitator, once the answers are shown: never beside "Check" before a learner answers.
  const printButton = h("button", { type: "button", class: "md-button cx-quiz__print", hidden: true,
    onclick: () => import("./quiz-key.js").then((m) => m.printKey(root, attempt)) }, t("quiz.print_answers"));
  const form = h("form", { class: "cx-quiz__form", novalidate: true, onsubmit: (e) => { e.preventDefault(); finish(true); } },
    note, list, h("div", { class: "cx-quiz__actions" }, check, retry, show, printButton), result, status);
  let attempt = [];
  let seen = new Set(); // every question asked here
  let lastIds = new Set();
  let again = 0, same = false; // of this attempt's questions: how many were asked before; all of them last time?
  let answers = {};
  let generation = 0;

  function start(saved, began = performance.now()) {
    let qs = quiz.questions;
    if (saved) qs = qs.filter((q) => Object.hasOwn(saved.answers, q.id));
    else {
      // At most one question from each set of variants (questions that test the same thing), then the draw.
      // A retry prefers what was never asked, then what was not asked last time, then (if the bank is short) the rest.
      const rank = (id) => seen.has(id) + lastIds.has(id);
      const best = (ids) => shuffled(ids).sort((a, b) => rank(a) - rank(b));
      const sets = (quiz.variant_sets || qs.map((q) => [q.id])).map((ids) => best(ids)[0]);
      const ids = quiz.draw && quiz.draw < sets.length ? best(sets).slice(0, quiz.draw) : sets;
      const pick = new Set(ids);
      qs = qs.filter((q) => pick.has(q.id)); // drawn, but in the bank's order: later questions may build on earlier ones
    }
    const mine = ++generation;
    same = qs.every((q) => lastIds.has(q.id));
    lastIds = new Set(qs.map((q) => q.id));
    again = qs.filter((q) => seen.has(q.id)).length;
    lastIds.forEach((id) => seen.add(id));
    attempt = [];
    list.replaceChildren();
    const add = (q) => { const a = question(q, quiz, status); attempt.push(a); list.append(a.el); };
    if (saved) {
      qs.forEach(add);
      list.removeAttribute("aria-busy");
    } else {
      // One question at least (a retry focuses it), more while the task is short, the rest in later tasks.
      const rest = qs.slice();
      const next = (began = performance.now()) => {
        if (mine !== generation) return;
        do add(rest.shift());
        while (rest.length && performance.now() - began < TASK_MS);
        list.toggleAttribute("aria-busy", rest.length > 0);
        if (rest.length) setTimeout(next, 0);
      };
      if (rest.length) next(began);
      else list.removeAttribute("aria-busy");
    }
    result.replaceChildren();
    check.hidden = false;
    retry.hidden = show.hidden = printButton.hidden = true;
    return qs.length;
  }

  function reveal() {
    attempt.forEach((a) => a.reveal(answers[a.q.id]));
    show.hidden = true;
    printButton.hidden = false;
  }

  function finish(fresh, date = new Date().toISOString()) {
    const marks = {};
    answers = {};
    let score = 0, max = 0, missing = 0;
    const byGroup = {};
    for (const a of attempt) {
      const ans = a.read();
      answers[a.q.id] = ans;
      if (!a.answered(ans)) missing++;
      const [pts, most] = a.finish(ans);
      marks[a.q.id] = [pts, most];
      score += pts;
      max += most;
      if (a.q.group) {
        const g = (byGroup[a.q.group] ??= [0, 0]);
        g[0] += pts;
        g[1] += most;
      }
    }
    const percent = max ? Math.round((100 * score) / max) : 0;
    const r = { hash, score, max, percent, passed: self ? !missing : percent >= (quiz.pass_mark || 0), answers, marks, date };
    const lines = [];
    if (!fresh) lines.push(h("p", {}, when(date) ? t("quiz.last_result_on", { date: when(date) }) : t("quiz.last_result")));
    if (self) {
      const band = quiz.bands.filter((b) => score >= b.min).pop() || quiz.bands[0];
      lines.push(h("p", {}, h("strong", {}, t("quiz.total", { score, max })), missing ? ` ${t("quiz.statements_missing", { count: missing })}` : ""));
      if (band) {
        r.band = band.title;
        lines.push(h("p", { class: "cx-quiz__band" }, h("strong", {}, band.title), `: ${band.advice} `,
          band.cite_href && h("a", { href: band.cite_href }, t("quiz.read_more_link"))));
      }
      const groups = Object.keys(quiz.groups || {}).filter((g) => byGroup[g] && byGroup[g][1] > 0);
      if (groups.length) {
        r.groups = Object.fromEntries(groups.map((g) => [g, byGroup[g]]));
        // The weakest: the lowest share of its possible points (the first listed wins a tie).
        const weakest = groups.reduce((w, g) => (byGroup[g][0] / byGroup[g][1] < byGroup[w][0] / byGroup[w][1] ? g : w));
        lines.push(h("table", { class: "cx-quiz__groups" },
          h("caption", {}, t("quiz.subtotals")),
          h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("quiz.area")), h("th", { scope: "col" }, t("quiz.area_score")))),
          h("tbody", {}, ...groups.map((g) => h("tr", { class: g === weakest ? "cx-quiz__weakest" : null },
            h("td", {}, quiz.groups[g], g === weakest ? ` ${t("quiz.weakest_mark")}` : ""),
            h("td", {}, t("quiz.group_score", { score: byGroup[g][0], max: byGroup[g][1] })))))));
        lines.push(h("p", { class: "cx-quiz__weakest-note" }, h("strong", {}, `${t("quiz.weakest")} `),
          t("quiz.weakest_advice", { area: quiz.groups[weakest] })));
      }
    } else {
      lines.push(h("p", {}, h("strong", {}, r.passed ? t("quiz.passed") : t("quiz.not_passed")),
        ` ${t("quiz.score_line", { score, count: max, percent, pass_mark: quiz.pass_mark || 0 })}`,
        missing ? ` ${t("quiz.questions_missing", { count: missing })}` : ""));
    }
    result.classList.toggle("cx-quiz__result--passed", r.passed);
    result.replaceChildren(...lines);
    check.hidden = true;
    retry.hidden = show.hidden = false;
    if (self || r.passed || quiz.show_answers === "always") reveal();
    if (!fresh) return;
    last.hidden = true;
    writeResult(quiz.id, r);
    result.focus();
    document.dispatchEvent(new CustomEvent("cxportal:quiz-result", { detail: { id: quiz.id, passed: r.passed, percent } }));
  }

  const saved = readResult(quiz.id);
  if (saved && saved.hash === hash && quiz.questions.some((q) => Object.hasOwn(saved.answers, q.id))) {
    start(saved);
    attempt.forEach((a) => a.set(saved.answers[a.q.id]));
    finish(false, saved.date);
  } else {
    if (saved) {
      const stale = saved.hash !== hash;
      last.hidden = false;
      last.classList.toggle("cx-stale", stale);
      last.textContent = t(stale ? "quiz.last_result_stale" : "quiz.last_result_line", { result: describe(saved) });
    }
    if (performance.now() - began > TASK_MS / 2) setTimeout(() => start(), 0);
    else start(undefined, began);
  }
  root.append(last, form);
}

function summary() {
  for (const cell of document.querySelectorAll("[data-cx-quiz-result]")) {
    const r = readResult(cell.dataset.cxQuizResult);
    if (!r) continue;
    const stale = r.hash !== cell.closest("[data-cx-hash]")?.dataset.cxHash;
    cell.textContent = stale ? t("quiz.result_stale", { result: describe(r) }) : describe(r);
    cell.classList.toggle("cx-stale", stale);
  }
}

// Built when the reader comes near or the browser is idle, not while the page loads.
function init() {
  for (const root of document.querySelectorAll("[data-cx-quiz]:not([data-cx-ready])")) {
    whenNear(root, (el) => { if (!el.hasAttribute("data-cx-ready")) setup(el); });
  }
  summary();
}

// Material's instant navigation swaps pages without reloading: run again on every page it shows.
if (window.document$) window.document$.subscribe(init);
else init();
