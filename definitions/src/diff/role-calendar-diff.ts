import type { CalendarDefinition, WorkingInterval, WorkingWeek } from '../generated/calendar.generated';
import type { Capability, RoleDefinition } from '../generated/role.generated';
import type { DefinitionChange } from './diff.types';
import { ChangeCollector, matchList } from './diff-collector';
import { quote } from './diff-format';

const capabilityText: Record<Capability, string> = {
  'definitions.read': 'read definitions',
  'definitions.edit': 'edit definitions',
  'definitions.publish': 'publish definitions',
  'records.read': 'read records',
  'records.write': 'write records',
  'records.delete': 'delete records',
  'records.assign': 'assign records',
  'approvals.decide': 'decide approvals',
  'analytics.read': 'read analytics',
  'users.manage': 'manage users',
  'audit.read': 'read the audit trail',
};

/** Compares two versions of a role (either may be missing: it was added or removed). */
export function diffRole(
  before: RoleDefinition | undefined,
  after: RoleDefinition | undefined,
): DefinitionChange[] {
  const out = new ChangeCollector('role', after?.key ?? before?.key ?? '');
  if (before === undefined && after !== undefined) out.add('', 'added', `Role ${quote(after.label)} added`);
  else if (before !== undefined && after === undefined)
    out.add('', 'removed', `Role ${quote(before.label)} removed`);
  else if (before !== undefined && after !== undefined) {
    const subject = `Role ${quote(before.label)}`;
    if (before.label !== after.label)
      out.add('/label', 'changed', `${subject} renamed to ${quote(after.label)}`);
    out.value('/recordScope', subject, 'sees records', before.recordScope, after.recordScope, String);
    out.text('/description', subject, 'description', before.description, after.description);
    const caps = matchList(before.capabilities, after.capabilities, (c) => c);
    for (const { item, index } of caps.added) {
      out.add(`/capabilities/${index}`, 'added', `${subject}: may now ${capabilityText[item]}`);
    }
    for (const { item, index } of caps.removed) {
      out.add(`/capabilities/${index}`, 'removed', `${subject}: may no longer ${capabilityText[item]}`);
    }
  }
  return out.changes;
}

const weekdays: [keyof WorkingWeek, string][] = [
  ['monday', 'Monday'],
  ['tuesday', 'Tuesday'],
  ['wednesday', 'Wednesday'],
  ['thursday', 'Thursday'],
  ['friday', 'Friday'],
  ['saturday', 'Saturday'],
  ['sunday', 'Sunday'],
];

function hoursText(intervals: readonly WorkingInterval[] | undefined): string {
  if (intervals === undefined || intervals.length === 0) return 'not worked';
  return intervals.map((i) => `${i.start}–${i.end}`).join(', ');
}

/** Compares two versions of a business calendar (either may be missing: it was added or removed). */
export function diffCalendar(
  before: CalendarDefinition | undefined,
  after: CalendarDefinition | undefined,
): DefinitionChange[] {
  const out = new ChangeCollector('calendar', after?.key ?? before?.key ?? '');
  if (before === undefined && after !== undefined)
    out.add('', 'added', `Calendar ${quote(after.label)} added`);
  else if (before !== undefined && after === undefined)
    out.add('', 'removed', `Calendar ${quote(before.label)} removed`);
  else if (before !== undefined && after !== undefined) {
    const subject = `Calendar ${quote(before.label)}`;
    if (before.label !== after.label)
      out.add('/label', 'changed', `${subject} renamed to ${quote(after.label)}`);
    out.value('/timezone', subject, 'time zone', before.timezone, after.timezone, String);
    out.text('/description', subject, 'description', before.description, after.description);
    for (const [day, name] of weekdays) {
      const from = hoursText(before.workingHours[day]);
      const to = hoursText(after.workingHours[day]);
      if (from !== to) out.add(`/workingHours/${day}`, 'changed', `${subject}: ${name} ${from} → ${to}`);
    }
    const holidays = matchList(before.holidays, after.holidays, (d) => d);
    for (const { item, index } of holidays.added) {
      out.add(`/holidays/${index}`, 'added', `${subject}: holiday ${item} added`);
    }
    for (const { item, index } of holidays.removed) {
      out.add(`/holidays/${index}`, 'removed', `${subject}: holiday ${item} removed`);
    }
  }
  return out.changes;
}
