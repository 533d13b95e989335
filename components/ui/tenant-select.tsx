import { RecordOptions, SelectField } from "@/components/ui/field";

type Tenant = { id: string; name: string };

/** The tenant a new object goes to (field `tenantId`): the one asked for when the user may write there, else the first. */
export function TenantSelect({
  tenants,
  preferred,
  error,
}: {
  tenants: Tenant[];
  preferred?: string;
  error?: string;
}) {
  return (
    <SelectField
      label="Tenant"
      name="tenantId"
      defaultValue={preferred && tenants.some((t) => t.id === preferred) ? preferred : tenants[0]?.id}
      error={error}
    >
      <RecordOptions of={tenants} />
    </SelectField>
  );
}
