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

describe('the worker host’s frames', () => {
  it('sends the whole cluster first, then only what changed, one frame per ack', () => {
    const { h, messages } = host();
    const ready = h.readyMessage();
    expect(ready.type).toBe('ready');
    if (ready.type !== 'ready') return;
    expect(ready.objects.filter((o) => o.resource === 'nodes').map((o) => o.name)).toEqual(['k8s-master01', 'k8s-node01', 'k8s-node02']);
    h.enqueue(1, 'kubectl run web --image=nginx');
    h.tick(50);
    h.tick(50);
    const frames = () => messages.filter((m) => m.type === 'frame');
    expect(frames().length).toBe(1);
    const first = frames()[0];
    expect(first.type === 'frame' && first.upserts.some((o) => o.key === 'pods/default/web')).toBe(true);
    // No ack yet: time passes but nothing more is sent.
    for (let i = 0; i < 60; i++) h.tick(1000);
    expect(frames().length).toBe(1);
    h.ack();
    h.tick(100);
    expect(frames().length).toBe(2);
    const second = frames()[1];
    // The pod moved on from Pending while the page was busy: the frame carries its latest view.
    const web = second.type === 'frame' ? second.upserts.find((o) => o.key === 'pods/default/web') : undefined;
    expect(web?.pod?.status).toBe('Running');
    expect(web?.pod?.nodeName).toMatch(/^k8s-node0[12]$/);
  });

  it('applies the editor’s file and points at the line of a YAML error, applying nothing', () => {
    const { h } = host();
    const ok = h.apply('/root/web.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx\n');
    expect(ok).toEqual({ ok: true, stdout: 'pod/web created\n', stderr: '', errorLines: [] });
    const bad = h.apply('/root/bad.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n\tname: bad\n');
    expect(bad.ok).toBe(false);
    expect(bad.errorLines[0].line).toBe(4);
    expect(h.cluster.store.get('pods', 'default', 'bad')).toBeUndefined();
    expect(h.session.fs.readFile('/root/web.yaml')).toContain('kind: Pod');
  });

  it('answers the inspector through kubectl without moving the clock', () => {
    const { h } = host();
    const t0 = h.cluster.now();
    expect(h.query('yaml', 'nodes', undefined, 'k8s-node01')).toMatch(/^apiVersion: v1\nkind: Node\n/);
    expect(h.query('describe', 'nodes', undefined, 'k8s-node01')).toMatch(/^Name:\s+k8s-node01\n/);
    expect(h.cluster.now()).toBe(t0);
  });

  it('restores a save with its files and history, and goes on exactly as the original does', () => {
    const a = host();
    a.h.enqueue(1, 'echo hi > /root/note.txt');
    a.h.enqueue(2, 'kubectl run web --image=nginx');
    for (let i = 0; i < 10; i++) a.h.tick(100);
    const save = JSON.parse(JSON.stringify(a.h.save()));
    const b = new EngineHost(1, 2, () => {}, save);
    expect(b.session.fs.readFile('/root/note.txt')).toBe('hi\n');
    expect(b.session.history).toEqual(['echo hi > /root/note.txt', 'kubectl run web --image=nginx']);
    a.h.step(30_000);
    b.step(30_000);
    expect(JSON.stringify(b.cluster.snapshot())).toBe(JSON.stringify(a.h.cluster.snapshot()));
  });
});

describe('a reset', () => {
  it('starts a fresh cluster and keeps the learner’s files and history', () => {
    const a = host();
    a.h.enqueue(1, 'echo hi > /root/note.txt');
    a.h.enqueue(2, 'kubectl run web --image=nginx');
    for (let i = 0; i < 5; i++) a.h.tick(100);
    const b = new EngineHost(1, 2, () => {});
    b.adopt(a.h);
    expect(b.cluster.store.get('pods', 'default', 'web')).toBeUndefined();
    expect(b.session.fs.readFile('/root/note.txt')).toBe('hi\n');
    expect(b.session.history).toEqual(['echo hi > /root/note.txt', 'kubectl run web --image=nginx']);
  });
});
