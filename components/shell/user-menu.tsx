"use client";
import Link from "next/link";
import { ThemeToggle } from "@/components/shell/theme-toggle";
import { api } from "@/lib/client/api";

export function UserMenu({ email, role }: { email: string; role: string }) {
  async function signOut() {
    await api("/session", { method: "DELETE" }).catch(() => undefined);
    window.location.assign("/login");
  }
  return (
    <div className="flex shrink-0 items-center gap-3 text-xs">
      <Link href="/settings" className="hidden text-right leading-tight hover:underline sm:block">
        <span className="block font-medium text-slate-800 dark:text-slate-200">{email}</span>
        <span className="block text-slate-500">{role === "none" ? "member" : role}</span>
      </Link>
      <ThemeToggle />
      <button
        onClick={signOut}
        className="rounded-md border border-slate-300 px-2 py-1 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
      >
        Sign out
      </button>
    </div>
  );
}
