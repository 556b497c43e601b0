import type { RecordTimeline } from '@crm/definitions';
import { Router } from 'express';
import type { ActivitiesService } from '../activities/activities.service';
import type { ApprovalsService } from '../approvals/approvals.service';
import { actorOf } from '../auth/request-context';
import type { AutomationLogService } from '../automation/automation-log.service';
import type { CommentsService } from '../comments/comments.service';
import type { MailTemplatesService } from '../mail/mail-templates.service';
import type { RecordsService } from '../records/records.service';
import type { TasksService } from '../tasks/tasks.service';

export interface RecordTimelineDeps {
  records: RecordsService;
  activities: ActivitiesService;
  comments: CommentsService;
  mail: MailTemplatesService;
  automation: AutomationLogService;
  tasks: TasksService;
  approvals: ApprovalsService;
}

/**
 * `/api/records/:entity/:id/timeline`: everything the record page's timeline shows, in one answer —
 * stage changes, activities, comments, mails, approvals, tasks and automation steps, each in the
 * shape of its own route. One request instead of seven is what keeps a record with hundreds of
 * entries quick to open (docs/benchmarks.md, "Record page with 200 timeline entries").
 */
export function recordTimelineRoutes(deps: RecordTimelineDeps): Router {
  const router = Router();
  router.get('/:entity/:id/timeline', async (req, res) => {
    const actor = actorOf(req);
    const entity = req.params.entity ?? '';
    const id = req.params.id ?? '';
    // The same checks as every source (records.read, then visibility): 403 or 404 before any work.
    await deps.comments.assertVisible(actor, entity, id);
    const [audit, activities, comments, mails, approvals, tasks, automation] = await Promise.all([
      deps.records.auditTrail(actor, entity, id),
      deps.activities.list(actor, entity, id),
      deps.comments.list(actor, entity, id),
      deps.mail.mails(actor, entity, id),
      deps.approvals.forRecord(actor, entity, id),
      deps.tasks.forRecord(actor, entity, id),
      deps.automation.forRecord(actor, entity, id),
    ]);
    res.json({
      // Only the stage changes: the rest of the audit trail repeats whole records and is not shown.
      stages: audit.filter((entry) => entry.action === 'record.stage'),
      activities,
      comments,
      mails,
      approvals,
      tasks,
      automation,
    } satisfies RecordTimeline);
  });
  return router;
}
