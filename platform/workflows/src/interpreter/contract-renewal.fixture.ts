// A test fixture from another industry than the shipped B2B solution: renewing the maintenance
// contracts of an industrial service company. It exercises the node kinds the B2B pipeline does
// not (until-date and condition waits, parallel split/join, user tasks, action nodes, an approval
// skipped by its condition, a timeout edge and a loop back to an earlier stage).
import type { ProcessDefinition } from './definition-types';

const at = (x: number) => ({ x, y: 0 });

export const contractRenewalProcess: ProcessDefinition = {
  key: 'contract_renewal',
  label: 'Maintenance contract renewal',
  entity: 'service_contract',
  triggers: [{ type: 'manual' }],
  nodes: [
    { id: 'start', type: 'start', label: 'Contract signed', position: at(0) },
    {
      id: 'wait_notice',
      type: 'wait',
      label: '60 days before the end',
      position: at(1),
      wait: { type: 'untilDate', field: 'end_date', offset: '-P60D' },
    },
    { id: 'prepare', type: 'parallelSplit', label: 'Prepare the renewal', position: at(2) },
    {
      id: 'usage_review',
      type: 'userTask',
      label: 'Review usage',
      position: at(3),
      title: 'Review the machines’ service usage',
      assignee: { type: 'owner' },
      due: 'P5D',
    },
    {
      id: 'notice_mail',
      type: 'sendMail',
      label: 'Renewal notice',
      position: at(3),
      template: {
        cases: [{ when: { field: 'tier', op: 'eq', value: 'premium' }, template: 'renewal_notice_premium' }],
        otherwise: 'renewal_notice',
      },
      to: { type: 'field', field: 'customer.email' },
    },
    {
      id: 'mark_notified',
      type: 'updateRecord',
      label: 'Mark notified',
      position: at(4),
      set: { renewal_status: 'notified' },
    },
    { id: 'prepared', type: 'parallelJoin', label: 'Prepared', position: at(5) },
    {
      id: 'price_approval',
      type: 'approval',
      label: 'Price increase approval',
      position: at(6),
      condition: { field: 'price_increase', op: 'gt', value: 5 },
      levels: [
        {
          id: 'service_manager',
          label: 'Service manager',
          approver: { type: 'ownerManager' },
          deadline: 'P3D',
        },
        {
          id: 'finance',
          label: 'Finance',
          approver: { type: 'role', role: 'finance' },
          condition: { field: 'price_increase', op: 'gt', value: 12 },
        },
      ],
      requireCommentOnReject: true,
    },
    {
      id: 'rework_offer',
      type: 'createTask',
      label: 'Rework the offer',
      position: at(7),
      title: 'Rework the renewal offer',
      assignee: { type: 'owner' },
    },
    {
      id: 'offer',
      type: 'stage',
      label: 'Renewal offer',
      position: at(8),
      probability: 70,
      requiredFields: ['new_price'],
      onEnter: [
        { type: 'sendMail', template: 'renewal_offer', to: { type: 'field', field: 'customer.email' } },
      ],
      timers: [
        {
          id: 'idle_offer',
          after: 'P7D',
          basis: 'lastActivity',
          actions: [
            {
              type: 'notify',
              to: { type: 'owner' },
              message: 'The renewal offer has had no reaction for a week.',
            },
          ],
        },
      ],
    },
    {
      id: 'await_signature',
      type: 'wait',
      label: 'Await the signed contract',
      position: at(9),
      wait: { type: 'condition', condition: { field: 'signed_contract', op: 'isSet' }, timeout: 'P14D' },
    },
    {
      id: 'renewed',
      type: 'end',
      label: 'Renewed',
      position: at(10),
      outcome: 'won',
      onEnter: [{ type: 'updateRecord', set: { renewal_status: 'renewed' } }],
    },
    {
      id: 'churned',
      type: 'end',
      label: 'Not renewed',
      position: at(10),
      outcome: 'lost',
      requiredFields: ['churn_reason'],
      timers: [
        {
          id: 'win_back',
          after: 'P180D',
          basis: 'entered',
          actions: [
            { type: 'sendMail', template: 'win_back', to: { type: 'field', field: 'customer.email' } },
          ],
        },
      ],
    },
  ],
  edges: [
    { id: 'e_start', source: 'start', target: 'wait_notice' },
    { id: 'e_due', source: 'wait_notice', target: 'prepare' },
    { id: 'e_review', source: 'prepare', target: 'usage_review' },
    { id: 'e_notice', source: 'prepare', target: 'notice_mail' },
    { id: 'e_reviewed', source: 'usage_review', target: 'prepared' },
    { id: 'e_mark', source: 'notice_mail', target: 'mark_notified' },
    { id: 'e_notified', source: 'mark_notified', target: 'prepared' },
    { id: 'e_to_approval', source: 'prepared', target: 'price_approval' },
    { id: 'e_approved', source: 'price_approval', sourceHandle: 'approved', target: 'offer' },
    { id: 'e_rejected', source: 'price_approval', sourceHandle: 'rejected', target: 'rework_offer' },
    { id: 'e_reworked', source: 'rework_offer', target: 'offer' },
    {
      id: 'e_accepted',
      source: 'offer',
      target: 'await_signature',
      label: 'Accepted',
      activityTrigger: { type: 'meeting', result: 'accepted' },
    },
    { id: 'e_signed', source: 'await_signature', target: 'renewed' },
    { id: 'e_no_signature', source: 'await_signature', sourceHandle: 'timeout', target: 'offer' },
    { id: 'e_churn', source: 'offer', target: 'churned', label: 'Customer leaves' },
  ],
};
