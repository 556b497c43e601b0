/** The stage a preview pretends the record is in ("No stage": none), for form and mail previews. */
export function StagePicker({
  stages,
  value,
  onChange,
}: {
  stages: readonly { id: string; label: string }[];
  value: string;
  onChange: (stage: string) => void;
}) {
  return (
    <select
      className="input input-sm"
      aria-label="Preview stage"
      value={value}
      onChange={(e) => onChange(e.target.value)}
    >
      <option value="">No stage</option>
      {stages.map((s) => (
        <option key={s.id} value={s.id}>
          {s.label}
        </option>
      ))}
    </select>
  );
}
