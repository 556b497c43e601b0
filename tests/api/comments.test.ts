// Comments on records against real PostgreSQL: whoever sees the record reads and adds comments,
// nobody else learns it exists; plain text, length-limited, audited.
import { accountData, createRecord } from '../support/fixtures';
import { queryDatabase } from '../support/test-database';
import { createTestPlatform, type Agent, type TestPlatform } from '../support/test-platform';

let t: TestPlatform;
let rep: Agent;
let recordId: string;
const path = () => `/api/records/account/${recordId}/comments`;

beforeAll(async () => {
  t = await createTestPlatform();
  rep = await t.agent('rep');
  recordId = (await createRecord(rep, 'account', accountData({ name: 'Comment GmbH' }))).id;
});
afterAll(async () => {
  await t?.close();
});

describe('record comments', () => {
  it('adds comments by the owner and the manager, lists them newest first, audits each', async () => {
    const first = await rep.post(path()).send({ body: '  Buyer asked for a call on Monday.  ' }).expect(201);
    expect(first.body).toMatchObject({
      recordId,
      body: 'Buyer asked for a call on Monday.',
      author: { id: t.users.rep.id, name: 'rep' },
    });
    const manager = await t.agent('manager');
    await manager.post(path()).send({ body: 'Offer them the pilot <b>price</b>.' }).expect(201);

    const list = await rep.get(path()).expect(200);
    expect(list.body.items.map((c: { body: string }) => c.body)).toEqual([
      'Offer them the pilot <b>price</b>.', // plain text: stored as typed, escaped by whoever renders it
      'Buyer asked for a call on Monday.',
    ]);
    expect(list.body.items[0].author.name).toBe('manager');

    const audit = await queryDatabase<{ action: string; actor_id: string }>(
      t.database.url,
      `SELECT action, actor_id FROM audit_log WHERE subject_type = 'record' AND subject_id = $1 AND action = 'comment.add' ORDER BY id`,
      [recordId],
    );
    expect(audit.map((a) => a.actor_id)).toEqual([t.users.rep.id, t.users.manager.id]);
  });

  it('answers 404 to users who may not see the record and to malformed ids, 403 without records.read', async () => {
    const otherRep = await t.agent('otherRep');
    await otherRep.get(path()).expect(404);
    const refused = await otherRep.post(path()).send({ body: 'Let me in' });
    expect(refused.status).toBe(404);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    await rep.get('/api/records/account/not-a-uuid/comments').expect(404);
    // The record exists, but under another entity key: still nothing to see.
    await rep.get(`/api/records/deal/${recordId}/comments`).expect(404);
    const analyst = await t.agent('analyst');
    await analyst.post(path()).send({ body: 'Hello' }).expect(403);
  });

  it('names the field and rule of an empty, too long or malformed comment', async () => {
    const cases: [unknown, number, string][] = [
      [{ body: '   ' }, 422, 'required'],
      [{ body: 'x'.repeat(4001) }, 422, 'maxLength'],
      [{ body: 'a\u0000b' }, 422, 'format'],
      [{ body: 42 }, 400, 'type'],
      [{ body: 'ok', authorId: t.users.manager.id }, 400, 'unknownProperty'],
    ];
    for (const [body, status, rule] of cases) {
      const res = await rep.post(path()).send(body as object);
      expect({ status: res.status, rule: res.body.errors?.[0]?.rule }).toEqual({ status, rule });
    }
    await rep
      .post(path())
      .send({ body: 'x'.repeat(4000) })
      .expect(201);
    const count = await queryDatabase<{ n: string }>(
      t.database.url,
      'SELECT count(*) AS n FROM record_comments WHERE author_id = $1 AND record_id = $2',
      [t.users.rep.id, recordId],
    );
    expect(count[0]?.n).toBe('2');
  });
});
