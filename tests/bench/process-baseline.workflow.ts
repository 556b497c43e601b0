// The trivial baseline the process benchmark compares the platform against: the same Temporal
// round trips (an update, a signal followed by one activity, a start) with no interpreter behind them.
import {
  condition,
  defineQuery,
  defineSignal,
  defineUpdate,
  proxyActivities,
  setHandler,
} from '@temporalio/workflow';

export interface BaselineActivities {
  touch(step: number): Promise<number>;
}

export const advanceUpdate = defineUpdate<number, [number]>('advance');
export const advanceSignal = defineSignal<[number]>('advanceSignal');
export const processedQuery = defineQuery<number>('processed');
export const finishSignal = defineSignal('finish');

const { touch } = proxyActivities<BaselineActivities>({ startToCloseTimeout: '10 seconds' });

export async function baselineWorkflow(): Promise<number> {
  let stage = 0;
  let processed = 0;
  let finished = false;
  const pending: number[] = [];
  setHandler(advanceUpdate, (to: number) => {
    stage = to;
    return stage;
  });
  setHandler(advanceSignal, (step: number) => {
    pending.push(step);
  });
  setHandler(processedQuery, () => processed);
  setHandler(finishSignal, () => {
    finished = true;
  });
  for (;;) {
    await condition(() => pending.length > 0 || finished);
    const step = pending.shift();
    if (step === undefined) return stage;
    stage = await touch(step);
    processed += 1;
  }
}
