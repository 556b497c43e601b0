// Drawing on the process designer's canvas as an analyst does: drag a node kind from the palette,
// connect handles with the mouse, rename a node in its properties panel.
import type { Page } from 'playwright-core';

export async function dropNode(page: Page, kind: string, x: number, y: number): Promise<void> {
  await page
    .locator(`.palette-item[data-kind="${kind}"]`)
    .dragTo(page.getByTestId('canvas'), { targetPosition: { x, y } });
}

export async function center(page: Page, selector: string): Promise<{ x: number; y: number }> {
  const box = await page.locator(selector).boundingBox();
  if (!box) throw new Error(`${selector} is not visible`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

export async function connect(page: Page, source: string, target: string, handle = 'out'): Promise<void> {
  const from = await center(
    page,
    `.react-flow__node[data-id="${source}"] .react-flow__handle[data-handleid="${handle}"]`,
  );
  // The start has no entry handle: aim at its body then.
  const entry = `.react-flow__node[data-id="${target}"] .react-flow__handle[data-handleid="in"]`;
  const to = await center(
    page,
    (await page.locator(entry).count()) ? entry : `.react-flow__node[data-id="${target}"]`,
  );
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 12 });
  await page.mouse.up();
}

export async function rename(page: Page, nodeId: string, label: string): Promise<void> {
  await page.locator(`.react-flow__node[data-id="${nodeId}"]`).click();
  const input = page.getByTestId('node-properties').getByLabel('Node name');
  await input.fill(label);
  await input.press('Enter');
  await page.locator(`.react-flow__node[data-id="${nodeId}"] .pnode-label`, { hasText: label }).waitFor();
}
