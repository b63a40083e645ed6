import { describe, expect, it } from 'vitest';
import { parseSave } from './save-file.ts';

const good = {
  format: 'kube-sandbox/save',
  version: 1,
  files: { '/root/a.yaml': 'kind: Pod\n' },
  history: ['kubectl get pods'],
  cluster: { format: 'kube-sandbox/cluster', version: 1, options: {}, nodes: [{ name: 'k8s-master01' }], sim: {}, store: { rev: 5, resources: { pods: [{ metadata: { name: 'web' } }] } } },
};
const with_ = (patch: (s: typeof good) => unknown) => JSON.stringify(patch(structuredClone(good)));

describe('checking a save before the engine sees it', () => {
  it('accepts a well-formed save', () => {
    expect(parseSave(JSON.stringify(good)).ok).toBe(true);
  });
  it('accepts a save with its rewind timeline', () => {
    const timeline = { start: 0, base: good, baseMarks: [], entries: [{ at: 3, op: { type: 'run', id: 1, input: 'kubectl get pods' } }], marks: [{ at: 3, kind: 'command', text: 'kubectl get pods' }] };
    expect(parseSave(JSON.stringify({ ...good, timeline })).ok).toBe(true);
  });
  it.each([
    { name: 'text that is not JSON is refused', text: 'hello', reason: /not JSON/ },
    { name: 'JSON that is not a save is refused', text: '{"kind":"Pod"}', reason: /not a Kube Sandbox save/ },
    { name: 'a save of another version is refused', text: with_((s) => ({ ...s, version: 2 })), reason: /version 2/ },
    { name: 'a file path that climbs out is refused', text: with_((s) => ({ ...s, files: { '/root/../../etc/passwd': 'x' } })), reason: /not an absolute sandbox path/ },
    { name: 'a file that is not text is refused', text: with_((s) => ({ ...s, files: { '/root/a': 5 } })), reason: /not text/ },
    { name: 'a history that is not lines is refused', text: with_((s) => ({ ...s, history: [{}] })), reason: /history/ },
    { name: 'a cluster without nodes is refused', text: with_((s) => ({ ...s, cluster: { ...s.cluster, nodes: 'x' } })), reason: /nodes/ },
    { name: 'an object without a name is refused', text: with_((s) => ({ ...s, cluster: { ...s.cluster, store: { rev: 1, resources: { pods: [{}] } } } })), reason: /metadata.name/ },
    { name: 'a timeline whose base is not a save is refused', text: with_((s) => ({ ...s, timeline: { start: 0, base: { kind: 'Pod' }, baseMarks: [], entries: [], marks: [] } })), reason: /timeline's base is not a valid save/ },
    { name: 'a timeline with an unknown op is refused', text: with_((s) => ({ ...s, timeline: { start: 0, base: good, baseMarks: [], entries: [{ at: 1, op: { type: 'eval', code: 'x' } }], marks: [] } })), reason: /rewind journal/ },
    { name: 'a timeline out of time order is refused', text: with_((s) => ({ ...s, timeline: { start: 10, base: good, baseMarks: [], entries: [{ at: 5, op: { type: 'interrupt', id: 1 } }], marks: [] } })), reason: /time order/ },
    { name: 'a timeline with bad marks is refused', text: with_((s) => ({ ...s, timeline: { start: 0, base: good, baseMarks: [], entries: [], marks: [{ at: 'x' }] } })), reason: /marks/ },
    { name: 'a timeline nested in its base is refused', text: with_((s) => ({ ...s, timeline: { start: 0, base: { ...good, timeline: {} }, baseMarks: [], entries: [], marks: [] } })), reason: /timeline of its own/ },
    { name: 'an oversized file is refused before it is parsed', text: ' '.repeat(64 * 1024 * 1024 + 1), reason: /too large/ },
  ])('$name', ({ text, reason }) => {
    const r = parseSave(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });
});
