import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { EntityDefinition, ProcessDefinition } from '@crm/definitions';
import { approvalReason } from './approval-reason';

const solution = path.resolve(__dirname, '../../../../definitions/solutions/b2b-sales');
const read = <T>(file: string) => JSON.parse(readFileSync(path.join(solution, file), 'utf8')) as T;
const pipeline = read<ProcessDefinition>('processes/deal-pipeline.process.json');
const entities = ['deal', 'account', 'contact', 'product'].map((key) =>
  read<EntityDefinition>(`entities/${key}.entity.json`),
);
const deal = entities[0];

describe('approvalReason', () => {
  it('names the rule of the decision edge leading into the approval', () => {
    expect(approvalReason(pipeline, 'discount_approval', 0, deal, entities)).toBe(
      'Discount is greater than 10 %',
    );
  });

  it("adds the level's own condition", () => {
    expect(approvalReason(pipeline, 'discount_approval', 1, deal, entities)).toBe(
      'Discount is greater than 10 %; Discount is greater than 25 %',
    );
  });

  it('is null for a node that is no approval, and falls back to edge labels without the entity', () => {
    expect(approvalReason(pipeline, 'qualification', 0, deal, entities)).toBeNull();
    expect(approvalReason(pipeline, 'discount_approval', 0, undefined, entities)).toBe('Discount above 10 %');
  });
});
