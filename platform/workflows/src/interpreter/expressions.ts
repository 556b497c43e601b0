// Adapts the definition language's pure evaluators (conditions, durations, business time) to the
// interpreter's record view and step context.
import type { ConditionContext } from '@crm/definitions';
import { addBusinessDuration, DurationError, evaluateCondition, parseDuration } from '@crm/definitions';
import type { StepContext } from './context';
import type { Condition } from './definition-types';
import { InterpreterError } from './errors';
import type { RecordView } from './record-view';
import { ownerIdOf } from './record-view';

/** The context conditions read: the record, its related records, its stage and its owner. */
export function conditionContext(record: RecordView, stage?: string): ConditionContext {
  const ownerId = ownerIdOf(record);
  return {
    record: record.data,
    ...(record.related === undefined ? {} : { related: record.related }),
    ...(stage === undefined ? {} : { stage }),
    ...(ownerId === undefined ? {} : { ownerId }),
  };
}

/** Whether the condition holds for the record (`$stage` reads `stage`). */
export function conditionHolds(condition: Condition, record: RecordView, stage?: string): boolean {
  return evaluateCondition(condition, conditionContext(record, stage));
}

/** Milliseconds of an ISO 8601 duration; a leading "-" (offsets) gives a negative value. */
export function durationMs(duration: string): number {
  try {
    return parseDuration(duration, { allowNegative: true });
  } catch (caught) {
    if (caught instanceof DurationError) throw new InterpreterError('invalidDuration', caught.message);
    throw caught;
  }
}

/**
 * The moment `duration` after `from`: in calendar time, or in the working hours of the process
 * calendar when `businessTime` is set.
 */
export function dueAfter(ctx: StepContext, from: number, duration: string, businessTime: boolean): number {
  const ms = durationMs(duration);
  if (!businessTime) return from + ms;
  if (ctx.calendar === undefined) {
    throw new InterpreterError(
      'invalidDuration',
      `"${duration}" counts business time, but the process has no calendar.`,
    );
  }
  // Business time counts days as working days, so it reads the duration itself, not its length.
  return addBusinessDuration(from, duration, ctx.calendar);
}
