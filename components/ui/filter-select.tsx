import type { ComponentProps } from "react";

/** An option of a filter: its value and what the list shows (a plain string is both). */
export type FilterOption = { id: string; name: string } | string;

type Props = Omit<ComponentProps<"select">, "onChange" | "children"> & {
  /** The first option, value "": no filter ("All users", "Any state"). */
  all: string;
  options: readonly FilterOption[];
  onChange: (value: string) => void;
};

/** A list filter's <select>: "no filter" first, then the options; hands the chosen value to `onChange`. */
export function FilterSelect({ all, options, onChange, ...select }: Props) {
  return (
    <select {...select} onChange={(e) => onChange(e.target.value)}>
      <option value="">{all}</option>
      {options.map((o) => {
        const { id, name } = typeof o === "string" ? { id: o, name: o } : o;
        return (
          <option key={id} value={id}>
            {name}
          </option>
        );
      })}
    </select>
  );
}
