import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ProcessDefinition, Solution } from '@crm/definitions';
import { loadSolutionFromDirectory } from '@crm/definitions/node';
import { fromFlow, toFlow } from './flow-mapping';
import { sourceHandles } from './node-kinds';

const root = path.resolve(__dirname, '../../../../definitions');

async function shippedProcesses(): Promise<[string, ProcessDefinition][]> {
  const solutionsDir = path.join(root, 'solutions');
  const found: [string, ProcessDefinition][] = [];
  for (const name of readdirSync(solutionsDir)) {
    const solution = await loadSolutionFromDirectory(path.join(solutionsDir, name));
    for (const p of solution.processes ?? []) found.push([`${name}/${p.key}`, p]);
  }
  const validDir = path.join(root, 'test-fixtures/valid');
  for (const file of readdirSync(validDir).filter((f) => f.endsWith('.json'))) {
    const solution = JSON.parse(readFileSync(path.join(validDir, file), 'utf8')) as Solution;
    for (const p of solution.processes ?? []) found.push([`${file}/${p.key}`, p]);
  }
  return found;
}

describe('definition ⇄ React Flow mapping', () => {
  let processes: [string, ProcessDefinition][] = [];
  beforeAll(async () => {
    processes = await shippedProcesses();
  });

  it('finds every shipped process', () => {
    expect(processes.map(([name]) => name)).toEqual(
      expect.arrayContaining(['b2b-sales/deal_pipeline', 'b2b-sales/lead_qualification']),
    );
    expect(processes.length).toBeGreaterThanOrEqual(3);
  });

  it('round-trips every shipped process losslessly', () => {
    for (const [name, definition] of processes) {
      const { meta, nodes, edges } = toFlow(definition);
      const back = fromFlow(meta, nodes, edges);
      expect({ name, definition: back }).toEqual({ name, definition });
      expect(JSON.parse(JSON.stringify(back))).toEqual(definition);
    }
  });

  it('draws every edge from a handle its source node offers', () => {
    for (const [, definition] of processes) {
      const { nodes, edges } = toFlow(definition);
      for (const edge of edges) {
        const source = nodes.find((n) => n.id === edge.source);
        expect(source).toBeDefined();
        expect(sourceHandles(source!.data.node)).toContain(edge.sourceHandle);
      }
    }
  });

  it('reads moved positions and reconnected ends back from the canvas', () => {
    const [, definition] = processes[0]!;
    const { meta, nodes, edges } = toFlow(definition);
    const moved = nodes.map((n, i) => (i === 1 ? { ...n, position: { x: 999, y: -5 } } : n));
    const back = fromFlow(meta, moved, edges);
    expect(back.nodes[1]!.position).toEqual({ x: 999, y: -5 });
    expect(back.nodes[0]).toEqual(definition.nodes[0]);
  });
});
