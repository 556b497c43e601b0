// The administrator's repair of stuck automation: owed process starts and parked steps.
import type { PathsObject, SchemaObject } from 'openapi3-ts/oas31';
import { json, op, problem } from './openapi-helpers';

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

export function automationPaths(): PathsObject {
  return {
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
  };
}
