// Cite buttons: copy "5P-5 Persistent — The purposeful leader, v1.2 (reviewed 2026-11-20): <URL>#5p-5".
// Also prepares links for print (absolute URLs, short links for coded items) and expands
// folded blocks while printing. The Codes page's sort and filter live in codes.js.
import { t } from "./i18n.js";

const STATUS_CLASS = "cx-cite-status";

/** The site's public base URL (from mkdocs.yml `site_url`), or "" when it is not set. */
function siteUrl() {
  const meta = document.querySelector('meta[name="cx:site-url"]');
  const value = meta ? meta.content.trim() : "";
  return value && !value.endsWith("/") ? value + "/" : value;
}

/** The site root as the browser sees it, from Material's relative `base`. */
function siteRoot() {
  let base = ".";
  try {
    const config = document.getElementById("__config");
    base = JSON.parse(config ? config.textContent : "{}").base || ".";
  } catch (error) {
    console.info("cxportal cite: unreadable page config, assuming the site root", error);
  }
  return new URL(base.endsWith("/") ? base : base + "/", location.href);
}

/** Site-relative path (no leading slash) of a URL inside this site, or null for other URLs. */
function sitePath(url, root = siteRoot()) {
  const target = new URL(url, location.href);
  if (target.origin !== root.origin || !target.pathname.startsWith(root.pathname)) return null;
  return target.pathname.slice(root.pathname.length).replace(/(^|\/)index\.html$/, "$1");
}

/** A URL to quote outside the site: absolute from site_url when set, else site-relative. */
function publicUrl(path, anchor = "") {
  const hash = anchor ? "#" + anchor : "";
  const base = siteUrl();
  return (base ? base + path : "/" + path) + hash;
}

function currentPath() {
  return sitePath(location.href) ?? "";
}

function playbookMeta() {
  return document.querySelector(".cx-playbook-meta[data-cx-playbook]");
}

function versionPart(meta) {
  if (!meta) return "";
  const version = meta.dataset.cxVersion ? `, v${meta.dataset.cxVersion}` : "";
  const reviewed = meta.dataset.cxReviewed ? ` (reviewed ${meta.dataset.cxReviewed})` : "";
  return version + reviewed;
}

function playbookTitle(meta) {
  const h1 = document.querySelector(".md-content h1");
  return (meta && meta.dataset.cxTitle) || (h1 ? h1.textContent.replace(/¶$/, "").trim() : document.title);
}

/** The citation of a coded heading. */
export function itemCitation(heading) {
  const meta = playbookMeta();
  const { cxCode: code, cxTitle: title } = heading.dataset;
  // The short link leaders promote: it survives a playbook being renamed or moved.
  return `${code} ${title} — ${playbookTitle(meta)}${versionPart(meta)}: ${publicUrl("go/" + code.toLowerCase() + "/")}`;
}

/** The citation of the whole playbook. */
export function playbookCitation() {
  const meta = playbookMeta();
  return `${playbookTitle(meta)}${versionPart(meta)}: ${publicUrl(currentPath())}`;
}

function statusRegion() {
  const article = document.querySelector(".md-content__inner") || document.body;
  let region = article.querySelector(`.${STATUS_CLASS}`);
  if (!region) {
    region = document.createElement("p");
    region.className = `${STATUS_CLASS} cx-visually-hidden`;
    region.setAttribute("role", "status");
    region.setAttribute("aria-live", "polite");
    article.append(region);
  }
  return region;
}

function announce(message) {
  const region = statusRegion();
  region.textContent = "";
  // A fresh text node after clearing makes screen readers announce repeats too.
  requestAnimationFrame(() => { region.textContent = message; });
}

/** Without the clipboard API (plain http): show the citation selected in a box to copy by hand. */
function showFallback(button, citation) {
  let box = button.nextElementSibling;
  if (!box || !box.classList.contains("cx-cite-fallback")) {
    box = document.createElement("div");
    box.className = "cx-cite-fallback";
    const id = `cx-cite-fallback-${Math.random().toString(36).slice(2, 8)}`;
    const label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = t("cite.copy_prompt");
    const field = document.createElement("textarea");
    field.id = id;
    field.readOnly = true;
    field.rows = 2;
    field.className = "cx-cite-fallback__text";
    const close = document.createElement("button");
    close.type = "button";
    close.className = "md-button cx-cite-fallback__close";
    close.textContent = t("cite.close");
    close.addEventListener("click", () => { box.remove(); button.focus(); });
    field.addEventListener("keydown", (event) => {
      if (event.key === "Escape") { box.remove(); button.focus(); }
    });
    box.append(label, field, close);
    button.after(box);
  }
  const field = box.querySelector("textarea");
  field.value = citation;
  field.focus();
  field.select();
  announce(t("cite.ready"));
}

async function copy(button, citation) {
  try {
    if (!navigator.clipboard || !window.isSecureContext) throw new Error("no clipboard API");
    await navigator.clipboard.writeText(citation);
    const box = button.nextElementSibling;
    if (box && box.classList.contains("cx-cite-fallback")) box.remove();
    button.dataset.cxCopied = citation;
    announce(t("cite.copied", { citation }));
    showCopied(button);
  } catch (error) {
    console.info("cxportal cite: clipboard unavailable, showing the citation to copy by hand", error.message);
    showFallback(button, citation);
  }
}

/** Visible feedback beside the button for sighted readers (the status region speaks to screen readers). */
function showCopied(button) {
  let note = button.nextElementSibling;
  if (!note || !note.classList.contains("cx-cite-copied")) {
    note = document.createElement("span");
    note.className = "cx-cite-copied";
    note.setAttribute("aria-hidden", "true"); // announced once, by the status region
    note.textContent = t("cite.copied_mark");
    button.after(note);
  }
  clearTimeout(Number(note.dataset.cxTimer || 0));
  note.dataset.cxTimer = String(setTimeout(() => note.remove(), 2500));
}

function citeButton(label, citation) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "cx-cite";
  button.textContent = t("cite.cite");
  button.setAttribute("aria-label", label);
  button.addEventListener("click", () => copy(button, citation()));
  return button;
}

function addCiteButtons() {
  for (const heading of document.querySelectorAll(".md-content .cx-item[data-cx-code]")) {
    if (heading.nextElementSibling && heading.nextElementSibling.classList.contains("cx-cite")) continue;
    const { cxCode: code, cxTitle: title } = heading.dataset;
    heading.after(citeButton(t("cite.cite_item", { code, title }), () => itemCitation(heading)));
  }
  const meta = playbookMeta();
  const placed = meta && meta.querySelector(".cx-cite--playbook:not([data-cx-bound])");
  if (placed) {
    // The theme renders this button in place (no layout shift); it only needs its action here.
    placed.dataset.cxBound = "";
    placed.setAttribute("aria-label", t("cite.cite_playbook_named", { title: playbookTitle(meta) }));
    placed.addEventListener("click", () => copy(placed, playbookCitation()));
  } else if (meta && !meta.querySelector(".cx-cite")) {
    const button = citeButton(t("cite.cite_playbook_named", { title: playbookTitle(meta) }), playbookCitation);
    button.classList.add("cx-cite--playbook");
    button.textContent = t("cite.cite_playbook");
    // The separator goes with the button, so print (which hides the button) leaves no dangling "·".
    const wrap = document.createElement("span");
    wrap.className = "cx-meta-cite";
    wrap.append(" · ", button);
    meta.append(wrap);
  }
}

/** Print: each content link carries the URL (and, for coded items, the short link) to print after it. */
function preparePrintLinks() {
  const root = siteRoot(); // once, not per link: a page can have hundreds
  for (const link of document.querySelectorAll(".md-content__inner a[href]:not(.headerlink)")) {
    if (link.dataset.cxPrintHref !== undefined) continue;
    const href = link.getAttribute("href");
    if (!href || href.startsWith("#") && !link.dataset.cxCode) { link.dataset.cxPrintHref = ""; continue; }
    const path = sitePath(link.href, root);
    const anchor = new URL(link.href, location.href).hash.slice(1);
    const code = codeOfLink(link, anchor);
    if (code) {
      link.dataset.cxPrintHref = `${code}: ${publicUrl("go/" + code.toLowerCase() + "/")}`;
    } else if (path !== null) {
      link.dataset.cxPrintHref = publicUrl(path, anchor);
    } else {
      link.dataset.cxPrintHref = link.href;
    }
  }
}

/** The code a link points at: set by cite(), shown as a badge in the link, or the same page's heading. */
function codeOfLink(link, anchor) {
  if (link.dataset.cxCode) return link.dataset.cxCode;
  const badge = link.querySelector(".cx-code");
  if (badge) return badge.textContent.trim();
  const heading = anchor && link.pathname === location.pathname ? document.getElementById(anchor) : null;
  return heading && heading.dataset.cxCode ? heading.dataset.cxCode : "";
}

/** Print: folded blocks open while printing, and close again afterwards. */
function expandForPrint() {
  preparePrintLinks(); // already done when the browser was idle, unless printing came first
  for (const details of document.querySelectorAll("details:not([open])")) {
    details.dataset.cxPrintOpened = "";
    details.open = true;
  }
}

function restoreAfterPrint() {
  for (const details of document.querySelectorAll("details[data-cx-print-opened]")) {
    details.open = false;
    delete details.dataset.cxPrintOpened;
  }
}

function watchPrint() {
  window.addEventListener("beforeprint", expandForPrint);
  window.addEventListener("afterprint", restoreAfterPrint);
  // Print emulation and some PDF printers switch media without the print events.
  const media = window.matchMedia("print");
  media.addEventListener("change", (event) => (event.matches ? expandForPrint() : restoreAfterPrint()));
  if (media.matches) expandForPrint();
}

/** The 404 page reached through a short link names the unknown code and points to the Codes page. */
function explainUnknownCode() {
  const note = document.querySelector("[data-cx-404-go]");
  const match = location.pathname.match(/\/go\/([^/]+)\/?/);
  if (!note || !match) return;
  let code = match[1];
  try { code = decodeURIComponent(code); } catch { /* keep it as typed */ }
  note.querySelector("[data-cx-404-code]").textContent = code.toUpperCase();
  note.hidden = false;
}

function init() {
  explainUnknownCode();
  addCiteButtons();
  // Only print needs these: when the browser is idle, not while the page loads (and before printing, see above).
  if (window.requestIdleCallback) requestIdleCallback(preparePrintLinks, { timeout: 3000 });
  else preparePrintLinks();
  // Only the Codes page needs its sort and filter: load them there, not on every page.
  if (document.querySelector("[data-cx-codes]")) import("./codes.js").then((m) => m.initCodes());
  if (window.matchMedia("print").matches) expandForPrint();
}

watchPrint();
if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(() => init());
} else {
  init();
}
