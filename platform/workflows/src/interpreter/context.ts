import type { CalendarDefinition, EntityDefinition } from './definition-types';

/**
 * What a step needs from outside, passed in so that the interpreter stays pure: the current time
 * (workflow time in the shell, a virtual clock in simulation) and the process calendar.
 */
export interface StepContext {
  /** Epoch ms of "now". */
  now: number;
  /** The process's calendar, used by durations with `businessTime: true`. */
  calendar?: CalendarDefinition;
  /** The solution's entities: only used for readable field labels in rejection reasons. */
  entities?: readonly EntityDefinition[];
}
