import { createRecord, productData } from '../support/fixtures';
import { createTestPlatform, type Agent, type TestPlatform } from '../support/test-platform';

let t: TestPlatform;
let rep: Agent;

const PRODUCTS = [
  {
    name: 'Alpha Router',
    code: 'LST-001',
    price: { amount: 100, currency: 'EUR' },
    segments: ['distributor'],
    category: 'hardware',
  },
  {
    name: 'Beta Switch',
    code: 'LST-002',
    price: { amount: 250, currency: 'EUR' },
    segments: ['corporate'],
    category: 'hardware',
  },
  {
    name: 'Gamma Suite',
    code: 'LST-003',
    price: { amount: 300, currency: 'USD' },
    segments: ['distributor', 'corporate'],
    category: 'software',
  },
  {
    name: 'Delta Support',
    code: 'LST-004',
    price: { amount: 1200, currency: 'EUR' },
    segments: ['small_business'],
    category: 'service',
  },
  {
    name: 'Epsilon Cloud',
    code: 'LST-005',
    price: { amount: 900, currency: 'EUR' },
    category: 'subscription',
    max_discount: 15,
  },
  {
    name: 'Zeta Router Pro',
    code: 'LST-006',
    price: { amount: 300, currency: 'EUR' },
    segments: ['distributor'],
    category: 'hardware',
  },
];

const codes = (body: { items: { data: { code: string } }[] }) => body.items.map((r) => r.data.code);

beforeAll(async () => {
  t = await createTestPlatform();
  rep = await t.agent('rep');
  for (const p of PRODUCTS) await createRecord(rep, 'product', productData(p));
  // invisible to the rep: must never show up in the rep's lists
  await createRecord(
    await t.agent('otherRep'),
    'product',
    productData({ name: 'Hidden Router', code: 'LST-999', price: { amount: 500, currency: 'EUR' } }),
  );
});
afterAll(async () => {
  await t?.close();
});

describe('filters', () => {
  it.each([
    ['filter[price][gte]=300', ['LST-003', 'LST-004', 'LST-005', 'LST-006']],
    ['filter[price][lt]=300', ['LST-001', 'LST-002']],
    ['filter[price][eq]=300', ['LST-003', 'LST-006']],
    ['filter[price][ne]=300', ['LST-001', 'LST-002', 'LST-004', 'LST-005']],
    ['filter[price][in]=100,1200', ['LST-001', 'LST-004']],
    ['filter[category]=hardware', ['LST-001', 'LST-002', 'LST-006']],
    ['filter[category][in]=service,subscription', ['LST-004', 'LST-005']],
    ['filter[name][contains]=router', ['LST-001', 'LST-006']],
    ['filter[segments][contains]=distributor', ['LST-001', 'LST-003', 'LST-006']],
    ['filter[max_discount][isSet]=true', ['LST-005']],
    ['filter[segments][isSet]=false', ['LST-005']],
    ['filter[category]=hardware&filter[price][gt]=150', ['LST-002', 'LST-006']],
    ['filter[ownerId]=REP', ['LST-001', 'LST-002', 'LST-003', 'LST-004', 'LST-005', 'LST-006']],
  ])('%s', async (query, expected) => {
    const res = await rep
      .get(`/api/records/product?${query.replace('REP', t.users.rep.id)}&sort=code`)
      .expect(200);
    expect(codes(res.body)).toEqual(expected);
  });

  it.each([
    ['filter[nope]=1', 400],
    ['filter[price][gte]=abc', 400],
    ['filter[price][between]=1', 400],
    ['sort=nope', 400],
    ['limit=0', 400],
    ['limit=100000', 400],
    ['cursor=garbage', 400],
    ['unknown=1', 400],
  ])('rejects %s with a problem', async (query, status) => {
    const res = await rep.get(`/api/records/product?${query}`);
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });
});

describe('sort and keyset pagination', () => {
  it('sorts on any field, descending with "-"', async () => {
    const res = await rep.get('/api/records/product?sort=-price').expect(200);
    const prices = res.body.items.map((r: { data: { price: { amount: number } } }) => r.data.price.amount);
    expect(prices).toEqual([1200, 900, 300, 300, 250, 100]);
  });

  it.each(['price', '-price', 'name', '-createdAt', 'max_discount'])(
    'pages through everything exactly once (sort=%s)',
    async (sort) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query: string = `/api/records/product?sort=${sort}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
        const res = await rep.get(query).expect(200);
        expect(res.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...codes(res.body));
        cursor = res.body.nextCursor;
        pages++;
      } while (cursor && pages < 10);
      expect(seen.sort()).toEqual(['LST-001', 'LST-002', 'LST-003', 'LST-004', 'LST-005', 'LST-006']);
      expect(pages).toBe(3);
    },
  );
});

describe('keyset pagination through ties and the NULL tail', () => {
  const pageThrough = async (sort: string, limit: number) => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `/api/records/product?sort=${sort}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await rep.get(query).expect(200);
      seen.push(...codes(res.body));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor && pages < 20);
    return seen;
  };

  it.each(['max_discount', '-max_discount', 'price', '-price', 'stage', '-ownerId', '-createdAt'])(
    'one-record pages give exactly the order of a single page (sort=%s)',
    async (sort) => {
      const whole = codes((await rep.get(`/api/records/product?sort=${sort}&limit=200`).expect(200)).body);
      expect(whole).toHaveLength(6);
      expect(await pageThrough(sort, 1)).toEqual(whole);
      expect(await pageThrough(sort, 4)).toEqual(whole);
    },
  );

  it('puts records without a value last in both directions', async () => {
    for (const sort of ['max_discount', '-max_discount']) {
      const whole = codes((await rep.get(`/api/records/product?sort=${sort}&limit=200`).expect(200)).body);
      expect(whole[0]).toBe('LST-005');
    }
  });

  it('orders ties by id in the sort direction', async () => {
    const res = await rep.get('/api/records/product?sort=-price&limit=200').expect(200);
    const tied = (res.body.items as { id: string; data: { price: { amount: number } } }[]).filter(
      (r) => r.data.price.amount === 300,
    );
    expect(tied.map((r) => r.id)).toEqual(
      tied
        .map((r) => r.id)
        .sort()
        .reverse(),
    );
  });

  it('answers 400 for a cursor whose value does not fit the sort', async () => {
    const cursor = Buffer.from(
      JSON.stringify({ v: 'not a number', id: '00000000-0000-4000-8000-000000000000' }),
    ).toString('base64url');
    await rep.get(`/api/records/product?sort=price&cursor=${cursor}`).expect(400);
  });
});

describe('text search', () => {
  it('finds records by text in their searchable fields', async () => {
    const res = await rep.get('/api/records/product?q=rout').expect(200);
    expect(codes(res.body).sort()).toEqual(['LST-001', 'LST-006']);
    const none = await rep.get('/api/records/product?q=%25').expect(200);
    expect(none.body.items).toHaveLength(0);
  });
});
