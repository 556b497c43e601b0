import type { DefinitionKind } from '../validate/definition-error';
import type { DefinitionChange, DefinitionChangeSeverity, DefinitionChangeType } from './diff.types';
import { formatValue, isDeepEqual } from './diff-format';

/** Gathers the changes of one definition; every differ writes through it. */
export class ChangeCollector {
  readonly changes: DefinitionChange[] = [];

  constructor(
    private readonly kind: DefinitionKind,
    private readonly key: string,
  ) {}

  add(
    path: string,
    change: DefinitionChangeType,
    message: string,
    severity: DefinitionChangeSeverity = 'info',
  ): void {
    this.changes.push({ kind: this.kind, key: this.key, path, change, severity, message });
  }

  /**
   * Reports a changed property as `Subject: noun old → new`, or `noun set to new` /
   * `noun old removed` when one side is missing.
   */
  value(
    path: string,
    subject: string,
    noun: string,
    before: unknown,
    after: unknown,
    format: (value: unknown) => string = formatValue,
  ): void {
    if (isDeepEqual(before, after)) return;
    if (before === undefined) this.add(path, 'changed', `${subject}: ${noun} set to ${format(after)}`);
    else if (after === undefined) this.add(path, 'changed', `${subject}: ${noun} ${format(before)} removed`);
    else this.add(path, 'changed', `${subject}: ${noun} ${format(before)} → ${format(after)}`);
  }

  /** Reports a changed flag as `Subject: now <phrase>` / `no longer <phrase>`. */
  flag(
    path: string,
    subject: string,
    phrase: string,
    before: boolean | undefined,
    after: boolean | undefined,
  ): void {
    if ((before ?? false) === (after ?? false)) return;
    this.add(path, 'changed', `${subject}: ${after ? 'now' : 'no longer'} ${phrase}`);
  }

  /** Reports that a long text (guidance, body, description) changed without quoting it. */
  text(
    path: string,
    subject: string,
    noun: string,
    before: string | undefined,
    after: string | undefined,
  ): void {
    if (before === after) return;
    const verb = before === undefined ? 'added' : after === undefined ? 'removed' : 'changed';
    this.add(path, 'changed', `${subject}: ${noun} ${verb}`);
  }
}

export interface Matched<T> {
  before: T;
  after: T;
  beforeIndex: number;
  afterIndex: number;
}

export interface ListMatch<T> {
  added: { item: T; index: number }[];
  removed: { item: T; index: number }[];
  kept: Matched<T>[];
  /** True when the items present in both lists are in a different order. */
  reordered: boolean;
}

/**
 * Pairs the items of two lists by identity (a key or id). A second, optional identity pairs
 * items whose first identity changed, e.g. an edge recreated with a new id between the same nodes.
 */
export function matchList<T>(
  before: readonly T[] | undefined,
  after: readonly T[] | undefined,
  identity: (item: T) => string,
  fallbackIdentity?: (item: T) => string,
): ListMatch<T> {
  const oldItems = (before ?? []).map((item, index) => ({ item, index }));
  const newItems = (after ?? []).map((item, index) => ({ item, index }));
  const kept: Matched<T>[] = [];
  const pair = (id: (item: T) => string): void => {
    for (const next of [...newItems]) {
      const previous = oldItems.find((candidate) => id(candidate.item) === id(next.item));
      if (previous === undefined) continue;
      kept.push({
        before: previous.item,
        after: next.item,
        beforeIndex: previous.index,
        afterIndex: next.index,
      });
      oldItems.splice(oldItems.indexOf(previous), 1);
      newItems.splice(newItems.indexOf(next), 1);
    }
  };
  pair(identity);
  if (fallbackIdentity !== undefined) pair(fallbackIdentity);
  kept.sort((a, b) => a.afterIndex - b.afterIndex);
  const reordered = kept.some((entry, i) => i > 0 && entry.beforeIndex < (kept[i - 1]?.beforeIndex ?? -1));
  return { added: newItems, removed: oldItems, kept, reordered };
}

/**
 * Compares two lists of items without identity (actions, triggers): an item counts as kept
 * when an equal one exists on the other side.
 */
export function matchByValue<T>(
  before: readonly T[] | undefined,
  after: readonly T[] | undefined,
): Pick<ListMatch<T>, 'added' | 'removed'> {
  const unmatchedOld = (before ?? []).map((item, index) => ({ item, index }));
  const added: { item: T; index: number }[] = [];
  (after ?? []).forEach((item, index) => {
    const twin = unmatchedOld.findIndex((candidate) => isDeepEqual(candidate.item, item));
    if (twin >= 0) unmatchedOld.splice(twin, 1);
    else added.push({ item, index });
  });
  return { added, removed: unmatchedOld };
}
