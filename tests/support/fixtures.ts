import type { Agent } from './test-platform';

/** Minimal valid account data of the shipped B2B solution (required fields only, plus overrides). */
export function accountData(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'Acme GmbH',
    type: 'client',
    lifecycle: 'prospect',
    customer_status: 'prospect',
    ...overrides,
  };
}

export function productData(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { name: 'CRM Pro', code: 'CRM-001', price: { amount: 1000, currency: 'EUR' }, ...overrides };
}

/** Creates a record over HTTP and returns its body, failing loudly on anything but 201. */
export async function createRecord(
  agent: Agent,
  entity: string,
  data: Record<string, unknown>,
): Promise<{ id: string; version: number; data: Record<string, unknown>; ownerId: string }> {
  const res = await agent.post(`/api/records/${entity}`).send({ data });
  if (res.status !== 201)
    throw new Error(`create ${entity} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; version: number; data: Record<string, unknown>; ownerId: string };
}
