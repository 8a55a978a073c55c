// Live reload under the Content-Security-Policy. Only pages built by `cxportal serve` or
// `mkdocs serve` load this module; a built site has neither it nor a reload server.
//
// MkDocs' development server appends an inline script to every page it serves. The page's
// policy refuses it, as it refuses every inline script it holds no hash for (that script
// differs on every request, so no hash can allow it), and the built site's policy must not
// be loosened for it. This module does that script's job from a file the policy allows: it
// reads the build number the server wrote into the refused script and waits on the server's
// long poll (/livereload/<build>/<request>), reloading the page when a newer build is served.

const INJECTED = /livereload\((\d+),\s*(\d+)\)/;

/** [build, request] numbers of the script the server appended, or null when it appended none. */
function injectedNumbers() {
  const scripts = document.querySelectorAll("body > script:not([src])");
  for (let i = scripts.length - 1; i >= 0; i--) {
    const match = INJECTED.exec(scripts[i].textContent || "");
    if (match) return [match[1], match[2]];
  }
  return null;
}

function watch([build, request]) {
  let pending = null;
  let timer = null;

  const stop = () => {
    if (pending) pending.abort();
    clearTimeout(timer);
    pending = timer = null;
  };

  const poll = () => {
    stop();
    pending = new AbortController();
    fetch(`/livereload/${build}/${request}`, { signal: pending.signal, cache: "no-store" })
      .then((response) => response.text().then((text) => [response.ok, text]))
      .then(([ok, text]) => {
        if (parseFloat(text) > Number(build)) {
          location.reload();
        } else {
          timer = setTimeout(poll, ok ? 0 : 3000); // the server answers after a minute when nothing changed
        }
      })
      .catch((error) => {
        if (error.name !== "AbortError") timer = setTimeout(poll, 3000); // the server is restarting
      });
  };

  document.addEventListener("visibilitychange", () => (document.visibilityState === "visible" ? poll() : stop()));
  window.addEventListener("pagehide", stop);
  if (document.visibilityState === "visible") poll();
}

// A module runs once per tab, so Material's instant navigation keeps one poll going.
const numbers = injectedNumbers();
if (numbers) watch(numbers);
