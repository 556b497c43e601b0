import type { CalendarDefinition, WorkingInterval, WorkingWeek } from '../generated/calendar.generated';
import { parseDurationParts } from './duration';

const WEEKDAYS: ReadonlyArray<keyof WorkingWeek> = [
  'sunday',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
];
const DAY_MS = 86_400_000;
/** Searching further than this for working time means the calendar has (almost) none. */
const MAX_DAYS = 3660;

/** The parts of a calendar business time needs. */
export type BusinessCalendar = Pick<CalendarDefinition, 'timezone' | 'workingHours' | 'holidays'>;

interface LocalDate {
  year: number;
  month: number;
  day: number;
}

function formatter(timezone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat('en-US', {
    timeZone: timezone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}

function localParts(
  fmt: Intl.DateTimeFormat,
  ms: number,
): LocalDate & { hour: number; minute: number; second: number } {
  const parts: Record<string, number> = {};
  for (const part of fmt.formatToParts(ms))
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** Offset of the zone from UTC at an instant, in ms (whole seconds). */
function offsetAt(fmt: Intl.DateTimeFormat, ms: number): number {
  const p = localParts(fmt, ms);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** The instant of a wall-clock time in the zone (the later instant when DST makes it ambiguous). */
function zonedToUtc(fmt: Intl.DateTimeFormat, date: LocalDate, minutes: number): number {
  const wall = Date.UTC(date.year, date.month - 1, date.day) + minutes * 60_000;
  let guess = wall - offsetAt(fmt, wall);
  guess = wall - offsetAt(fmt, guess);
  return guess;
}

function minutesOf(time: string): number {
  const [h = '0', m = '0'] = time.split(':');
  return Number(h) * 60 + Number(m);
}

function isoDate(date: LocalDate): string {
  return `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

function nextDay(date: LocalDate): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day) + DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

function intervalsOn(calendar: BusinessCalendar, date: LocalDate): WorkingInterval[] {
  if (calendar.holidays?.includes(isoDate(date))) return [];
  const weekday = WEEKDAYS[new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay()];
  const intervals = weekday ? (calendar.workingHours[weekday] ?? []) : [];
  return [...intervals].sort((a, b) => minutesOf(a.start) - minutesOf(b.start));
}

/**
 * Adds a duration counted in working time: only the calendar's working hours (per weekday, in
 * its time zone) count, holidays do not. Starting outside working hours, counting begins at the
 * next working period. Pure: depends on its arguments only.
 */
export function addBusinessTime(startMs: number, durationMs: number, calendar: BusinessCalendar): number {
  if (!Number.isFinite(startMs) || !Number.isFinite(durationMs) || durationMs < 0) {
    throw new RangeError('addBusinessTime needs a finite start and a non-negative duration');
  }
  if (durationMs === 0) return startMs;
  const fmt = formatter(calendar.timezone);
  let remaining = durationMs;
  // Start one day early: a working period that began yesterday (local) may still be running.
  let date: LocalDate = localParts(fmt, startMs - DAY_MS);
  for (let i = 0; i < MAX_DAYS; i += 1) {
    for (const interval of intervalsOn(calendar, date)) {
      const from = Math.max(zonedToUtc(fmt, date, minutesOf(interval.start)), startMs);
      const to = zonedToUtc(fmt, date, minutesOf(interval.end));
      if (to <= from) continue;
      if (to - from >= remaining) return from + remaining;
      remaining -= to - from;
    }
    date = nextDay(date);
  }
  throw new RangeError(`Calendar in ${calendar.timezone} has no working time within ${MAX_DAYS} days`);
}

/** Whether an instant falls inside the calendar's working hours. */
export function isWorkingTime(ms: number, calendar: BusinessCalendar): boolean {
  const fmt = formatter(calendar.timezone);
  const date = localParts(fmt, ms);
  return intervalsOn(calendar, date).some(
    (interval) =>
      zonedToUtc(fmt, date, minutesOf(interval.start)) <= ms &&
      ms < zonedToUtc(fmt, date, minutesOf(interval.end)),
  );
}

function clampToIntervals(
  fmt: Intl.DateTimeFormat,
  date: LocalDate,
  minutes: number,
  intervals: WorkingInterval[],
): number {
  const first = intervals[0];
  const last = intervals[intervals.length - 1];
  if (!first || !last) throw new RangeError('clampToIntervals needs a working day');
  const clamped = Math.min(Math.max(minutes, minutesOf(first.start)), minutesOf(last.end));
  return zonedToUtc(fmt, date, clamped);
}

/**
 * Adds an ISO 8601 duration in business time, the way people count it: the days ("P2D") are
 * whole working days — the same time of day on the second working day after the start, skipping
 * weekends and holidays, held inside that day's working hours — and a week is as many working days
 * as the calendar's week has; the clock part ("PT4H") is then counted in working hours.
 */
export function addBusinessDuration(startMs: number, duration: string, calendar: BusinessCalendar): number {
  const { weeks, days, timeMs } = parseDurationParts(duration);
  const workingDaysPerWeek = WEEKDAYS.filter((day) => (calendar.workingHours[day] ?? []).length > 0).length;
  let workingDays = days + weeks * workingDaysPerWeek;
  let at = startMs;
  if (workingDays > 0) {
    const fmt = formatter(calendar.timezone);
    const start = localParts(fmt, startMs);
    const minutes = start.hour * 60 + start.minute;
    let date: LocalDate = start;
    for (let i = 0; i < MAX_DAYS && workingDays > 0; i += 1) {
      date = nextDay(date);
      const intervals = intervalsOn(calendar, date);
      if (intervals.length === 0) continue;
      workingDays -= 1;
      if (workingDays === 0) at = clampToIntervals(fmt, date, minutes, intervals);
    }
    if (workingDays > 0) {
      throw new RangeError(`Calendar in ${calendar.timezone} has no working days within ${MAX_DAYS} days`);
    }
  }
  return timeMs > 0 ? addBusinessTime(at, timeMs, calendar) : at;
}
