import type { Comparison, Condition } from '../generated/common.generated';
import { jsonPointer } from '../shared/json-pointer';

export function isComparison(condition: Condition): condition is Comparison {
  return 'field' in condition;
}

/** Every comparison in a condition with its JSON pointer (relative to `basePath`). */
export function walkComparisons(
  condition: Condition,
  basePath = '',
): Array<{ comparison: Comparison; path: string }> {
  if (isComparison(condition)) return [{ comparison: condition, path: basePath }];
  if ('all' in condition) {
    return condition.all.flatMap((c, i) => walkComparisons(c, `${basePath}${jsonPointer('all', i)}`));
  }
  if ('any' in condition) {
    return condition.any.flatMap((c, i) => walkComparisons(c, `${basePath}${jsonPointer('any', i)}`));
  }
  return walkComparisons(condition.not, `${basePath}/not`);
}

/** The field paths a condition reads (without "$stage"/"$owner"), each once, in order. */
export function conditionFieldPaths(condition: Condition): string[] {
  const paths = walkComparisons(condition)
    .map(({ comparison }) => comparison.field)
    .filter((field) => !field.startsWith('$'));
  return [...new Set(paths)];
}
