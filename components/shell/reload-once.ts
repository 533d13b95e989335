declare global {
  interface Window {
    __wharfReloadOnce?: () => boolean;
  }
}

/**
 * Runs in <head> before any of Next's scripts. A script or stylesheet of the app that fails to load (Chromium aborts
 * requests in flight when a network interface appears, as a Docker bridge does on the same host; or Wharf was
 * upgraded and the chunk renamed) leaves a page that never hydrates: dead buttons, `-` counters. The page is loaded
 * again instead, at most once in 30 s so it cannot loop. `window.__wharfReloadOnce` is the one reload rule, also
 * used by the error screen when React reports a failed chunk.
 */
export const reloadOnceBootScript = `(() => {
  const key = "wharf-chunk-reload-at";
  window.__wharfReloadOnce = () => {
    try {
      if (Date.now() - Number(sessionStorage.getItem(key) || 0) < 30000) return false;
      sessionStorage.setItem(key, String(Date.now()));
    } catch (e) {}
    window.location.reload();
    return true;
  };
  window.addEventListener("error", (e) => {
    const el = e.target;
    const url = el && (el.tagName === "SCRIPT" ? el.src : el.tagName === "LINK" ? el.href : "");
    if (url && url.indexOf("/_next/static/") !== -1) window.__wharfReloadOnce();
  }, true);
})();`;
