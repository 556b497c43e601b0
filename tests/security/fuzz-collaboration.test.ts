// Property-based fuzzing of the saved-view and comment routes with malformed and hostile payloads:
// never a 5xx, every refusal is problem+json, nothing is stored for a refused payload, and what is
// stored for an accepted one is exactly what was validated.
import fc from 'fast-check';
import { accountData, createRecord } from '../support/fixtures';
import { queryDatabase } from '../support/test-database';
import { createTestPlatform, type Agent, type TestPlatform } from '../support/test-platform';
import { prototypeSnapshot, verdict } from './fuzz-support';

const RUNS = Number(process.env.FUZZ_RUNS ?? 100);

let t: TestPlatform;
let rep: Agent;
let recordId: string;
let viewId: string;

beforeAll(async () => {
  t = await createTestPlatform();
  rep = await t.agent('rep');
  recordId = (await createRecord(rep, 'account', accountData({ name: 'Fuzz GmbH' }))).id;
  viewId = (await rep.post('/api/views').send({ entity: 'account', name: 'Fuzz target' }).expect(201)).body
    .id;
});
afterAll(async () => {
  await t?.close();
});

const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '<script>alert(1)</script>',
    "'; DROP TABLE saved_views; --",
    '𝔘𝔫𝔦',
  ),
  fc.string({ minLength: 90, maxLength: 5000 }),
);
const anyJson = fc.oneof(
  hostileString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(hostileString, { maxLength: 3 }),
  fc.dictionary(hostileString, hostileString, { maxKeys: 3 }),
);
const filter = fc.oneof(
  fc.record(
    {
      field: fc.oneof(fc.constantFrom('name', 'type', 'stage', 'updatedAt', 'nope'), hostileString),
      op: anyJson,
      value: anyJson,
    },
    { requiredKeys: [] },
  ),
  anyJson,
);
const query = fc.oneof(
  fc.record(
    {
      filters: fc.oneof(fc.array(filter, { maxLength: 25 }), anyJson),
      sort: fc.oneof(fc.constantFrom('name', '-updatedAt', '-nope'), anyJson),
      q: anyJson,
      columns: fc.oneof(
        fc.array(fc.oneof(fc.constantFrom('name', 'type'), hostileString), { maxLength: 35 }),
        anyJson,
      ),
      limit: anyJson,
    },
    { requiredKeys: [] },
  ),
  anyJson,
);
const viewBody = fc.record(
  {
    entity: fc.oneof(fc.constantFrom('account', 'deal', 'spaceship'), anyJson),
    name: fc.oneof(hostileString, anyJson),
    shared: anyJson,
    query,
    ownerId: fc.uuid(),
    __proto__: anyJson,
  },
  { requiredKeys: [] },
);

describe('fuzzing saved views and comments', () => {
  const before = prototypeSnapshot();

  it('POST /api/views never fails with a 5xx, and stores only what it accepted', async () => {
    await fc.assert(
      fc.asyncProperty(viewBody, async (body) => {
        const res = await rep.post('/api/views').send(body as object);
        expect(verdict(res)).toBe('ok');
        const stored = await queryDatabase<{ owner_id: string; name: string; query: unknown }>(
          t.database.url,
          'SELECT owner_id, name, query FROM saved_views WHERE id::text = $1',
          [String(res.body?.id ?? '00000000-0000-0000-0000-000000000000')],
        );
        if (res.status === 201) {
          expect(stored).toHaveLength(1);
          expect(stored[0]?.owner_id).toBe(t.users.rep.id);
          expect(stored[0]?.query).toEqual(res.body.query);
        } else expect(stored).toHaveLength(0);
      }),
      { numRuns: RUNS },
    );
  });

  it('PATCH /api/views/:id never fails with a 5xx and keeps the owner', async () => {
    await fc.assert(
      fc.asyncProperty(viewBody, async (body) => {
        const res = await rep.patch(`/api/views/${viewId}`).send(body as object);
        expect(verdict(res)).toBe('ok');
      }),
      { numRuns: RUNS },
    );
    const [row] = await queryDatabase<{ owner_id: string }>(
      t.database.url,
      'SELECT owner_id FROM saved_views WHERE id = $1',
      [viewId],
    );
    expect(row?.owner_id).toBe(t.users.rep.id);
  });

  it('POST comments never fails with a 5xx and stores exactly the trimmed text it accepted', async () => {
    const body = fc.oneof(
      fc.record({ body: fc.oneof(hostileString, anyJson), authorId: anyJson }, { requiredKeys: [] }),
      anyJson,
    );
    await fc.assert(
      fc.asyncProperty(body, async (payload) => {
        // Sent as raw JSON text, so bare numbers, strings and null reach the API too.
        const res = await rep
          .post(`/api/records/account/${recordId}/comments`)
          .set('content-type', 'application/json')
          .send(JSON.stringify(payload));
        expect(verdict(res)).toBe('ok');
        if (res.status === 201) {
          const [row] = await queryDatabase<{ body: string; author_id: string }>(
            t.database.url,
            'SELECT body, author_id FROM record_comments WHERE id = $1',
            [res.body.id],
          );
          expect(row).toEqual({ body: (payload as { body: string }).body.trim(), author_id: t.users.rep.id });
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('leaves the built-in prototypes untouched', () => {
    expect(prototypeSnapshot()).toEqual(before);
  });
});
