import { DemoRandom, isoDate } from './demo-random';
import { demoAccount, demoActivity, demoContact, demoDeal } from './demo-records';

const today = new Date('2026-11-22T12:00:00Z');

describe('DemoRandom', () => {
  it('yields the same sequence for the same seed and another for another seed', () => {
    const draw = (seed: number) => {
      const random = new DemoRandom(seed);
      return Array.from({ length: 5 }, () => random.next());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
    for (const value of draw(7)) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
    }
  });

  it('keeps int() within bounds and reaches both ends', () => {
    const random = new DemoRandom(1);
    const seen = new Set(Array.from({ length: 500 }, () => random.int(1, 3)));
    expect([...seen].sort()).toEqual([1, 2, 3]);
  });

  it('weights picks', () => {
    const random = new DemoRandom(3);
    const picks = Array.from({ length: 2000 }, () =>
      random.weighted([
        ['often', 9],
        ['rarely', 1],
      ] as const),
    );
    const often = picks.filter((pick) => pick === 'often').length;
    expect(often).toBeGreaterThan(1650);
    expect(often).toBeLessThan(1950);
  });

  it('shifts ISO dates by days', () => {
    expect(isoDate(today, 10)).toBe('2026-12-02');
    expect(isoDate(today, -22)).toBe('2026-10-31');
  });
});

describe('demo records', () => {
  it('gives every account the parameters its segment requires', () => {
    const random = new DemoRandom(5);
    const required: Record<string, string> = {
      distributor: 'annual_turnover',
      corporate: 'corporate_employees',
      small_business: 'small_business_employees',
    };
    const segments = new Set<string>();
    for (let index = 0; index < 50; index += 1) {
      const account = demoAccount(random, index, 4, today);
      segments.add(account.segment);
      expect(account.data.segment).toBe(account.segment);
      expect(account.data).toHaveProperty(required[account.segment] ?? 'missing');
      expect(account.data.vat_id).toMatch(/^[A-Z]{2}[0-9A-Z]{2,18}$/);
      expect(account.ownerIndex).toBe(index % 4);
    }
    expect([...segments].sort()).toEqual(['corporate', 'distributor', 'small_business']);
  });

  it('makes names, VAT ids and contact e-mails unique', () => {
    const random = new DemoRandom(9);
    const accounts = Array.from({ length: 50 }, (_, index) => demoAccount(random, index, 4, today));
    expect(new Set(accounts.map((account) => account.data.name)).size).toBe(50);
    expect(new Set(accounts.map((account) => account.data.vat_id)).size).toBe(50);
    const emails = accounts.flatMap((_, index) =>
      [0, 1, 2].map((n) => demoContact(random, 'id', index, n).email),
    );
    expect(new Set(emails).size).toBe(emails.length);
  });

  it('builds deals with money amounts in EUR and activities in the past', () => {
    const random = new DemoRandom(11);
    const deal = demoDeal(random, { id: 'a1', name: 'Atlas Group AG (Vienna 3)' }, 'c1', 0, today);
    expect(deal).toMatchObject({ account: 'a1', contact: 'c1', amount: { currency: 'EUR' } });
    expect(String(deal.name)).toMatch(/^Atlas Group AG – .+ #1$/);
    const activity = demoActivity(random, today);
    expect(Date.parse(activity.occurredAt)).toBeLessThan(today.getTime());
    expect(['call', 'meeting', 'mail']).toContain(activity.type);
  });
});
