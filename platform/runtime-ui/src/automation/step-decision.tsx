// Retry or skip a step parked on a failure: the same two buttons on the record page and in the
// administrator's list of stuck automation.
import { useState } from 'react';
import { identifierWords, type ProcessDefinition } from '@crm/definitions';
import { automationApi } from '../api/automation-api';
import { errorMessage } from '../api/client';
import { InlineError } from '../shared/alerts';

/** What a step did, named by its node in the process when the node is known. */
export function stepLabel(
  process: ProcessDefinition | undefined,
  type: string,
  nodeId: string | null | undefined,
): string {
  const node = nodeId ? process?.nodes.find((n) => n.id === nodeId) : undefined;
  const what = identifierWords(type);
  return node ? `${what} · ${node.label}` : nodeId ? `${what} · ${nodeId}` : what;
}

export function StepDecision(props: { workflowId: string; stepKey: string; onDone(): void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const decide = async (decision: 'retry' | 'skip') => {
    if (
      decision === 'skip' &&
      !window.confirm(
        'Skip this step? The process goes on as if it had been done, and it will not be tried again.',
      )
    )
      return;
    setBusy(true);
    setError(null);
    try {
      await automationApi.decideStep(props.workflowId, props.stepKey, decision);
      props.onDone();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="row gap">
      <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void decide('retry')}>
        Retry
      </button>
      <button type="button" className="btn btn-secondary" disabled={busy} onClick={() => void decide('skip')}>
        Skip
      </button>
      <InlineError message={error} />
    </div>
  );
}
