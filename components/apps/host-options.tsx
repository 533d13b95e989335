import { bind, RecordOptions, SelectField } from "@/components/ui/field";
import type { AppMode } from "@/lib/validations/app";
import type { HostView } from "@/lib/validations/fleet";

type SelectProps<T> = {
  value: T;
  onChange: (value: T) => void;
  error?: string;
  hint?: string;
  disabled?: boolean;
};

/** A new app's Host select: the hosts it may go to, a Swarm manager marked as such (the Swarm target needs one). */
export function HostSelect({
  hosts,
  value,
  onChange,
  ...field
}: SelectProps<string> & { hosts: Pick<HostView, "id" | "name" | "engine">[] }) {
  return (
    <SelectField label="Host" {...bind(value, onChange)} {...field}>
      <RecordOptions
        of={hosts}
        label={(h) => `${h.name}${h.engine.swarmRole === "manager" ? " (Swarm manager)" : ""}`}
      />
    </SelectField>
  );
}

/** A new app's Target select: the two deploy targets. */
export function ModeSelect({ value, onChange, ...field }: SelectProps<AppMode>) {
  return (
    <SelectField
      label="Target"
      value={value}
      onChange={(e) => onChange(e.target.value === "swarm" ? "swarm" : "standalone")}
      {...field}
    >
      <option value="standalone">Standalone host</option>
      <option value="swarm">Swarm (the host is a manager)</option>
    </SelectField>
  );
}
