import { describe, expect, it } from 'vitest';
import { threeWayMerge } from './merge.ts';

type J = Parameters<typeof threeWayMerge>[1];

describe('kubectl apply\'s three-way merge', () => {
  it.each<[string, J | undefined, J, J, J]>([
    ['sets a field the configuration sets', { a: 1 }, { a: 2 }, { a: 1, status: 's' }, { a: 2, status: 's' }],
    ['keeps a field nobody configured (a default, a status)', { a: 1 }, { a: 1 }, { a: 1, d: 'x' }, { a: 1, d: 'x' }],
    ['removes a field dropped from the configuration', { a: 1, b: 2 }, { a: 1 }, { a: 1, b: 2 }, { a: 1 }],
    ['keeps a field someone else set that was never configured', { a: 1 }, { a: 1 }, { a: 1, c: 3 }, { a: 1, c: 3 }],
    ['merges nested maps', { m: { x: 1, y: 2 } }, { m: { x: 5 } }, { m: { x: 1, y: 2, z: 9 } }, { m: { x: 5, z: 9 } }],
    ['replaces lists without a merge key whole', { args: ['a', 'b'] }, { args: ['c'] }, { args: ['a', 'b'] }, { args: ['c'] }],
    [
      'merges containers by name, keeping what the server added to each',
      { containers: [{ name: 'a', image: 'x:1' }] },
      { containers: [{ name: 'a', image: 'x:2' }] },
      { containers: [{ name: 'a', image: 'x:1', imagePullPolicy: 'IfNotPresent' }] },
      { containers: [{ name: 'a', image: 'x:2', imagePullPolicy: 'IfNotPresent' }] },
    ],
    [
      'removes a container dropped from the configuration and keeps one added by a controller',
      { containers: [{ name: 'a' }, { name: 'b' }] },
      { containers: [{ name: 'a' }] },
      { containers: [{ name: 'a' }, { name: 'b' }, { name: 'injected' }] },
      { containers: [{ name: 'a' }, { name: 'injected' }] },
    ],
    [
      'merges container ports by containerPort and service ports by port',
      { ports: [{ port: 80, targetPort: 80 }] },
      { ports: [{ port: 80, targetPort: 8080 }] },
      { ports: [{ port: 80, targetPort: 80, protocol: 'TCP', nodePort: 30001 }] },
      { ports: [{ port: 80, targetPort: 8080, protocol: 'TCP', nodePort: 30001 }] },
    ],
    ['merges finalizers as a set', { finalizers: ['a'] }, { finalizers: ['b'] }, { finalizers: ['a', 'x'] }, { finalizers: ['x', 'b'] }],
    ['deletes a field set to null', { a: 1 }, { a: null }, { a: 1 }, {}],
    ['treats a first apply onto an existing object as having no history', undefined, { a: 2 }, { a: 1, b: 1 }, { a: 2, b: 1 }],
  ])('%s', (_name, original, modified, current, expected) => {
    expect(threeWayMerge(original, modified, current)).toEqual(expected);
  });
});
