import type { CalendarDefinition, WorkingWeek } from '../../generated/calendar.generated';
import { jsonPointer } from '../../shared/json-pointer';
import { definitionError, q } from '../definition-error';
import type { DefinitionError, ErrorSite } from '../definition-error';

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** A calendar's time zone exists and each working period ends after it starts. */
export function calendarRules(calendar: CalendarDefinition, site: ErrorSite): DefinitionError[] {
  const errors: DefinitionError[] = [];
  if (!isTimeZone(calendar.timezone)) {
    errors.push(
      definitionError(
        site,
        'unknown-timezone',
        '/timezone',
        `Calendar ${q(calendar.label)} uses the time zone ${q(calendar.timezone)}, which does not exist: use an IANA name such as “Europe/Paris”.`,
      ),
    );
  }
  for (const [day, intervals] of Object.entries(calendar.workingHours) as Array<
    [keyof WorkingWeek, WorkingWeek[keyof WorkingWeek]]
  >) {
    (intervals ?? []).forEach((interval, i) => {
      if (interval.end <= interval.start) {
        errors.push(
          definitionError(
            site,
            'working-hours-order',
            jsonPointer('workingHours', day, i),
            `Calendar ${q(calendar.label)} has a working period on ${day} from ${interval.start} to ${interval.end}: it must end after it starts.`,
          ),
        );
      }
    });
  }
  return errors;
}
