// The interpreter reads definitions through the types generated from the JSON Schemas (re-exported
// by @crm/definitions), never through hand-written copies; this file only gathers the ones it uses.
export type {
  Action,
  ApprovalLevel,
  Assignee,
  CalendarDefinition,
  Condition,
  EntityDefinition,
  FieldDefinition,
  ProcessDefinition,
  ProcessEdge,
  ProcessNode,
  Recipient,
  TemplateChoice,
  Timer,
  WaitSpec,
} from '@crm/definitions';
