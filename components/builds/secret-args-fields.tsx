"use client";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { listEdits } from "@/lib/client/list-edits";

export type SecretArg = { name: string; value: string };

/**
 * Build args marked secret (`secretArgs`): typed like passwords, stored encrypted, masked for viewers and
 * scrubbed from the build's log and errors (docs/security.md, "Secrets").
 */
export function SecretArgsFields({
  args,
  setArgs,
  error,
}: {
  args: SecretArg[];
  setArgs: (a: SecretArg[]) => void;
  error?: string;
}) {
  const { update, remove } = listEdits(args, setArgs);
  return (
    <fieldset className="space-y-2" aria-label="Secret build args">
      <legend className="block text-xs font-medium text-slate-700 dark:text-slate-300">
        Secret build args (optional)
      </legend>
      {args.map((a, i) => (
        <div key={i} className="grid items-end gap-2 sm:grid-cols-[1fr_1fr_auto]" data-testid="secret-arg">
          <TextField
            label={`Secret ${i + 1} name`}
            value={a.name}
            onChange={(e) => update(i, { name: e.target.value.trim() })}
            className="font-mono text-xs"
            placeholder="NPM_TOKEN"
            autoComplete="off"
            spellCheck={false}
          />
          <TextField
            label={`Secret ${i + 1} value`}
            type="password"
            value={a.value}
            onChange={(e) => update(i, { value: e.target.value })}
            autoComplete="new-password"
          />
          <Button
            type="button"
            variant="ghost"
            size="sm"
            className="justify-self-start"
            onClick={() => remove(i)}
          >
            Remove
          </Button>
        </div>
      ))}
      {error ? <p className="text-xs text-red-600 dark:text-red-400">{error}</p> : null}
      <p className="text-xs text-slate-500">
        Stored encrypted; masked on the build&apos;s page, for viewers and in the build log (the API gives the
        value back to the tenant&apos;s developers only). Docker still records build args that RUN steps use
        in the image&apos;s history.
      </p>
      <Button
        type="button"
        variant="secondary"
        size="sm"
        onClick={() => setArgs([...args, { name: "", value: "" }])}
      >
        Add a secret build arg
      </Button>
    </fieldset>
  );
}
