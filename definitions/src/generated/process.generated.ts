/* eslint-disable */
/**
 * GENERATED FILE — DO NOT EDIT.
 * Generated from definitions/schemas/process.schema.json by definitions/scripts/generate-types.ts.
 * Change the JSON Schema and run `npm run gen:types`.
 */
import type {
  Action,
  Assignee,
  Condition,
  Description,
  Duration,
  FieldPath,
  FieldValues,
  ItemId,
  Key,
  Label,
  Position,
  Recipient,
  SignedDuration,
  TemplateChoice,
  Timer,
} from './common.generated';

/**
 * What starts the process for a record.
 *
 * This interface was referenced by `ProcessDefinition`'s JSON-Schema
 * via the `definition` "Trigger".
 */
export type Trigger = OnCreateTrigger | OnConditionTrigger | ManualTrigger;
/**
 * One step of the process. Its "type" decides what it does and how many outgoing edges it needs.
 *
 * This interface was referenced by `ProcessDefinition`'s JSON-Schema
 * via the `definition` "ProcessNode".
 */
export type ProcessNode =
  | StartNode
  | StageNode
  | DecisionNode
  | ParallelSplitNode
  | ParallelJoinNode
  | ApprovalNode
  | UserTaskNode
  | WaitNode
  | SendMailNode
  | UpdateRecordNode
  | CreateTaskNode
  | EndNode;
/**
 * What a wait node waits for.
 *
 * This interface was referenced by `ProcessDefinition`'s JSON-Schema
 * via the `definition` "WaitSpec".
 */
export type WaitSpec = DurationWait | UntilDateWait | ConditionWait;

/**
 * A process that guides records of one entity from start to end: stages, decisions, approvals, waits, mails and tasks, connected by edges.
 */
export interface ProcessDefinition {
  /**
   * The technical name of the process, unique in the solution.
   */
  key: Key;
  /**
   * The name of the process, e.g. "Deal pipeline".
   */
  label: Label;
  /**
   * What the process is for.
   */
  description?: Description;
  /**
   * The key of the entity whose records follow this process.
   */
  entity: Key;
  /**
   * The key of the calendar used for durations counted in business time.
   */
  calendar?: Key;
  /**
   * What starts the process for a record.
   *
   * @minItems 1
   * @maxItems 10
   */
  triggers: Trigger[];
  /**
   * The steps of the process.
   *
   * @minItems 2
   * @maxItems 500
   */
  nodes: ProcessNode[];
  /**
   * The connections between the steps.
   *
   * @maxItems 2000
   */
  edges: ProcessEdge[];
}
/**
 * Starts the process when a record is created.
 *
 * This interface was referenced by `ProcessDefinition`'s JSON-Schema
 * via the `definition` "OnCreateTrigger".
 */
export interface OnCreateTrigger {
  /**
   * Always "onCreate".
   */
  type: 'onCreate';
}
/**
 * Starts the process when a saved record starts to meet the condition.
 *
 * This interface was referenced by `ProcessDefinition`'s JSON-Schema
 * via the `definition` "OnConditionTrigger".
 */
export interface OnConditionTrigger {
  /**
   * Always "onCondition".
   */
  type: 'onCondition';
  /**
   * When to start.
   */
  condition: Condition;
}
/**
 * Lets a user start the process from the record page.
 *
 * This interface was referenced by `ProcessDefinition`'s JSON-Schema
 * via the `definition` "ManualTrigger".
 */
export interface ManualTrigger {
  /**
   * Always "manual".
   */
  type: 'manual';
}
/**
 * Where the process begins. Exactly one per process, with exactly one outgoing edge.
 *
 * This interface was referenced by `ProcessDefinition`'s JSON-Schema
 * via the `definition` "StartNode".
 */
export interface StartNode {
  /**
   * Identifies the node inside the process; edges, forms and mail template gates refer to it. For stages, choose a readable id such as "proposal".
   */
  id: ItemId;
  /**
   * The kind of node: always "start" here.
   */
  type: 'start';
  /**
   * The name of the node on the canvas and, for stages, in the stage path and kanban columns.
   */
  label: Label;
  /**
   * An explanation of the node.
   */
  description?: Description;
  /**
   * Where the node is drawn in the designer.
   */
  position: Position;
}
/**
 * A stage the record stays in until someone moves it on (e.g. "Proposal"). Its outgoing edges are the transitions people may take.
 *
 * This interface was referenced by `ProcessDefinition`'s JSON-Schema
 * via the `definition` "StageNode".
 */
export interface StageNode {
  /**
   * Identifies the node inside the process; edges, forms and mail template gates refer to it. For stages, choose a readable id such as "proposal".
   */
  id: ItemId;
  /**
   * The kind of node: always "stage" here.
   */
  type: 'stage';
  /**
   * The name of the node on the canvas and, for stages, in the stage path and kanban columns.
   */
  label: Label;
  /**
   * An explanation of the node.
   */
  description?: Description;
  /**
   * Where the node is drawn in the designer.
   */
  position: Position;
  /**
   * The chance (0–100 %) that a record in this stage is won; used for the weighted forecast.
   */
  probability?: number;
  /**
   * Advice shown to the user while the record is in this stage: what to do, what to ask.
   */
  guidance?: string;
  /**
   * Steps the user ticks off in this stage.
   *
   * @maxItems 100
   */
  checklist?: ChecklistItem[];
  /**
   * Fields that must have a value before the record can leave this node.
   *
   * @maxItems 200
   */
  requiredFields?: FieldPath[];
  /**
   * Actions run each time a record enters this node.
   *
   * @maxItems 50
   */
  onEnter?: Action[];
  /**
   * Timers that run while the record stays in this node.
   *
   * @maxItems 50
   */
  timers?: Timer[];
}
/**
 * A step to tick off in a stage.
 *
 * This interface was referenced by `ProcessDefinition`'s JSON-Schema
 * via the `definition` "ChecklistItem".
 */
export interface ChecklistItem {
  /**
   * Identifies the item inside the stage.
   */
  id: ItemId;
  /**
   * What to do.
   */
  label: Label;
  /**
   * The record cannot leave the stage until this item is ticked.
   */
  required?: boolean;
}
/**
 * Chooses one outgoing edge automatically: the first whose condition holds, otherwise the default edge.
 *
 * This interface was referenced by `ProcessDefinition`'s JSON-Schema
 * via the `definition` "DecisionNode".
 */
export interface DecisionNode {
  /**
   * Identifies the node inside the process; edges, forms and mail template gates refer to it. For stages, choose a readable id such as "proposal".
   */
  id: ItemId;
  /**
   * The kind of node: always "decision" here.
   */
  type: 'decision';
  /**
   * The name of the node on the canvas and, for stages, in the stage path and kanban columns.
   */
  label: Label;
  /**
   * An explanation of the node.
   */
  description?: Description;
  /**
   * Where the node is drawn in the designer.
   */
  position: Position;
}
/**
 * Starts several branches that run at the same time (at least two outgoing edges, all taken).
 *
 * This interface was referenced by `ProcessDefinition`'s JSON-Schema
 * via the `definition` "ParallelSplitNode".
 */
export interface ParallelSplitNode {
  /**
   * Identifies the node inside the process; edges, forms and mail template gates refer to it. For stages, choose a readable id such as "proposal".
   */
  id: ItemId;
  /**
   * The kind of node: always "parallelSplit" here.
   */
  type: 'parallelSplit';
  /**
   * The name of the node on the canvas and, for stages, in the stage path and kanban columns.
   */
  label: Label;
  /**
   * An explanation of the node.
   */
  description?: Description;
  /**
   * Where the node is drawn in the designer.
   */
  position: Position;
}
/**
 * Waits until every incoming branch has arrived, then continues along its single outgoing edge.
 *
 * This interface was referenced by `ProcessDefinition`'s JSON-Schema
 * via the `definition` "ParallelJoinNode".
 */
export interface ParallelJoinNode {
  /**
   * Identifies the node inside the process; edges, forms and mail template gates refer to it. For stages, choose a readable id such as "proposal".
   */
  id: ItemId;
  /**
   * The kind of node: always "parallelJoin" here.
   */
  type: 'parallelJoin';
  /**
   * The name of the node on the canvas and, for stages, in the stage path and kanban columns.
   */
  label: Label;
  /**
   * An explanation of the node.
   */
  description?: Description;
  /**
   * Where the node is drawn in the designer.
   */
  position: Position;
}
/**
 * Asks one or more approvers, level after level. Continues along the "approved" edge when all levels approve, or along the "rejected" edge as soon as one rejects.
 *
 * This interface was referenced by `ProcessDefinition`'s JSON-Schema
 * via the `definition` "ApprovalNode".
 */
export interface ApprovalNode {
  /**
   * Identifies the node inside the process; edges, forms and mail template gates refer to it. For stages, choose a readable id such as "proposal".
   */
  id: ItemId;
  /**
   * The kind of node: always "approval" here.
   */
  type: 'approval';
  /**
   * The name of the node on the canvas and, for stages, in the stage path and kanban columns.
   */
  label: Label;
  /**
   * An explanation of the node.
   */
  description?: Description;
  /**
   * Where the node is drawn in the designer.
   */
  position: Position;
  /**
   * The approval is needed only when this condition holds; otherwise the record continues along the "approved" edge at once.
   */
  condition?: Condition;
  /**
   * The approval levels, asked one after the other.
   *
   * @minItems 1
   * @maxItems 10
   */
  levels: ApprovalLevel[];
  /**
   * Approvers may hand their decision to another user.
   */
  allowDelegation?: boolean;
  /**
   * Approvers must write a comment when they reject.
   */
  requireCommentOnReject?: boolean;
}
/**
 * One level of an approval: who decides, and when to remind or escalate.
 *
 * This interface was referenced by `ProcessDefinition`'s JSON-Schema
 * via the `definition` "ApprovalLevel".
 */
export interface ApprovalLevel {
  /**
   * Identifies the level inside the approval.
   */
  id: ItemId;
  /**
   * The name of the level, e.g. "Sales director".
   */
  label: Label;
  /**
   * Who decides at this level.
   */
  approver: Assignee;
  /**
   * This level is asked only when the condition holds (e.g. discount above 20 %); otherwise it is skipped.
   */
  condition?: Condition;
  /**
   * How long the approver has to decide before the escalation applies.
   */
  deadline?: Duration;
  /**
   * When to remind the approver who has not decided yet.
   */
  reminderAfter?: Duration;
  /**
   * Count the deadline and reminder in the working hours of the process calendar.
   */
  businessTime?: boolean;
  escalation?: ApprovalEscalation;
}
/**
 * What happens when an approval level passes its deadline.
 *
 * This interface was referenced by `ProcessDefinition`'s JSON-Schema
 * via the `definition` "ApprovalEscalation".
 */
export interface ApprovalEscalation {
  /**
   * Who the decision is handed to when the deadline passes.
   */
  to: Assignee;
}
/**
 * Gives someone a task and waits until it is completed.
 *
 * This interface was referenced by `ProcessDefinition`'s JSON-Schema
 * via the `definition` "UserTaskNode".
 */
export interface UserTaskNode {
  /**
   * Identifies the node inside the process; edges, forms and mail template gates refer to it. For stages, choose a readable id such as "proposal".
   */
  id: ItemId;
  /**
   * The kind of node: always "userTask" here.
   */
  type: 'userTask';
  /**
   * The name of the node on the canvas and, for stages, in the stage path and kanban columns.
   */
  label: Label;
  /**
   * An explanation of the node.
   */
  description?: Description;
  /**
   * Where the node is drawn in the designer.
   */
  position: Position;
  /**
   * The title of the task, e.g. "Prepare the contract".
   */
  title: string;
  /**
   * Who must do the task.
   */
  assignee: Assignee;
  /**
   * How long after its creation the task is due.
   */
  due?: Duration;
  /**
   * Count the due time in the working hours of the process calendar.
   */
  businessTime?: boolean;
}
/**
 * Waits for a time, until a date held in a field, or until a condition holds.
 *
 * This interface was referenced by `ProcessDefinition`'s JSON-Schema
 * via the `definition` "WaitNode".
 */
export interface WaitNode {
  /**
   * Identifies the node inside the process; edges, forms and mail template gates refer to it. For stages, choose a readable id such as "proposal".
   */
  id: ItemId;
  /**
   * The kind of node: always "wait" here.
   */
  type: 'wait';
  /**
   * The name of the node on the canvas and, for stages, in the stage path and kanban columns.
   */
  label: Label;
  /**
   * An explanation of the node.
   */
  description?: Description;
  /**
   * Where the node is drawn in the designer.
   */
  position: Position;
  wait: WaitSpec;
}
/**
 * Waits for a fixed time.
 *
 * This interface was referenced by `ProcessDefinition`'s JSON-Schema
 * via the `definition` "DurationWait".
 */
export interface DurationWait {
  /**
   * Always "duration".
   */
  type: 'duration';
  /**
   * How long to wait.
   */
  duration: Duration;
  /**
   * Count the time in the working hours of the process calendar.
   */
  businessTime?: boolean;
}
/**
 * Waits until the date held in a field (e.g. three days before the contract end date).
 *
 * This interface was referenced by `ProcessDefinition`'s JSON-Schema
 * via the `definition` "UntilDateWait".
 */
export interface UntilDateWait {
  /**
   * Always "untilDate".
   */
  type: 'untilDate';
  /**
   * The date or date-time field to wait for.
   */
  field: FieldPath;
  /**
   * Shifts the moment: "-P3D" is three days before the date, "PT9H" nine hours after it.
   */
  offset?: SignedDuration;
}
/**
 * Waits until a condition on the record holds, for example until a document is signed.
 *
 * This interface was referenced by `ProcessDefinition`'s JSON-Schema
 * via the `definition` "ConditionWait".
 */
export interface ConditionWait {
  /**
   * Always "condition".
   */
  type: 'condition';
  /**
   * What to wait for.
   */
  condition: Condition;
  /**
   * Stop waiting after this time and continue along the "timeout" edge.
   */
  timeout?: Duration;
  /**
   * Count the timeout in the working hours of the process calendar.
   */
  businessTime?: boolean;
}
/**
 * Sends a mail built from a mail template, then continues.
 *
 * This interface was referenced by `ProcessDefinition`'s JSON-Schema
 * via the `definition` "SendMailNode".
 */
export interface SendMailNode {
  /**
   * Identifies the node inside the process; edges, forms and mail template gates refer to it. For stages, choose a readable id such as "proposal".
   */
  id: ItemId;
  /**
   * The kind of node: always "sendMail" here.
   */
  type: 'sendMail';
  /**
   * The name of the node on the canvas and, for stages, in the stage path and kanban columns.
   */
  label: Label;
  /**
   * An explanation of the node.
   */
  description?: Description;
  /**
   * Where the node is drawn in the designer.
   */
  position: Position;
  /**
   * The mail template to send: its key, or a choice of templates by condition (e.g. one per segment).
   */
  template: TemplateChoice;
  /**
   * Who receives the mail.
   */
  to: Recipient;
}
/**
 * Changes fields of the record or of a related record, then continues.
 *
 * This interface was referenced by `ProcessDefinition`'s JSON-Schema
 * via the `definition` "UpdateRecordNode".
 */
export interface UpdateRecordNode {
  /**
   * Identifies the node inside the process; edges, forms and mail template gates refer to it. For stages, choose a readable id such as "proposal".
   */
  id: ItemId;
  /**
   * The kind of node: always "updateRecord" here.
   */
  type: 'updateRecord';
  /**
   * The name of the node on the canvas and, for stages, in the stage path and kanban columns.
   */
  label: Label;
  /**
   * An explanation of the node.
   */
  description?: Description;
  /**
   * Where the node is drawn in the designer.
   */
  position: Position;
  /**
   * A reference field of the record: when given, the related record is updated instead of the record itself.
   */
  target?: Key;
  /**
   * The fields to change and their new values, e.g. { "priority": "high" }.
   */
  set: FieldValues;
}
/**
 * Creates a task for someone and continues without waiting for it.
 *
 * This interface was referenced by `ProcessDefinition`'s JSON-Schema
 * via the `definition` "CreateTaskNode".
 */
export interface CreateTaskNode {
  /**
   * Identifies the node inside the process; edges, forms and mail template gates refer to it. For stages, choose a readable id such as "proposal".
   */
  id: ItemId;
  /**
   * The kind of node: always "createTask" here.
   */
  type: 'createTask';
  /**
   * The name of the node on the canvas and, for stages, in the stage path and kanban columns.
   */
  label: Label;
  /**
   * What the task is about.
   */
  description?: Description;
  /**
   * Where the node is drawn in the designer.
   */
  position: Position;
  /**
   * The title of the task, e.g. "Call the client back".
   */
  title: string;
  /**
   * Who must do the task.
   */
  assignee: Assignee;
  /**
   * How long after its creation the task is due.
   */
  due?: Duration;
  /**
   * Count the due time in the working hours of the process calendar.
   */
  businessTime?: boolean;
}
/**
 * Where the process ends, with its outcome (e.g. "Closed won"). The record stays here; it has no outgoing edges.
 *
 * This interface was referenced by `ProcessDefinition`'s JSON-Schema
 * via the `definition` "EndNode".
 */
export interface EndNode {
  /**
   * Identifies the node inside the process; edges, forms and mail template gates refer to it. For stages, choose a readable id such as "proposal".
   */
  id: ItemId;
  /**
   * The kind of node: always "end" here.
   */
  type: 'end';
  /**
   * The name of the node on the canvas and, for stages, in the stage path and kanban columns.
   */
  label: Label;
  /**
   * An explanation of the node.
   */
  description?: Description;
  /**
   * Where the node is drawn in the designer.
   */
  position: Position;
  /**
   * How the process ended: "won", "lost" or simply "closed".
   */
  outcome: 'won' | 'lost' | 'closed';
  /**
   * Fields that must have a value before the record can enter this end.
   *
   * @maxItems 200
   */
  requiredFields?: FieldPath[];
  /**
   * Actions run each time a record enters this node.
   *
   * @maxItems 50
   */
  onEnter?: Action[];
  /**
   * Timers that run while the record stays in this node.
   *
   * @maxItems 50
   */
  timers?: Timer[];
}
/**
 * A connection from one node to the next: a transition people may take from a stage, or the path the process follows.
 *
 * This interface was referenced by `ProcessDefinition`'s JSON-Schema
 * via the `definition` "ProcessEdge".
 */
export interface ProcessEdge {
  /**
   * Identifies the edge inside the process.
   */
  id: ItemId;
  /**
   * The id of the node the edge leaves.
   */
  source: ItemId;
  /**
   * The id of the node the edge leads to.
   */
  target: ItemId;
  /**
   * Which exit of the source node the edge leaves from: "approved" or "rejected" for an approval, "timeout" for a condition wait with a timeout.
   */
  sourceHandle?: 'approved' | 'rejected' | 'timeout';
  /**
   * The name of the transition, e.g. "Send proposal".
   */
  label?: Label;
  /**
   * From a decision: when this branch is taken. From a stage: the transition is allowed only while this holds.
   */
  condition?: Condition;
  /**
   * From a decision: the branch taken when no other condition holds. Exactly one per decision.
   */
  isDefault?: boolean;
  /**
   * Extra fields that must have a value to take this transition (e.g. the lost reason).
   *
   * @maxItems 200
   */
  requiredFields?: FieldPath[];
  activityTrigger?: ActivityTrigger;
}
/**
 * Logging this activity on the record takes the transition automatically (e.g. a meeting with result "held").
 *
 * This interface was referenced by `ProcessDefinition`'s JSON-Schema
 * via the `definition` "ActivityTrigger".
 */
export interface ActivityTrigger {
  /**
   * The activity type, e.g. "meeting".
   */
  type: Key;
  /**
   * The activity result, e.g. "held". Any result when left out.
   */
  result?: Key;
}
