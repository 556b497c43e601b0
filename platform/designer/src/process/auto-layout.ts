// Left-to-right layered layout with elkjs; returns new positions only (applied as one move command).
import type { ProcessDefinition } from '@crm/definitions';
import type { NodeMove } from './process-commands';

const WIDTH = 200;
const HEIGHT = 90;

export async function autoLayout(definition: ProcessDefinition): Promise<NodeMove[]> {
  // Loaded on first use: the layout engine is most of the bundle's weight.
  const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
  const elk = new ELK();
  const graph = await elk.layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.spacing.nodeNode': '40',
      'elk.layered.spacing.nodeNodeBetweenLayers': '70',
      'elk.edgeRouting': 'ORTHOGONAL',
    },
    children: definition.nodes.map((n) => ({ id: n.id, width: WIDTH, height: HEIGHT })),
    edges: definition.edges
      .filter((e) => e.source !== e.target)
      .map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  });
  const byId = new Map(definition.nodes.map((n) => [n.id, n]));
  return (graph.children ?? []).flatMap((child) => {
    const node = byId.get(child.id);
    if (!node) return [];
    return [
      { id: node.id, from: node.position, to: { x: Math.round(child.x ?? 0), y: Math.round(child.y ?? 0) } },
    ];
  });
}
