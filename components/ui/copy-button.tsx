"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";

/**
 * Copies `value` and says so. The Clipboard API exists only in secure contexts (HTTPS or localhost); a console
 * reached at http://host:3000 falls back to the older copy command on a hidden text area.
 */
export function CopyButton({ value, label = "Copy" }: { value: string; label?: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  async function copy() {
    const ok = await writeClipboard(value);
    setState(ok ? "copied" : "failed");
    window.setTimeout(() => setState("idle"), 2000);
  }
  return (
    <Button type="button" size="sm" variant="secondary" onClick={copy} aria-live="polite">
      {state === "copied" ? "Copied" : state === "failed" ? "Select and copy by hand" : label}
    </Button>
  );
}

async function writeClipboard(value: string): Promise<boolean> {
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(value);
      return true;
    } catch {
      // Permission refused: try the fallback.
    }
  }
  const area = document.createElement("textarea");
  area.value = value;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  const ok = document.execCommand("copy");
  area.remove();
  return ok;
}

/** A secret shown once: the value, selectable, with a copy button next to it. */
export function OneTimeSecret({ value, testId }: { value: string; testId?: string }) {
  return (
    <div className="flex items-center gap-2">
      <output
        data-testid={testId}
        className="block min-w-0 flex-1 rounded-md bg-slate-100 px-3 py-2 font-mono break-all select-all dark:bg-slate-800"
      >
        {value}
      </output>
      <CopyButton value={value} />
    </div>
  );
}
