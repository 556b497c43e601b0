// The JSON shapes the API answers with over HTTP, shared by the API that sends them and the apps
// that read them. Types only: nothing here runs.
export type {
  EndFigures,
  Funnel,
  FunnelStage,
  MoneyTotal,
  ProcessHeader,
  RepStats,
  RetiredNodeFigures,
  Snapshot,
  SnapshotStage,
} from './analytics';
export type {
  AutomationProblems,
  FailedStepView,
  OwedStartView,
  ParkedStepView,
  ProblemRecord,
  RetryOutcome,
} from './automation';
export type {
  ActivityView,
  CommentView,
  NotificationView,
  RecordTimeline,
  SavedView,
  ViewFilter,
  ViewQuery,
} from './collaboration';
export type {
  DefinitionDiff,
  Draft,
  PublishedVersion,
  PublishResult,
  SavedDraft,
  StoredKind,
  StoredKindList,
  VersionMeta,
  VersionRef,
} from './definitions';
export type {
  MailPreview,
  MailStatus,
  MailView,
  ResolvedRecipient,
  SendMailResult,
  TemplateAvailability,
} from './mail';
export type {
  ApprovalLinkView,
  ApprovalStatus,
  ApprovalView,
  AutomationEntry,
  AutomationStatus,
  MigrationReport,
  ProcessInstanceSummary,
  RecordFact,
  TaskStatus,
  TaskView,
} from './processes';
export type { ProblemDetails, ProblemEntry } from './problems';
export type { AuditEntry, FilterOp, FilterOpList, ListResult, RecordView } from './records';
export type { SimulatedCommand, SimulatedVisit, SimulationAnswer } from './simulation';
export type { DirectoryUser, Me, PublicUser, WorkCounters } from './users';
