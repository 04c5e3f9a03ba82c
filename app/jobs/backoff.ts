/**
 * Seconds to wait before the next attempt after `attempts` failures: base × 2^(attempts−1), capped. Shared by
 * the email outbox and the job queue so an outage is retried the same way everywhere.
 */
export function retryDelaySeconds(attempts: number, options: { baseSeconds?: number; capSeconds?: number } = {}): number {
  const base = options.baseSeconds ?? 60;
  const cap = options.capSeconds ?? 6 * 60 * 60;
  const exponent = Math.max(0, attempts - 1);
  // 2^exponent overflows to Infinity long before it matters; the cap keeps the answer finite.
  return Math.min(cap, base * 2 ** Math.min(exponent, 30));
}
