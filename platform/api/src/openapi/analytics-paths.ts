import type { ParameterObject, PathsObject, SchemaObject } from 'openapi3-ts/oas31';
import { json, op } from './openapi-helpers';

const money: SchemaObject = {
  type: 'array',
  description: 'Sums per currency (amounts in different currencies are never added up)',
  items: {
    type: 'object',
    required: ['currency', 'amount'],
    properties: {
      currency: { type: 'string' },
      amount: { type: 'number' },
      weighted: { type: 'number', description: 'amount × the stage probability / 100' },
    },
  },
};

const header: SchemaObject = {
  type: 'object',
  properties: {
    key: { type: 'string' },
    label: { type: 'string' },
    entity: { type: 'string' },
    amountField: {
      type: ['object', 'null'],
      description: 'The money field summed: the entity’s first money field unless ?amountField names another',
      properties: { key: { type: 'string' }, label: { type: 'string' } },
    },
  },
};

const ends: SchemaObject = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      id: { type: 'string' },
      label: { type: 'string' },
      outcome: { type: 'string', enum: ['won', 'lost', 'closed'] },
      count: { type: 'integer' },
      totals: money,
    },
  },
};

const nullableNumber: SchemaObject = { type: ['number', 'null'] };

const snapshot: SchemaObject = {
  type: 'object',
  properties: {
    process: header,
    ownerId: { type: ['string', 'null'], format: 'uuid' },
    stages: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          label: { type: 'string' },
          probability: { type: 'number' },
          count: { type: 'integer' },
          withoutAmount: { type: 'integer' },
          totals: money,
          avgAgeMs: nullableNumber,
        },
      },
    },
    ends,
    open: { type: 'object', properties: { count: { type: 'integer' }, totals: money } },
    currencies: { type: 'array', items: { type: 'string' } },
  },
};

const byType: SchemaObject = { type: 'object', additionalProperties: { type: 'integer' } };

const funnel: SchemaObject = {
  type: 'object',
  properties: {
    process: header,
    period: {
      type: 'object',
      properties: {
        from: { type: 'string', format: 'date-time' },
        to: { type: 'string', format: 'date-time' },
      },
    },
    ownerId: { type: ['string', 'null'], format: 'uuid' },
    stages: {
      type: 'array',
      description: 'Per stage, the records that entered it in the period and what became of them',
      items: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          label: { type: 'string' },
          probability: { type: 'number' },
          entered: { type: 'integer' },
          advanced: { type: 'integer', description: 'moved on to a later stage or a won end' },
          lost: { type: 'integer' },
          stillIn: { type: 'integer' },
          conversion: { ...nullableNumber, description: 'advanced / entered in %' },
          completedStays: { type: 'integer' },
          medianMs: nullableNumber,
          avgMs: nullableNumber,
        },
      },
    },
    outcomes: {
      type: 'object',
      properties: {
        won: { type: 'integer' },
        lost: { type: 'integer' },
        closed: { type: 'integer' },
        winRate: { ...nullableNumber, description: 'won / (won + lost) in %' },
        ends,
      },
    },
    reps: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          userId: { type: ['string', 'null'], format: 'uuid' },
          name: { type: 'string' },
          role: { type: ['string', 'null'] },
          active: { type: 'integer', description: 'records that changed stage in the period' },
          openNow: { type: 'integer' },
          won: { type: 'integer' },
          lost: { type: 'integer' },
          winRate: nullableNumber,
          activities: { type: 'integer' },
          activitiesByType: byType,
        },
      },
    },
    activities: { type: 'object', properties: { total: { type: 'integer' }, byType } },
  },
};

const processKey: ParameterObject = {
  name: 'processKey',
  in: 'path',
  required: true,
  schema: { type: 'string' },
};
const owner: ParameterObject = {
  name: 'owner',
  in: 'query',
  description: 'Only records owned by this user (history: and activities logged by them)',
  schema: { type: 'string', format: 'uuid' },
};
const amountField: ParameterObject = {
  name: 'amountField',
  in: 'query',
  description: 'A money field of the entity to sum instead of its first one',
  schema: { type: 'string' },
};
const bound = (name: 'from' | 'to', description: string): ParameterObject => ({
  name,
  in: 'query',
  description,
  schema: { type: 'string', examples: ['2026-05-01', '2026-05-01T00:00:00Z'] },
});

/** The user directory and the pipeline analytics. */
export function analyticsPaths(): PathsObject {
  return {
    '/api/users': {
      get: op('Every user’s name, role and manager (e-mail only for users.manage)', 'users', {
        '200': json('The directory', {
          type: 'object',
          properties: {
            items: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  id: { type: 'string', format: 'uuid' },
                  name: { type: 'string' },
                  role: { type: 'string' },
                  managerId: { type: ['string', 'null'], format: 'uuid' },
                  active: { type: 'boolean' },
                  email: { type: 'string' },
                },
              },
            },
          },
        }),
      }),
    },
    '/api/analytics/processes/{processKey}/snapshot': {
      get: op(
        'Open records per stage now: count, amount and probability-weighted amount (needs records.read; visible records only)',
        'analytics',
        { '200': json('The snapshot', snapshot) },
        { parameters: [processKey, owner, amountField] },
      ),
    },
    '/api/analytics/processes/{processKey}/funnel': {
      get: op(
        'Stage conversion, time in stage, outcomes and per-rep win rate and activity over a period (needs analytics.read)',
        'analytics',
        { '200': json('The funnel', funnel) },
        {
          parameters: [
            processKey,
            bound('from', 'Start of the period (a day or an instant); 90 days before `to` by default'),
            bound('to', 'End of the period; a day includes that whole day; now by default'),
            owner,
            amountField,
          ],
        },
      ),
    },
  };
}
