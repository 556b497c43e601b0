// Set-up and gestures of the sales scenario in the browser (tests/e2e/sales-scenario.test.ts).
import type { Page } from 'playwright-core';
import type { Agent } from '../support/test-platform';

/**
 * The harness scales a working day to two seconds, which leaves an approver four seconds before
 * the request escalates: too short for a person in a browser. A new version of the process gives
 * each approval level half an hour; deals started afterwards are pinned to it.
 */
export async function withPatientApprovals(analyst: Agent, processKey: string): Promise<void> {
  const current = (await analyst.get(`/api/definitions/process/${processKey}`).expect(200)).body.content as {
    nodes: { type: string; levels?: Record<string, unknown>[] }[];
  };
  const nodes = current.nodes.map((node) =>
    node.type === 'approval' && node.levels
      ? {
          ...node,
          levels: node.levels.map((level) => ({ ...level, deadline: 'PT30M', reminderAfter: 'PT20M' })),
        }
      : node,
  );
  await analyst
    .put(`/api/definitions/drafts/process/${processKey}`)
    .send({ ...current, nodes })
    .expect(200);
  await analyst
    .post('/api/definitions/publish')
    .send({ items: [{ kind: 'process', key: processKey }] })
    .expect(200);
}

/** Drags a card from one kanban column to another with the mouse, as dnd-kit expects. */
export async function dragCard(page: Page, title: string, from: string, to: string): Promise<void> {
  const board = page.getByTestId('kanban');
  // Grab the card by its amount line: its title is a link, which does not start a drag.
  const grip = board.locator(`[data-stage="${from}"] .kcard`, { hasText: title }).locator('.kcard-meta');
  const start = await grip.boundingBox();
  const target = await board.locator(`[data-stage="${to}"]`).boundingBox();
  if (!start || !target) throw new Error('kanban not laid out');
  await page.mouse.move(start.x + start.width / 2, start.y + start.height / 2);
  await page.mouse.down();
  await page.mouse.move(start.x + start.width / 2 + 10, start.y + start.height / 2, { steps: 3 });
  await page.mouse.move(target.x + target.width / 2, target.y + 80, { steps: 12 });
  await page.mouse.up();
}
