import fc from 'fast-check';
import type { Response } from 'supertest';
import type { EntityDefinition } from '@crm/definitions';
import { loadSolutionFromDirectory } from '@crm/definitions/node';
import { B2B_DIR, createTestPlatform, type Agent, type TestPlatform } from '../support/test-platform';
import {
  CONTENT_TYPES,
  mutationsOf,
  nastyKey,
  nastyString,
  nastyValue,
  rawBody,
  wrongFieldValue,
} from './fuzz-arbitraries';
import { invalidStoredRecords, prototypeSnapshot, verdict } from './fuzz-support';
import { createProcessTargets, processRequest, processVerdict } from './fuzz-process-targets';
import { creationOrder, validRecordArbitrary, type ReferencePool } from './record-arbitrary';

// Budgets: about 2,500 requests in all, so the file stays within a minute on two cores.
const RUNS = {
  create: 450,
  corrupt: 400,
  patch: 350,
  raw: 250,
  valid: 300,
  drafts: 200,
  publish: 200,
  imports: 150,
  processes: 300,
};
const KINDS = ['entity', 'form', 'process', 'mailTemplate', 'role', 'calendar'] as const;
const SOLUTION_LISTS: Record<(typeof KINDS)[number], string> = {
  entity: 'entities',
  form: 'forms',
  process: 'processes',
  mailTemplate: 'mailTemplates',
  role: 'roles',
  calendar: 'calendars',
};

let t: TestPlatform;
let admin: Agent;
let rep: Agent;
let entities: EntityDefinition[];
let solution: Record<string, unknown>;
const pool: ReferencePool = { records: {}, users: [] };
const prototypesBefore = prototypeSnapshot();

const agentOf = (who: 'admin' | 'rep'): Agent => (who === 'admin' ? admin : rep);
const entityKeys = () => entities.map((e) => e.key);
const entityNamed = (key: string): EntityDefinition => {
  const entity = entities.find((e) => e.key === key);
  if (!entity) throw new Error(`no entity ${key}`);
  return entity;
};
const fieldKeys = (key: string) => entityNamed(key).fields.map((f) => f.key);
// Building an arbitrary compiles regular expressions: build each once, not once per run.
const validRecords = new Map<string, fc.Arbitrary<Record<string, unknown>>>();
const validRecordOf = (key: string): fc.Arbitrary<Record<string, unknown>> => {
  const cached = validRecords.get(key) ?? validRecordArbitrary(entityNamed(key), pool);
  validRecords.set(key, cached);
  return cached;
};
const mutations = new Map<unknown, fc.Arbitrary<unknown>>();
const mutationsOfCached = (doc: unknown): fc.Arbitrary<unknown> => {
  const cached = mutations.get(doc) ?? mutationsOf(doc);
  mutations.set(doc, cached);
  return cached;
};

function expectWellFormed(res: Response): void {
  expect(verdict(res)).toBe('ok');
}

/** Sends any JSON value as the body (supertest only serialises objects and arrays itself). */
const sendJson = (call: ReturnType<Agent['post']>, value: unknown) =>
  call.set('Content-Type', 'application/json').send(JSON.stringify(value));

/** Creates a few valid records per entity (as the rep) for references and updates. */
async function fillPool(): Promise<void> {
  pool.users = Object.values(t.users).map((u) => u.id);
  for (const entity of creationOrder(entities)) {
    const ids: string[] = [];
    for (const data of fc.sample(validRecordArbitrary(entity, pool), { numRuns: 20, seed: 42 })) {
      if (ids.length >= 3) break;
      try {
        ids.push((await t.platform.services.records.create(t.actors.rep, entity.key, data)).id);
      } catch {
        // a generated unique value may repeat; the next sample will do
      }
    }
    if (ids.length === 0) throw new Error(`could not create any ${entity.key}`);
    pool.records[entity.key] = ids;
  }
}

beforeAll(async () => {
  t = await createTestPlatform();
  admin = await t.agent('admin');
  rep = await t.agent('rep');
  entities = (await t.platform.services.definitions.latestAll('entity')).map(
    (v) => v.content as unknown as EntityDefinition,
  );
  solution = (await loadSolutionFromDirectory(B2B_DIR)) as unknown as Record<string, unknown>;
  await fillPool();
}, 120_000);
afterAll(async () => {
  await t?.close();
});

/** A record body: the right envelope with wrong values, or anything at all. */
const recordBody = (entity: string) =>
  fc.oneof(
    nastyValue,
    fc.record({ data: nastyValue }),
    fc.record(
      {
        data: fc.dictionary(fc.oneof(fc.constantFrom(...fieldKeys(entity)), nastyKey), wrongFieldValue),
        version: nastyValue,
      },
      { requiredKeys: ['data'] },
    ),
  );

const entityParam = () =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...entityKeys()) },
    fc.constantFrom('nope', '__proto__', 'constructor', 'ACCOUNT', 'k'.repeat(70), '%00', '..%2F..'),
  );

describe('record endpoints under random input', () => {
  it('answer arbitrary create payloads with a success or a problem, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        entityParam().chain((entity) =>
          fc.record({
            entity: fc.constant(entity),
            who: fc.constantFrom('admin', 'rep'),
            body: entityKeys().includes(entity) ? recordBody(entity) : nastyValue,
          }),
        ),
        async ({ entity, who, body }) => {
          expectWellFormed(await sendJson(agentOf(who).post(`/api/records/${entity}`), body));
        },
      ),
      { numRuns: RUNS.create },
    );
  }, 60_000);

  it('answer valid records with some fields corrupted with a success or a problem', async () => {
    const arb = fc.constantFrom(...entityKeys()).chain((entity) =>
      fc.record({
        entity: fc.constant(entity),
        data: validRecordOf(entity),
        corrupt: fc.dictionary(fc.constantFrom(...fieldKeys(entity)), wrongFieldValue, {
          minKeys: 1,
          maxKeys: 3,
        }),
        extra: fc.option(fc.dictionary(nastyKey, nastyValue, { minKeys: 1, maxKeys: 2 }), { nil: undefined }),
      }),
    );
    await fc.assert(
      fc.asyncProperty(arb, async ({ entity, data, corrupt, extra }) => {
        const body = { data: { ...data, ...corrupt }, ...extra };
        expectWellFormed(await sendJson(rep.post(`/api/records/${entity}`), body));
      }),
      { numRuns: RUNS.corrupt },
    );
  }, 60_000);

  it('answer arbitrary updates, with or without If-Match, with a success or a problem', async () => {
    const arb = fc.constantFrom(...entityKeys()).chain((entity) =>
      fc.record({
        entity: fc.constant(entity),
        id: fc.oneof(
          { weight: 5, arbitrary: fc.constantFrom(...(pool.records[entity] ?? ['none'])) },
          fc.constantFrom('not-a-uuid', '00000000-0000-0000-0000-000000000000', "1' OR '1'='1"),
        ),
        who: fc.constantFrom('admin', 'rep'),
        body: fc.oneof(
          recordBody(entity),
          fc.record({ data: fc.dictionary(fc.constantFrom(...fieldKeys(entity)), wrongFieldValue) }),
        ),
        ifMatch: fc.option(
          fc.oneof(fc.constantFrom('"1"', 'W/"2"', '*', '"-1"', '"99999999999999999999"'), nastyString),
          {
            nil: undefined,
          },
        ),
      }),
    );
    await fc.assert(
      fc.asyncProperty(arb, async ({ entity, id, who, body, ifMatch }) => {
        let call = agentOf(who).patch(`/api/records/${entity}/${encodeURIComponent(id)}`);
        // Header values must be short printable Latin-1: anything else Node refuses before the app sees it.
        if (ifMatch !== undefined && /^[\x20-\x7e]{0,200}$/.test(ifMatch))
          call = call.set('If-Match', ifMatch);
        expectWellFormed(await sendJson(call, body));
      }),
      { numRuns: RUNS.patch },
    );
  }, 60_000);

  it('accept valid records generated from the entity definitions (201) and store them as sent', async () => {
    const used = new Map<string, Set<unknown>>();
    const arb = fc
      .constantFrom(...entityKeys())
      .chain((entity) => fc.tuple(fc.constant(entity), validRecordOf(entity)));
    await fc.assert(
      fc.asyncProperty(arb, async ([entity, data]) => {
        const unique = entityNamed(entity).fields.filter((f) => f.unique && data[f.key] !== undefined);
        const repeated = unique.filter((f) => used.get(`${entity}.${f.key}`)?.has(data[f.key]));
        const res = await rep.post(`/api/records/${entity}`).send({ data });
        if (repeated.length > 0) {
          // A value already stored in a unique field: the only acceptable refusal.
          expect(res.status).toBe(409);
          return;
        }
        expect(res.status === 201 ? 201 : `${res.status} ${res.text.slice(0, 400)}`).toBe(201);
        expect(res.body.data).toMatchObject(JSON.parse(JSON.stringify(data)) as Record<string, unknown>);
        for (const f of unique) {
          const key = `${entity}.${f.key}`;
          used.set(key, (used.get(key) ?? new Set()).add(data[f.key]));
        }
      }),
      { numRuns: RUNS.valid },
    );
  }, 60_000);
});

describe('definition endpoints under random input', () => {
  const definitionsOf = (kind: (typeof KINDS)[number]): unknown[] => {
    const list = solution[SOLUTION_LISTS[kind]];
    return Array.isArray(list) ? list : [];
  };
  const draftKeys = new Set<string>();

  it('answer arbitrary drafts, and validation over them, with a success or a problem', async () => {
    const arb = fc.constantFrom(...KINDS).chain((kind) => {
      const existing = definitionsOf(kind);
      return fc.record({
        kind: fc.oneof(
          { weight: 9, arbitrary: fc.constant<string>(kind) },
          fc.constantFrom('nope', 'Entity', '__proto__'),
        ),
        key: fc.oneof(
          fc.constantFrom(...existing.map((d) => String((d as { key?: unknown }).key))),
          fc.stringMatching(/^fuzz_[a-z0-9_]{1,8}$/),
          fc.string({ maxLength: 70 }),
        ),
        content:
          existing.length > 0
            ? fc.oneof(fc.constantFrom(...existing).chain(mutationsOfCached), nastyValue)
            : nastyValue,
      });
    });
    await fc.assert(
      fc.asyncProperty(arb, async ({ kind, key, content }) => {
        const res = await sendJson(
          admin.put(`/api/definitions/drafts/${kind}/${encodeURIComponent(key)}`),
          content,
        );
        expectWellFormed(res);
        if (res.status !== 200) return;
        // A saved draft takes part in every later validation: it must not break it.
        draftKeys.add(`${kind}/${key}`);
        expectWellFormed(await admin.post('/api/definitions/validate'));
      }),
      { numRuns: RUNS.drafts },
    );
  }, 60_000);

  it('answer arbitrary publish requests with a success or a problem', async () => {
    const known = () => [...draftKeys].map((k) => ({ kind: k.split('/')[0], key: k.split('/')[1] }));
    const item = fc.oneof(
      {
        weight: 3,
        arbitrary: fc.constantFrom(...(known().length > 0 ? known() : [{ kind: 'entity', key: 'account' }])),
      },
      fc.record({ kind: fc.oneof(fc.constantFrom(...KINDS), nastyString), key: nastyString }),
      nastyValue,
    );
    const body = fc.oneof(
      fc.record(
        {
          items: fc.array(item, { maxLength: 4 }),
          migration: fc.oneof(nastyValue, fc.dictionary(nastyKey, fc.constantFrom('clear', 'keep'))),
        },
        { requiredKeys: ['items'] },
      ),
      nastyValue,
    );
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        expectWellFormed(await sendJson(admin.post('/api/definitions/publish'), b));
      }),
      { numRuns: RUNS.publish },
    );
  }, 60_000);

  it('answer arbitrary and mutated solution imports with a success or a problem', async () => {
    const body = fc.oneof(
      { weight: 3, arbitrary: mutationsOf(solution) },
      fc.record({ solution: mutationsOf(solution), migration: nastyValue }),
      nastyValue,
    );
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const res = await sendJson(admin.post('/api/solution/import'), b);
        expectWellFormed(res);
      }),
      { numRuns: RUNS.imports },
    );
  }, 60_000);
});

describe('definitions that fail the schema', () => {
  // Regression: the semantic rules once ran on list entries the schema let through (null where an
  // object was expected) and crashed the request with a 500.
  it('a draft entity whose field list holds null is saved with its problems (200), not a 500', async () => {
    const key = 'fuzz_null_field';
    try {
      const res = await admin
        .put(`/api/definitions/drafts/entity/${key}`)
        .send({ key, label: 'Broken', pluralLabel: 'Broken', fields: [null] });
      expect(res.status).toBe(200);
      expect((await admin.post('/api/definitions/validate')).status).toBe(200);
    } finally {
      await t.platform.services.definitions.deleteDraft(t.actors.admin, 'entity', key).catch(() => undefined);
    }
  });

  it('a solution whose first entity field is null is refused with 422, not a 500', async () => {
    const broken = structuredClone(solution) as { entities: { fields: unknown[] }[] };
    const [first] = broken.entities;
    if (first) first.fields[0] = null;
    const res = await admin.post('/api/solution/import').send(broken);
    expect(res.status).toBe(422);
  });
});

describe('mail, task, approval and process endpoints under random input', () => {
  it('answer arbitrary bodies with a success or a problem, never a 5xx (503: no engine/SMTP)', async () => {
    const dealId = pool.records.deal?.[0];
    if (!dealId) throw new Error('no deal in the pool');
    const targets = await createProcessTargets(t, dealId);
    await fc.assert(
      fc.asyncProperty(processRequest(targets), fc.constantFrom('admin', 'rep'), async (req, who) => {
        expect(processVerdict(await sendJson(agentOf(who).post(req.path), req.body))).toBe('ok');
      }),
      { numRuns: RUNS.processes },
    );
  }, 90_000);
});

describe('raw bodies and content types', () => {
  it('answer invalid JSON, non-UTF-8 bytes and wrong content types with a problem', async () => {
    const targets = [
      ['post', '/api/records/account'],
      ['patch', () => `/api/records/account/${pool.records.account?.[0] ?? 'none'}`],
      ['put', '/api/definitions/drafts/entity/fuzz_raw'],
      ['post', '/api/definitions/publish'],
      ['post', '/api/definitions/validate'],
      ['post', '/api/solution/import'],
      ['post', '/api/auth/login'],
    ] as const;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...targets),
        fc.constantFrom(...CONTENT_TYPES),
        rawBody,
        async ([method, path], type, bytes) => {
          const url = typeof path === 'function' ? path() : path;
          expectWellFormed(await admin[method](url).set('Content-Type', type).send(bytes));
        },
      ),
      { numRuns: RUNS.raw },
    );
  }, 60_000);
});

describe('after the fuzzing', () => {
  it('has stored only records that pass their entity version’s record validator', async () => {
    const { count, problems } = await invalidStoredRecords(t.database.url);
    expect(count).toBeGreaterThan(RUNS.valid / 2);
    expect(problems).toEqual([]);
  }, 60_000);

  it('has not polluted Object.prototype or the other built-in prototypes', () => {
    expect(prototypeSnapshot()).toEqual(prototypesBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
