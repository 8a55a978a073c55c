/* cxportal i18n: the one helper every browser module uses for words, plurals, dates and numbers,
   and for putting off work a page does not need while it loads (whenNear).

   strings.js is generated per language of the site (cxportal/strings/<lang>.yml, keys under "js."):
     export const lang = "ru"; export const strings = {"quiz.check": "Проверить", "quiz.retry_new": {one: …, few: …}, …}
   t("quiz.retry_new", {count: 5}) picks the CLDR plural form with Intl.PluralRules and fills {placeholders};
   numbers and dates in placeholders are formatted with Intl in the page's language. */

import { lang, strings } from "./strings.js";

export { lang };
// Made on first use, not when the module loads: the first Intl.NumberFormat or DateTimeFormat of a page
// costs some 40 ms (its locale data), a long task on a phone, and most pages never format a number or date.
let plurals, numbers, dates;
// Languages whose numbers are not written in Latin digits by default (CLDR); their numbers always go through Intl.
const LATIN_DIGITS = !/^(ar|fa|ps|ur|ks|sd|bn|as|mr|ne|my|dz|sat|mni)\b/i.test(lang);

/** A number in the page's language (small whole numbers, written the same in every site language, directly). */
export function formatNumber(n) {
  if (Number.isInteger(n) && n >= 0 && n < 1000 && LATIN_DIGITS) return String(n);
  numbers ??= new Intl.NumberFormat(lang);
  return numbers.format(n);
}

/** A date (Date, ISO string or time value) in the reader's language; "" for an invalid date. */
export function formatDate(value) {
  const day = typeof value === "string" && /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = value instanceof Date ? value : day ? new Date(+day[1], +day[2] - 1, +day[3]) : new Date(value);
  if (Number.isNaN(date.getTime())) return "";
  dates ??= new Intl.DateTimeFormat(lang, { year: "numeric", month: "long", day: "numeric" });
  return dates.format(date);
}

/** The string for `key` (without the "js." prefix), placeholders filled; count picks the plural form. */
export function t(key, params = {}) {
  let value = strings[key];
  if (value === undefined) {
    console.info(`cxportal: no interface string '${key}'`);
    return key;
  }
  if (typeof value === "object") {
    plurals ??= new Intl.PluralRules(lang);
    value = value[plurals.select(Number(params.count ?? 0))] ?? value.other;
  }
  return String(value).replace(/\{([a-z_][a-z0-9_]*)\}/g, (whole, name) => {
    if (!(name in params)) return whole;
    const v = params[name];
    if (typeof v === "number") return formatNumber(v);
    if (v instanceof Date) return formatDate(v);
    return String(v);
  });
}

/* Runs `build(el)` once, when `el` comes within a screen of the viewport or the browser is next idle (at the
   latest after `timeout` ms), whichever is first: work for the end of a page (a quiz, the progress transfer)
   stays out of the page's load, yet is there for find-in-page, screen readers and print without scrolling. */
const waiting = new WeakMap();
let observer = null;

export function whenNear(el, build, timeout = 3000) {
  if (waiting.has(el)) return;
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    observer?.unobserve(el);
    waiting.delete(el);
    if (el.isConnected) build(el);
  };
  waiting.set(el, run);
  if (!("IntersectionObserver" in window)) return run();
  observer ??= new IntersectionObserver((entries) => {
    for (const entry of entries) if (entry.isIntersecting) waiting.get(entry.target)?.();
  }, { rootMargin: "100% 0px" });
  observer.observe(el);
  if (window.requestIdleCallback) requestIdleCallback(run, { timeout });
  else setTimeout(run, 200);
}
