import { queryDatabase } from '../support/test-database';
import { createTestPlatform, PASSWORD, type TestPlatform } from '../support/test-platform';

let t: TestPlatform;

beforeAll(async () => {
  t = await createTestPlatform({ importSolution: false, loginRateLimit: 3 });
});
afterAll(async () => {
  await t?.close();
});

describe('login and sessions', () => {
  it('signs in with the right password, sets an httpOnly SameSite=Lax cookie, and /me answers', async () => {
    const agent = t.anonymous();
    const login = await agent
      .post('/api/auth/login')
      .send({ email: t.users.rep.email, password: PASSWORD })
      .expect(200);
    const cookie = String(login.headers['set-cookie']);
    expect(cookie).toMatch(/crm\.sid=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const me = await agent.get('/api/auth/me').expect(200);
    expect(me.body.user.email).toBe(t.users.rep.email);
    expect(me.body.role).toBe('rep');
    expect(me.body.recordScope).toBe('own');
    const stored = await queryDatabase<{ n: string }>(
      t.database.url,
      'SELECT count(*)::text AS n FROM sessions',
    );
    expect(Number(stored[0]?.n)).toBeGreaterThan(0);
  });

  it('rejects a wrong password with a problem and no cookie', async () => {
    const res = await t
      .anonymous()
      .post('/api/auth/login')
      .send({ email: t.users.manager.email, password: 'wrong password' });
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 401, title: 'Unauthorized' });
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('rate-limits failed logins per IP and e-mail', async () => {
    const email = t.users.director.email;
    for (let i = 0; i < 3; i++)
      await t.anonymous().post('/api/auth/login').send({ email, password: 'nope' }).expect(401);
    const limited = await t.anonymous().post('/api/auth/login').send({ email, password: PASSWORD });
    expect(limited.status).toBe(429);
    // another e-mail from the same IP is not affected
    await t
      .anonymous()
      .post('/api/auth/login')
      .send({ email: t.users.analyst.email, password: PASSWORD })
      .expect(200);
  });

  it('logs out and the session no longer works', async () => {
    const agent = await t.agent('teamRep');
    await agent.get('/api/auth/me').expect(200);
    await agent.post('/api/auth/logout').expect(204);
    await agent.get('/api/auth/me').expect(401);
  });

  it('requires authentication on every /api route except login, health and openapi', async () => {
    const anon = t.anonymous();
    await anon.get('/api/health').expect(200);
    await anon.get('/api/openapi.json').expect(200);
    for (const path of [
      '/api/auth/me',
      '/api/records/account',
      '/api/definitions/drafts',
      '/api/solution/export',
      '/api/auth/tokens',
    ]) {
      const res = await anon.get(path);
      expect(res.status).toBe(401);
    }
  });

  it('sends security headers (helmet)', async () => {
    const res = await t.anonymous().get('/api/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBeDefined();
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});

describe('bearer tokens', () => {
  it('creates a token shown once, stores only its hash, authenticates with it, and revokes it', async () => {
    const agent = await t.agent('admin');
    const created = await agent.post('/api/auth/tokens').send({ name: 'integration' }).expect(201);
    const token: string = created.body.token;
    expect(token).toMatch(/^crm_/);
    const rows = await queryDatabase<{ token_hash: string }>(
      t.database.url,
      'SELECT token_hash FROM api_tokens',
    );
    expect(rows.map((r) => r.token_hash)).not.toContain(token);
    expect(rows[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);

    const me = await t.anonymous().get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(200);
    expect(me.body.user.email).toBe(t.users.admin.email);
    const list = await agent.get('/api/auth/tokens').expect(200);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0].token).toBeUndefined();

    await agent.delete(`/api/auth/tokens/${created.body.id}`).expect(204);
    await t.anonymous().get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(401);
  });

  it('rejects an unknown bearer token', async () => {
    await t.anonymous().get('/api/auth/me').set('Authorization', 'Bearer crm_nope').expect(401);
  });
});

describe('hostile bodies are 4xx, never 5xx', () => {
  it.each([
    ['malformed JSON', '{"email": ', 400],
    ['a JSON array', '[1,2,3]', 400],
    ['a __proto__ key', '{"email":"a@b.c","password":"x","__proto__":{"admin":true}}', 400],
    ['deep nesting', '['.repeat(5000) + ']'.repeat(5000), 400],
    ['a huge body', JSON.stringify({ email: 'x'.repeat(2 * 1024 * 1024), password: 'y' }), 413],
  ])('%s', async (_name, body, status) => {
    const res = await t
      .anonymous()
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .send(body);
    expect(res.status).toBe(status);
    expect(res.body.status).toBe(status);
  });

  it('wrong types in a login body', async () => {
    const res = await t
      .anonymous()
      .post('/api/auth/login')
      .send({ email: 42, password: ['x'] });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['email', 'password']);
  });
});
