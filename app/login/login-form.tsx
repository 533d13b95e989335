"use client";
import { useSearchParams } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { fieldErrors } from "@/components/ui/form-error";
import { api, ClientApiError } from "@/lib/client/api";
import { useSchemaForm } from "@/lib/client/form";
import { LoginInput, SIGNED_OUT_MESSAGES, SignedOutReason, type SessionView } from "@/lib/validations/auth";
import type { z } from "zod";

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
  // The server's refusals (wrong password, throttled) are not about one field: they stay in `error` below.
  const form = useSchemaForm(LoginInput, null);
  const fields = fieldErrors(form.error);
  const check = form.onSubmit(
    (_, f) => ({ email: f.get("email"), password: f.get("password") }),
    (input) => void signIn(input),
  );

  async function signIn(body: z.output<typeof LoginInput>) {
    setBusy(true);
    try {
      const res = await api<SessionView>("/session", { method: "POST", body });
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
      onSubmit={(e) => {
        setError("");
        check(e);
      }}
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900"
    >
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="username"
        required
        autoFocus
        error={fields.email}
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        error={fields.password}
      />
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
