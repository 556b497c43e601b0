/** The part of an entity definition the benchmark needs: its fields and their types. */
export interface EntityShape {
  key: string;
  fields: { key: string; type: string }[];
}

/**
 * Field types whose values go into `records.search_text` (the trigram-indexed column), in the
 * order of the entity's fields, as the platform's records layer documents it. The benchmark checks
 * this against a row the API wrote before it relies on it.
 */
const SEARCHABLE = new Set(['text', 'longText', 'email', 'phone', 'url', 'enum']);
const KEY = /^[a-z][a-z0-9_]{0,62}$/;

export function searchTextOf(entity: EntityShape, data: Record<string, unknown>): string {
  return entity.fields
    .filter((f) => SEARCHABLE.has(f.type))
    .map((f) => data[f.key])
    .filter((v): v is string => typeof v === 'string')
    .join(' ')
    .slice(0, 10_000);
}

/** The same text computed in SQL from a jsonb column, for set-based seeding. */
export function searchTextSql(entity: EntityShape, column: string): string {
  const parts = entity.fields
    .filter((f) => SEARCHABLE.has(f.type))
    .map((f) => {
      if (!KEY.test(f.key)) throw new Error(`unexpected field key ${f.key}`);
      return `${column}->>'${f.key}'`;
    });
  return parts.length > 0 ? `left(concat_ws(' ', ${parts.join(', ')}), 10000)` : `''`;
}

export const CHANNELS = [
  'website',
  'referral',
  'campaign',
  'cold_call',
  'inbound_call',
  'trade_fair',
  'partner',
  'existing_customer',
];
const TIMELINES = ['immediate', 'this_quarter', 'next_quarter', 'this_year', 'later'];
export const COMPANY_WORDS = [
  'Nordwind', 'Alpenblick', 'Harbor', 'Brightline', 'Kestrel', 'Meridian', 'Solvay', 'Tidewater',
  'Oakridge', 'Bluefield', 'Ironbridge', 'Silverlake', 'Redwood', 'Falcon', 'Granite', 'Summit',
  'Lakeside', 'Pinecrest', 'Northgate', 'Eastwood', 'Westbrook', 'Stonehill', 'Riverside', 'Clearwater',
  'Highland', 'Maple', 'Cedar', 'Aurora', 'Vertex', 'Quantum', 'Helios', 'Orion',
  'Atlas', 'Zenith', 'Polaris', 'Sterling', 'Beacon', 'Horizon', 'Pioneer', 'Crescent',
]; // prettier-ignore
export const COMPANY_KINDS = [
  'Logistics', 'Retail', 'Foods', 'Pharma', 'Textiles', 'Machinery', 'Electronics', 'Hotels',
  'Builders', 'Motors', 'Media', 'Energy', 'Farms', 'Clinics', 'Software',
]; // prettier-ignore
const PAINS = [
  'Quotes take three days to prepare by hand',
  'Stock levels are tracked in spreadsheets',
  'Field sales cannot see open orders on the road',
  'Invoices are re-typed into the accounting system',
  'No overview of which leads came from which campaign',
  'Customer service answers the same questions by phone',
  'Warehouse picking errors cause returns',
  'Managers get pipeline numbers only at month end',
  'Discounts are approved by e-mail without a trail',
  'Contracts expire without anybody noticing',
  'Distributors order through five different channels',
  'Onboarding a new sales rep takes months',
]; // prettier-ignore

/** Input of the i-th deal created in the create phase: a realistic, valid deal payload. */
export function dealInput(i: number, accountIds: readonly string[]): Record<string, unknown> {
  const word = COMPANY_WORDS[i % COMPANY_WORDS.length] ?? 'Acme';
  const kind = COMPANY_KINDS[(i * 7) % COMPANY_KINDS.length] ?? 'Retail';
  const month = String(1 + (i % 12)).padStart(2, '0');
  const day = String(1 + (i % 28)).padStart(2, '0');
  return {
    name: `${word} ${kind} expansion ${i}`,
    account: accountIds[i % accountIds.length],
    amount: { amount: 1000 + ((i * 7919) % 90_000), currency: i % 7 === 0 ? 'USD' : 'EUR' },
    expected_close_date: `2026-${month}-${day}`,
    source_channel: CHANNELS[i % CHANNELS.length],
    timeline: TIMELINES[i % TIMELINES.length],
    decision_maker: 'Anna Berger, head of purchasing',
    pains: `${PAINS[i % PAINS.length]}. ${PAINS[(i * 5 + 3) % PAINS.length]}.`,
    next_step: 'Send the proposal and book a demo',
  };
}

/** A SQL text-array literal of constant words (quotes escaped; the words are this file's constants). */
export function sqlTextArray(values: readonly string[]): string {
  return `ARRAY[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ')}]`;
}

export const PAIN_PHRASES: readonly string[] = PAINS;
export const TIMELINE_VALUES: readonly string[] = TIMELINES;
