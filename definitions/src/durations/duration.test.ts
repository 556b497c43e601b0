import type { BusinessCalendar } from './business-time';
import { addBusinessDuration, addBusinessTime, isWorkingTime } from './business-time';
import { DurationError, formatDuration, isValidDuration, parseDuration } from './duration';

const H = 3_600_000;
const D = 24 * H;

describe('parseDuration', () => {
  it.each([
    ['P3D', 3 * D],
    ['PT2H', 2 * H],
    ['PT30S', 30_000],
    ['PT30M', 30 * 60_000],
    ['P1W', 7 * D],
    ['P1DT12H', 36 * H],
    ['PT0.5S', 500],
    ['P0D', 0],
  ])('%s', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
    expect(isValidDuration(text)).toBe(true);
  });

  it.each(['P', 'PT', '3D', 'P1Y', 'P2M', 'PT1.5H', 'P1DT', '-P1D', ' P1D', 'p1d'])('refuses %j', (text) => {
    expect(() => parseDuration(text)).toThrow(DurationError);
    expect(isValidDuration(text)).toBe(false);
  });

  it('accepts negative offsets only when asked', () => {
    expect(parseDuration('-P3D', { allowNegative: true })).toBe(-3 * D);
  });

  it('formats back', () => {
    expect(formatDuration(36 * H + 30_000)).toBe('P1DT12H30S');
    expect(formatDuration(0)).toBe('PT0S');
    expect(parseDuration(formatDuration(5 * D + 7 * H))).toBe(5 * D + 7 * H);
  });
});

const paris: BusinessCalendar = {
  timezone: 'Europe/Paris',
  workingHours: {
    monday: [
      { start: '09:00', end: '12:00' },
      { start: '14:00', end: '18:00' },
    ],
    tuesday: [{ start: '09:00', end: '17:00' }],
    wednesday: [{ start: '09:00', end: '17:00' }],
    thursday: [{ start: '09:00', end: '17:00' }],
    friday: [{ start: '09:00', end: '17:00' }],
  },
  holidays: ['2026-12-25'],
};
const at = (iso: string): number => Date.parse(iso);

describe('addBusinessTime', () => {
  it.each([
    ['inside working hours', '2026-11-24T09:00:00Z', 2 * H, '2026-11-24T11:00:00Z'],
    ['across the end of the day', '2026-11-24T15:00:00Z', 2 * H, '2026-11-25T09:00:00Z'],
    ['from a weekend start (Saturday)', '2026-11-21T10:00:00Z', H, '2026-11-23T09:00:00Z'],
    ['across a weekend (Friday afternoon)', '2026-11-27T15:00:00Z', 2 * H, '2026-11-30T09:00:00Z'],
    ['across a lunch break (Monday)', '2026-11-23T10:00:00Z', 2 * H, '2026-11-23T14:00:00Z'],
    ['skipping a holiday', '2026-12-24T15:00:00Z', 2 * H, '2026-12-28T09:00:00Z'],
    ['before opening starts at opening', '2026-11-24T05:00:00Z', 30 * 60_000, '2026-11-24T08:30:00Z'],
    ['summer time shifts the offset', '2026-07-07T07:00:00Z', H, '2026-07-07T08:00:00Z'],
    ['over the DST change (Friday → Monday)', '2026-03-27T15:00:00Z', 2 * H, '2026-03-30T08:00:00Z'],
    ['a zero duration', '2026-11-22T03:00:00Z', 0, '2026-11-22T03:00:00Z'],
  ])('%s', (_name, start, duration, expected) => {
    expect(new Date(addBusinessTime(at(start), duration, paris)).toISOString()).toBe(
      new Date(expected).toISOString(),
    );
  });

  it('counts days of working time, not calendar days', () => {
    // Tuesday 09:00 Paris + 3 working days of 8 hours = Thursday 17:00 Paris.
    expect(new Date(addBusinessTime(at('2026-11-24T08:00:00Z'), 24 * H, paris)).toISOString()).toBe(
      '2026-11-26T16:00:00.000Z',
    );
  });

  it('uses the calendar time zone', () => {
    const tokyo: BusinessCalendar = {
      timezone: 'Asia/Tokyo',
      workingHours: { tuesday: [{ start: '09:00', end: '18:00' }] },
    };
    // Monday 23:00 UTC is Tuesday 08:00 in Tokyo: work starts an hour later.
    expect(new Date(addBusinessTime(at('2026-11-23T23:00:00Z'), H, tokyo)).toISOString()).toBe(
      '2026-11-24T01:00:00.000Z',
    );
  });

  it('refuses a calendar without working time', () => {
    expect(() => addBusinessTime(0, H, { timezone: 'UTC', workingHours: {} })).toThrow(RangeError);
  });

  it('tells working time apart', () => {
    expect(isWorkingTime(at('2026-11-24T09:00:00Z'), paris)).toBe(true);
    expect(isWorkingTime(at('2026-11-23T12:00:00Z'), paris)).toBe(false);
    expect(isWorkingTime(at('2026-12-25T10:00:00Z'), paris)).toBe(false);
  });
});

describe('addBusinessDuration', () => {
  // Paris is UTC+1 in November: 10:00Z is 11:00 local.
  it.each([
    [
      'two working days: same time two working days later',
      '2026-11-24T10:00:00Z',
      'P2D',
      '2026-11-26T10:00:00Z',
    ],
    ['days skip the weekend (Friday + 2)', '2026-11-27T10:00:00Z', 'P2D', '2026-12-01T10:00:00Z'],
    ['days skip holidays (Thursday 24 Dec + 1)', '2026-12-24T10:00:00Z', 'P1D', '2026-12-28T10:00:00Z'],
    [
      'from a Saturday the first working day is Monday',
      '2026-11-21T11:00:00Z',
      'P1D',
      '2026-11-23T11:00:00Z',
    ],
    ['an evening start is held at closing time', '2026-11-24T20:00:00Z', 'P1D', '2026-11-25T16:00:00Z'],
    ['an early start is held at opening time', '2026-11-24T05:00:00Z', 'P1D', '2026-11-25T08:00:00Z'],
    ['a week is the calendar’s five working days', '2026-11-24T10:00:00Z', 'P1W', '2026-12-01T10:00:00Z'],
    [
      'the clock part counts working hours after the days',
      '2026-11-24T15:00:00Z',
      'P1DT2H',
      '2026-11-26T09:00:00Z',
    ],
    ['hours only is working hours', '2026-11-24T15:00:00Z', 'PT2H', '2026-11-25T09:00:00Z'],
  ])('%s', (_name, start, duration, expected) => {
    expect(new Date(addBusinessDuration(at(start), duration, paris)).toISOString()).toBe(
      new Date(expected).toISOString(),
    );
  });

  it('refuses a negative duration', () => {
    expect(() => addBusinessDuration(0, '-P1D', paris)).toThrow(DurationError);
  });
});
