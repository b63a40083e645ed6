import { describe, expect, it } from 'vitest';
import { parsePositions } from './saved-layout.ts';

describe('the remembered layout', () => {
  it.each([
    { name: 'positions are read back', raw: '{"node:a":{"x":1,"y":2}}', want: { 'node:a': { x: 1, y: 2 } } },
    { name: 'nothing saved is an empty layout', raw: null, want: {} },
    { name: 'broken JSON is ignored', raw: '{', want: {} },
    { name: 'a list is ignored', raw: '[1,2]', want: {} },
    { name: 'entries that are not finite positions are dropped', raw: '{"a":{"x":"1","y":2},"b":{"x":1e400,"y":0},"c":{"x":3,"y":4},"d":null}', want: { c: { x: 3, y: 4 } } },
  ])('$name', ({ raw, want }) => expect(parsePositions(raw)).toEqual(want));
});
