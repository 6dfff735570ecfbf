/** Binary searches over arrays in text order. */

/** Index of the first item for which `pred` holds, where `pred` is false then true along the array (length when none). */
export function firstWhere<T>(items: readonly T[], pred: (item: T) => boolean): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (pred(items[mid] as T)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Index of the last number ≤ `value` in an ascending array, or -1. */
export function lastAtMost(sorted: readonly number[], value: number): number {
  return firstWhere(sorted, (n) => n > value) - 1;
}
