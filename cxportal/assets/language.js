/* cxportal language switcher: keeps the reader on the same item when they switch language.

   The switcher's links (partials/alternate.html, data-cx-language) already lead to the same page in
   the other language; this adds the item the reader is at (the URL's #anchor, else the last heading
   scrolled past), and loads the page in full so the other language's search index and strings load too.
   Codes and anchors are the same in every language, and so are the browser storage keys. */

function anchorInView() {
  if (location.hash) return location.hash;
  let found = "";
  for (const heading of document.querySelectorAll(".md-content h2[id], .md-content h3[id], .md-content h4[id]")) {
    if (heading.getBoundingClientRect().top > 120) break;
    found = `#${heading.id}`;
  }
  return found;
}

// Capture on window: runs before Material's instant navigation, which would keep this language's search.
window.addEventListener("click", (event) => {
  const link = event.target instanceof Element && event.target.closest("a[data-cx-language]");
  if (!link || event.ctrlKey || event.metaKey || event.shiftKey) return;
  event.preventDefault();
  event.stopPropagation();
  const url = new URL(link.getAttribute("href"), location.href);
  url.hash = anchorInView();
  location.assign(url.href);
}, true);
