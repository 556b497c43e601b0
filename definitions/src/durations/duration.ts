const DURATION = /^(-)?P(?!$)(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

/** Thrown for text that is not a duration of the definition language. */
export class DurationError extends Error {
  constructor(readonly text: string) {
    super(
      `“${text}” is not a duration: write it in ISO 8601, e.g. "P3D", "PT2H" or "PT30M" (no years or months).`,
    );
    this.name = 'DurationError';
  }
}

/**
 * Parses an ISO 8601 duration ("P3D", "PT2H", "P1DT12H", "PT30.5S") into milliseconds. Years and
 * months are refused because their length varies. A leading "-" is accepted only with
 * `allowNegative` (offsets such as "three days before").
 */
export function parseDuration(text: string, options: { allowNegative?: boolean } = {}): number {
  const match = DURATION.exec(text);
  if (!match || (match[1] && !options.allowNegative)) throw new DurationError(text);
  const [, sign, weeks, days, hours, minutes, seconds] = match;
  const ms =
    Number(weeks ?? 0) * WEEK +
    Number(days ?? 0) * DAY +
    Number(hours ?? 0) * HOUR +
    Number(minutes ?? 0) * MINUTE +
    Math.round(Number(seconds ?? 0) * SECOND);
  return sign ? -ms : ms;
}

/** The calendar part (weeks and days) and the clock part (hours, minutes, seconds) of a duration. */
export interface DurationParts {
  weeks: number;
  days: number;
  /** Hours, minutes and seconds together, in milliseconds. */
  timeMs: number;
}

/** Splits a non-negative ISO 8601 duration into its calendar and clock parts (business time counts them differently). */
export function parseDurationParts(text: string): DurationParts {
  const match = DURATION.exec(text);
  if (!match || match[1]) throw new DurationError(text);
  const [, , weeks, days, hours, minutes, seconds] = match;
  return {
    weeks: Number(weeks ?? 0),
    days: Number(days ?? 0),
    timeMs:
      Number(hours ?? 0) * HOUR + Number(minutes ?? 0) * MINUTE + Math.round(Number(seconds ?? 0) * SECOND),
  };
}

/** Whether the text is a valid (non-negative) duration. */
export function isValidDuration(text: string): boolean {
  return DURATION.test(text) && !text.startsWith('-');
}

/** Formats milliseconds back into an ISO 8601 duration (days, hours, minutes, seconds). */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) throw new Error('formatDuration: not a finite number');
  const sign = ms < 0 ? '-' : '';
  let rest = Math.abs(ms);
  const days = Math.floor(rest / DAY);
  rest -= days * DAY;
  const hours = Math.floor(rest / HOUR);
  rest -= hours * HOUR;
  const minutes = Math.floor(rest / MINUTE);
  rest -= minutes * MINUTE;
  const seconds = rest / SECOND;
  const time = `${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}${seconds ? `${seconds}S` : ''}`;
  if (!days && !time) return 'PT0S';
  return `${sign}P${days ? `${days}D` : ''}${time ? `T${time}` : ''}`;
}
