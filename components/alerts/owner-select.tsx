import { SelectField, type ControlProps } from "@/components/ui/field";

export type Owner = { id: string | null; name: string };

/** Who a new rule or channel belongs to: one of the tenants the user writes in, or the fleet (value ""). */
export function OwnerSelect({ owners, value, onChange, error }: { owners: Owner[] } & ControlProps) {
  return (
    <SelectField
      label="Owner"
      name="tenantId"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      error={error}
    >
      {owners.map((o) => (
        <option key={o.id ?? ""} value={o.id ?? ""}>
          {o.name}
        </option>
      ))}
    </SelectField>
  );
}
