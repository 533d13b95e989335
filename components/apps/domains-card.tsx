"use client";
// The app's domains: each routes a name (and path prefix) through the edge proxy to a service port, over HTTPS.
import { useState } from "react";
import { toast } from "sonner";
import { DomainAuthDialog } from "@/components/apps/domain-auth-dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { CopyButton } from "@/components/ui/copy-button";
import { SelectField, TextField } from "@/components/ui/field";
import { fieldErrors, FormError } from "@/components/ui/form-error";
import { SkeletonLines } from "@/components/ui/skeleton";
import { useSchemaForm } from "@/lib/client/form";
import {
  useAppDomains,
  useApproveDomain,
  useAttachDomain,
  useDetachDomain,
  useTenantEdge,
  useVerifyDomain,
  type DomainView,
} from "@/lib/client/hooks/use-domains";
import { DomainCreateInput } from "@/lib/validations/domain";

type Props = {
  appId: string;
  tenantId: string;
  services: string[];
  canWrite: boolean;
  /** An admin: may approve a pending custom domain (the server checks it again). */
  canApprove: boolean;
};

export function DomainsCard({ appId, tenantId, services, canWrite, canApprove }: Props) {
  const domains = useAppDomains(appId);
  const detach = useDetachDomain(appId);
  const verify = useVerifyDomain(appId);
  const [editing, setEditing] = useState<DomainView | null>(null);
  const [approving, setApproving] = useState<DomainView | null>(null);
  return (
    <Card title="Domains">
      <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
        Each domain reaches a service port through the edge proxy, over HTTPS with an automatic certificate.
        Routed services publish no host port.
      </p>
      {domains.isPending ? (
        <SkeletonLines lines={2} label="Loading domains" />
      ) : domains.data?.length ? (
        <ul className="mb-3 divide-y divide-slate-100 dark:divide-slate-800" aria-label="Domains">
          {domains.data.map((d) => (
            <DomainRow
              key={d.id}
              domain={d}
              canWrite={canWrite}
              canApprove={canApprove}
              busy={detach.isPending || verify.isPending}
              onRemove={() => detach.mutate(d.id, { onSuccess: () => toast.success(`${d.host} detached`) })}
              onEditAuth={() => setEditing(d)}
              onApprove={() => setApproving(d)}
              onVerify={() =>
                verify.mutate(d.id, { onSuccess: () => toast.success(`${d.host} proven: routed now`) })
              }
            />
          ))}
        </ul>
      ) : (
        <p className="mb-3 text-sm text-slate-500">No domain yet.</p>
      )}
      <FormError error={detach.error ?? verify.error} />
      {editing ? (
        <DomainAuthDialog key={editing.id} appId={appId} domain={editing} onClose={() => setEditing(null)} />
      ) : null}
      {approving ? (
        <ApproveDialog
          key={approving.id}
          appId={appId}
          domain={approving}
          onClose={() => setApproving(null)}
        />
      ) : null}
      {canWrite && services.length > 0 ? (
        <AttachForm appId={appId} tenantId={tenantId} services={services} />
      ) : null}
    </Card>
  );
}

type RowProps = {
  domain: DomainView;
  canWrite: boolean;
  canApprove: boolean;
  busy: boolean;
  onRemove: () => void;
  onEditAuth: () => void;
  onVerify: () => void;
  onApprove: () => void;
};

function DomainRow(p: RowProps) {
  const d = p.domain;
  return (
    <li className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2 text-sm">
      <a
        href={d.url}
        target="_blank"
        rel="noreferrer"
        className="min-w-0 font-mono break-all text-sky-700 underline dark:text-sky-400"
      >
        {d.url}
      </a>
      <span className="text-slate-500">
        → {d.service}:{d.port}
      </span>
      {d.redirectHttps ? <Badge tone="blue">HTTP → HTTPS</Badge> : null}
      {d.basicAuthUser ? <Badge tone="blue">basic auth: {d.basicAuthUser}</Badge> : null}
      {d.source === "compose" ? <Badge>compose</Badge> : null}
      {d.approved ? null : (
        <Badge tone="amber">{d.challenge ? "waiting for proof of control" : "waiting for an admin"}</Badge>
      )}
      {d.approved ? (
        <span className="w-full text-xs text-slate-500">
          {d.certificate
            ? `Certificate from ${d.certificate.issuer}, expires ${new Date(d.certificate.expiresAt).toLocaleDateString()}`
            : "No certificate served yet (issued on the first sync; reload in a moment)"}
        </span>
      ) : null}
      <span className="ml-auto flex gap-1">
        {p.canApprove && !d.approved ? (
          <Button variant="secondary" size="sm" disabled={p.busy} onClick={p.onApprove}>
            Approve…
          </Button>
        ) : null}
        {p.canWrite && d.source === "api" ? (
          <>
            <Button variant="ghost" size="sm" disabled={p.busy} onClick={p.onEditAuth}>
              {d.basicAuthUser ? "Password…" : "Add password…"}
            </Button>
            <Button variant="ghost" size="sm" disabled={p.busy} onClick={p.onRemove}>
              Detach
            </Button>
          </>
        ) : null}
      </span>
      {d.challenge ? <ProofSteps challenge={d.challenge} {...p} /> : null}
    </li>
  );
}

/** A custom domain waiting for proof of control: what to serve where, and the Verify button. */
function ProofSteps(p: RowProps & { challenge: NonNullable<DomainView["challenge"]> }) {
  return (
    <div className="w-full space-y-1 rounded-md bg-amber-50 p-2 text-xs text-slate-700 dark:bg-amber-950/40 dark:text-slate-300">
      <p>
        Point <span className="font-mono">{p.domain.host}</span>&apos;s DNS at this Wharf&apos;s edge proxy,
        then Verify: Wharf fetches the address below and routes the domain when it answers with the token (the
        edge serves it for you). An admin can approve it instead.
      </p>
      <p className="flex flex-wrap items-center gap-2 font-mono break-all">
        {p.challenge.url} <CopyButton value={p.challenge.url} label="Copy address" />
      </p>
      <p className="flex flex-wrap items-center gap-2 font-mono break-all">
        {p.challenge.token} <CopyButton value={p.challenge.token} label="Copy token" />
      </p>
      {p.canWrite ? (
        <Button size="sm" variant="secondary" disabled={p.busy} onClick={p.onVerify}>
          Verify
        </Button>
      ) : null}
    </div>
  );
}

/** An admin routes a custom domain without its token proof: says what that means before doing it. */
function ApproveDialog({
  appId,
  domain,
  onClose,
}: {
  appId: string;
  domain: DomainView;
  onClose: () => void;
}) {
  const approve = useApproveDomain(appId);
  const where = `${domain.host}${domain.pathPrefix === "/" ? "" : domain.pathPrefix}`;
  return (
    <ConfirmDialog
      open
      title={`Approve ${domain.host}?`}
      confirmLabel="Approve and route"
      tone="primary"
      busy={approve.isPending}
      onCancel={onClose}
      onConfirm={() =>
        approve.mutate(domain.id, {
          onSuccess: (d) => {
            toast.success(`${d.host} approved: routed now`);
            onClose();
          },
        })
      }
    >
      <div className="space-y-2">
        <p>
          Approving skips the proof of control: the edge proxy routes{" "}
          <span className="font-mono break-all">{where}</span> to {domain.service}:{domain.port} of this app
          at once, and asks for a certificate for the name.
        </p>
        <p>
          Approve only a name you know this tenant controls: anyone whose DNS points that name at the edge
          reaches this app. Detaching the domain takes the route away again.
        </p>
        <FormError error={approve.error} />
      </div>
    </ConfirmDialog>
  );
}

function AttachForm({ appId, tenantId, services }: Omit<Props, "canWrite" | "canApprove">) {
  const attach = useAttachDomain(appId);
  const edge = useTenantEdge(tenantId);
  const form = useSchemaForm(DomainCreateInput, attach.error);
  const [values, setValues] = useState({
    host: "",
    service: services[0],
    port: "80",
    pathPrefix: "/",
    redirect: true,
    auth: false,
    username: "",
    password: "",
  });
  const errors = fieldErrors(form.error);
  /** A text field's value, change handler and error (`errorKey`: its path in the input, where not `k`). */
  const field = (
    k: "host" | "service" | "port" | "pathPrefix" | "username" | "password",
    errorKey: string = k,
  ) => ({
    value: values[k],
    error: errors[errorKey],
    onChange: (e: { target: { value: string } }) => setValues({ ...values, [k]: e.target.value }),
  });
  /** One of the form's two switches, with its label. */
  const toggle = (k: "redirect" | "auth", label: string) => (
    <label className="flex items-center gap-2 text-sm">
      <Checkbox
        className="size-4 rounded"
        checked={values[k]}
        onChange={(on) => setValues({ ...values, [k]: on })}
      />
      {label}
    </label>
  );
  const bases = edge.data?.baseDomains ?? [];
  function submit(e: React.FormEvent) {
    e.preventDefault();
    const input = form.parse({
      host: values.host,
      service: values.service,
      port: Number(values.port),
      pathPrefix: values.pathPrefix,
      redirectHttps: values.redirect,
      ...(values.auth ? { basicAuth: { username: values.username, password: values.password } } : {}),
    });
    if (!input) return;
    attach.mutate(input, {
      onSuccess: (d) => {
        toast.success(`${d.host} attached`);
        setValues({ ...values, host: "", password: "" });
      },
    });
  }
  return (
    <form
      onSubmit={submit}
      aria-label="Attach a domain"
      className="space-y-3 border-t border-slate-100 pt-3 dark:border-slate-800"
    >
      <div className="grid gap-3 sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)_6rem_minmax(0,1fr)]">
        <TextField
          label="Domain"
          {...field("host")}
          placeholder={bases[0] ? `web.${bases[0]}` : "web.example.com"}
          hint={
            bases.length
              ? `Under ${bases.join(", ")}${edge.data?.customDomains ? ", or your own domain (proven by an HTTP token)" : ""}`
              : edge.data?.customDomains
                ? "Your own domain: proven by an HTTP token the edge serves"
                : "An admin has not set a base domain for this tenant yet"
          }
        />
        <SelectField label="Service" {...field("service")}>
          {services.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </SelectField>
        <TextField label="Port" inputMode="numeric" {...field("port")} />
        <TextField label="Path prefix" {...field("pathPrefix")} />
      </div>
      {values.auth ? (
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField label="User name" autoComplete="off" {...field("username", "basicAuth.username")} />
          <TextField
            label="Password"
            type="password"
            autoComplete="new-password"
            hint="Stored as a bcrypt hash; never shown again"
            {...field("password", "basicAuth.password")}
          />
        </div>
      ) : null}
      <div className="flex flex-wrap items-center gap-3">
        {toggle("redirect", "Redirect plain HTTP to HTTPS")}
        {toggle("auth", "Ask visitors for a password (basic auth)")}
        <Button type="submit" size="sm" className="ml-auto" disabled={attach.isPending}>
          Attach domain
        </Button>
      </div>
      <FormError error={form.error} />
    </form>
  );
}
