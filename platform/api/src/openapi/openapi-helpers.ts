// Small builders shared by the OpenAPI path modules, so every operation documents the same
// problem+json answers in the same words.
import type { OperationObject, ReferenceObject, SchemaObject } from 'openapi3-ts/oas31';

export type Schema = SchemaObject | ReferenceObject;

export const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

export const json = (description: string, schema: Schema) => ({
  description,
  content: { 'application/json': { schema } },
});

export const body = (schema: Schema) => ({ required: true, content: { 'application/json': { schema } } });

export const anyObject: SchemaObject = { type: 'object' };

/** The answers every authenticated route can give. */
const errors = {
  '400': problem('Malformed request'),
  '401': problem('Not signed in'),
  '403': problem('Not allowed: the role lacks the capability'),
  '404': problem('Not found or not visible'),
};

export function op(
  summary: string,
  tag: string,
  responses: OperationObject['responses'],
  extra: Partial<OperationObject> = {},
): OperationObject {
  return { summary, tags: [tag], responses: { ...responses, ...errors }, ...extra };
}
