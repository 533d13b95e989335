/** A checkbox bound to a boolean, inside its caller's `<label>`: `onChange` gets the new state. */
export function Checkbox({
  checked,
  onChange,
  className,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  className: string;
}) {
  return (
    <input
      type="checkbox"
      className={className}
      checked={checked}
      onChange={(e) => onChange(e.target.checked)}
    />
  );
}
