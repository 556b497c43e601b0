import type { ParameterObject, PathsObject } from 'openapi3-ts/oas31';
import { recordCommentPaths, recordTimelinePaths, viewsPaths } from './collaboration-paths';
import { analyticsPaths } from './analytics-paths';
import { automationPaths } from './automation-paths';
import { inboxPaths, recordInboxPaths } from './inbox-paths';
import { processPaths } from './process-paths';
import { anyObject, body, json, op, problem } from './openapi-helpers';

export function platformPaths(): PathsObject {
  return {
    ...inboxPaths(),
    ...analyticsPaths(),
    ...automationPaths(),
    ...processPaths(),
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
