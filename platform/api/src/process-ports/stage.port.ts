import type { StagePort } from '@crm/workflows/contract';
import type { StageMirrorService } from '../process-state/stage-mirror.service';

/** The process's stage changes go through the one writer of stages, the stage mirror. */
export function createStagePort(deps: { processState: StageMirrorService }): StagePort {
  return {
    async enterStage(input) {
      // The mirror derives the status from the node (open for a stage, the outcome for an end),
      // so `outcome` and `probability` need not be passed on: the pinned version holds both.
      await deps.processState.enterStage({
        recordId: input.instance.recordId,
        processKey: input.instance.processKey,
        processVersion: input.instance.processVersion,
        nodeId: input.nodeId,
        stageLabel: input.label,
        by: input.by,
        at: new Date(input.at),
        idempotencyKey: input.key,
      });
    },
  };
}
