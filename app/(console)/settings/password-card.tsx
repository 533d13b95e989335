"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useRef } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { fieldErrors, FormError } from "@/components/ui/form-error";
import { api } from "@/lib/client/api";
import { useSchemaForm } from "@/lib/client/form";
import { ChangePasswordInput, PASSWORD_MIN } from "@/lib/validations/auth";
import type { z } from "zod";

/** `mustChange` comes from the server (the account's flag), not the URL, so the banner goes with the change. */
export function PasswordCard({ mustChange }: { mustChange: boolean }) {
  const router = useRouter();
  const change = useMutation({
    mutationFn: (body: z.output<typeof ChangePasswordInput>) => api("/me/password", { method: "POST", body }),
    meta: { silent: true },
  });
  const form = useSchemaForm(ChangePasswordInput, change.error);
  const errors = fieldErrors(form.error);
  const formRef = useRef<HTMLFormElement>(null);
  return (
    <Card title="Password">
      {mustChange ? (
        <p
          role="status"
          className="mb-3 rounded-md bg-amber-50 px-3 py-2 text-amber-800 dark:bg-amber-950 dark:text-amber-200"
        >
          You signed in with a one-time password. Choose your own now.
        </p>
      ) : null}
      <form
        className="space-y-3"
        ref={formRef}
        onSubmit={form.onSubmit(
          (_, f) => ({ currentPassword: f.get("currentPassword"), newPassword: f.get("newPassword") }),
          (input) =>
            change.mutate(input, {
              onSuccess: () => {
                formRef.current?.reset();
                toast.success("Password changed");
                // The server now allows everything else: drop the sign-in's `?changePassword=1` and re-render
                // the shell (banner, live counters, tokens) from the account's new state.
                router.replace("/settings");
                router.refresh();
              },
            }),
        )}
      >
        <TextField
          label="Current password"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          error={errors.currentPassword}
        />
        <TextField
          label="New password"
          name="newPassword"
          type="password"
          autoComplete="new-password"
          required
          hint={`At least ${PASSWORD_MIN} characters.`}
          error={errors.newPassword}
        />
        <FormError error={form.error && !Object.keys(errors).length ? form.error : null} />
        <Button type="submit" busy={change.isPending}>
          Change password
        </Button>
      </form>
    </Card>
  );
}
