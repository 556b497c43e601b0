import type { ParameterObject, PathsObject, SchemaObject } from 'openapi3-ts/oas31';
import { recordCommentPaths, recordTimelinePaths, viewsPaths } from './collaboration-paths';
import { analyticsPaths } from './analytics-paths';
import { inboxPaths, recordInboxPaths } from './inbox-paths';
import { anyObject, body, json, op, problem } from './openapi-helpers';

const problemRecord: SchemaObject = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    entity: { type: 'string' },
    title: { type: 'string' },
  },
};

/** GET /api/automation/problems (see the automation problems service). */
const automationProblems: SchemaObject = {
  type: 'object',
  properties: {
    owedStarts: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'string', description: 'What the retry route takes' },
          record: problemRecord,
          processKey: { type: 'string' },
          processLabel: { type: 'string' },
          attempts: { type: 'integer', description: 'Failed tries so far' },
          lastError: { type: ['string', 'null'] },
          nextAttemptAt: { type: 'string', format: 'date-time' },
          createdAt: { type: 'string', format: 'date-time' },
        },
      },
    },
    failedSteps: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          record: problemRecord,
          workflowId: { type: 'string' },
          processKey: { type: 'string' },
          processLabel: { type: 'string' },
          processVersion: { type: 'integer' },
          stepKey: { type: 'string', description: 'What the retry and skip routes take as {step}' },
          step: { type: 'string' },
          nodeId: { type: ['string', 'null'] },
          error: { type: ['string', 'null'] },
          at: { type: 'string', format: 'date-time' },
        },
      },
    },
    truncated: { type: 'boolean', description: 'A list was cut at the limit' },
  },
};

/** Platform routes that do not depend on published definitions. */
export function platformPaths(): PathsObject {
  return {
    ...inboxPaths(),
    ...analyticsPaths(),
    ...viewsPaths(),
    '/api/health': {
      get: {
        summary: 'Liveness and database check',
        tags: ['system'],
        security: [],
        responses: { '200': json('Healthy', anyObject) },
      },
    },
    '/api/auth/login': {
      post: op(
        'Sign in with e-mail and password',
        'auth',
        {
          '200': json('Signed in; sets the session cookie', anyObject),
          '429': problem('Too many failed attempts'),
        },
        {
          security: [],
          requestBody: body({
            type: 'object',
            required: ['email', 'password'],
            properties: { email: { type: 'string' }, password: { type: 'string' } },
          }),
        },
      ),
    },
    '/api/auth/logout': { post: op('Sign out', 'auth', { '204': { description: 'Signed out' } }) },
    '/api/auth/me': {
      get: op('The signed-in user, role and capabilities', 'auth', { '200': json('User', anyObject) }),
    },
    '/api/auth/tokens': {
      get: op('List personal API tokens', 'auth', { '200': json('Tokens', anyObject) }),
      post: op(
        'Create an API token (shown once)',
        'auth',
        { '201': json('Token', anyObject) },
        {
          requestBody: body({ type: 'object', required: ['name'], properties: { name: { type: 'string' } } }),
        },
      ),
    },
    '/api/auth/tokens/{id}': {
      delete: op('Revoke an API token', 'auth', { '204': { description: 'Revoked' } }),
    },
    '/api/definitions/published': {
      get: op('Latest published version of every definition', 'definitions', {
        '200': json('Versions', anyObject),
      }),
    },
    '/api/definitions/drafts': {
      get: op('List drafts', 'definitions', { '200': json('Drafts', anyObject) }),
    },
    '/api/definitions/drafts/{kind}/{key}': {
      get: op('Get a draft', 'definitions', { '200': json('Draft', anyObject) }),
      put: op(
        'Save a draft (returned with its problems)',
        'definitions',
        { '200': json('Draft and problems', anyObject) },
        { requestBody: body(anyObject) },
      ),
      delete: op('Discard a draft', 'definitions', { '204': { description: 'Discarded' } }),
    },
    '/api/definitions/validate': {
      post: op('Validate the published set with all drafts', 'definitions', {
        '200': json('All problems at once', anyObject),
      }),
    },
    '/api/definitions/publish': {
      post: op(
        'Publish drafts together (atomic)',
        'definitions',
        {
          '200': json('Published versions', anyObject),
          '409': problem('Destructive change or unique conflict'),
          '422': problem('Rule errors'),
        },
        {
          requestBody: body({
            type: 'object',
            required: ['items'],
            properties: {
              items: {
                type: 'array',
                items: { type: 'object', properties: { kind: { type: 'string' }, key: { type: 'string' } } },
              },
              migration: {
                type: 'object',
                description:
                  'What to do with stored values a destructive change would lose, per entity and field: { "<entity>": { "<field>": "clear" | { "moveTo": "<new field>" } } }, or { "<field>": … } for every entity published',
                additionalProperties: {
                  oneOf: [
                    { type: 'string', enum: ['clear'] },
                    { type: 'object', required: ['moveTo'], properties: { moveTo: { type: 'string' } } },
                    { type: 'object', additionalProperties: true },
                  ],
                },
              },
            },
          }),
        },
      ),
    },
    '/api/definitions/{kind}/{key}': {
      get: op('Latest published version', 'definitions', { '200': json('Version', anyObject) }),
    },
    '/api/definitions/{kind}/{key}/versions': {
      get: op('List versions', 'definitions', { '200': json('Versions', anyObject) }),
    },
    '/api/definitions/{kind}/{key}/versions/{version}': {
      get: op('Get a version', 'definitions', { '200': json('Version', anyObject) }),
    },
    '/api/definitions/{kind}/{key}/diff': {
      get: op('Business-language diff (?from=1&to=draft)', 'definitions', {
        '200': json('Changes', anyObject),
      }),
    },
    '/api/solution/export': {
      get: op('Export the published solution as one JSON file', 'definitions', {
        '200': json('Solution', anyObject),
      }),
    },
    '/api/notifications': {
      get: op('My notifications, newest first (?unread=true, ?limit=)', 'notifications', {
        '200': json('Notifications', anyObject),
      }),
    },
    '/api/notifications/{id}/read': {
      post: op('Mark one of my notifications read', 'notifications', {
        '200': json('Notification', anyObject),
      }),
    },
    '/api/processes/simulate': {
      post: op(
        'Simulate a draft or published process on a sample record (virtual clock; nothing is sent or stored)',
        'processes',
        {
          '200': json(
            'Path taken, mails, approvals, tasks, notifications, record updates and the full timeline',
            anyObject,
          ),
          '422': problem('The draft process breaks definition rules (the validateDefinition errors)'),
        },
        {
          requestBody: body({
            type: 'object',
            required: ['process', 'record'],
            properties: {
              process: {
                description: 'A process definition (draft) or { key, version? } of a published one',
                type: 'object',
              },
              record: { description: 'Sample field values of the record', type: 'object' },
              related: { description: 'Sample related records by reference field key', type: 'object' },
              ownerManagerId: { type: 'string' },
              script: {
                type: 'array',
                description:
                  'Events at virtual times: { after?: ISO 8601 duration, at?: epoch ms, event?: { type, … } }',
                items: anyObject,
              },
              startAt: {
                description: 'Virtual clock start (epoch ms or ISO date)',
                type: ['number', 'string'],
              },
              until: { description: 'Fire pending timers up to this moment', type: ['number', 'string'] },
            },
          }),
        },
      ),
    },
    '/api/processes/{key}/start': {
      post: op(
        'Start a process for a record by hand (idempotent: one instance per process and record)',
        'processes',
        {
          '201': json('Started', anyObject),
          '200': json('Already started', anyObject),
          '422': problem('The process has no manual trigger'),
          '503': problem('The process engine is not configured'),
        },
        {
          requestBody: body({
            type: 'object',
            required: ['recordId'],
            properties: { recordId: { type: 'string', format: 'uuid' } },
          }),
        },
      ),
    },
    '/api/processes/{key}/instances': {
      get: op('Instances of a process (?version= to list one pinned version)', 'processes', {
        '200': json('Instances', anyObject),
        '503': problem('The process engine is not configured'),
      }),
    },
    '/api/processes/instances/{workflowId}/steps/{step}/{decision}': {
      post: op('Admin: retry or skip a failed step of an instance (decision: retry | skip)', 'processes', {
        '202': json('Signalled', anyObject),
        '409': problem('The step is not parked on a failure (never failed, or already retried or skipped)'),
        '503': problem('The process engine is not configured'),
      }),
    },
    '/api/automation/problems': {
      get: op(
        'Admin: what is stuck in the automation — process starts records owe (not yet accepted by the engine) and steps parked on a failure',
        'processes',
        { '200': json('Owed starts (oldest first) and parked steps (newest first)', automationProblems) },
        {
          parameters: [
            {
              name: 'limit',
              in: 'query',
              description: 'At most this many of each list (default 200)',
              schema: { type: 'integer', minimum: 1, maximum: 9999 },
            },
          ],
        },
      ),
    },
    '/api/automation/owed-starts/{id}/retry': {
      post: op('Admin: try an owed process start now, whatever its backoff says', 'processes', {
        '200': json('What the try came to', {
          type: 'object',
          required: ['outcome'],
          properties: {
            outcome: { type: 'string', enum: ['started', 'dropped', 'failed'] },
            error: { type: 'string', description: 'Why it failed again, or why it was dropped' },
          },
        }),
        '409': problem('Another API instance is trying this start right now'),
        '503': problem('The process engine is not configured'),
      }),
    },
    '/api/records/{entity}/{id}/process': {
      get: op(
        'Where the record stands in its process: stage, allowed transitions with missing fields, approvals, tasks, timers, log',
        'processes',
        {
          '200': json('Process state', anyObject),
          '503': problem('The process engine is not configured'),
        },
      ),
    },
    '/api/records/{entity}/{id}/process/move': {
      post: op(
        'Move the record along a transition (validated by the process before anything is recorded)',
        'processes',
        {
          '200': json(
            'Process state after the move (the step log’s latest 20 entries; GET …/process answers all of it)',
            anyObject,
          ),
          '422': problem('The move is not allowed: one entry per missing field or broken rule'),
          '503': problem('The process engine is not configured'),
        },
        {
          requestBody: body({
            type: 'object',
            required: ['to'],
            properties: {
              to: { type: 'string', description: 'Edge id or target stage id' },
              checkedItems: { type: 'array', items: { type: 'string' } },
              process: { type: 'string', description: 'Process key, when the entity has several' },
            },
          }),
        },
      ),
    },
    '/api/records/{entity}/{id}/process/checklist/{itemId}': {
      put: op(
        'Tick or untick an item of the checklist of the stage the record is in (kept by the process; counts for later moves)',
        'processes',
        {
          '200': json('Process state after the tick', anyObject),
          '422': problem('The item is not on the checklist of a stage that holds the record'),
          '503': problem('The process engine is not configured'),
        },
        {
          requestBody: body({
            type: 'object',
            required: ['checked'],
            properties: {
              checked: { type: 'boolean' },
              stage: { type: 'string', description: 'Stage node id, when several stages hold the record' },
              process: { type: 'string', description: 'Process key, when the entity has several' },
            },
          }),
        },
      ),
    },
    '/api/solution/import': {
      post: op(
        'Import a solution (publishes all its definitions)',
        'definitions',
        { '200': json('Published versions', anyObject), '422': problem('Rule errors') },
        { requestBody: body(anyObject) },
      ),
    },
  };
}

/** Record routes of one published entity, typed by its compiled record schemas. */
export function entityPaths(entity: string, label: string): PathsObject {
  const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
  const record = ref(`${entity}_record`);
  const tag = `records: ${label}`;
  const listParams: ParameterObject[] = [
    {
      name: 'filter[field][op]',
      in: 'query',
      description: 'ops: eq, ne, gt, gte, lt, lte, in, contains, isSet',
      schema: { type: 'string' },
    },
    { name: 'sort', in: 'query', description: 'field key, "-" for descending', schema: { type: 'string' } },
    { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200 } },
    { name: 'cursor', in: 'query', schema: { type: 'string' } },
    { name: 'q', in: 'query', description: 'text search', schema: { type: 'string' } },
  ];
  return {
    ...recordInboxPaths(entity, tag),
    ...recordCommentPaths(entity, tag),
    ...recordTimelinePaths(entity, tag),
    [`/api/records/${entity}`]: {
      get: op(
        `List ${label} records`,
        tag,
        {
          '200': json('A page', {
            type: 'object',
            properties: { items: { type: 'array', items: record }, nextCursor: { type: ['string', 'null'] } },
          }),
        },
        { parameters: listParams },
      ),
      post: op(
        `Create a ${label}`,
        tag,
        { '201': json('Created', record), '409': problem('Unique conflict'), '422': problem('Invalid data') },
        {
          requestBody: body({
            type: 'object',
            required: ['data'],
            additionalProperties: false,
            properties: { data: ref(`${entity}_data`) },
          }),
        },
      ),
    },
    [`/api/records/${entity}/{id}`]: {
      get: op(`Get a ${label}`, tag, { '200': json('Record', record) }),
      patch: op(
        `Update a ${label}`,
        tag,
        {
          '200': json('Updated', record),
          '409': problem('Stale version or unique conflict'),
          '412': problem('If-Match does not match'),
        },
        {
          requestBody: body({
            type: 'object',
            required: ['data'],
            additionalProperties: false,
            properties: { data: ref(`${entity}_patch`), version: { type: 'integer' } },
          }),
        },
      ),
      delete: op(`Delete a ${label} (soft)`, tag, { '204': { description: 'Deleted' } }),
    },
    [`/api/records/${entity}/{id}/owner`]: {
      put: op('Reassign the owner', tag, { '200': json('Updated', record) }),
    },
    [`/api/records/${entity}/{id}/shares`]: {
      get: op('List shares', tag, { '200': json('Shares', anyObject) }),
      post: op('Share with a user', tag, { '204': { description: 'Shared' } }),
    },
    [`/api/records/${entity}/{id}/audit`]: {
      get: op('Audit trail', tag, { '200': json('Entries', anyObject) }),
    },
    [`/api/records/${entity}/{id}/mail-templates`]: {
      get: op('Mail templates of the record, unlocked or locked with the reason', tag, {
        '200': json('Templates', anyObject),
      }),
    },
    [`/api/records/${entity}/{id}/mail-templates/{key}/preview`]: {
      get: op('Render a template for the record', tag, {
        '200': json('Subject and body', anyObject),
        '409': problem('The template is locked (the reason is the detail)'),
        '422': problem('A merge field has no value'),
      }),
    },
    [`/api/records/${entity}/{id}/mail`]: {
      post: op(
        'Send an unlocked template (Idempotency-Key header supported)',
        tag,
        {
          '201': json('Sent', anyObject),
          '200': json('Already sent with this Idempotency-Key', anyObject),
          '409': problem('The template is locked (the reason is the detail)'),
          '422': problem('A merge field has no value, or no recipient'),
        },
        {
          requestBody: body({
            type: 'object',
            required: ['template'],
            properties: { template: { type: 'string' }, to: { type: ['string', 'object'] } },
          }),
        },
      ),
    },
    [`/api/records/${entity}/{id}/mails`]: {
      get: op('Mails of the record (the outbox), newest first', tag, { '200': json('Mails', anyObject) }),
    },
    [`/api/records/${entity}/{id}/automation`]: {
      get: op('Automation history of the record, newest first', tag, { '200': json('Steps', anyObject) }),
    },
    [`/api/records/${entity}/{id}/activities`]: {
      get: op('Activities', tag, { '200': json('Activities', anyObject) }),
      post: op('Log an activity', tag, { '201': json('Activity', anyObject) }),
    },
  };
}
