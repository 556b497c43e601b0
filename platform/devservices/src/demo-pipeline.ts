// Walks demo records through the stages of their published process, stage by stage and back-dated,
// so stage history holds real conversion and time-in-stage data. The stage order, the ends and the
// required fields all come from the definitions: nothing here knows the B2B pipeline's node ids.
import type { EndNode, EntityDefinition, ProcessDefinition, ProcessNode, StageNode } from '@crm/definitions';
import { stagePath, type EnterStageInput, type StagePath } from '@crm/api';
import { demoFieldValue, hasValue, type FieldContext } from './demo-fields';
import type { DemoRandom } from './demo-random';

export type DealOutcome = 'open' | 'won' | 'lost';

export interface DealStep {
  node: StageNode | EndNode;
  at: Date;
}

export interface DealPlan {
  outcome: DealOutcome;
  steps: DealStep[];
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Earlier stages weigh more: most open deals are young, few reach the last stage. */
const funnelWeights = (indices: readonly number[], stageCount: number) =>
  indices.map((index) => [index, stageCount - index] as const);

/**
 * Where one deal stands and when it got there: open in some stage (more in early ones), won
 * after the last stage, or lost from a stage that can close as lost. Entries are spread over the
 * last ~6 months and end before `today`.
 */
export function planDealWalk(random: DemoRandom, path: StagePath, today: Date): DealPlan {
  const stages = path.stages;
  if (stages.length === 0) return { outcome: 'open', steps: [] };
  const lostEnd = (stage: StageNode) => path.exits.get(stage.id)?.find((end) => end.outcome === 'lost');
  const losable = stages.flatMap((stage, index) => (lostEnd(stage) ? [index] : []));
  const outcomes: (readonly [DealOutcome, number])[] = [['open', 12]];
  if (path.end?.outcome === 'won') outcomes.push(['won', 3]);
  if (losable.length > 0) outcomes.push(['lost', 5]);
  const outcome = random.weighted(outcomes);

  let nodes: (StageNode | EndNode)[];
  switch (outcome) {
    case 'open': {
      const last = random.weighted(funnelWeights([...stages.keys()], stages.length));
      nodes = stages.slice(0, last + 1);
      break;
    }
    case 'won':
      nodes = path.end === undefined ? [...stages] : [...stages, path.end];
      break;
    case 'lost': {
      const last = random.weighted(funnelWeights(losable, stages.length));
      const stage = stages[last];
      const end = stage && lostEnd(stage);
      nodes = end === undefined ? stages.slice(0, last + 1) : [...stages.slice(0, last + 1), end];
      break;
    }
    default:
      throw new Error(`Unknown outcome ${String(outcome satisfies never)}`);
  }

  const start = new Date(today.getTime() - random.int(7, 180) * DAY);
  start.setUTCHours(random.int(7, 16), random.pick([0, 15, 30, 45]), 0, 0);
  const gaps = nodes.slice(1).map(() => random.int(1, 24) * DAY + random.int(0, 8) * HOUR);
  const total = gaps.reduce((sum, gap) => sum + gap, 0);
  // Squeezed into the time left until today, so an old stay never ends in the future.
  const scale = Math.min(1, (today.getTime() - 6 * HOUR - start.getTime()) / Math.max(total, 1));
  let elapsed = 0;
  const steps = nodes.map((node, index) => {
    elapsed += index === 0 ? 0 : (gaps[index - 1] ?? 0);
    const at = start.getTime() + Math.round((elapsed * scale) / 60_000) * 60_000;
    return { node, at: new Date(at) };
  });
  return { outcome, steps };
}

const isHolding = (node: ProcessNode) => node.type === 'stage' || node.type === 'end';

/**
 * The field paths that must have values to move from one holding node to the next: those needed
 * to leave `from`, those of every edge on the way (through decisions and other pass-through nodes)
 * and, for an end, those needed to enter it.
 */
export function requiredToMove(definition: ProcessDefinition, from: ProcessNode, to: ProcessNode): string[] {
  const byId = new Map(definition.nodes.map((node) => [node.id, node]));
  const fields = new Set<string>(from.type === 'stage' ? (from.requiredFields ?? []) : []);
  const leadsTo = (nodeId: string, seen: Set<string>): boolean => {
    if (nodeId === to.id) return true;
    const node = byId.get(nodeId);
    if (node === undefined || isHolding(node) || seen.has(nodeId)) return false;
    seen.add(nodeId);
    return definition.edges.some((edge) => edge.source === nodeId && leadsTo(edge.target, seen));
  };
  const visited = new Set<string>();
  const collect = (nodeId: string): void => {
    for (const edge of definition.edges) {
      if (edge.source !== nodeId || !leadsTo(edge.target, new Set())) continue;
      for (const field of edge.requiredFields ?? []) fields.add(field);
      if (edge.target !== to.id && !visited.has(edge.target)) {
        visited.add(edge.target);
        collect(edge.target);
      }
    }
  };
  collect(from.id);
  if (to.type === 'end') for (const field of to.requiredFields ?? []) fields.add(field);
  return [...fields];
}

/** A patch filling the required fields of the record itself that are still empty. */
export function missingFieldsPatch(
  random: DemoRandom,
  entity: EntityDefinition,
  data: Record<string, unknown>,
  required: readonly string[],
  context: FieldContext,
): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const path of required) {
    // Paths into a related record ("account.segment") are that record's business.
    if (path.includes('.') || hasValue(data[path])) continue;
    const field = entity.fields.find((candidate) => candidate.key === path);
    if (field === undefined || field.derive !== undefined) continue;
    const value = demoFieldValue(random, field, context);
    if (value !== undefined) patch[path] = value;
  }
  return patch;
}

export interface PipelineWalker {
  process: { key: string; version: number; definition: ProcessDefinition };
  path: StagePath;
  entity: EntityDefinition;
}

/** The published process of the entity (the first by key when there are several), or undefined. */
export function pipelineFor(
  entityKey: string,
  processes: readonly { key: string; version: number; content: Record<string, unknown> }[],
  entity: EntityDefinition,
): PipelineWalker | undefined {
  const found = [...processes]
    .sort((a, b) => a.key.localeCompare(b.key))
    .find((process) => process.content.entity === entityKey);
  if (found === undefined) return undefined;
  const definition = found.content as unknown as ProcessDefinition;
  return {
    process: { key: found.key, version: found.version, definition },
    path: stagePath(definition),
    entity,
  };
}

export interface WalkDeps {
  update(patch: Record<string, unknown>): Promise<{ data: Record<string, unknown> }>;
  enterStage(input: EnterStageInput): Promise<unknown>;
}

/**
 * Takes the record through the planned steps: before it leaves a stage, a normal record update
 * fills what the move requires (e.g. the lost reason); then the stage mirror records the entry.
 * The first entry is the process's own (it starts on create); later moves are the owner's.
 */
export async function walkRecord(
  random: DemoRandom,
  walker: PipelineWalker,
  record: { id: string; data: Record<string, unknown>; ownerId: string },
  plan: DealPlan,
  context: Omit<FieldContext, 'at' | 'ownerId'>,
  deps: WalkDeps,
): Promise<void> {
  let data = record.data;
  for (const [index, step] of plan.steps.entries()) {
    const previous = plan.steps[index - 1];
    if (previous !== undefined) {
      const required = requiredToMove(walker.process.definition, previous.node, step.node);
      const patch = missingFieldsPatch(random, walker.entity, data, required, {
        ...context,
        at: step.at,
        ownerId: record.ownerId,
      });
      if (Object.keys(patch).length > 0) data = (await deps.update(patch)).data;
    }
    await deps.enterStage({
      recordId: record.id,
      processKey: walker.process.key,
      processVersion: walker.process.version,
      nodeId: step.node.id,
      by: index === 0 ? null : record.ownerId,
      at: step.at,
      idempotencyKey: `demo:${record.id}:${index}`,
    });
  }
}

export interface LiveWalkDeps {
  update(patch: Record<string, unknown>): Promise<{ data: Record<string, unknown> }>;
  /** Asks the running process to move the record (a Temporal Update through the api's gateway). */
  move(target: string): Promise<void>;
  log(message: string): void;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Retries a move while the instance is still starting; false when it keeps being refused. */
async function moveWhenReady(deps: LiveWalkDeps, target: string): Promise<boolean> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 30; attempt += 1) {
    try {
      await deps.move(target);
      return true;
    } catch (error) {
      lastError = error;
      await pause(100);
    }
  }
  deps.log(
    `a demo move to "${target}" was refused: ${lastError instanceof Error ? lastError.message : String(lastError)}`,
  );
  return false;
}

/**
 * Takes the record through the planned steps the way a user does when the process engine runs:
 * the process entered the first stage itself when the record was created; before each further
 * step a normal record update fills what the move requires, then the owner asks the process to
 * move. Stage history therefore comes from the process, at the time it happens. Returns the number
 * of stages entered.
 */
export async function walkRecordThroughProcess(
  random: DemoRandom,
  walker: PipelineWalker,
  record: { id: string; data: Record<string, unknown>; ownerId: string },
  plan: DealPlan,
  context: Omit<FieldContext, 'at' | 'ownerId'>,
  deps: LiveWalkDeps,
): Promise<number> {
  let data = record.data;
  let entered = 1;
  for (const [index, step] of plan.steps.entries()) {
    const previous = plan.steps[index - 1];
    if (previous === undefined) continue;
    const required = requiredToMove(walker.process.definition, previous.node, step.node);
    const patch = missingFieldsPatch(random, walker.entity, data, required, {
      ...context,
      at: step.at,
      ownerId: record.ownerId,
    });
    if (Object.keys(patch).length > 0) data = (await deps.update(patch)).data;
    if (!(await moveWhenReady(deps, step.node.id))) break;
    entered += 1;
  }
  return entered;
}
