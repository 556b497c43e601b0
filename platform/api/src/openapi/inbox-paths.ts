import type { ParameterObject, PathsObject, SchemaObject } from 'openapi3-ts/oas31';
import { anyObject, body, json, op, problem } from './openapi-helpers';

const items: SchemaObject = {
  type: 'object',
  properties: { items: { type: 'array', items: { type: 'object' } } },
};

const count: SchemaObject = { type: 'integer', minimum: 0 };
const counters: SchemaObject = {
  type: 'object',
  required: ['tasks', 'approvals', 'automationProblems'],
  properties: {
    tasks: {
      type: 'object',
      required: ['open', 'overdue'],
      properties: { open: count, overdue: count },
    },
    approvals: { type: 'object', required: ['pending'], properties: { pending: count } },
    automationProblems: { oneOf: [count, { type: 'null' }] },
  },
};

const linkAnswer: SchemaObject = {
  type: 'object',
  required: ['approval', 'approver'],
  properties: { approval: anyObject, approver: anyObject },
};
const tokenParameter: ParameterObject = {
  name: 'token',
  in: 'path',
  required: true,
  description: 'The link token from the mail; unknown, expired or malformed: 404',
  schema: { type: 'string' },
};

/** Approve or reject, with a comment (required to reject when the node says so). */
const decisionBody = body({
  type: 'object',
  required: ['decision'],
  properties: {
    decision: { type: 'string', enum: ['approved', 'rejected'] },
    comment: { type: 'string' },
  },
});

const processAnswers = {
  '409': problem('Already completed or decided'),
  '422': problem('Refused: comment required, delegation not allowed, or the process validator said no'),
  '503': problem('No process engine is configured'),
};

/** The task and approval inboxes. */
export function inboxPaths(): PathsObject {
  return {
    '/api/tasks': {
      get: op(
        'My tasks and my role queues (?status=open|done|overdue, ?mine=true|false)',
        'inbox',
        { '200': json('Tasks', items) },
        {
          parameters: [
            { name: 'status', in: 'query', schema: { type: 'string', enum: ['open', 'done', 'overdue'] } },
            { name: 'mine', in: 'query', schema: { type: 'boolean', default: true } },
          ],
        },
      ),
    },
    '/api/counters': {
      get: op(
        'What waits for me, for the navigation: open and overdue tasks, pending approvals, automation problems (null without users.manage)',
        'inbox',
        { '200': json('Counters', counters) },
      ),
    },
    '/api/tasks/{id}/complete': {
      post: op('Complete a task (a blocking process task goes to the process first)', 'inbox', {
        '200': json('The completed task', anyObject),
        ...processAnswers,
      }),
    },
    '/api/approvals': {
      get: op(
        'My approvals inbox (?status=pending|decided), with the record facts, reason, level and deadline',
        'inbox',
        { '200': json('Approval requests', items) },
        {
          parameters: [
            { name: 'status', in: 'query', schema: { type: 'string', enum: ['pending', 'decided'] } },
          ],
        },
      ),
    },
    '/api/approvals/{id}/decision': {
      post: op(
        'Approve or reject (needs approvals.decide and an eligible approver)',
        'inbox',
        { '200': json('The decided request', anyObject), ...processAnswers },
        {
          requestBody: decisionBody,
        },
      ),
    },
    '/api/approval-links/{token}': {
      get: op(
        "The approval an approver's mailed decision link stands for, with the approver (no sign-in: the link is the credential)",
        'inbox',
        { '200': json('The approval and its approver', linkAnswer) },
        { security: [], parameters: [tokenParameter] },
      ),
    },
    '/api/approval-links/{token}/decision': {
      post: op(
        'Approve or reject through a decision link, as its approver, with every check of the inbox',
        'inbox',
        { '200': json('The decided approval and its approver', linkAnswer), ...processAnswers },
        {
          security: [],
          parameters: [tokenParameter],
          requestBody: decisionBody,
        },
      ),
    },
    '/api/approvals/{id}/delegate': {
      post: op(
        'Delegate a pending request to another user',
        'inbox',
        { '200': json('The request', anyObject), ...processAnswers },
        {
          requestBody: body({
            type: 'object',
            required: ['toUserId'],
            properties: { toUserId: { type: 'string', format: 'uuid' } },
          }),
        },
      ),
    },
  };
}

/** Tasks and approvals of one record of an entity. */
export function recordInboxPaths(entity: string, tag: string): PathsObject {
  return {
    [`/api/records/${entity}/{id}/tasks`]: {
      get: op('Tasks of the record', tag, { '200': json('Tasks', items) }),
      post: op(
        'Add a manual task to the record',
        tag,
        { '201': json('Task', anyObject), '422': problem('Invalid task') },
        {
          requestBody: body({
            type: 'object',
            required: ['title'],
            additionalProperties: false,
            properties: {
              title: { type: 'string' },
              description: { type: 'string' },
              dueAt: { type: 'string', format: 'date-time' },
              assigneeId: { type: 'string', format: 'uuid' },
            },
          }),
        },
      ),
    },
    [`/api/records/${entity}/{id}/approvals`]: {
      get: op('Approval requests of the record (timeline)', tag, { '200': json('Approvals', items) }),
    },
  };
}
