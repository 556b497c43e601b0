import type { EntityDefinition } from '@crm/definitions';
import type { EnterStageInput } from '@crm/api';
import {
  pipelineFor,
  planDealWalk,
  walkRecord,
  walkRecordThroughProcess,
  type PipelineWalker,
} from './demo-pipeline';
import { DemoRandom } from './demo-random';
import { demoAccount, demoActivity, demoContact, demoDeal, demoProducts } from './demo-records';

/** What the seed needs from the platform's services; the real ones validate every write. */
export interface DemoServices<TActor> {
  /** The door to running processes, when the engine runs (`npm start`); absent in seed-only tests. */
  processGateway?: {
    move(
      actor: TActor,
      key: { processKey: string; recordId: string },
      request: { target: string },
    ): Promise<unknown>;
  };
  users: {
    create(input: {
      email: string;
      name: string;
      password: string;
      role: string;
      managerId?: string | null;
    }): Promise<{
      id: string;
    }>;
    findByEmail(email: string): Promise<{ id: string } | undefined>;
    actorFor(id: string): Promise<TActor | undefined>;
  };
  records: {
    create(
      actor: TActor,
      entityKey: string,
      input: Record<string, unknown>,
      options?: { ownerId?: string },
    ): Promise<{ id: string; data: Record<string, unknown> }>;
    update(
      actor: TActor,
      entityKey: string,
      id: string,
      patch: Record<string, unknown>,
    ): Promise<{ data: Record<string, unknown> }>;
    list(
      actor: TActor,
      entityKey: string,
      query: { filters: []; limit: number },
    ): Promise<{ items: unknown[] }>;
  };
  activities: {
    log(
      actor: TActor,
      recordId: string,
      activity: { type: string; topic?: string; result?: string; notes?: string; occurredAt?: string },
    ): Promise<unknown>;
  };
  definitions: {
    latestAll(
      kind: 'entity' | 'process',
    ): Promise<{ key: string; version: number; content: Record<string, unknown> }[]>;
  };
  /** The stage mirror the process writes through: the only way a record gets a stage. */
  processState: {
    enterStage(input: EnterStageInput): Promise<unknown>;
    /** Dates a record's stays as planned (see the API's stage mirror); false until they all exist. */
    backdateStays?(recordId: string, processKey: string, times: readonly Date[]): Promise<boolean>;
  };
}

export interface DemoUser {
  email: string;
  name: string;
  role: string;
  /** Email of the user's manager. */
  manager?: string;
}

/** Every role, with a hierarchy: director ← two managers ← two reps each. */
export const DEMO_USERS: readonly DemoUser[] = [
  { email: 'admin@example.com', name: 'Ada Admin', role: 'admin' },
  { email: 'analyst@example.com', name: 'Alan Analyst', role: 'analyst' },
  { email: 'director@example.com', name: 'Diana Director', role: 'director' },
  {
    email: 'manager.north@example.com',
    name: 'Martin North',
    role: 'manager',
    manager: 'director@example.com',
  },
  {
    email: 'manager.south@example.com',
    name: 'Maria South',
    role: 'manager',
    manager: 'director@example.com',
  },
  { email: 'rep1@example.com', name: 'Rachel Reed', role: 'rep', manager: 'manager.north@example.com' },
  { email: 'rep2@example.com', name: 'Robert Rowe', role: 'rep', manager: 'manager.north@example.com' },
  { email: 'rep3@example.com', name: 'Rita Ross', role: 'rep', manager: 'manager.south@example.com' },
  { email: 'rep4@example.com', name: 'Ron Rivers', role: 'rep', manager: 'manager.south@example.com' },
];

export interface DemoUsers {
  /** True when this call created them; false when they existed already. */
  created: boolean;
  /** User id by email. */
  ids: Map<string, string>;
}

/** Creates the demo users unless the demo admin exists already (then returns their ids). */
export async function seedDemoUsers<TActor>(
  services: DemoServices<TActor>,
  password: string,
): Promise<DemoUsers> {
  const ids = new Map<string, string>();
  const existing = await Promise.all(DEMO_USERS.map((user) => services.users.findByEmail(user.email)));
  if (existing[0] !== undefined) {
    DEMO_USERS.forEach((user, index) => {
      const found = existing[index];
      if (found !== undefined) ids.set(user.email, found.id);
    });
    return { created: false, ids };
  }
  for (const user of DEMO_USERS) {
    const managerId = user.manager === undefined ? null : ids.get(user.manager);
    if (managerId === undefined)
      throw new Error(`Demo user ${user.email} lists its manager before the manager`);
    const created = await services.users.create({ ...user, password, managerId });
    ids.set(user.email, created.id);
  }
  return { created: true, ids };
}

export async function demoAdmin<TActor>(services: DemoServices<TActor>, users: DemoUsers): Promise<TActor> {
  const adminEmail = DEMO_USERS.find((user) => user.role === 'admin')?.email ?? '';
  const adminId = users.ids.get(adminEmail);
  const admin = adminId === undefined ? undefined : await services.users.actorFor(adminId);
  if (admin === undefined) throw new Error(`The demo admin ${adminEmail} is missing or inactive`);
  return admin;
}

export interface DemoRecordsOptions {
  seed?: number;
  accounts?: number;
  deals?: number;
  /** Dates are spread around this day. */
  today?: Date;
  log?: (message: string) => void;
}

export interface DemoRecordsResult {
  accounts: number;
  contacts: number;
  products: number;
  deals: number;
  activities: number;
  /** Stage entries recorded while walking the deals through their process. */
  stageEntries: number;
}

/**
 * Seeds accounts (across segments, with their segment parameters), contacts, deals and their
 * logged activities. The admin creates the records on behalf of their owners (the reps), so ownership and
 * team visibility look like real use.
 */
export async function seedDemoRecords<TActor>(
  services: DemoServices<TActor>,
  users: DemoUsers,
  options: DemoRecordsOptions = {},
): Promise<DemoRecordsResult> {
  const log = options.log ?? (() => undefined);
  const random = new DemoRandom(options.seed ?? 20_261_122);
  const today = options.today ?? new Date();
  const admin = await demoAdmin(services, users);
  const reps = DEMO_USERS.filter((user) => user.role === 'rep').map(
    (user) => users.ids.get(user.email) ?? '',
  );
  const repActors = new Map<string, TActor>();
  for (const repId of reps) {
    const actor = await services.users.actorFor(repId);
    if (actor === undefined) throw new Error(`Demo rep ${repId} cannot act`);
    repActors.set(repId, actor);
  }
  const create = (entity: string, data: Record<string, unknown>, ownerId: string) =>
    services.records.create(admin, entity, data, { ownerId });

  log('Seeding demo accounts and contacts…');
  const accounts: { id: string; name: string; ownerId: string; contacts: string[] }[] = [];
  let contacts = 0;
  for (let index = 0; index < (options.accounts ?? 50); index += 1) {
    const account = demoAccount(random, index, reps.length, today);
    const ownerId = reps[account.ownerIndex] ?? '';
    const { id } = await create('account', { ...account.data, key_account_manager: ownerId }, ownerId);
    const contactIds: string[] = [];
    const contactCount = random.int(1, 3);
    for (let n = 0; n < contactCount; n += 1) {
      contactIds.push((await create('contact', demoContact(random, id, index, n), ownerId)).id);
    }
    contacts += contactIds.length;
    accounts.push({ id, name: String(account.data.name), ownerId, contacts: contactIds });
  }

  log('Seeding demo products…');
  const products: string[] = [];
  for (const product of demoProducts(random))
    products.push((await create('product', product, demoAdminId(users))).id);

  const walker = await dealPipeline(services);
  log(
    walker === undefined
      ? 'Seeding demo deals and activities (no published process on deals: they stay without a stage)…'
      : `Seeding demo deals and activities, walked through the stages of "${walker.process.key}"…`,
  );
  // A stream of its own, so the walk does not shift the values of the records drawn above.
  const stageRandom = new DemoRandom((options.seed ?? 20_261_122) + 1);
  const references = new Map<string, readonly string[]>([
    ['account', accounts.map((account) => account.id)],
    ['contact', accounts.flatMap((account) => account.contacts)],
    ['product', products],
  ]);
  let activities = 0;
  let stageEntries = 0;
  const dealCount = options.deals ?? 200;
  /** Deals walked through the live engine today, with the dates their plan gives each stay. */
  const livePlans: { id: string; times: Date[] }[] = [];
  for (let index = 0; index < dealCount; index += 1) {
    const account = random.pick(accounts);
    const contactId = account.contacts.length === 0 ? undefined : random.pick(account.contacts);
    const deal = await create('deal', demoDeal(random, account, contactId, index, today), account.ownerId);
    const gateway = services.processGateway;
    if (walker !== undefined && gateway !== undefined) {
      // The engine runs: the deal's process started on create; move it as its owner would.
      const plan = planDealWalk(stageRandom, walker.path, today);
      const owner = repActors.get(account.ownerId) ?? admin;
      const entered = await walkRecordThroughProcess(
        stageRandom,
        walker,
        { id: deal.id, data: deal.data, ownerId: account.ownerId },
        plan,
        { references },
        {
          update: (patch) => services.records.update(admin, 'deal', deal.id, patch),
          move: async (target) => {
            await gateway.move(owner, { processKey: walker.process.key, recordId: deal.id }, { target });
          },
          log: (message) => console.warn(`[demo] ${message}`),
        },
      );
      stageEntries += entered;
      livePlans.push({ id: deal.id, times: plan.steps.slice(0, entered).map((step) => step.at) });
    } else if (walker !== undefined) {
      // No engine (tests of the seed alone): record a back-dated history through the stage mirror.
      const plan = planDealWalk(stageRandom, walker.path, today);
      await walkRecord(
        stageRandom,
        walker,
        { id: deal.id, data: deal.data, ownerId: account.ownerId },
        plan,
        { references },
        {
          update: (patch) => services.records.update(admin, 'deal', deal.id, patch),
          enterStage: (input) => services.processState.enterStage(input),
        },
      );
      stageEntries += plan.steps.length;
    }
    const activityCount = random.int(0, 3);
    const owner = repActors.get(account.ownerId) ?? admin;
    for (let n = 0; n < activityCount; n += 1) {
      // Logged by the deal's owner: the activity log is the timeline the processes react to.
      await services.activities.log(owner, deal.id, demoActivity(random, today));
      activities += 1;
    }
  }
  if (walker !== undefined && livePlans.length > 0)
    await backdateLiveStays(services, walker.process.key, livePlans, log);
  return {
    accounts: accounts.length,
    contacts,
    products: products.length,
    deals: dealCount,
    activities,
    stageEntries,
  };
}

/**
 * The live engine walked the demo deals today; their stays get the planned dates of the last six
 * months, so that the funnel's history (conversion, time in stage) has a past on first start. The
 * stage mirror writes behind the moves, so each deal is retried until all its stays exist.
 */
async function backdateLiveStays<TActor>(
  services: DemoServices<TActor>,
  processKey: string,
  plans: readonly { id: string; times: Date[] }[],
  log: (message: string) => void,
): Promise<void> {
  const backdate = services.processState.backdateStays;
  if (backdate === undefined) return;
  const tryDates = (plan: { id: string; times: Date[] }, count = plan.times.length) =>
    backdate.call(services.processState, plan.id, processKey, plan.times.slice(0, count));
  let pending = [...plans];
  const deadline = Date.now() + 30_000;
  while (pending.length > 0 && Date.now() < deadline) {
    const left: typeof pending = [];
    for (const plan of pending) if (!(await tryDates(plan))) left.push(plan);
    pending = left;
    if (pending.length > 0) await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  // A deal that waits in an approval never got the stage its last move asked for: date the stays
  // it has.
  let partial = 0;
  for (const plan of pending)
    for (let count = plan.times.length - 1; count > 0; count -= 1)
      if (await tryDates(plan, count)) {
        partial += 1;
        break;
      }
  log(
    `Dated the demo deals' stage history over the last six months (${plans.length} deals` +
      (partial > 0 ? `, ${partial} of them up to the approval they wait in)` : ')'),
  );
}

/** The catalogue belongs to the admin; deals of every rep refer to it. */
function demoAdminId(users: DemoUsers): string {
  return users.ids.get(DEMO_USERS.find((user) => user.role === 'admin')?.email ?? '') ?? '';
}

/** The published process of the deal entity and the entity itself, when both are published. */
async function dealPipeline<TActor>(services: DemoServices<TActor>): Promise<PipelineWalker | undefined> {
  const entity = (await services.definitions.latestAll('entity')).find((version) => version.key === 'deal');
  if (entity === undefined) return undefined;
  return pipelineFor(
    'deal',
    await services.definitions.latestAll('process'),
    entity.content as unknown as EntityDefinition,
  );
}
