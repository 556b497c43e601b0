// A process parked on a failed step says so on the record page: what failed and why. An
// administrator can retry or skip the step right here; everyone else learns why moves wait.
import type { FailedStepView, ProcessDefinition } from '@crm/definitions';
import { StepDecision, stepLabel } from '../automation/step-decision';
import { formatDate } from '../shared/format';

export function FailedSteps(props: {
  process: ProcessDefinition | undefined;
  workflowId: string;
  steps: readonly FailedStepView[];
  canRepair: boolean;
  onResolved(): void;
}) {
  if (props.steps.length === 0) return null;
  return (
    <section className="banner banner-error" role="alert" data-testid="failed-steps">
      <strong>The process is paused: a step failed.</strong>
      <ul>
        {props.steps.map((step) => (
          <li key={step.key}>
            <div>
              {stepLabel(props.process, step.type, step.nodeId)}: {step.error}{' '}
              <span className="muted small">({formatDate(new Date(step.at).toISOString(), true)})</span>
            </div>
            {props.canRepair ? (
              <StepDecision workflowId={props.workflowId} stepKey={step.key} onDone={props.onResolved} />
            ) : (
              <div className="small">
                An administrator has to retry or skip it before the record can move on.
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
