import type { PathsObject, SchemaObject } from 'openapi3-ts/oas31';
import { body, json, op, problem } from './openapi-helpers';

const viewQuery: SchemaObject = {
  type: 'object',
  additionalProperties: false,
  properties: {
    filters: {
      type: 'array',
      maxItems: 20,
      items: {
        type: 'object',
        required: ['field', 'value'],
        additionalProperties: false,
        properties: {
          field: { type: 'string' },
          op: { type: 'string', enum: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'contains', 'isSet'] },
          value: { type: 'string', maxLength: 500 },
        },
      },
    },
    sort: { type: 'string', description: 'field key, "-" for descending' },
    q: { type: 'string', maxLength: 200 },
    columns: { type: 'array', maxItems: 30, items: { type: 'string' } },
  },
};

const view: SchemaObject = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    entity: { type: 'string' },
    name: { type: 'string' },
    shared: { type: 'boolean' },
    query: viewQuery,
    owner: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } } },
    mine: { type: 'boolean' },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
  },
};

const viewChanges = (required: string[]): SchemaObject => ({
  type: 'object',
  required,
  additionalProperties: false,
  properties: {
    ...(required.includes('entity') ? { entity: { type: 'string' } } : {}),
    name: { type: 'string', minLength: 1, maxLength: 100 },
    shared: { type: 'boolean', description: 'Visible to the whole team (everyone who reads records)' },
    query: viewQuery,
  },
});

const comment: SchemaObject = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    recordId: { type: 'string', format: 'uuid' },
    body: { type: 'string' },
    author: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } } },
    createdAt: { type: 'string', format: 'date-time' },
  },
};

/** Saved list views (own and shared with the team). */
export function viewsPaths(): PathsObject {
  const tag = 'views';
  return {
    '/api/views': {
      get: op(
        'My saved list views and those shared with the team (?entity=key)',
        tag,
        { '200': json('Views', { type: 'object', properties: { items: { type: 'array', items: view } } }) },
        { parameters: [{ name: 'entity', in: 'query', schema: { type: 'string' } }] },
      ),
      post: op(
        'Save a list view (filters, sort, search, columns) for an entity',
        tag,
        {
          '201': json('The view', view),
          '409': problem('You already have a view of that name for the entity'),
          '422': problem('Unknown entity, or a filter, sort or column the entity does not have'),
        },
        { requestBody: body(viewChanges(['entity', 'name'])) },
      ),
    },
    '/api/views/{id}': {
      get: op('One saved view (own or shared)', tag, { '200': json('The view', view) }),
      patch: op(
        'Rename, share or change a view (owner only)',
        tag,
        {
          '200': json('The view', view),
          '409': problem('Name already used'),
          '422': problem('A filter, sort or column the entity does not have'),
        },
        { requestBody: body(viewChanges([])) },
      ),
      delete: op('Delete a view (owner only)', tag, { '204': { description: 'Deleted' } }),
    },
  };
}

/** Comments of one record of an entity. */
export function recordCommentPaths(entity: string, tag: string): PathsObject {
  return {
    [`/api/records/${entity}/{id}/comments`]: {
      get: op('Comments on the record, newest first', tag, {
        '200': json('Comments', { type: 'object', properties: { items: { type: 'array', items: comment } } }),
      }),
      post: op(
        'Comment on the record (plain text, anyone who sees the record)',
        tag,
        { '201': json('The comment', comment), '422': problem('Empty or longer than 4000 characters') },
        {
          requestBody: body({
            type: 'object',
            required: ['body'],
            additionalProperties: false,
            properties: { body: { type: 'string', minLength: 1, maxLength: 4000 } },
          }),
        },
      ),
    },
  };
}

/** Everything the record page's timeline shows, in one request. */
export function recordTimelinePaths(entity: string, tag: string): PathsObject {
  const list: SchemaObject = { type: 'array', items: { type: 'object' } };
  return {
    [`/api/records/${entity}/{id}/timeline`]: {
      get: op('The record’s timeline sources in one answer (each in the shape of its own route)', tag, {
        '200': json('Timeline sources', {
          type: 'object',
          properties: {
            stages: { ...list, description: 'Audit entries of stage changes' },
            activities: list,
            comments: { type: 'array', items: comment },
            mails: list,
            approvals: list,
            tasks: list,
            automation: list,
          },
        }),
      }),
    },
  };
}
