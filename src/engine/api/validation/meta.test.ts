import { describe, expect, it } from 'vitest';
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import { errorString } from '../field.ts';
import { nameIsDNS1035Label, nameIsDNSLabel } from '../names.ts';
import { validateObjectMeta, validateObjectMetaUpdate, type ObjectMetaOptions } from './meta.ts';

const NAMESPACED: ObjectMetaOptions = { namespaced: true };

describe('validateObjectMeta', () => {
  it.each([
    ['a valid object has no errors', { name: 'web', namespace: 'default', labels: { app: 'web' } }, NAMESPACED, []],
    ['a missing name is left to the apiserver, which reports it itself', { namespace: 'default' }, NAMESPACED, []],
    [
      'generateName follows the name rule, a trailing dash allowed',
      { name: 'web-x7k2p', generateName: 'Web-', namespace: 'default' },
      NAMESPACED,
      [
        "metadata.generateName: Invalid value: \"Web-\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      ],
    ],
    ['a namespaced kind needs its namespace', { name: 'web' }, NAMESPACED, ['metadata.namespace: Required value']],
    [
      'the namespace is a DNS label',
      { name: 'web', namespace: 'Prod' },
      NAMESPACED,
      [
        "metadata.namespace: Invalid value: \"Prod\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
      ],
    ],
    ['a cluster-scoped kind has no namespace', { name: 'n1', namespace: 'default' }, { namespaced: false }, ['metadata.namespace: Forbidden: not allowed on this type']],
    ['a DNS-label kind refuses dots', { name: 'a.b' }, { namespaced: false, nameFn: nameIsDNSLabel }, ['metadata.name: Invalid value: "a.b": must not contain dots']],
    [
      'a DNS-1035 kind refuses a leading digit',
      { name: '1web', namespace: 'default' },
      { namespaced: true, nameFn: nameIsDNS1035Label },
      [
        "metadata.name: Invalid value: \"1web\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
      ],
    ],
    [
      'orphan and foregroundDeletion exclude each other',
      { name: 'web', namespace: 'default', finalizers: ['orphan', 'foregroundDeletion'] },
      NAMESPACED,
      ['metadata.finalizers: Invalid value: []string{"orphan", "foregroundDeletion"}: finalizer orphan and foregroundDeletion cannot be both set'],
    ],
    [
      'only one owner is the controller',
      {
        name: 'web',
        namespace: 'default',
        ownerReferences: [
          { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'a', uid: '1', controller: true },
          { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'b', uid: '2', controller: true },
        ],
      },
      NAMESPACED,
      [
        'metadata.ownerReferences: Invalid value: []v1.OwnerReference{v1.OwnerReference{APIVersion:"apps/v1", Kind:"ReplicaSet", Name:"a", UID:"1", Controller:(*bool)(0xc000012345), BlockOwnerDeletion:(*bool)(nil)}, v1.OwnerReference{APIVersion:"apps/v1", Kind:"ReplicaSet", Name:"b", UID:"2", Controller:(*bool)(0xc000012345), BlockOwnerDeletion:(*bool)(nil)}}: Only one reference can have Controller set to true. Found "true" in references for ReplicaSet/a and ReplicaSet/b',
      ],
    ],
  ] as [string, ObjectMeta, ObjectMetaOptions, string[]][])('%s', (_name, meta, opts, expected) => {
    expect(validateObjectMeta(meta, opts).map(errorString)).toEqual(expected);
  });

  it('an absent metadata is checked like an empty one', () => {
    expect(validateObjectMeta(undefined, NAMESPACED).map(errorString)).toEqual(['metadata.namespace: Required value']);
  });
});

describe('validateObjectMetaUpdate', () => {
  const old: ObjectMeta = { name: 'web', namespace: 'default', uid: 'u1', generation: 3, creationTimestamp: '2024-01-01T00:00:00Z' };
  it.each([
    ['labels and annotations may change', { ...old, labels: { a: 'b' } }, []],
    ['the generation is never decremented', { ...old, generation: 2 }, ['metadata.generation: Invalid value: 2: must not be decremented']],
    ['the uid is immutable', { ...old, uid: 'u2' }, ['metadata.uid: Invalid value: "u2": field is immutable']],
    ['the name is immutable', { ...old, name: 'api' }, ['metadata.name: Invalid value: "api": field is immutable']],
  ] as [string, ObjectMeta, string[]][])('%s', (_name, next, expected) => {
    expect(validateObjectMetaUpdate(next, old).map(errorString)).toEqual(expected);
  });

  it('finalizers may be removed but not added while deleting', () => {
    const deleting = { ...old, deletionTimestamp: '2024-01-02T00:00:00Z', finalizers: ['kubernetes'] };
    expect(validateObjectMetaUpdate({ ...deleting, finalizers: [] }, deleting)).toEqual([]);
    expect(validateObjectMetaUpdate({ ...deleting, finalizers: ['kubernetes', 'b.io/x', 'a.io/y'] }, deleting).map(errorString)).toEqual([
      'metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"a.io/y", "b.io/x"}',
    ]);
  });
});
