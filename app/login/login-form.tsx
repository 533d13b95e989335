"use client";
import { useSearchParams } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { api, ClientApiError } from "@/lib/client/api";
import { SIGNED_OUT_MESSAGES, SignedOutReason, type SessionView } from "@/lib/validations/auth";

/** Messages for the no-JavaScript path, by error code (never text taken from the URL). */
const formErrors: Record<string, string> = {
  invalid_credentials: "Invalid email or password",
  throttled: "Too many failed sign-ins; try again in a few minutes",
  csrf: "Cross-site request refused",
  invalid: "Enter your email and password",
};

export function LoginForm() {
  const params = useSearchParams();
  const next = params.get("next");
  const [error, setError] = useState(() => formErrors[params.get("error") ?? ""] ?? "");
  // Why the last session ended, when someone else ended it (a known code only: no text from the URL).
  const reason = SignedOutReason.safeParse(params.get("reason"));
  const signedOut = reason.success && !error ? SIGNED_OUT_MESSAGES[reason.data] : "";
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError("");
    try {
      const res = await api<SessionView>("/session", {
        method: "POST",
        body: { email: form.get("email"), password: form.get("password") },
      });
      // Only same-site paths are followed after sign-in (no open redirect).
      const target = res.mustChangePassword
        ? "/settings?changePassword=1"
        : next?.startsWith("/") && !next.startsWith("//")
          ? next
          : "/";
      window.location.assign(target);
    } catch (err) {
      setError(err instanceof ClientApiError ? err.message : "Could not reach the server");
      setBusy(false);
    }
  }

  return (
    <form
      method="post"
      action="/api/v1/session"
      onSubmit={onSubmit}
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900"
    >
      <TextField label="Email" name="email" type="email" autoComplete="username" required autoFocus />
      <TextField label="Password" name="password" type="password" autoComplete="current-password" required />
      {signedOut ? (
        <p
          role="status"
          data-testid="signed-out-reason"
          className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800 dark:bg-amber-950 dark:text-amber-200"
        >
          {signedOut}
        </p>
      ) : null}
      {error ? (
        <p
          role="alert"
          className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-300"
        >
          {error}
        </p>
      ) : null}
      <Button type="submit" nativeSubmit busy={busy} className="w-full">
        Sign in
      </Button>
    </form>
  );
}
