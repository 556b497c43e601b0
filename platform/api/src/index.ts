export { createPlatform, type Platform } from './platform';
export { createApp, type AppDeps } from './app';
export { staticAppRouter } from './http/static-app';
export { createServices, type Services } from './services';
export type { PlatformConfig, Logger, TemporalConfig, StaticApp } from './config';
export type { Actor, Capability, RecordScope } from './auth/actor';
export type { NewUser } from './auth/users.service';
export type { ActivityInput } from './activities/activities.service';
export { ProblemError } from './http/problems';
export type { EnterStageInput, EnterStageResult } from './process-state/stage-mirror.service';
export type { StageHistoryEntry } from './process-state/stage-history.repository';
export type { ProcessStatus } from './process-state/holding-node';
export { stagePath, type StagePath } from './process-state/stage-path';
export * from './process-state/process-state.errors';
export { createProcessPorts, createRecordProcessPorts, type ProcessPortsDeps } from './process-ports';
export { RecordTargetError } from './process-ports/record.port';
export {
  ProcessActionRejectedError,
  type ProcessGateway,
  type InstanceKey,
} from './processes/process-gateway';
export { createMailPort, type MessagingPortDeps } from './process-ports/mail.port';
export { createNotificationPort, type NotificationPortOptions } from './process-ports/notification.port';
export { createAutomationLogPort } from './process-ports/automation-log.port';
export { createMailer, messageIdFor, type Mailer, type MailerConfig } from './mail/mailer';
export { MailInFlightError } from './mail/outbox.service';
export { loadProcessRecordView, type KnownRecord } from './processes/record-snapshot';
// The HTTP answers are declared with the other wire types in @crm/definitions.
export type {
  ActivityView,
  ApprovalStatus,
  ApprovalView,
  PublicUser,
  PublishResult,
  RecordFact,
  RecordView,
  SendMailResult,
  TaskStatus,
  TaskView,
} from '@crm/definitions';
