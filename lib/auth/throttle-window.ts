/**
 * Seconds until an attempt may go ahead, given the limit-th newest failure inside the window (null: fewer than
 * `limit` failures there, so now). That failure leaving the window brings the count under the limit. Pure: unit-tested.
 */
export function retryAfterSeconds(limitThNewest: Date | null, windowMs: number, now: number): number {
  if (!limitThNewest) return 0;
  return Math.max(1, Math.ceil((limitThNewest.getTime() + windowMs - now) / 1000));
}
