import type { DefinitionKind, PublishedVersion } from './versions.repository';

/** Where each kind lives in a solution document. */
export const SOLUTION_ARRAYS: Record<
  DefinitionKind,
  'entities' | 'forms' | 'processes' | 'mailTemplates' | 'roles' | 'calendars'
> = {
  entity: 'entities',
  form: 'forms',
  process: 'processes',
  mailTemplate: 'mailTemplates',
  role: 'roles',
  calendar: 'calendars',
};

export interface DefinitionItem {
  kind: DefinitionKind;
  key: string;
  content: Record<string, unknown>;
}

export interface SolutionInfo {
  key: string;
  label: string;
  version: string;
  description?: string;
}

export type SolutionDocument = SolutionInfo &
  Record<(typeof SOLUTION_ARRAYS)[DefinitionKind], Record<string, unknown>[]>;

/** Builds a solution document from definitions; later items replace earlier ones of the same kind and key. */
export function buildSolution(info: SolutionInfo, items: DefinitionItem[]): SolutionDocument {
  const byId = new Map<string, DefinitionItem>();
  for (const item of items) byId.set(`${item.kind}:${item.key}`, item);
  const solution: SolutionDocument = {
    ...info,
    entities: [],
    forms: [],
    processes: [],
    mailTemplates: [],
    roles: [],
    calendars: [],
  };
  for (const item of byId.values()) solution[SOLUTION_ARRAYS[item.kind]].push(item.content);
  return solution;
}

/** Splits a solution document into definition items (the document must already be schema-valid). */
export function solutionItems(solution: Record<string, unknown>): DefinitionItem[] {
  const items: DefinitionItem[] = [];
  for (const [kind, property] of Object.entries(SOLUTION_ARRAYS) as [DefinitionKind, string][]) {
    const list = solution[property];
    if (!Array.isArray(list)) continue;
    for (const content of list as Record<string, unknown>[])
      items.push({ kind, key: String(content.key), content });
  }
  return items;
}

export const versionItem = (v: PublishedVersion): DefinitionItem => ({
  kind: v.kind,
  key: v.key,
  content: v.content,
});
