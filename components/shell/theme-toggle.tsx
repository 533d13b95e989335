"use client";
import { useSyncExternalStore } from "react";
import { applyTheme, nextTheme, readTheme, THEME_EVENT, type Theme } from "@/components/shell/theme";

const labels: Record<Theme, { icon: string; name: string }> = {
  system: { icon: "◐", name: "system" },
  light: { icon: "☀", name: "light" },
  dark: { icon: "☾", name: "dark" },
};

function subscribe(onChange: () => void) {
  window.addEventListener(THEME_EVENT, onChange);
  window.addEventListener("storage", onChange);
  return () => {
    window.removeEventListener(THEME_EVENT, onChange);
    window.removeEventListener("storage", onChange);
  };
}

/** Cycles system → light → dark; the choice is kept in this browser and applied before first paint (theme.ts). */
export function ThemeToggle() {
  const theme = useSyncExternalStore(subscribe, readTheme, () => "system" as const);
  const next = nextTheme(theme);
  return (
    <button
      type="button"
      onClick={() => applyTheme(next)}
      aria-label={`Theme: ${labels[theme].name}. Switch to ${labels[next].name}`}
      title={`Theme: ${labels[theme].name}`}
      className="h-7 w-7 shrink-0 rounded-md border border-slate-300 text-sm leading-none hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
    >
      <span aria-hidden>{labels[theme].icon}</span>
    </button>
  );
}
