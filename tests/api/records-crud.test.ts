import { accountData, createRecord, productData } from '../support/fixtures';
import { createTestPlatform, type Agent, type TestPlatform } from '../support/test-platform';

let t: TestPlatform;
let rep: Agent;

beforeAll(async () => {
  t = await createTestPlatform();
  rep = await t.agent('rep');
});
afterAll(async () => {
  await t?.close();
});

describe('record CRUD', () => {
  it('creates, reads, updates with the version and soft-deletes a record', async () => {
    const created = await createRecord(rep, 'product', productData({ code: 'CRD-001' }));
    expect(created).toMatchObject({
      version: 1,
      ownerId: t.users.rep.id,
      data: { name: 'CRM Pro', code: 'CRD-001' },
    });

    const read = await rep.get(`/api/records/product/${created.id}`).expect(200);
    expect(read.headers.etag).toBe('"1"');
    expect(read.body.data.price).toEqual({ amount: 1000, currency: 'EUR' });

    const updated = await rep
      .patch(`/api/records/product/${created.id}`)
      .send({ version: 1, data: { name: 'CRM Pro 2' } })
      .expect(200);
    expect(updated.body).toMatchObject({ version: 2, data: { name: 'CRM Pro 2', code: 'CRD-001' } });

    await rep.delete(`/api/records/product/${created.id}`).expect(403); // reps lack records.delete
    const admin = await t.agent('admin');
    await admin.delete(`/api/records/product/${created.id}`).expect(204);
    await rep.get(`/api/records/product/${created.id}`).expect(404);
    const list = await admin.get('/api/records/product?filter[code]=CRUD-1').expect(200);
    expect(list.body.items).toHaveLength(0);
  });

  it('answers a stale version in the body with 409 and a stale If-Match with 412', async () => {
    const created = await createRecord(rep, 'product', productData({ code: 'STL-001' }));
    await rep
      .patch(`/api/records/product/${created.id}`)
      .send({ version: 1, data: { name: 'first' } })
      .expect(200);
    const stale = await rep
      .patch(`/api/records/product/${created.id}`)
      .send({ version: 1, data: { name: 'second' } });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ status: 409, currentVersion: 2 });
    const staleHeader = await rep
      .patch(`/api/records/product/${created.id}`)
      .set('If-Match', '"1"')
      .send({ data: { name: 'third' } });
    expect(staleHeader.status).toBe(412);
    await rep
      .patch(`/api/records/product/${created.id}`)
      .set('If-Match', '"2"')
      .send({ data: { name: 'third' } })
      .expect(200);
    const read = await rep.get(`/api/records/product/${created.id}`).expect(200);
    expect(read.body).toMatchObject({ version: 3, data: { name: 'third' } });
  });

  it('rejects system fields in a payload (no mass assignment), naming each', async () => {
    const res = await rep.post('/api/records/product').send({
      ownerId: t.users.otherRep.id,
      data: { ...productData({ code: 'SYS-001' }), stage: 'won', version: 7, createdAt: '2020-01-01' },
    });
    expect(res.status).toBe(400);
    const fields = res.body.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['createdAt', 'ownerId', 'stage', 'version']);
    expect(res.body.errors.every((e: { rule: string }) => e.rule === 'systemField')).toBe(true);
    const created = await createRecord(rep, 'product', productData({ code: 'SYS-002' }));
    const patch = await rep
      .patch(`/api/records/product/${created.id}`)
      .send({ data: { stage: 'negotiation', status: 'x' } });
    expect(patch.status).toBe(400);
    expect(patch.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['stage', 'status']);
  });

  it('rejects derived fields in a payload', async () => {
    const res = await rep.post('/api/records/account').send({ data: accountData({ potential: 'A' }) });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'potential', rule: 'readOnly' })]);
  });

  it('reports one problem per failing field and rule', async () => {
    const res = await rep
      .post('/api/records/product')
      .send({ data: { price: { amount: 'lots', currency: 'EUR' }, max_discount: 250 } });
    expect(res.status).toBe(422);
    const fields = new Set(res.body.errors.map((e: { field: string }) => e.field));
    for (const field of ['name', 'code', 'max_discount']) expect(fields.has(field)).toBe(true);
  });

  it('answers a unique violation with 409 naming the field and the existing record', async () => {
    const first = await createRecord(rep, 'product', productData({ code: 'UNQ-001' }));
    const other = await t.agent('otherRep');
    const res = await other.post('/api/records/product').send({ data: productData({ code: 'UNQ-001' }) });
    expect(res.status).toBe(409);
    expect(res.body.existingRecordId).toBe(first.id);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'code', rule: 'unique' })]);
    expect(res.body.errors[0].message).toContain(first.id);
    // a deleted record no longer holds its value
    const admin = await t.agent('admin');
    await admin.delete(`/api/records/product/${first.id}`).expect(204);
    await createRecord(other, 'product', productData({ code: 'UNQ-001' }));
  });

  it('validates references: the referenced record must exist, be of the entity and be visible', async () => {
    const account = await createRecord(rep, 'account', accountData({ name: 'Ref Co' }));
    const otherRep = await t.agent('otherRep');
    const foreign = await createRecord(otherRep, 'account', accountData({ name: 'Foreign Co' }));
    const product = await createRecord(rep, 'product', productData({ code: 'REF-001' }));
    const contact = (accountId: string) => ({ first_name: 'Ada', last_name: 'Lovelace', account: accountId });

    const ok = await rep.post('/api/records/contact').send({ data: contact(account.id) });
    expect(ok.status).toBe(201);
    for (const bad of [foreign.id, product.id, '00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const res = await rep.post('/api/records/contact').send({ data: contact(bad) });
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: 'account' })]),
      );
    }
  });

  it('answers an unknown entity or id with 404 and never a 5xx', async () => {
    await rep.get('/api/records/no_such_entity').expect(404);
    await rep.get('/api/records/product/not-a-uuid').expect(404);
    await rep
      .patch('/api/records/product/00000000-0000-4000-8000-000000000000')
      .send({ data: {} })
      .expect(404);
    const res = await rep.post('/api/records/product').send({ data: 'nope' });
    expect(res.status).toBe(400);
  });
});

describe('record visibility (object-level checks)', () => {
  it('reps see their own and shared records, managers their team, directors transitively, admins all', async () => {
    const account = await createRecord(rep, 'account', accountData({ name: 'Visible Co' }));
    const url = `/api/records/account/${account.id}`;
    const status = async (name: Parameters<TestPlatform['agent']>[0]) =>
      (await (await t.agent(name)).get(url)).status;
    expect(await status('rep')).toBe(200);
    expect(await status('teamRep')).toBe(404);
    expect(await status('otherRep')).toBe(404);
    expect(await status('manager')).toBe(200);
    expect(await status('otherManager')).toBe(404);
    expect(await status('director')).toBe(200);
    expect(await status('admin')).toBe(200);
    expect(await status('analyst')).toBe(403);

    const otherRep = await t.agent('otherRep');
    await otherRep
      .patch(url)
      .send({ data: { name: 'hijack' } })
      .expect(404);
    await rep.post(`${url}/shares`).send({ userId: t.users.otherRep.id }).expect(204);
    expect(await status('otherRep')).toBe(200);
    await otherRep
      .patch(url)
      .send({ data: { city: 'Berlin' } })
      .expect(200);
    const list = await otherRep.get('/api/records/account?filter[name]=Visible%20Co').expect(200);
    expect(list.body.items.map((r: { id: string }) => r.id)).toEqual([account.id]);
    await rep.delete(`${url}/shares/${t.users.otherRep.id}`).expect(204);
    expect(await status('otherRep')).toBe(404);
  });

  it('changes the owner only through PUT …/owner with records.assign', async () => {
    const account = await createRecord(rep, 'account', accountData({ name: 'Assign Co' }));
    const url = `/api/records/account/${account.id}/owner`;
    await rep.put(url).send({ ownerId: t.users.teamRep.id }).expect(403);
    const manager = await t.agent('manager');
    const res = await manager.put(url).send({ ownerId: t.users.teamRep.id }).expect(200);
    expect(res.body.ownerId).toBe(t.users.teamRep.id);
    await rep.get(`/api/records/account/${account.id}`).expect(404);
    await (await t.agent('teamRep')).get(`/api/records/account/${account.id}`).expect(200);
  });
});

describe('audit', () => {
  it('writes who, when, before and after for every change', async () => {
    const created = await createRecord(rep, 'product', productData({ code: 'AUD-001' }));
    await rep
      .patch(`/api/records/product/${created.id}`)
      .send({ data: { name: 'Audited' } })
      .expect(200);
    const res = await rep.get(`/api/records/product/${created.id}/audit`).expect(200);
    expect(res.body.items.map((e: { action: string }) => e.action)).toEqual([
      'record.create',
      'record.update',
    ]);
    const [create, update] = res.body.items;
    expect(create).toMatchObject({
      actorId: t.users.rep.id,
      before: null,
      after: { data: { name: 'CRM Pro' } },
    });
    expect(update).toMatchObject({
      actorId: t.users.rep.id,
      before: { data: { name: 'CRM Pro' }, version: 1 },
      after: { data: { name: 'Audited' }, version: 2 },
    });
    expect(Date.parse(update.at)).not.toBeNaN();
    await (await t.agent('otherRep')).get(`/api/records/product/${created.id}/audit`).expect(404);
  });
});
