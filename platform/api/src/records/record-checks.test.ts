import { PostgresDialect, sql } from 'kysely';
import type { Actor } from '../auth/actor';
import { ConflictError, ValidationError } from '../http/problems';
import type { EntityLike } from './field-sql';
import { writeChecks } from './record-checks';

const actor: Actor = {
  id: '11111111-1111-4111-8111-111111111111',
  email: 'rep@example.com',
  name: 'Rep',
  role: 'rep',
  recordScope: 'own',
  capabilities: new Set(['records.write']),
};

const entity: EntityLike = {
  key: 'deal',
  label: 'Deal',
  fields: [
    { key: 'name', label: 'Name', type: 'text' },
    { key: 'account', label: 'Account', type: 'reference', entity: 'account' },
    { key: 'reviewer', label: 'Reviewer', type: 'user' },
    { key: 'code', label: 'Code', type: 'text', unique: true },
  ],
} as unknown as EntityLike;

const ACCOUNT = '22222222-2222-4222-8222-222222222222';
const REVIEWER = '33333333-3333-4333-8333-333333333333';

function compile(checks: ReturnType<typeof writeChecks>) {
  const compiler = new PostgresDialect({ pool: {} as never }).createQueryCompiler();
  return compiler.compileQuery(sql`${checks.select} WHERE ${checks.where}`.toOperationNode(), {
    queryId: { queryId: 'test' },
  } as never);
}

describe('writeChecks', () => {
  it('checks each reference, user and unique field present, with the visibility of the actor', () => {
    const checks = writeChecks(actor, entity, {
      name: 'X',
      account: ACCOUNT,
      reviewer: REVIEWER,
      code: 'C-1',
    });
    const { sql: text, parameters } = compile(checks);
    expect(text).toContain('AS "chk_ref_0"');
    expect(text).toContain('AS "chk_ref_1"');
    expect(text).toContain('AS "chk_uniq_0"');
    expect(text).toContain('FROM users');
    expect(text).toContain('record_shares');
    expect(text).toContain('"chk_uniq_0" IS NULL');
    expect(parameters).toEqual(expect.arrayContaining([ACCOUNT, REVIEWER, 'C-1', actor.id, 'account']));
  });

  it('answers a value that is no uuid without asking the database', () => {
    const checks = writeChecks(actor, entity, { account: 'not-a-uuid' });
    const { sql: text } = compile(checks);
    expect(text).toContain('false AS "chk_ref_0"');
    expect(() => checks.assertPassed({ chk_row: true, chk_ref_0: false })).toThrow(ValidationError);
  });

  it('names every failed reference in one 422, before any unique conflict', () => {
    const checks = writeChecks(actor, entity, { account: ACCOUNT, reviewer: REVIEWER, code: 'C-1' });
    let thrown: unknown;
    try {
      checks.assertPassed({ chk_ref_0: false, chk_ref_1: null, chk_uniq_0: ACCOUNT });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ValidationError);
    const errors = (thrown as ValidationError & { errors: { field: string; rule: string }[] }).errors;
    expect(errors.map((e) => [e.field, e.rule])).toEqual([
      ['account', 'reference'],
      ['reviewer', 'reference'],
    ]);
  });

  it('answers a unique value held by another record with a 409 naming that record', () => {
    const checks = writeChecks(actor, entity, { account: ACCOUNT, code: 'C-1' });
    const holder = '44444444-4444-4444-8444-444444444444';
    expect(() => checks.assertPassed({ chk_ref_0: true, chk_uniq_0: holder })).toThrow(ConflictError);
    expect(() => checks.assertPassed({ chk_ref_0: true, chk_uniq_0: null })).not.toThrow();
  });

  it('leaves a record out of its own unique check on update', () => {
    const self = '55555555-5555-4555-8555-555555555555';
    const { sql: text, parameters } = compile(writeChecks(actor, entity, { code: 'C-1' }, self));
    expect(text).toContain('r.id <>');
    expect(parameters).toContain(self);
  });
});
