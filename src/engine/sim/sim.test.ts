import { describe, expect, it } from 'vitest';
import { Random } from './random.ts';
import { Timeline } from './timeline.ts';
import { Sim } from './sim.ts';

describe('the seeded random source', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    const a = new Random(7);
    const b = new Random(7);
    const c = new Random(8);
    const seq = (r: Random) => Array.from({ length: 5 }, () => r.uint32());
    expect(seq(a)).toEqual(seq(b));
    expect(seq(new Random(7))).not.toEqual(seq(c));
  });

  it('resumes exactly from a saved state', () => {
    const a = new Random(3);
    a.uint32();
    const b = new Random(a.state());
    expect(a.uint32()).toBe(b.uint32());
  });

  it.each([
    ['names from Kubernetes\' alphabet', (r: Random) => r.string(5), /^[bcdfghjklmnpqrstvwxz2456789]{5}$/],
    ['version 4 UUIDs', (r: Random) => r.uuid(), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/],
    ['hex strings', (r: Random) => r.hex(12), /^[0-9a-f]{12}$/],
  ])('makes %s', (_name, fn, re) => {
    const r = new Random(1);
    for (let i = 0; i < 50; i++) expect(fn(r)).toMatch(re);
  });

  it('keeps between() within its bounds', () => {
    const r = new Random(2);
    for (let i = 0; i < 1000; i++) {
      const v = r.between(10, 12);
      expect(v >= 10 && v <= 12).toBe(true);
    }
  });
});

describe('the timeline', () => {
  it('fires timers in time order, and in insertion order at the same time', () => {
    const t = new Timeline(0);
    t.add(20, 'a', '1');
    t.add(10, 'b', '2');
    t.add(10, 'c', '3');
    const order: string[] = [];
    for (let x = t.popDue(100); x; x = t.popDue(100)) order.push(x.key);
    expect(order).toEqual(['2', '3', '1']);
  });

  it('replaces a timer that is set again and forgets a cancelled one', () => {
    const t = new Timeline(0);
    t.set(50, 'k', 'x');
    t.set(30, 'k', 'x');
    t.set(40, 'k', 'y');
    t.cancel('k', 'y');
    const fired: [number, string][] = [];
    for (let x = t.popDue(100); x; x = t.popDue(100)) fired.push([x.at, x.key]);
    expect(fired).toEqual([[30, 'x']]);
  });

  it('never schedules in the past and only moves forward', () => {
    const t = new Timeline(100);
    t.add(50, 'a', 'late');
    expect(t.peekTime()).toBe(100);
    t.moveTo(80);
    expect(t.now()).toBe(100);
  });

  it('restores the same pending timers from a snapshot', () => {
    const t = new Timeline(0);
    t.set(30, 'k', 'x');
    t.add(10, 'a', '1');
    t.set(60, 'k', 'x');
    const u = new Timeline(0);
    u.restore(JSON.parse(JSON.stringify(t.snapshot())));
    const drain = (tl: Timeline) => {
      const out: string[] = [];
      for (let x = tl.popDue(1000); x; x = tl.popDue(1000)) out.push(`${x.at}:${x.key}`);
      return out;
    };
    expect(drain(u)).toEqual(['10:1', '60:x']);
    expect(drain(t)).toEqual(['10:1', '60:x']);
  });
});

describe('the simulation loop', () => {
  it('drains work queued at an instant before time moves on', () => {
    const sim = new Sim(0, 1);
    const log: string[] = [];
    const q = sim.queue('q', (key) => {
      log.push(`${sim.now()}:${key}`);
      if (key === 'a') q.add('b');
    });
    q.add('a');
    q.addAfter('c', 500);
    sim.advance(1000);
    expect(log).toEqual(['0:a', '0:b', '500:c']);
    expect(sim.now()).toBe(1000);
  });

  it('collapses repeated adds of one key', () => {
    const sim = new Sim(0, 1);
    let n = 0;
    const q = sim.queue('q', () => void n++);
    q.add('x');
    q.add('x');
    sim.drain();
    expect(n).toBe(1);
  });

  it('requeues after the delay a reconcile asks for, and backs off a failing one', () => {
    const sim = new Sim(0, 1);
    const times: number[] = [];
    const q = sim.queue('q', () => {
      times.push(sim.now());
      if (times.length < 3) return { requeueAfter: 1000 };
    });
    q.add('x');
    sim.advance(10_000);
    expect(times).toEqual([0, 1000, 2000]);
    const fails: number[] = [];
    const f = sim.queue('f', () => {
      fails.push(sim.now());
      if (fails.length < 4) throw new Error('boom');
    });
    const start = sim.now();
    f.add('y');
    sim.advance(10_000);
    // client-go's item back-off: 5 ms, 10 ms, 20 ms …
    expect(fails.map((t) => t - start)).toEqual([0, 5, 15, 35]);
    expect(sim.diagnostics.filter((d) => d.message.includes('boom'))).toHaveLength(3);
  });

  it('stops a controller that keeps waking itself at one instant, and says so', () => {
    const sim = new Sim(0, 1);
    let n = 0;
    const q = sim.queue('looper', (key) => {
      n++;
      q.add(key);
    });
    q.add('x');
    sim.drain();
    expect(n).toBe(50);
    expect(sim.diagnostics[0].message).toContain('looper reconciled x more than 50 times at one instant');
  });

  it('stops advancing at the instant a condition turns true', () => {
    const sim = new Sim(0, 1);
    let flag = false;
    sim.register({ name: 'c', onTimer: () => void (flag = true) });
    sim.setTimer('c', 'k', 300);
    expect(sim.advance(1000, () => flag)).toBe(true);
    expect(sim.now()).toBe(300);
  });
});
