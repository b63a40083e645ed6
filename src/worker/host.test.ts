import { describe, expect, it } from 'vitest';
import { EngineHost } from './host.ts';
import type { FromWorker } from './protocol.ts';

function host() {
  const messages: FromWorker[] = [];
  const h = new EngineHost(1, 2, (m) => messages.push(m));
  const output = () => messages.flatMap((m) => (m.type === 'output' ? [m.text] : [])).join('');
  const done = (id: number) => messages.some((m) => m.type === 'done' && m.id === id);
  return { h, messages, output, done };
}

describe('the worker host', () => {
  it('lets simulated time pass with real time, in fractional real milliseconds too', () => {
    const { h, done, output } = host();
    const t0 = h.cluster.now();
    h.enqueue(1, 'kubectl run web --image=nginx');
    h.enqueue(2, 'kubectl wait --for=condition=Ready pod/web --timeout=60s');
    for (let i = 0; i < 400 && !done(2); i++) h.tick(16.7);
    expect(done(2)).toBe(true);
    expect(output()).toBe('pod/web created\npod/web condition met\n');
    expect(h.cluster.now() - t0).toBeLessThan(10_000);
  });

  it('runs commands one after another and stops a blocking one on Ctrl+C', () => {
    const { h, done, output } = host();
    h.enqueue(1, 'kubectl get pods -w');
    h.enqueue(2, 'echo after');
    for (let i = 0; i < 20; i++) h.tick(50);
    expect(done(1)).toBe(false);
    h.interrupt(1);
    expect(done(1)).toBe(true);
    for (let i = 0; i < 5; i++) h.tick(50);
    expect(done(2)).toBe(true);
    expect(output()).toBe('No resources found in default namespace.\nafter\n');
  });

  it('keeps the clock still when paused, but lets a command finish its own processing time', () => {
    const { h, done } = host();
    h.speed = 0;
    const t0 = h.cluster.now();
    h.enqueue(1, 'kubectl get ns');
    h.tick(50);
    expect(done(1)).toBe(true);
    for (let i = 0; i < 10; i++) h.tick(50);
    expect(h.cluster.now() - t0).toBe(100);
  });

  it('sends a frame with the clock on every tick', () => {
    const { h, messages } = host();
    h.tick(1000);
    const frames = messages.filter((m) => m.type === 'frame');
    expect(frames.length).toBe(1);
  });
});
