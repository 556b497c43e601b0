// Saved list views against real PostgreSQL: each user's own views per entity, sharing with the
// team, owner-only changes, and payloads checked against the published entity.
import { queryDatabase } from '../support/test-database';
import { createTestPlatform, type Agent, type TestPlatform } from '../support/test-platform';

let t: TestPlatform;
let rep: Agent;
let teamRep: Agent;

const dealView = (name: string, extra: Record<string, unknown> = {}) => ({
  entity: 'deal',
  name,
  query: {
    filters: [{ field: 'amount', op: 'gte', value: '10000' }],
    sort: '-amount',
    q: 'rollout',
    columns: ['name', 'amount', 'stage'],
  },
  ...extra,
});

beforeAll(async () => {
  t = await createTestPlatform();
  rep = await t.agent('rep');
  teamRep = await t.agent('teamRep');
});
afterAll(async () => {
  await t?.close();
});

describe('saved views', () => {
  it('saves, lists, renames and deletes a private view, with an audit trail', async () => {
    const created = await rep.post('/api/views').send(dealView('Big deals')).expect(201);
    expect(created.headers.location).toBe(`/api/views/${created.body.id}`);
    expect(created.body).toMatchObject({
      entity: 'deal',
      name: 'Big deals',
      shared: false,
      mine: true,
      owner: { id: t.users.rep.id, name: 'rep' },
      query: { filters: [{ field: 'amount', op: 'gte', value: '10000' }], sort: '-amount', q: 'rollout' },
    });
    const id = created.body.id as string;

    const mine = await rep.get('/api/views?entity=deal').expect(200);
    expect(mine.body.items.map((v: { id: string }) => v.id)).toEqual([id]);
    expect((await rep.get('/api/views?entity=account').expect(200)).body.items).toEqual([]);
    // Private: another rep neither lists nor reads it.
    expect((await teamRep.get('/api/views?entity=deal').expect(200)).body.items).toEqual([]);
    await teamRep.get(`/api/views/${id}`).expect(404);

    const renamed = await rep.patch(`/api/views/${id}`).send({ name: 'Deals over 10k' }).expect(200);
    expect(renamed.body).toMatchObject({ name: 'Deals over 10k', query: { sort: '-amount' } });
    await rep.delete(`/api/views/${id}`).expect(204);
    await rep.get(`/api/views/${id}`).expect(404);

    const audit = await queryDatabase<{ action: string }>(
      t.database.url,
      `SELECT action FROM audit_log WHERE subject_type = 'savedView' AND subject_id = $1 ORDER BY id`,
      [id],
    );
    expect(audit.map((a) => a.action)).toEqual(['view.create', 'view.update', 'view.delete']);
  });

  it('shows a shared view to the team, and only its owner changes or deletes it', async () => {
    const shared = await rep
      .post('/api/views')
      .send(dealView('Team pipeline', { shared: true }))
      .expect(201);
    const id = shared.body.id as string;
    const seen = await teamRep.get('/api/views?entity=deal').expect(200);
    expect(seen.body.items).toEqual([expect.objectContaining({ id, mine: false, shared: true })]);
    await teamRep.get(`/api/views/${id}`).expect(200);

    const refused = await teamRep.patch(`/api/views/${id}`).send({ name: 'Mine now' });
    expect(refused.status).toBe(403);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    await teamRep.delete(`/api/views/${id}`).expect(403);
    // Unsharing hides it again.
    await rep.patch(`/api/views/${id}`).send({ shared: false }).expect(200);
    await teamRep.get(`/api/views/${id}`).expect(404);
  });

  it('refuses a second view of the same name (any case) for the same list with 409', async () => {
    await rep.post('/api/views').send(dealView('Closing soon')).expect(201);
    const twin = await rep.post('/api/views').send(dealView('closing SOON'));
    expect(twin.status).toBe(409);
    expect(twin.body.errors).toEqual([expect.objectContaining({ field: 'name', rule: 'unique' })]);
    // The same name is fine for another entity or another user.
    await rep.post('/api/views').send({ entity: 'account', name: 'Closing soon' }).expect(201);
    await teamRep.post('/api/views').send(dealView('Closing soon')).expect(201);
  });

  it('names the field and rule of a malformed or unfitting payload, and stores nothing', async () => {
    const before = await queryDatabase<{ n: string }>(
      t.database.url,
      'SELECT count(*) AS n FROM saved_views',
    );
    const cases: [unknown, number, { field: string; rule: string }][] = [
      [{ ...dealView('x'), ownerId: t.users.teamRep.id }, 400, { field: 'ownerId', rule: 'unknownProperty' }],
      [dealView('   '), 400, { field: 'name', rule: 'required' }],
      [dealView('x'.repeat(101)), 400, { field: 'name', rule: 'maxLength' }],
      [{ entity: 'deal', name: 'n', shared: 'yes' }, 400, { field: 'shared', rule: 'type' }],
      [
        { entity: 'deal', name: 'n', query: { filters: [{ field: 'amount', op: 'like', value: '1' }] } },
        400,
        { field: 'query.filters.0.op', rule: 'operator' },
      ],
      [
        { entity: 'deal', name: 'n', query: { filters: [{ field: 'amount', value: 'a\u0000b' }] } },
        400,
        { field: 'query.filters.0.value', rule: 'format' },
      ],
      [
        { entity: 'deal', name: 'n', query: { limit: 5 } },
        400,
        { field: 'query.limit', rule: 'unknownProperty' },
      ],
      [{ entity: 'spaceship', name: 'n' }, 422, { field: 'entity', rule: 'unknownEntity' }],
      [
        { entity: 'deal', name: 'n', query: { filters: [{ field: 'warp', op: 'eq', value: '9' }] } },
        422,
        { field: 'query.filters.0.field', rule: 'unknownField' },
      ],
      [
        { entity: 'deal', name: 'n', query: { sort: '-warp' } },
        422,
        { field: 'query.sort', rule: 'unknownField' },
      ],
      [
        { entity: 'deal', name: 'n', query: { columns: ['name', 'warp'] } },
        422,
        { field: 'query.columns.1', rule: 'unknownField' },
      ],
    ];
    for (const [body, status, entry] of cases) {
      const res = await rep.post('/api/views').send(body as object);
      expect({ status: res.status, errors: res.body.errors }).toEqual({
        status,
        errors: expect.arrayContaining([expect.objectContaining(entry)]),
      });
    }
    const after = await queryDatabase<{ n: string }>(t.database.url, 'SELECT count(*) AS n FROM saved_views');
    expect(after[0]?.n).toBe(before[0]?.n);
  });

  it('applies a saved view through the records list with the reader’s own visibility', async () => {
    const admin = await t.agent('admin');
    const view = await admin
      .post('/api/views')
      .send({
        entity: 'account',
        name: 'Admin partners',
        shared: true,
        query: { filters: [{ field: 'name', op: 'contains', value: 'Admin partner' }] },
      })
      .expect(201);
    const query = view.body.query as { filters: { field: string; op: string; value: string }[] };
    const params = new URLSearchParams(query.filters.map((f) => [`filter[${f.field}][${f.op}]`, f.value]));
    await admin
      .post('/api/records/account')
      .send({
        data: {
          name: 'Admin partner AG',
          type: 'client',
          lifecycle: 'prospect',
          customer_status: 'prospect',
        },
      })
      .expect(201);
    const asAdmin = await admin.get(`/api/records/account?${params.toString()}`).expect(200);
    const asRep = await rep.get(`/api/records/account?${params.toString()}`).expect(200);
    expect(asAdmin.body.items.length).toBeGreaterThan(0);
    // The rep sees the shared view but none of the admin's records through it.
    expect((await rep.get(`/api/views/${view.body.id}`).expect(200)).body.mine).toBe(false);
    expect(asRep.body.items).toEqual([]);
  });
});
