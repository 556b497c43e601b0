import { OpenApiBuilder, type OpenAPIObject, type SchemaObject } from 'openapi3-ts/oas31';
import type { PublishedVersion } from '../definitions/versions.repository';
import { entityPaths, platformPaths } from './openapi-paths';

export interface RecordSchemaCompiler {
  (entity: Record<string, unknown>, options: { partial: boolean }): Record<string, unknown>;
}

const PROBLEM: SchemaObject = {
  type: 'object',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['rule', 'message'],
        properties: {
          field: { type: 'string' },
          pointer: { type: 'string' },
          rule: { type: 'string' },
          message: { type: 'string' },
        },
      },
    },
  },
};

function recordEnvelope(dataRef: string): SchemaObject {
  return {
    type: 'object',
    properties: {
      id: { type: 'string', format: 'uuid' },
      entity: { type: 'string' },
      entityVersion: { type: 'integer' },
      data: { $ref: dataRef },
      ownerId: { type: ['string', 'null'], format: 'uuid' },
      stage: { type: ['string', 'null'] },
      status: { type: 'string' },
      version: { type: 'integer' },
      createdAt: { type: 'string', format: 'date-time' },
      updatedAt: { type: 'string', format: 'date-time' },
    },
  };
}

/** The OpenAPI 3.1 document: platform routes plus typed record routes per published entity. */
export function buildOpenApi(entities: PublishedVersion[], compile: RecordSchemaCompiler): OpenAPIObject {
  const builder = OpenApiBuilder.create({
    openapi: '3.1.0',
    info: { title: 'CRM platform API', version: '1.0.0', description: 'Errors are RFC 9457 problem+json.' },
    paths: {},
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'crm.sid' },
        bearer: { type: 'http', scheme: 'bearer' },
      },
    },
    security: [{ session: [] }, { bearer: [] }],
  });
  builder.addSchema('Problem', PROBLEM);
  const paths = { ...platformPaths() };
  for (const version of entities) {
    const key = version.key;
    const { $schema: _s, $id: _i, ...data } = compile(version.content, { partial: false });
    const { $schema: _ps, $id: _pi, ...patch } = compile(version.content, { partial: true });
    builder.addSchema(`${key}_data`, data as SchemaObject);
    builder.addSchema(`${key}_patch`, patch as SchemaObject);
    builder.addSchema(`${key}_record`, recordEnvelope(`#/components/schemas/${key}_data`));
    Object.assign(paths, entityPaths(key, String(version.content.label ?? key)));
  }
  for (const [path, item] of Object.entries(paths)) builder.addPath(path, item);
  return builder.getSpec();
}
