/* eslint-disable */
/**
 * GENERATED FILE — DO NOT EDIT.
 * Generated from definitions/schemas/calendar.schema.json by definitions/scripts/generate-types.ts.
 * Change the JSON Schema and run `npm run gen:types`.
 */
import type { Description, Key, Label } from './common.generated';

/**
 * Working hours and holidays used to count durations in business time (deadlines, reminders, SLAs).
 */
export interface CalendarDefinition {
  /**
   * The technical name of the calendar, unique in the solution.
   */
  key: Key;
  /**
   * The name of the calendar, e.g. "Paris office".
   */
  label: Label;
  /**
   * Who the calendar applies to.
   */
  description?: Description;
  /**
   * The IANA time zone the working hours are in, e.g. "Europe/Paris".
   */
  timezone: string;
  workingHours: WorkingWeek;
  /**
   * Days that are not worked, e.g. "2026-12-25".
   *
   * @maxItems 1000
   */
  holidays?: string[];
}
/**
 * Working periods per weekday.
 *
 * This interface was referenced by `CalendarDefinition`'s JSON-Schema
 * via the `definition` "WorkingWeek".
 */
export interface WorkingWeek {
  /**
   * The working periods on Mondays.
   *
   * @maxItems 10
   */
  monday?: WorkingInterval[];
  /**
   * The working periods on Tuesdays.
   *
   * @maxItems 10
   */
  tuesday?: WorkingInterval[];
  /**
   * The working periods on Wednesdays.
   *
   * @maxItems 10
   */
  wednesday?: WorkingInterval[];
  /**
   * The working periods on Thursdays.
   *
   * @maxItems 10
   */
  thursday?: WorkingInterval[];
  /**
   * The working periods on Fridays.
   *
   * @maxItems 10
   */
  friday?: WorkingInterval[];
  /**
   * The working periods on Saturdays.
   *
   * @maxItems 10
   */
  saturday?: WorkingInterval[];
  /**
   * The working periods on Sundays.
   *
   * @maxItems 10
   */
  sunday?: WorkingInterval[];
}
/**
 * A period of work within a day, e.g. 09:00 to 12:30.
 *
 * This interface was referenced by `CalendarDefinition`'s JSON-Schema
 * via the `definition` "WorkingInterval".
 */
export interface WorkingInterval {
  /**
   * When work starts, "HH:MM" in the calendar's time zone.
   */
  start: string;
  /**
   * When work stops, "HH:MM" (later than the start; "24:00" for midnight).
   */
  end: string;
}
