import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { loadSolutionFromDirectory } from '@crm/definitions/node';
import { queryDatabase } from '../support/test-database';
import { B2B_DIR, PASSWORD, type Agent, type TestPlatform, type UserName } from '../support/test-platform';
import { ProcessFixtures } from './matrix-fixtures';
import type { Ownership, Principal, PrincipalName } from './matrix-principals';
import type { CaseContext, Expected, PreparedRequest } from './matrix-rules';

/** Minimal account data of the B2B solution; each record gets a distinct name. */
export function accountData(name: string): Record<string, unknown> {
  return { name, type: 'client', lifecycle: 'prospect', customer_status: 'prospect' };
}

/** Fixtures and clients for the matrix, built straight through the platform's services. */
export class MatrixHarness {
  private readonly agents = new Map<UserName, Agent>();
  private bearerToken = '';
  private solution: unknown;
  private sequence = 0;
  private delegateId = '';
  readonly process: ProcessFixtures;

  constructor(readonly t: TestPlatform) {
    this.process = new ProcessFixtures(t);
  }

  async init(): Promise<void> {
    const { services } = this.t.platform;
    this.bearerToken = (await services.tokens.create(this.t.users.rep.id, 'matrix bearer')).token;
    this.solution = await loadSolutionFromDirectory(B2B_DIR);
    // The diff route compares the latest version with a draft: keep an (unchanged) account draft.
    const account = await services.definitions.latest('entity', 'account');
    await services.definitions.putDraft(this.t.actors.admin, 'entity', 'account', account.content);
    // A valid delegate for every approval: may decide and sees every record, and is no principal.
    this.delegateId = (
      await services.users.create({
        email: 'matrix.delegate@example.test',
        name: 'Matrix delegate',
        password: `${randomUUID()}-pw`,
        role: 'admin',
        managerId: null,
      })
    ).id;
  }

  /** A new account record owned by `owner` (created by the admin, who may assign). */
  async recordOwnedBy(owner: UserName, name = `Matrix ${this.next()}`): Promise<string> {
    const record = await this.t.platform.services.records.create(
      this.t.actors.admin,
      'account',
      accountData(name),
      { ownerId: this.t.users[owner].id },
    );
    return record.id;
  }

  next(): number {
    return ++this.sequence;
  }

  context(principal: Principal): CaseContext {
    const { services } = this.t.platform;
    const { users, actors } = this.t;
    const shareeId = users.otherManager.id;
    const entityDraftContent = (key: string) => ({
      key,
      label: 'Security matrix',
      pluralLabel: 'Security matrix',
      fields: [{ key: 'name', label: 'Name', type: 'text' }],
    });
    const uniqueKey = (prefix: string) => `${prefix}_${this.next()}`;
    return {
      principal,
      shareeId,
      newOwnerId: users.teamRep.id,
      solution: this.solution,
      uniqueKey,
      entityDraftContent,
      record: (o: Ownership) => this.recordOwnedBy(principal.owners[o]),
      sharedRecord: async (o: Ownership) => {
        const id = await this.recordOwnedBy(principal.owners[o]);
        await services.records.share(actors.admin, 'account', id, shareeId);
        return id;
      },
      token: async (o: Ownership) =>
        (await services.tokens.create(users[principal.owners[o]].id, 'matrix')).id,
      draft: async () => {
        const key = uniqueKey('sec_draft');
        await services.definitions.putDraft(actors.admin, 'entity', key, entityDraftContent(key));
        return key;
      },
      loginBody: () => ({ email: users[principal.user ?? 'rep'].email, password: PASSWORD }),
      deal: (o: Ownership) => this.process.deal(principal.owners[o]),
      task: (o: Ownership, blocking?: boolean) => this.process.task(principal.owners[o], blocking),
      approval: (o: Ownership) =>
        this.process.approval(
          principal.owners[o],
          // A request in the principal's own role queue, else the B2B manager level.
          o === 'own' ? { type: 'role', role: this.roleOf(principal) } : { type: 'ownerManager' },
        ),
      notification: (o: Ownership) => this.process.notification(principal.owners[o]),
      delegateId: this.delegateId,
      savedView: (o: Ownership) => this.savedView(principal.owners[o], o === 'team'),
    };
  }

  /** Written straight to the table: the owner may be a role that could not save one itself. */
  private async savedView(owner: UserName, shared: boolean): Promise<string> {
    const [row] = await queryDatabase<{ id: string }>(
      this.t.database.url,
      `INSERT INTO saved_views (owner_id, entity, name, shared, query) VALUES ($1, 'account', $2, $3, '{"filters":[]}') RETURNING id`,
      [this.t.users[owner].id, `Matrix view ${this.next()}`, shared],
    );
    if (!row) throw new Error('no saved view was stored');
    return row.id;
  }

  /** The role of the user a principal acts for (unauthenticated principals: the rep's). */
  private roleOf(principal: Principal): string {
    return this.t.actors[principal.user ?? 'rep'].role;
  }

  private async sessionAgent(user: UserName, fresh: boolean): Promise<Agent> {
    const cached = this.agents.get(user);
    if (cached && !fresh) return cached;
    const agent = await this.t.agent(user);
    if (!fresh) this.agents.set(user, agent);
    return agent;
  }

  /** Sends the prepared request as the principal. */
  async send(principal: Principal, request: PreparedRequest): Promise<Response> {
    const fresh = request.freshClient === true;
    const headers: Record<string, string> = {};
    let agent: Agent;
    const name: PrincipalName = principal.name;
    switch (name) {
      case 'anonymous':
        agent = this.t.anonymous();
        break;
      case 'invalidBearer':
        agent = this.t.anonymous();
        headers.Authorization = 'Bearer crm_this-token-was-never-issued';
        break;
      case 'bearer':
        agent = this.t.anonymous();
        headers.Authorization = `Bearer ${this.bearerToken}`;
        break;
      case 'admin':
      case 'analyst':
      case 'director':
      case 'manager':
      case 'rep':
        agent = await this.sessionAgent(name, fresh);
        break;
      default:
        throw new Error(`unknown principal ${String(name satisfies never)}`);
    }
    const call = agent[request.method](request.path).set(headers);
    return request.body === undefined ? call : call.send(request.body as object);
  }
}

/** Whether a status answers the expected class. */
export function statusMatches(expected: Expected, status: number): boolean {
  switch (expected) {
    case '2xx':
      return status >= 200 && status < 300;
    case '403|404':
      return status === 403 || status === 404;
    case '401':
    case '403':
    case '404':
    case '422':
    case '503':
      return status === Number(expected);
    default:
      throw new Error(`unknown expectation ${String(expected satisfies never)}`);
  }
}
