// Small formatters shared by the dashboard's charts and tables.
const DAY = 86_400_000;

/** Milliseconds as days with one decimal ("3.5 d"), or a dash. */
export function days(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  return `${(ms / DAY).toFixed(1)} d`;
}

/** Milliseconds as a number of days with one decimal, for chart values. */
export function toDays(ms: number | null | undefined): number | null {
  return ms === null || ms === undefined ? null : Math.round((ms / DAY) * 10) / 10;
}

export function percentText(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${value} %`;
}

/** A stage that a newer version removed or renamed, named with the last version that has it. */
export function retiredLabel(label: string, lastVersion: number): string {
  return `${label} (until version ${lastVersion})`;
}
