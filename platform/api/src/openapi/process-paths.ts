// Process simulation, manual starts, instances and failed-step repair, and a record's process panel.
import type { PathsObject } from 'openapi3-ts/oas31';
import { anyObject, body, json, op, problem } from './openapi-helpers';

export function processPaths(): PathsObject {
  return {
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
    '/api/processes/{key}/migrate': {
      post: op(
        'Move running instances to another published version (default: the newest); each moves when everything it is doing exists there, else stays with the reasons (needs definitions.publish)',
        'processes',
        {
          '200': json('What moved, what was refused and why, what failed', anyObject),
          '503': problem('The process engine is not configured or not reachable'),
        },
        {
          requestBody: body({
            type: 'object',
            properties: {
              from: { type: 'integer', minimum: 1, description: 'Only instances on this version' },
              to: { type: 'integer', minimum: 1, description: 'The target version (default: newest)' },
              recordIds: { type: 'array', maxItems: 1000, items: { type: 'string', format: 'uuid' } },
            },
          }),
        },
      ),
    },
    '/api/processes/instances/{workflowId}/steps/{step}/{decision}': {
      post: op('Admin: retry or skip a failed step of an instance (decision: retry | skip)', 'processes', {
        '202': json('Signalled', anyObject),
        '409': problem('The step is not parked on a failure (never failed, or already retried or skipped)'),
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
  };
}
