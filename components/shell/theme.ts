export type Theme = "system" | "light" | "dark";

const KEY = "wharf-theme";
export const THEME_EVENT = "wharf-theme";
const order: Theme[] = ["system", "light", "dark"];

export const nextTheme = (t: Theme): Theme => order[(order.indexOf(t) + 1) % order.length];

export function readTheme(): Theme {
  const stored = window.localStorage.getItem(KEY);
  return stored === "light" || stored === "dark" ? stored : "system";
}

export function applyTheme(theme: Theme) {
  if (theme === "system") window.localStorage.removeItem(KEY);
  else window.localStorage.setItem(KEY, theme);
  window.dispatchEvent(new Event(THEME_EVENT));
  window.__wharfApplyTheme?.();
}

/** Whether the page is dark right now (the class the boot script sets); with `subscribeDark`, it follows changes. */
export const isDark = () => document.documentElement.classList.contains("dark");

export function subscribeDark(onChange: () => void) {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
  return () => observer.disconnect();
}

declare global {
  interface Window {
    __wharfApplyTheme?: () => void;
  }
}

/**
 * Runs in <head> before the first paint, so a dark page never flashes light: sets `.dark` on <html> from the
 * stored choice, or from the system's preference (followed live) when there is none.
 */
export const themeBootScript = `(() => {
  const media = window.matchMedia("(prefers-color-scheme: dark)");
  const apply = () => {
    const t = localStorage.getItem(${JSON.stringify(KEY)});
    const dark = t === "dark" || (t !== "light" && media.matches);
    document.documentElement.classList.toggle("dark", dark);
    document.documentElement.style.colorScheme = dark ? "dark" : "light";
  };
  window.__wharfApplyTheme = apply;
  media.addEventListener("change", apply);
  apply();
})();`;
