// The dashboard filters' pure parts: the days a period preset covers and whose records the
// owner filter offers.
import type { DirectoryUser } from '@crm/definitions';

export type PeriodPreset = '30' | '90' | '365' | 'year' | 'custom';

export interface PeriodChoice {
  preset: PeriodPreset;
  /** Inclusive days, YYYY-MM-DD. */
  from: string;
  to: string;
}

const DAY = 86_400_000;
const day = (date: Date) => date.toISOString().slice(0, 10);

/** The days a preset covers, ending today. */
export function periodFor(preset: Exclude<PeriodPreset, 'custom'>, today = new Date()): PeriodChoice {
  const to = day(today);
  switch (preset) {
    case '30':
    case '90':
    case '365':
      return { preset, from: day(new Date(today.getTime() - (Number(preset) - 1) * DAY)), to };
    case 'year':
      return { preset, from: `${to.slice(0, 4)}-01-01`, to };
    default:
      throw new Error(`unknown period ${String(preset satisfies never)}`);
  }
}

/**
 * The people whose records the user may see, as the API's record scope decides: everyone for
 * "all", the user and everyone reporting to them (transitively) for "team", nobody else for "own".
 */
export function ownerChoices(
  users: readonly DirectoryUser[],
  me: string,
  recordScope: string,
): DirectoryUser[] {
  let visible: readonly DirectoryUser[] = users;
  if (recordScope !== 'all') {
    const team = new Set([me]);
    if (recordScope === 'team')
      for (let grew = true; grew;) {
        grew = false;
        for (const user of users)
          if (user.managerId !== null && team.has(user.managerId) && !team.has(user.id)) {
            team.add(user.id);
            grew = true;
          }
      }
    visible = users.filter((user) => team.has(user.id));
  }
  return visible.filter((user) => user.active).toSorted((a, b) => a.name.localeCompare(b.name));
}
