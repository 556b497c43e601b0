// The answer of POST /api/processes/simulate (the designer's "Try it"): a process run by the pure
// interpreter on a virtual clock, nothing sent or stored. The engine's own result type
// (SimulationResult in @crm/workflows) extends this one and narrows what is typed openly here (the
// commands, the step timeline, the refused events, the final state) to the interpreter's types,
// which stay with the interpreter.
import type { Assignee, Recipient } from '../generated/common.generated';
import type { EndNode } from '../generated/process.generated';

/** A node the run entered, in order; `viaEdgeId` is the edge it came along. */
export interface SimulatedVisit {
  /** Virtual time, epoch ms. */
  at: number;
  nodeId: string;
  label: string;
  type: string;
  viaEdgeId?: string;
}

/**
 * A command the run produced at virtual time `at` for node `nodeId`, `key` being its idempotency
 * key. The lists below name the members that say what and for whom; the others are those of the
 * interpreter's command of that `type`.
 */
export interface SimulatedCommand {
  type: string;
  key: string;
  nodeId: string;
  at: number;
}

/** What a simulation shows the analyst: the path on the canvas and everything that would go out. */
export interface SimulationAnswer {
  path: SimulatedVisit[];
  /** Edge ids taken, in order (to highlight on the canvas). */
  edges: string[];
  mails: (SimulatedCommand & { template: string; to: Recipient })[];
  approvals: (SimulatedCommand & { levelLabel: string; approver: Assignee })[];
  tasks: (SimulatedCommand & { title: string; assignee: Assignee })[];
  notifications: (SimulatedCommand & { to: Recipient; message: string })[];
  updates: (SimulatedCommand & { set: Record<string, unknown> })[];
  /** Every step with the event applied and the commands it produced. */
  timeline: { at: number; event: unknown; commands: unknown[] }[];
  /** Scripted actions the interpreter refused, with its reasons. */
  rejected: { at: number; event: unknown; reasons: string[] }[];
  status: 'notStarted' | 'running' | 'completed';
  outcome?: EndNode['outcome'];
  /** Set when the process could not go on (e.g. an endless loop of automatic nodes). */
  error?: { code: string; message: string };
  /** The instance's state when the run stopped. */
  finalState: unknown;
}
