import { createRecord, productData } from '../support/fixtures';
import { queryDatabase } from '../support/test-database';
import { createTestPlatform, type Agent, type TestPlatform } from '../support/test-platform';

let t: TestPlatform;
let analyst: Agent;

interface Field {
  key: string;
  label: string;
  type: string;
  [k: string]: unknown;
}
interface Entity {
  key: string;
  label: string;
  fields: Field[];
  [k: string]: unknown;
}

async function publishedEntity(key: string): Promise<Entity> {
  const res = await analyst.get(`/api/definitions/entity/${key}`).expect(200);
  return res.body.content as Entity;
}

beforeAll(async () => {
  t = await createTestPlatform();
  analyst = await t.agent('analyst');
});
afterAll(async () => {
  await t?.close();
});

describe('definition lifecycle', () => {
  it('imported the B2B solution as version 1 of every definition', async () => {
    const res = await analyst.get('/api/definitions/published').expect(200);
    const kinds = new Set(res.body.items.map((v: { kind: string }) => v.kind));
    for (const kind of ['entity', 'form', 'process', 'mailTemplate', 'role', 'calendar'])
      expect(kinds.has(kind)).toBe(true);
    expect(
      res.body.items.every(
        (v: { version: number; contentHash: string }) => v.version === 1 && v.contentHash.length > 0,
      ),
    ).toBe(true);
  });

  it('lets only definitions.edit roles write drafts', async () => {
    const product = await publishedEntity('product');
    const rep = await t.agent('rep');
    await rep.put('/api/definitions/drafts/entity/product').send(product).expect(403);
    await (
      await t.agent('manager')
    )
      .post('/api/definitions/publish')
      .send({ items: [{ kind: 'entity', key: 'product' }] })
      .expect(403);
    await rep.get('/api/definitions/drafts').expect(403);
  });

  it('saves a draft, validates, publishes a new version, and finds it in versions and diff', async () => {
    const product = await publishedEntity('product');
    const draft: Entity = {
      ...product,
      fields: [
        ...product.fields,
        { key: 'warranty_months', label: 'Warranty (months)', type: 'integer', min: 0, indexed: true },
      ],
    };
    const put = await analyst.put('/api/definitions/drafts/entity/product').send(draft).expect(200);
    expect(put.body.errors).toEqual([]);
    const validation = await analyst.post('/api/definitions/validate').expect(200);
    expect(validation.body).toEqual({ valid: true, errors: [] });

    const diffDraft = await analyst
      .get('/api/definitions/entity/product/diff?from=latest&to=draft')
      .expect(200);
    expect(JSON.stringify(diffDraft.body.changes)).toContain('Warranty (months)');

    const published = await analyst
      .post('/api/definitions/publish')
      .send({ items: [{ kind: 'entity', key: 'product' }] })
      .expect(200);
    expect(published.body.items).toEqual([
      expect.objectContaining({ kind: 'entity', key: 'product', version: 2, created: true }),
    ]);
    await analyst.get('/api/definitions/drafts/entity/product').expect(404);

    const versions = await analyst.get('/api/definitions/entity/product/versions').expect(200);
    expect(versions.body.items.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const v1 = await analyst.get('/api/definitions/entity/product/versions/1').expect(200);
    expect(v1.body.content.fields.some((f: Field) => f.key === 'warranty_months')).toBe(false);
    const diff = await analyst.get('/api/definitions/entity/product/diff?from=1&to=2').expect(200);
    expect(diff.body.changes).toEqual([
      expect.objectContaining({ change: 'added', message: expect.stringContaining('Warranty (months)') }),
    ]);

    // The new indexed field got a real index at once.
    const indexes = await queryDatabase<{ indexdef: string }>(
      t.database.url,
      `SELECT indexdef FROM pg_indexes WHERE tablename = 'records' AND indexdef LIKE '%warranty_months%'`,
    );
    expect(indexes).toHaveLength(1);
    expect(indexes[0]?.indexdef).toContain('::numeric');
  });

  it('does not make a new version for identical content', async () => {
    const product = await publishedEntity('product');
    await analyst.put('/api/definitions/drafts/entity/product').send(product).expect(200);
    const res = await analyst
      .post('/api/definitions/publish')
      .send({ items: [{ kind: 'entity', key: 'product' }] })
      .expect(200);
    expect(res.body.items[0]).toMatchObject({ created: false, version: 2 });
  });

  it('reports all rule errors at once and publishes nothing when invalid', async () => {
    const product = await publishedEntity('product');
    const broken = {
      ...product,
      label: 'Product (broken)',
      fields: [
        ...product.fields,
        { key: 'code', label: 'Duplicate code', type: 'text' },
        { key: 'stage', label: 'Stage', type: 'text' },
      ],
    };
    await analyst.put('/api/definitions/drafts/entity/product').send(broken).expect(200);
    const validation = await analyst.post('/api/definitions/validate').expect(200);
    expect(validation.body.valid).toBe(false);
    const rules = validation.body.errors.map((e: { rule: string }) => e.rule);
    expect(rules.length).toBeGreaterThanOrEqual(2);
    const publish = await analyst
      .post('/api/definitions/publish')
      .send({ items: [{ kind: 'entity', key: 'product' }] });
    expect(publish.status).toBe(422);
    expect(publish.body.errors.length).toBe(validation.body.errors.length);
    expect(publish.body.errors[0]).toMatchObject({
      kind: 'entity',
      key: 'product',
      rule: expect.any(String),
      message: expect.any(String),
    });
    expect((await publishedEntity('product')).label).not.toBe('Product (broken)');
    await analyst.delete('/api/definitions/drafts/entity/product').expect(204);
  });

  it('refuses to drop a field that holds data unless the request carries a migration', async () => {
    const rep = await t.agent('rep');
    for (const code of ['MIG-001', 'MIG-002', 'MIG-003'])
      await createRecord(rep, 'product', productData({ code, max_discount: 10 }));
    const other = await createRecord(rep, 'product', productData({ code: 'MIG-004' }));
    const product = await publishedEntity('product');
    const withoutDiscount = { ...product, fields: product.fields.filter((f) => f.key !== 'max_discount') };
    await analyst.put('/api/definitions/drafts/entity/product').send(withoutDiscount).expect(200);

    // The form still shows the field: publishing the entity alone breaks a rule.
    const alone = await analyst
      .post('/api/definitions/publish')
      .send({ items: [{ kind: 'entity', key: 'product' }] });
    expect(alone.status).toBe(422);
    expect(alone.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'form', key: 'product_main' })]),
    );

    const form = (await analyst.get('/api/definitions/form/product_main').expect(200)).body.content as {
      sections: { fields: { field: string }[] }[];
    };
    const formWithout = {
      ...form,
      sections: form.sections.map((s) => ({
        ...s,
        fields: s.fields.filter((f) => f.field !== 'max_discount'),
      })),
    };
    await analyst.put('/api/definitions/drafts/form/product_main').send(formWithout).expect(200);
    const both = {
      items: [
        { kind: 'entity', key: 'product' },
        { kind: 'form', key: 'product_main' },
      ],
    };

    const refused = await analyst.post('/api/definitions/publish').send(both);
    expect(refused.status).toBe(409);
    expect(refused.body.affectedRecords).toBe(3);
    expect(refused.body.errors).toEqual([
      expect.objectContaining({ field: 'max_discount', rule: 'destructiveChange' }),
    ]);
    expect((await publishedEntity('product')).fields.some((f) => f.key === 'max_discount')).toBe(true);
    await analyst.get('/api/definitions/form/product_main/versions/2').expect(404);

    const accepted = await analyst
      .post('/api/definitions/publish')
      .send({ ...both, migration: { max_discount: 'clear' } })
      .expect(200);
    expect(accepted.body.items[0]).toMatchObject({
      created: true,
      version: 3,
      migrated: [{ field: 'max_discount', action: 'clear', records: 3 }],
    });
    expect(accepted.body.items[1]).toMatchObject({
      kind: 'form',
      key: 'product_main',
      version: 2,
      created: true,
    });
    const left = await queryDatabase<{ n: string }>(
      t.database.url,
      `SELECT count(*)::text AS n FROM records WHERE entity = 'product' AND data ? 'max_discount'`,
    );
    expect(left[0]?.n).toBe('0');
    const still = await rep.get(`/api/records/product/${other.id}`).expect(200);
    expect(still.body.data.code).toBe('MIG-004');
  });

  it('refuses to retype a field with data, with the count of affected records', async () => {
    const product = await publishedEntity('product');
    const retyped = {
      ...product,
      fields: product.fields.map((f) =>
        f.key === 'code' ? { key: 'code', label: f.label, type: 'integer', required: true } : f,
      ),
    };
    await analyst.put('/api/definitions/drafts/entity/product').send(retyped).expect(200);
    const refused = await analyst
      .post('/api/definitions/publish')
      .send({ items: [{ kind: 'entity', key: 'product' }] });
    expect(refused.status).toBe(409);
    expect(refused.body.affectedRecords).toBeGreaterThanOrEqual(4);
    await analyst.delete('/api/definitions/drafts/entity/product').expect(204);
  });
});

describe('solution export and import', () => {
  it('moves the values of a renamed field into the new field, refusing a move that would not fit', async () => {
    const rep = await t.agent('rep');
    const sheet = (n: number) => `https://example.com/sheets/${n}.pdf`;
    const moved = [
      await createRecord(
        rep,
        'product',
        productData({ code: 'MOV-001', datasheet_url: sheet(1), category: 'hardware' }),
      ),
      await createRecord(
        rep,
        'product',
        productData({ code: 'MOV-002', datasheet_url: sheet(2), category: 'service' }),
      ),
    ];
    const product = await publishedEntity('product');
    const renamed = {
      ...product,
      fields: [
        ...product.fields.filter((f) => f.key !== 'datasheet_url' && f.key !== 'category'),
        { key: 'spec_sheet_url', label: 'Spec sheet', type: 'url' },
        { key: 'notes', label: 'Notes', type: 'text' },
        {
          key: 'product_type',
          label: 'Product type',
          type: 'enum',
          options: [
            { value: 'software', label: 'Software' },
            { value: 'hardware', label: 'Hardware' },
          ],
        },
      ],
    };
    await analyst.put('/api/definitions/drafts/entity/product').send(renamed).expect(200);
    const form = (await analyst.get('/api/definitions/form/product_main').expect(200)).body.content as {
      sections: { fields: { field: string }[] }[];
    };
    const rename: Record<string, string> = { datasheet_url: 'spec_sheet_url', category: 'product_type' };
    await analyst
      .put('/api/definitions/drafts/form/product_main')
      .send({
        ...form,
        sections: form.sections.map((section) => ({
          ...section,
          fields: section.fields.map((f) => ({ ...f, field: rename[f.field] ?? f.field })),
        })),
      })
      .expect(200);
    const items = [
      { kind: 'entity', key: 'product' },
      { kind: 'form', key: 'product_main' },
    ];
    const publish = (migration: unknown) =>
      analyst.post('/api/definitions/publish').send({ items, migration });

    // Values the new field does not accept ("service" is no option of it), and a wrong type.
    const refused = await publish({
      datasheet_url: { moveTo: 'notes' },
      category: { moveTo: 'product_type' },
    }).expect(409);
    expect(refused.body.errors).toEqual([
      expect.objectContaining({
        field: 'category',
        rule: 'migration',
        message: expect.stringMatching(
          /^1 of the values of Category are not valid for Product type \(for example "service"\)/,
        ),
      }),
      expect.objectContaining({
        field: 'datasheet_url',
        rule: 'migration',
        message: 'Datasheet (url) cannot move into Notes (text): the types differ.',
      }),
    ]);
    const into = (target: string) => ({ moveTo: target });
    await publish({ datasheet_url: into('name'), category: 'clear' }).expect(409);
    const bad = await publish({ datasheet_url: { moveTo: 'Not A Key' } }).expect(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'datasheet_url', rule: 'migration' })]);
    // Nothing was half-written by the refused attempts.
    expect((await rep.get(`/api/records/product/${moved[0]?.id}`).expect(200)).body.data).toMatchObject({
      datasheet_url: sheet(1),
      category: 'hardware',
    });

    const accepted = await publish({ datasheet_url: into('spec_sheet_url'), category: 'clear' }).expect(200);
    expect(accepted.body.items[0].migrated).toEqual([
      { field: 'category', action: 'clear', records: 2 },
      { field: 'datasheet_url', action: 'move', records: 2, to: 'spec_sheet_url' },
    ]);
    for (const [i, record] of moved.entries()) {
      const after = (await rep.get(`/api/records/product/${record.id}`).expect(200)).body;
      expect(after.data.spec_sheet_url).toBe(sheet(i + 1));
      expect(after.data).not.toHaveProperty('datasheet_url');
      expect(after.data).not.toHaveProperty('category');
      // A client still holding the old version gets a conflict instead of writing the old key back.
      expect(after.version).toBeGreaterThan(record.version);
    }
  });

  it('exports one JSON file that re-imports without new versions, and imports changes atomically', async () => {
    const exported = await analyst.get('/api/solution/export').expect(200);
    expect(exported.headers['content-disposition']).toMatch(/attachment/);
    const solution = exported.body;
    expect(solution.entities.map((e: Entity) => e.key)).toEqual(
      expect.arrayContaining(['account', 'deal', 'product']),
    );

    const again = await analyst.post('/api/solution/import').send(solution).expect(200);
    expect(again.body.items.every((i: { created: boolean }) => !i.created)).toBe(true);

    const changed = structuredClone(solution);
    const deal = changed.entities.find((e: Entity) => e.key === 'deal');
    deal.label = 'Opportunity';
    const imported = await analyst.post('/api/solution/import').send(changed).expect(200);
    expect(imported.body.items.filter((i: { created: boolean }) => i.created)).toEqual([
      expect.objectContaining({ kind: 'entity', key: 'deal', version: 2 }),
    ]);

    const invalid = structuredClone(solution);
    invalid.entities.find((e: Entity) => e.key === 'account').label = 'Renamed';
    invalid.processes[0].nodes = [];
    const refused = await analyst.post('/api/solution/import').send(invalid);
    expect(refused.status).toBe(422);
    expect(refused.body.errors.length).toBeGreaterThan(0);
    expect((await publishedEntity('account')).label).toBe('Account');
  });
});
