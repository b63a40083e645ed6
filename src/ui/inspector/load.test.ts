import { describe, expect, it } from 'vitest';
import { loadCommand, loadOf } from './load.ts';

describe('loadOf', () => {
  const list = 'deployments.apps/web -n default: 300m\nservices/php-apache -n shop: 1\n';
  it.each([
    ['deployments.apps', 'default', 'web', 300],
    ['services', 'shop', 'php-apache', 1000],
    ['deployments.apps', 'shop', 'web', 0],
    ['replicasets.apps', 'default', 'web', 0],
  ])('%s %s/%s is %d', (resource, ns, name, want) => {
    expect(loadOf(list, resource, ns, name)).toBe(want);
  });
  it('reads "No loads set." as none', () => {
    expect(loadOf('No loads set.\n', 'deployments.apps', 'default', 'web')).toBe(0);
  });
});

describe('loadCommand', () => {
  it.each([
    ['deployments.apps', 'default', 'web', 500, 'sandbox load deployment/web 500m'],
    ['services', 'shop', 'php-apache', 1500, 'sandbox load service/php-apache 1500m -n shop'],
    ['deployments.apps', 'default', 'web', 0, 'sandbox load deployment/web 0'],
  ])('%s %s/%s %d', (resource, ns, name, m, want) => {
    expect(loadCommand(resource, ns, name, m)).toBe(want);
  });
});
