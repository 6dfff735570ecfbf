import { MongoNetworkError } from 'mongodb';

/**
 * A MongoDB outage at one write: `obj[method]` throws as the driver does on
 * a closed connection for its next `times` calls, then works again. `left()`
 * is negative once the outage happened and a call went through after it.
 */
export function outageAt<T extends object, K extends keyof T>(obj: T, method: K, times = 1): { left(): number; restore(): void } {
  const real = obj[method] as (...a: unknown[]) => Promise<unknown>;
  let outages = times;
  obj[method] = (async (...a: unknown[]) => {
    if (outages-- > 0) throw new MongoNetworkError('connection 7 to 127.0.0.1:27017 closed');
    return real.apply(obj, a);
  }) as T[K];
  return { left: () => outages, restore: () => void (obj[method] = real as T[K]) };
}
