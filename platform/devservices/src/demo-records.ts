// Record data for the demo of the shipped B2B sales solution. Values are drawn from a seeded PRNG,
// and every record goes through the platform's services, so the solution's validation applies.
import { isoDate, type DemoRandom } from './demo-random';

type Data = Record<string, unknown>;

const COMPANY_WORDS = [
  'Nordic',
  'Alpine',
  'Baltic',
  'Rhine',
  'Atlas',
  'Vertex',
  'Summit',
  'Harbor',
  'Orbit',
  'Cobalt',
];
const COMPANY_KINDS = [
  'Logistics',
  'Trading',
  'Systems',
  'Supplies',
  'Industries',
  'Retail',
  'Group',
  'Works',
];
const COMPANY_FORMS = ['GmbH', 'AG', 'Ltd', 'BV', 'SE', 'Inc'];
const CITIES: readonly (readonly [string, string, string])[] = [
  ['Hamburg', 'Germany', 'DE'],
  ['Munich', 'Germany', 'DE'],
  ['Vienna', 'Austria', 'AT'],
  ['Zurich', 'Switzerland', 'CH'],
  ['Rotterdam', 'Netherlands', 'NL'],
  ['Lyon', 'France', 'FR'],
  ['Milan', 'Italy', 'IT'],
  ['Copenhagen', 'Denmark', 'DK'],
];
const INDUSTRIES = [
  'manufacturing',
  'wholesale',
  'retail',
  'construction',
  'healthcare',
  'it_services',
  'logistics',
];
const FIRST_NAMES = [
  'Anna',
  'Ben',
  'Clara',
  'David',
  'Eva',
  'Felix',
  'Greta',
  'Hugo',
  'Ida',
  'Jonas',
  'Lena',
  'Max',
];
const LAST_NAMES = [
  'Berg',
  'Fischer',
  'Hansen',
  'Keller',
  'Lang',
  'Meyer',
  'Novak',
  'Olsen',
  'Richter',
  'Weber',
];
const POSITIONS: readonly (readonly [string, string])[] = [
  ['Managing Director', 'management'],
  ['Head of Purchasing', 'purchasing'],
  ['Buyer', 'purchasing'],
  ['IT Manager', 'it'],
  ['CFO', 'finance'],
  ['Operations Lead', 'operations'],
];
const PRODUCTS = [
  'warehouse suite',
  'POS rollout',
  'scanner fleet',
  'ERP connector',
  'service contract',
  'label printing',
];

export type Segment = 'distributor' | 'corporate' | 'small_business';

export interface DemoAccount {
  data: Data;
  segment: Segment;
  ownerIndex: number;
}

const euros = (amount: number): Data => ({ amount, currency: 'EUR' });

function segmentParameters(random: DemoRandom, segment: Segment): Data {
  switch (segment) {
    case 'distributor':
      return {
        annual_turnover: euros(random.int(5, 400) * 100_000),
        sales_reps_count: random.int(3, 80),
        clients_count: random.int(50, 2_000),
        warehouse_area: random.int(5, 200) * 100,
      };
    case 'corporate':
      return {
        annual_turnover: euros(random.int(20, 900) * 1_000_000),
        corporate_employees: random.int(200, 8_000),
        offices_count: random.int(1, 40),
        equipment_in_use: random.some(
          ['erp', 'crm', 'warehouse_scanners', 'pos_terminals', 'label_printers'],
          2,
        ),
      };
    case 'small_business':
      return {
        annual_turnover: euros(random.int(2, 80) * 100_000),
        small_business_employees: random.int(3, 240),
        annual_revenue: euros(random.int(2, 80) * 100_000),
      };
    default:
      throw new Error(`Unknown segment ${String(segment satisfies never)}`);
  }
}

export function demoAccount(random: DemoRandom, index: number, ownerCount: number, today: Date): DemoAccount {
  const segment = random.weighted<Segment>([
    ['distributor', 2],
    ['corporate', 1],
    ['small_business', 2],
  ]);
  const [city, country, countryCode] = random.pick(CITIES);
  const name = `${random.pick(COMPANY_WORDS)} ${random.pick(COMPANY_KINDS)} ${random.pick(COMPANY_FORMS)}`;
  const customer = random.chance(0.4);
  const domain = `${name
    .toLowerCase()
    .replace(/[^a-z]+/g, '-')
    .replace(/-+$/, '')}-${index + 1}.example`;
  return {
    segment,
    ownerIndex: index % ownerCount,
    data: {
      // The index keeps names and VAT ids unique even when the word draw repeats.
      name: `${name} (${city} ${index + 1})`,
      vat_id: `${countryCode}${String(100_000_000 + index * 7_919).slice(0, 9)}`,
      type: 'client',
      industry: random.pick(INDUSTRIES),
      lifecycle: customer ? 'customer' : random.pick(['prospect', 'qualified', 'opportunity']),
      customer_status: customer ? 'customer' : 'prospect',
      segment,
      ...segmentParameters(random, segment),
      financial_rating: random.pick(['excellent', 'good', 'good', 'watch']),
      website: `https://www.${domain}`,
      email: `info@${domain}`,
      phone: `+49 40 ${random.int(1_000_000, 9_999_999)}`,
      city,
      country,
      ...(customer ? { customer_since: isoDate(today, -random.int(60, 3_000)) } : {}),
    },
  };
}

export function demoContact(random: DemoRandom, accountId: string, accountIndex: number, n: number): Data {
  const firstName = random.pick(FIRST_NAMES);
  const lastName = random.pick(LAST_NAMES);
  const [position, department] = random.pick(POSITIONS);
  return {
    salutation: random.pick(['ms', 'mr', 'dr']),
    first_name: firstName,
    last_name: lastName,
    email: `${firstName}.${lastName}.${accountIndex + 1}-${n + 1}@customer.example`.toLowerCase(),
    phone: `+49 30 ${random.int(1_000_000, 9_999_999)}`,
    position,
    department,
    account: accountId,
    decision_maker: n === 0,
    preferred_channel: random.pick(['mail', 'phone', 'meeting']),
  };
}

/** The product catalogue deals recommend from: one product per product line of the deal names. */
export function demoProducts(random: DemoRandom): Data[] {
  const categories = ['software', 'hardware', 'hardware', 'software', 'service', 'hardware'];
  return PRODUCTS.map((product, index) => ({
    name: product.replace(/^./, (first) => first.toUpperCase()),
    code: `${product
      .replace(/[^A-Za-z]/g, '')
      .slice(0, 3)
      .toUpperCase()}-${1_001 + index}`,
    price: euros(random.int(2, 120) * 500),
    segments: random.some(['distributor', 'corporate', 'small_business'], random.int(1, 3)),
    category: categories[index % categories.length],
    active: true,
  }));
}

export function demoDeal(
  random: DemoRandom,
  account: { id: string; name: string },
  contactId: string | undefined,
  index: number,
  today: Date,
): Data {
  const amount = random.int(5, 500) * 1_000;
  return {
    name: `${account.name.split(' (')[0]} – ${random.pick(PRODUCTS)} #${index + 1}`,
    account: account.id,
    ...(contactId === undefined ? {} : { contact: contactId }),
    amount: euros(amount),
    discount: random.weighted([
      [0, 5],
      [5, 3],
      [10, 2],
      [15, 1],
      [25, 1],
    ]),
    budget: euros(Math.round(amount * (0.8 + random.next() * 0.6))),
    expected_close_date: isoDate(today, random.int(-30, 180)),
    source_channel: random.pick([
      'website',
      'inbound_call',
      'referral',
      'trade_fair',
      'campaign',
      'cold_call',
    ]),
    timeline: random.pick(['immediate', 'this_quarter', 'next_quarter', 'this_year', 'later']),
    next_step: random.pick([
      'Call back the buyer',
      'Send the proposal',
      'Book an on-site demo',
      'Clarify the budget',
    ]),
  };
}

const ACTIVITY_TOPICS = [
  'first_contact',
  'qualification',
  'needs_analysis',
  'presentation',
  'proposal',
  'negotiation',
];
const ACTIVITY_RESULTS = [
  'contact_established',
  'needs_identified',
  'meeting_scheduled',
  'proposal_requested',
  'reply_received',
  'no_answer',
  'callback_requested',
];

export interface DemoActivity {
  type: string;
  topic: string;
  result: string;
  notes: string;
  occurredAt: string;
}

export function demoActivity(random: DemoRandom, today: Date): DemoActivity {
  const type = random.weighted([
    ['call', 5],
    ['meeting', 2],
    ['mail', 4],
  ] as const);
  const topic = random.pick(ACTIVITY_TOPICS);
  const at = new Date(today.getTime() - random.int(1, 90 * 24) * 3_600_000);
  at.setUTCMinutes(random.pick([0, 15, 30, 45]), 0, 0);
  const label = type === 'mail' ? 'Mail' : type === 'call' ? 'Call' : 'Meeting';
  return {
    type,
    topic,
    result: random.pick(ACTIVITY_RESULTS),
    notes: `${label} about ${topic.replaceAll('_', ' ')}.`,
    occurredAt: at.toISOString(),
  };
}
