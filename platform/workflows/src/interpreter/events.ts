import type { RecordView } from './record-view';

/** Who does something: a user with the roles they hold. */
export interface Actor {
  userId: string;
  roles: string[];
}

/**
 * A user asks to move the record. `target` is an edge id, the id of the node the edge leads to, or
 * the node behind a decision on that edge (e.g. "closed_won" behind a discount check).
 * `checkedItems` are the ticked checklist items of the current stage; when given, required items
 * that are not ticked block the move.
 */
export interface MoveRequest {
  target: string;
  checkedItems?: readonly string[];
}

/** A user ticks (or unticks) an item of the checklist of a stage that holds the record. */
export interface ChecklistTick {
  itemId: string;
  checked: boolean;
  /** The stage whose checklist it is; the held stage that has the item when omitted. */
  nodeId?: string;
}

/** Everything that can happen to a process instance, discriminated by `type`. */
export type InterpreterEvent =
  | { type: 'start'; record: RecordView; actor?: Actor }
  | ({ type: 'moveRequested'; actor: Actor; record: RecordView } & MoveRequest)
  | { type: 'activityLogged'; activityType: string; result?: string; at: number }
  | { type: 'recordChanged'; record: RecordView }
  | { type: 'timerFired'; timerId: string }
  | {
      type: 'approvalDecided';
      nodeId: string;
      /** Index of the level decided; the currently pending level when omitted. */
      levelIndex?: number;
      decision: 'approved' | 'rejected';
      comment?: string;
      actor: Actor;
    }
  | { type: 'approvalDelegated'; nodeId: string; levelIndex?: number; actor: Actor; toUserId: string }
  | { type: 'taskCompleted'; taskId: string; actor?: Actor }
  | ({ type: 'checklistTicked'; actor: Actor } & ChecklistTick)
  | { type: 'commandCompleted'; key: string }
  | { type: 'commandFailed'; key: string; error: string };

export type InterpreterEventType = InterpreterEvent['type'];
