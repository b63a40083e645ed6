/** The simulated clock as the time bar shows it: 2025-06-02 09:05:07 UTC. */
export function formatClock(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}
