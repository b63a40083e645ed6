import { describe, expect, it } from 'vitest';
import { definition, hasSchemaDocs, kindSchema, schemaKinds } from './index.ts';

describe('schema structure', () => {
  it('finds a kind\'s definition with Go names and int widths', () => {
    const d = kindSchema('apps/v1', 'Deployment')!;
    expect(d.go).toBe('v1.Deployment');
    const spec = definition('io.k8s.api.apps.v1.DeploymentSpec')!;
    expect(spec.required).toEqual(['selector', 'template']);
    expect(spec.fields.replicas).toEqual({ type: 'integer', go: 'int32', format: 'int32' });
    expect(definition('io.k8s.api.core.v1.PodSpec')!.fields.activeDeadlineSeconds).toEqual({ type: 'integer', go: 'int64', format: 'int64' });
  });

  it('keeps enums, named types, IntOrString and Quantity', () => {
    const c = definition('io.k8s.api.core.v1.Container')!;
    expect(c.fields.imagePullPolicy).toEqual({ type: 'string', go: 'v1.PullPolicy', enum: ['Always', 'IfNotPresent', 'Never'] });
    expect(definition('io.k8s.api.core.v1.ResourceRequirements')!.fields.limits).toMatchObject({ type: 'map', go: 'v1.ResourceList', values: { type: 'Quantity' } });
    expect(definition('io.k8s.api.apps.v1.RollingUpdateDeployment')!.fields.maxSurge.type).toBe('IntOrString');
  });

  it('serves both autoscaling versions and both Event kinds', () => {
    const kinds = schemaKinds().map(([v, k]) => `${v}/${k}`);
    expect(kinds).toContain('autoscaling/v1/HorizontalPodAutoscaler');
    expect(kinds).toContain('autoscaling/v2/HorizontalPodAutoscaler');
    expect(kindSchema('events.k8s.io/v1', 'Event')!.name).toBe('io.k8s.api.events.v1.Event');
    expect(kindSchema('v1', 'Nope')).toBeUndefined();
  });

  it('starts without docs until docs.ts is imported', () => {
    expect(typeof hasSchemaDocs()).toBe('boolean');
  });
});
