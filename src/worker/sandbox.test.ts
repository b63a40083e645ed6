import { describe, expect, it } from 'vitest';
import type { FromWorker, ToWorker } from './protocol.ts';
import { WorkerSandbox } from './sandbox.ts';
import { CHECKPOINT_EVERY_MS } from './rewind.ts';

function sandbox() {
  const messages: FromWorker[] = [];
  const s = new WorkerSandbox((m) => messages.push(m));
  const send = (m: ToWorker) => s.handle(m);
  send({ type: 'init', seed: 7, workers: 2 });
  const views = () => messages.filter((m): m is Extract<FromWorker, { type: 'view' }> => m.type === 'view');
  const lastView = () => views().at(-1)!;
  const clusterJSON = () => JSON.stringify(s.host!.cluster.snapshot());
  /** Real-time ticks of uneven lengths, acked as the page would. */
  const run = (ticks: number) => {
    for (let i = 0; i < ticks; i++) {
      s.tick(13 + ((i * 7) % 40));
      send({ type: 'ack' });
    }
  };
  return { s, send, messages, views, lastView, clusterJSON, run };
}

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx\n';

describe('rewind', () => {
  it('rebuilds the cluster exactly as it was at any earlier moment', () => {
    const a = sandbox();
    a.send({ type: 'speed', speed: 10 });
    const seen: { at: number; json: string }[] = [];
    const look = () => seen.push({ at: a.s.host!.cluster.now(), json: a.clusterJSON() });
    look();
    a.send({ type: 'run', id: 1, input: 'kubectl create namespace shop' });
    a.run(30);
    look();
    a.send({ type: 'apply', id: 2, path: '/root/web.yaml', content: POD });
    a.run(200);
    look();
    a.send({ type: 'run', id: 3, input: 'kubectl get pods -w' });
    a.run(500);
    look();
    a.send({ type: 'interrupt', id: 3 });
    a.send({ type: 'run', id: 4, input: 'kubectl delete pod web' });
    a.run(900);
    look();
    a.run(20);
    expect(a.s.host!.cluster.now() - seen[0].at).toBeGreaterThan(3 * CHECKPOINT_EVERY_MS);
    for (const { at, json } of seen) {
      a.send({ type: 'rewind', at });
      expect(a.lastView().past).toBe(true);
      expect(a.lastView().now).toBe(at);
      // The whole snapshot: every stored object, the timers, the random state, the components.
      expect(JSON.stringify(a.s.pastHost!.cluster.snapshot())).toBe(json);
    }
    a.send({ type: 'return' });
    expect(a.s.viewingPast).toBe(false);
  });

  it('shows each earlier moment as it was, and goes back to now unchanged', () => {
    const a = sandbox();
    a.send({ type: 'speed', speed: 10 });
    a.run(10);
    const before = a.s.host!.cluster.now();
    a.send({ type: 'apply', id: 1, path: '/root/web.yaml', content: POD });
    a.run(300);
    const nowJSON = a.clusterJSON();
    const liveNow = a.s.host!.cluster.now();
    a.send({ type: 'rewind', at: before });
    const past = a.lastView();
    expect(past.past).toBe(true);
    expect(past.liveNow).toBe(liveNow);
    expect(past.objects.some((o) => o.key === 'pods/default/web')).toBe(false);
    // The timeline shown is the live one, with the apply marked on it.
    expect(past.timeline.marks.map((m) => m.text)).toContain('kubectl apply -f /root/web.yaml');
    // While the past is shown the live cluster waits.
    a.run(50);
    expect(a.s.host!.cluster.now()).toBe(liveNow);
    a.send({ type: 'rewind', at: before + 30_000 });
    const later = a.lastView().objects.find((o) => o.key === 'pods/default/web');
    expect(later?.pod?.status).toBe('Running');
    a.send({ type: 'return' });
    expect(a.lastView().past).toBe(false);
    expect(a.lastView().now).toBe(liveNow);
    expect(a.clusterJSON()).toBe(nowJSON);
  });

  it('refuses to change the past, and answers the inspector from it', () => {
    const a = sandbox();
    a.send({ type: 'apply', id: 1, path: '/root/web.yaml', content: POD });
    a.run(100);
    a.send({ type: 'rewind', at: a.s.host!.cluster.now() - 1000 });
    a.send({ type: 'run', id: 2, input: 'kubectl delete pod web' });
    const out = a.messages.filter((m) => m.type === 'output' && m.id === 2);
    expect(out.map((m) => (m.type === 'output' ? m.text : '')).join('')).toMatch(/^sandbox: you are looking at the cluster as it was at .*Back to now/);
    expect(a.messages.some((m) => m.type === 'done' && m.id === 2 && m.status === 1)).toBe(true);
    a.send({ type: 'query', id: 3, query: 'yaml', resource: 'pods', namespace: 'default', name: 'web' });
    const answer = a.messages.find((m) => m.type === 'query-result' && m.id === 3);
    expect(answer?.type === 'query-result' && answer.text).toMatch(/^apiVersion: v1\nkind: Pod\n/);
    a.send({ type: 'return' });
    expect(a.s.host!.cluster.store.get('pods', 'default', 'web')).toBeDefined();
  });

  it('continues from an earlier moment: later changes are gone, files and history stay, and it goes on as the original did', () => {
    const a = sandbox();
    const b = sandbox();
    for (const x of [a, b]) {
      x.send({ type: 'speed', speed: 10 });
      x.send({ type: 'run', id: 1, input: 'kubectl run one --image=nginx' });
      x.run(200);
    }
    const fork = a.s.host!.cluster.now();
    expect(b.s.host!.cluster.now()).toBe(fork);
    a.send({ type: 'run', id: 2, input: 'kubectl run two --image=nginx' });
    a.send({ type: 'write-file', path: '/root/notes.txt', content: 'kept' });
    a.send({ type: 'run', id: 3, input: 'kubectl get pods -w' });
    a.run(300);
    a.send({ type: 'rewind', at: fork });
    a.send({ type: 'continue' });
    // The blocking command ran on the cluster that is gone: the terminal gets its prompt back.
    expect(a.messages.some((m) => m.type === 'done' && m.id === 3 && m.status === 130)).toBe(true);
    const view = a.lastView();
    expect(view.past).toBe(false);
    expect(view.now).toBe(fork);
    expect(a.s.host!.cluster.store.get('pods', 'default', 'two')).toBeUndefined();
    expect(a.s.host!.session.fs.readFile('/root/notes.txt')).toBe('kept');
    expect(a.s.host!.session.history).toEqual(['kubectl run one --image=nginx', 'kubectl run two --image=nginx', 'kubectl get pods -w']);
    expect(view.timeline.marks.map((m) => m.text)).toEqual(['kubectl run one --image=nginx']);
    expect(a.clusterJSON()).toBe(b.clusterJSON());
    // From here both go on identically.
    for (const x of [a, b]) {
      x.send({ type: 'run', id: 9, input: 'kubectl run three --image=nginx' });
      x.run(400);
    }
    expect(a.clusterJSON()).toBe(b.clusterJSON());
  });

  it('keeps the timeline in a save: after a restore, earlier moments are rebuilt exactly, from the base alone', () => {
    const a = sandbox();
    a.send({ type: 'speed', speed: 60 });
    a.send({ type: 'run', id: 1, input: 'kubectl run web --image=nginx' });
    a.run(200);
    const at = a.s.host!.cluster.now();
    const then = a.clusterJSON();
    a.send({ type: 'run', id: 2, input: 'kubectl delete pod web --wait=false' });
    a.run(200);
    a.send({ type: 'save', id: 3, timeline: true });
    const saved = a.messages.find((m) => m.type === 'saved');
    if (saved?.type !== 'saved') throw new Error('no save');
    expect(saved.save.timeline?.entries.map((e) => e.op.type)).toEqual(['run', 'run']);
    // Through JSON, as an export would go.
    const restored = JSON.parse(JSON.stringify(saved.save));
    const seen: FromWorker[] = [];
    const c = new WorkerSandbox((m) => seen.push(m));
    c.handle({ type: 'init', seed: 1, workers: 2, restore: restored });
    const ready = seen[0];
    expect(ready.type === 'ready' && ready.timeline.marks.filter((m) => m.kind === 'command').map((m) => m.text)).toEqual([
      'kubectl run web --image=nginx',
      'kubectl delete pod web --wait=false',
    ]);
    c.handle({ type: 'rewind', at });
    expect(JSON.stringify(c.pastHost!.cluster.snapshot())).toBe(then);
    // The replays left checkpoints behind; a look from one of them is exact too.
    c.handle({ type: 'rewind', at: c.host!.cluster.now() - 1 });
    c.handle({ type: 'rewind', at });
    expect(JSON.stringify(c.pastHost!.cluster.snapshot())).toBe(then);
    // A save without its timeline (a share link) starts a new one at the restore.
    const plain = new WorkerSandbox(() => {});
    plain.handle({ type: 'init', seed: 1, workers: 2, restore: { ...restored, timeline: undefined } });
    expect(plain.host!.timelineStart).toBe(plain.host!.cluster.now());
  });

  it('marks Warning events on the timeline once a minute at most', () => {
    const a = sandbox();
    a.send({ type: 'speed', speed: 60 });
    a.send({ type: 'run', id: 1, input: 'kubectl run bad --image=no-such-image:1' });
    a.run(400);
    a.send({ type: 'rewind', at: a.s.host!.timelineStart });
    const warnings = a.lastView().timeline.marks.filter((m) => m.kind === 'warning');
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings.map((w) => w.text)).toContain('Failed Pod/bad');
    for (let i = 1; i < warnings.length; i++) {
      if (warnings[i].text === warnings[i - 1].text) expect(warnings[i].at - warnings[i - 1].at).toBeGreaterThanOrEqual(60_000);
    }
  });
});
