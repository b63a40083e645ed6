import { describe, expect, it } from 'vitest';
import { CHECKPOINT_EVERY_MS, checkpointLimit, MAX_CHECKPOINTS, Rewind } from './rewind.ts';
import { EngineHost } from './host.ts';

describe('checkpointLimit', () => {
  it.each([
    [0, MAX_CHECKPOINTS],
    [300, MAX_CHECKPOINTS],
    [3000, 29],
    [100_000, 8],
  ])('%d stored objects keep at most %d checkpoints', (objects, want) => {
    expect(checkpointLimit(objects)).toBe(want);
  });
});

describe('the rewind checkpoints', () => {
  it('stay within their limit however long the cluster runs, the base and the recent past kept', () => {
    const host = new EngineHost(1, 1, () => {});
    const r = new Rewind(host);
    for (let i = 0; i < MAX_CHECKPOINTS * 3; i++) {
      host.step(CHECKPOINT_EVERY_MS);
      r.maybeCheckpoint(host);
    }
    expect(r.size).toBeLessThanOrEqual(MAX_CHECKPOINTS);
    expect(r.size).toBeGreaterThan(MAX_CHECKPOINTS / 2);
    // The oldest moment can still be rebuilt: the base is there.
    expect(r.rebuild(r.start).cluster.now()).toBe(r.start);
  });
});
