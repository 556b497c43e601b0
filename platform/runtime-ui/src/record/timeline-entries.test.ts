import type { RecordTimeline } from '@crm/definitions';
import { timelineEntries } from './timeline-entries';

const empty: RecordTimeline = {
  stages: [],
  activities: [],
  comments: [],
  mails: [],
  approvals: [],
  tasks: [],
  automation: [],
};

describe('timelineEntries', () => {
  it('merges every source newest first, with formal-list labels and the approver’s comment', () => {
    const entries = timelineEntries(
      {
        ...empty,
        stages: [
          {
            id: '1',
            actorId: null,
            action: 'record.stage',
            subjectType: 'record',
            subjectId: 'r',
            entity: 'deal',
            before: null,
            after: { stageLabel: 'Proposal' },
            at: '2026-01-01T09:00:00.000Z',
          },
        ],
        activities: [
          {
            id: 'a',
            recordId: 'r',
            type: 'call',
            topic: null,
            result: 'needs_identified',
            notes: null,
            occurredAt: '2026-01-03T09:00:00.000Z',
            participants: ['Dr. Weber'],
            actorId: null,
          },
        ],
        comments: [
          {
            id: 'c',
            recordId: 'r',
            body: 'Ask for the budget',
            author: { id: 'u', name: 'Ada' },
            createdAt: '2026-01-02T09:00:00.000Z',
          },
        ],
        approvals: [
          {
            id: 'p',
            status: 'rejected',
            processKey: 'deal_pipeline',
            processVersion: 1,
            nodeId: 'discount_approval',
            nodeLabel: 'Discount approval',
            level: { index: 0, id: 'manager', label: 'Sales manager' },
            reason: 'Discount above 10 %',
            approver: { type: 'ownerManager' },
            delegate: null,
            deadline: null,
            overdue: false,
            requestedAt: '2026-01-01T10:00:00.000Z',
            requireCommentOnReject: true,
            allowDelegation: false,
            record: {
              id: 'r',
              entity: 'deal',
              title: 'Deal',
              stage: null,
              stageLabel: null,
              owner: null,
              facts: [],
            },
            decision: { by: 'u-grace', byName: 'Grace', at: '2026-01-04T09:00:00.000Z', comment: 'Too much' },
            canDecide: false,
          },
        ],
      },
      (key, value) =>
        value === null ? '' : key === 'type' ? 'Call' : key === 'result' ? 'Needs identified' : value,
    );
    expect(entries.map((e) => [e.kind, e.title])).toEqual([
      ['approval', 'Discount approval · Sales manager: rejected'],
      ['activity', 'Call'],
      ['comment', 'Ada commented'],
      ['stage', 'Moved to Proposal'],
    ]);
    expect(entries[0]?.detail).toBe('Discount above 10 % — by Grace — “Too much”');
    expect(entries[1]?.detail).toBe('Result: Needs identified — With Dr. Weber');
    expect(entries[2]?.detail).toBe('Ask for the budget');
  });
});
