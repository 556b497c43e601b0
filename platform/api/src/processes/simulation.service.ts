import { simulate, type SimulationResult, type SimulationScriptEntry } from '@crm/workflows/contract';
import type { CalendarDefinition, EntityDefinition, ProcessDefinition } from '@crm/definitions';
import { can, type Actor } from '../auth/actor';
import type { DefinitionsService } from '../definitions/definitions.service';
import { toProblemEntries } from '../definitions/definitions.service';
import { language } from '../definitions/language';
import { BadRequestError, ForbiddenError, ValidationError, type ProblemEntry } from '../http/problems';
import { isPlainObject } from '../http/validate';

/** A simulation request: a draft process (or a published one by key and version) and a sample record. */
export interface SimulationRequest {
  process: Record<string, unknown>;
  record: Record<string, unknown>;
  related?: Record<string, Record<string, unknown>>;
  ownerManagerId?: string;
  script?: SimulationScriptEntry[];
  startAt?: number;
  until?: number;
}

const SCRIPT_EVENT_TYPES = new Set([
  'moveRequested',
  'activityLogged',
  'recordChanged',
  'approvalDecided',
  'approvalDelegated',
  'taskCompleted',
]);

function timeOf(value: unknown, name: string, errors: ProblemEntry[]): number | undefined {
  if (value === undefined) return undefined;
  const ms = typeof value === 'number' ? value : typeof value === 'string' ? Date.parse(value) : NaN;
  if (!Number.isFinite(ms)) errors.push({ field: name, rule: 'type', message: `"${name}" must be a date.` });
  return ms;
}

/** Narrows the request body; every malformed part is reported at once (400). */
export function parseSimulationRequest(body: unknown): SimulationRequest {
  if (!isPlainObject(body)) throw new BadRequestError('The request body must be a JSON object.');
  const errors: ProblemEntry[] = [];
  if (!isPlainObject(body.process))
    errors.push({
      field: 'process',
      rule: 'type',
      message: '"process" must be a process definition or { key, version }.',
    });
  if (!isPlainObject(body.record))
    errors.push({
      field: 'record',
      rule: 'type',
      message: '"record" must be an object with the sample field values.',
    });
  const related = body.related;
  if (related !== undefined && (!isPlainObject(related) || !Object.values(related).every(isPlainObject)))
    errors.push({ field: 'related', rule: 'type', message: '"related" maps reference fields to objects.' });
  if (body.ownerManagerId !== undefined && typeof body.ownerManagerId !== 'string')
    errors.push({ field: 'ownerManagerId', rule: 'type', message: '"ownerManagerId" must be a string.' });
  const script = body.script ?? [];
  if (!Array.isArray(script))
    errors.push({ field: 'script', rule: 'type', message: '"script" must be an array.' });
  else
    script.forEach((entry: unknown, i) => {
      const ok =
        isPlainObject(entry) &&
        (entry.after === undefined || typeof entry.after === 'string') &&
        (entry.at === undefined || typeof entry.at === 'number') &&
        (entry.event === undefined ||
          (isPlainObject(entry.event) && SCRIPT_EVENT_TYPES.has(String(entry.event.type))));
      if (!ok)
        errors.push({
          field: `script/${i}`,
          rule: 'type',
          message: `script[${i}] must be { after?: duration, at?: epoch ms, event?: { type: ${[...SCRIPT_EVENT_TYPES].join(' | ')}, … } }.`,
        });
    });
  const startAt = timeOf(body.startAt, 'startAt', errors);
  const until = timeOf(body.until, 'until', errors);
  if (errors.length > 0) throw new BadRequestError('The simulation request is malformed.', errors);
  return {
    process: body.process as Record<string, unknown>,
    record: body.record as Record<string, unknown>,
    ...(related === undefined ? {} : { related: related as Record<string, Record<string, unknown>> }),
    ...(typeof body.ownerManagerId === 'string' ? { ownerManagerId: body.ownerManagerId } : {}),
    script: script as SimulationScriptEntry[],
    ...(startAt === undefined ? {} : { startAt }),
    ...(until === undefined ? {} : { until }),
  };
}

/** Runs drafts and published processes through the pure interpreter on a virtual clock (the designer's "Try it"). */
export function createSimulationService(deps: { definitions: DefinitionsService }) {
  const { definitions } = deps;

  async function resolveProcess(ref: Record<string, unknown>): Promise<ProcessDefinition> {
    const isRef = typeof ref.key === 'string' && ref.nodes === undefined;
    if (isRef) {
      if (ref.version === undefined || ref.version === 'latest')
        return (await definitions.latest('process', ref.key as string))
          .content as unknown as ProcessDefinition;
      if (typeof ref.version !== 'number' || !Number.isInteger(ref.version))
        throw new BadRequestError('"process.version" must be a version number or "latest".');
      return (await definitions.version('process', ref.key as string, ref.version))
        .content as unknown as ProcessDefinition;
    }
    // Schema and graph rules of the draft itself; references to other definitions need not
    // resolve for a dry run (nothing is sent or stored).
    const problems = language.validateDefinition('process', ref);
    if (problems.length > 0)
      throw new ValidationError(
        `The process has ${problems.length} problem(s) and cannot be simulated.`,
        toProblemEntries(problems),
      );
    return ref as unknown as ProcessDefinition;
  }

  return {
    async run(actor: Actor, request: SimulationRequest): Promise<SimulationResult> {
      if (!can(actor, 'definitions.read') && !can(actor, 'definitions.edit'))
        throw new ForbiddenError(`Your role "${actor.role}" lacks "definitions.read".`);
      const definition = await resolveProcess(request.process);
      const published = await definitions.latestAll();
      const calendar = published.find((v) => v.kind === 'calendar' && v.key === definition.calendar);
      const entities = published
        .filter((v) => v.kind === 'entity')
        .map((v) => v.content as unknown as EntityDefinition);
      return simulate(
        definition,
        {
          data: request.record,
          ...(request.related === undefined ? {} : { related: request.related }),
          ...(request.ownerManagerId === undefined ? {} : { ownerManagerId: request.ownerManagerId }),
        },
        request.script ?? [],
        {
          startAt: request.startAt ?? Date.now(),
          entities,
          ...(calendar === undefined ? {} : { calendar: calendar.content as unknown as CalendarDefinition }),
          ...(request.until === undefined ? {} : { until: request.until }),
        },
      );
    },
  };
}

export type SimulationService = ReturnType<typeof createSimulationService>;
