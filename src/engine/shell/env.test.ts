import { describe, expect, it } from 'vitest';
import { LayeredEnv, ShellEnvImpl } from './env.ts';

describe('ShellEnvImpl', () => {
  it('exports its initial variables', () => {
    const env = new ShellEnvImpl({ HOME: '/root' });
    expect(env.exported()).toEqual({ HOME: '/root' });
  });

  it('keeps unexported variables out of the environment', () => {
    const env = new ShellEnvImpl();
    env.set('LOCAL', '1');
    env.export('LATER');
    expect(env.exported()).toEqual({});
    env.set('LATER', 'now');
    expect(env.exported()).toEqual({ LATER: 'now' });
    expect(env.variables()).toEqual({ LATER: 'now', LOCAL: '1' });
  });

  it('forgets the export mark when unset', () => {
    const env = new ShellEnvImpl({ A: '1' });
    env.unset('A');
    env.set('A', '2');
    expect(env.exported()).toEqual({});
  });

  it('survives a JSON round trip', () => {
    const env = new ShellEnvImpl({ A: '1' });
    env.set('B', '2');
    const copy = ShellEnvImpl.fromJSON(JSON.parse(JSON.stringify(env)));
    expect(copy.toJSON()).toEqual(env.toJSON());
    expect(copy.exported()).toEqual({ A: '1' });
  });
});

describe('LayeredEnv', () => {
  it('keeps every change to itself in copy mode', () => {
    const parent = new ShellEnvImpl({ A: '1' });
    const child = new LayeredEnv(parent, 'copy');
    child.set('A', '2');
    child.set('B', '3');
    child.unset('A');
    expect(parent.variables()).toEqual({ A: '1' });
    expect(child.variables()).toEqual({ B: '3' });
  });

  it('keeps an exported variable exported when a copy changes it', () => {
    const child = new LayeredEnv(new ShellEnvImpl({ A: '1' }), 'copy');
    child.set('A', '2');
    expect(child.exported()).toEqual({ A: '2' });
  });

  it('writes through in scope mode except for declared names', () => {
    const parent = new ShellEnvImpl();
    const scope = new LayeredEnv(parent, 'scope');
    scope.declare('L', 'local');
    scope.set('G', 'global');
    scope.set('L', 'changed');
    expect(parent.variables()).toEqual({ G: 'global' });
    expect(scope.get('L')).toBe('changed');
  });

  it('exports a declared prefix variable to commands', () => {
    const scope = new LayeredEnv(new ShellEnvImpl({ A: '1' }), 'scope');
    scope.declare('FOO', 'bar', true);
    expect(scope.exported()).toEqual({ A: '1', FOO: 'bar' });
  });
});
