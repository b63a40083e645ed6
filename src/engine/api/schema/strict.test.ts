import { describe, expect, it } from 'vitest';
import { checkObject, formatDecodeError } from './strict.ts';

const pod = (spec: unknown, metadata: unknown = { name: 'p' }) => ({ apiVersion: 'v1', kind: 'Pod', metadata, spec });
const deploy = (spec: unknown) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec });

describe('strict decoding', () => {
  it('accepts a well-formed pod', () => {
    expect(checkObject(pod({ containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80 }] }] }), 'v1', 'Pod'))
      .toEqual({ unknownFields: [] });
  });

  it('reports unknown fields with indexes, in sorted key order as kubectl sends them', () => {
    const r = checkObject(pod({ foo: 1, containers: [{ name: 'c', imagee: 'nginx' }] }, { name: 'p', labelz: {} }), 'v1', 'Pod');
    expect(r).toEqual({ unknownFields: ['metadata.labelz', 'spec.containers[0].imagee', 'spec.foo'] });
    expect(formatDecodeError('Pod', 'v1', r)).toBe('Pod in version "v1" cannot be handled as a Pod: strict decoding error: '
      + 'unknown field "metadata.labelz", unknown field "spec.containers[0].imagee", unknown field "spec.foo"');
  });

  it('reports a string where an int32 belongs with the struct and the field path', () => {
    const r = checkObject(deploy({ replicas: '3', selector: {}, template: {} }), 'apps/v1', 'Deployment');
    expect(formatDecodeError('Deployment', 'apps/v1', r)).toBe('Deployment in version "v1" cannot be handled as a Deployment: '
      + 'json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32');
  });

  it('leaves array indexes out of a type error path', () => {
    const r = checkObject(deploy({ template: { spec: { containers: [{ name: 'c', args: ['a', 1] }] } } }), 'apps/v1', 'Deployment');
    expect(r.typeError).toBe('json: cannot unmarshal number into Go struct field Container.spec.template.spec.containers.args of type string');
  });

  it('names Go types as reflect prints them: slices, named maps and named strings', () => {
    expect(checkObject(pod({ containers: [{ name: 'c', args: 'x' }] }), 'v1', 'Pod').typeError)
      .toBe('json: cannot unmarshal string into Go struct field Container.spec.containers.args of type []string');
    expect(checkObject(pod({ containers: { name: 'c' } }), 'v1', 'Pod').typeError)
      .toBe('json: cannot unmarshal object into Go struct field PodSpec.spec.containers of type []v1.Container');
    expect(checkObject(pod({ containers: [{ name: 'c', resources: { limits: 'x' } }] }), 'v1', 'Pod').typeError)
      .toBe('json: cannot unmarshal string into Go struct field ResourceRequirements.spec.containers.resources.limits of type v1.ResourceList');
    expect(checkObject(pod({ containers: [{ name: 'c', imagePullPolicy: 1 }] }), 'v1', 'Pod').typeError)
      .toBe('json: cannot unmarshal number into Go struct field Container.spec.containers.imagePullPolicy of type v1.PullPolicy');
  });

  it('reports map values and booleans against the struct that holds the map', () => {
    expect(checkObject(pod({}, { name: 'p', labels: { app: 1 } }), 'v1', 'Pod').typeError)
      .toBe('json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string');
    expect(checkObject(pod({ containers: [{ name: 'c', stdin: 'yes' }] }), 'v1', 'Pod').typeError)
      .toBe('json: cannot unmarshal string into Go struct field Container.spec.containers.stdin of type bool');
  });

  it('prints a fractional or out-of-range number in full and knows int64 fields', () => {
    expect(checkObject(pod({ containers: [{ name: 'c', ports: [{ containerPort: 1.5 }] }] }), 'v1', 'Pod').typeError)
      .toBe('json: cannot unmarshal number 1.5 into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32');
    expect(checkObject(pod({ terminationGracePeriodSeconds: 'x' }), 'v1', 'Pod').typeError)
      .toBe('json: cannot unmarshal string into Go struct field PodSpec.spec.terminationGracePeriodSeconds of type int64');
  });

  it('lets a type error hide the unknown fields, as the apiserver returns only the decode error', () => {
    expect(checkObject(deploy({ replicas: 'x', bogus: 1 }), 'apps/v1', 'Deployment').unknownFields).toEqual([]);
  });

  it('uses the types\' own decoders for quantities, int-or-strings, times and secret data', () => {
    expect(checkObject(pod({ containers: [{ name: 'c', resources: { limits: { cpu: 'lots' } } }] }), 'v1', 'Pod').typeError)
      .toBe("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
    expect(checkObject(pod({ containers: [{ name: 'c', resources: { limits: { cpu: 1, memory: '64Mi' } } }] }), 'v1', 'Pod'))
      .toEqual({ unknownFields: [] });
    expect(checkObject(deploy({ strategy: { rollingUpdate: { maxSurge: true } } }), 'apps/v1', 'Deployment').typeError)
      .toBe('json: cannot unmarshal bool into Go struct field RollingUpdateDeployment.spec.strategy.rollingUpdate.maxSurge of type int32');
    expect(checkObject(pod({}, { name: 'p', creationTimestamp: null }), 'v1', 'Pod')).toEqual({ unknownFields: [] });
    expect(checkObject(pod({}, { name: 'p', creationTimestamp: 'yesterday' }), 'v1', 'Pod').typeError)
      .toBe('parsing time "yesterday" as "2006-01-02T15:04:05Z07:00": cannot parse "yesterday" as "2006"');
    expect(checkObject({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { k: 'abc$' } }, 'v1', 'Secret').typeError)
      .toBe('illegal base64 data at input byte 3');
  });

  it('formats nothing for a clean result', () => {
    expect(formatDecodeError('Pod', 'v1', { unknownFields: [] })).toBe('');
  });
});
