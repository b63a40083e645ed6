import { describe, expect, it } from 'vitest';
import { parseManifests } from '../../engine/yaml/index.ts';
import { BLANK, TEMPLATES } from './templates.ts';

const API_VERSIONS: Record<string, string> = {
  Pod: 'v1',
  Service: 'v1',
  ConfigMap: 'v1',
  Secret: 'v1',
  Namespace: 'v1',
  Deployment: 'apps/v1',
  DaemonSet: 'apps/v1',
  StatefulSet: 'apps/v1',
  Job: 'batch/v1',
  CronJob: 'batch/v1',
  Ingress: 'networking.k8s.io/v1',
  HorizontalPodAutoscaler: 'autoscaling/v2',
};

describe('editor templates', () => {
  it('cover the common kinds', () => {
    const kinds = new Set(
      TEMPLATES.flatMap((t) => parseManifests(t.content, t.fileName).documents.map((d) => (d.value as { kind: string }).kind)),
    );
    expect([...kinds].sort()).toEqual(Object.keys(API_VERSIONS).sort());
  });

  for (const t of TEMPLATES) {
    it(`${t.label} parses as YAML with a current apiVersion for its kind and a name`, () => {
      const r = parseManifests(t.content, t.fileName);
      expect(r.error).toBeUndefined();
      expect(r.warnings).toEqual([]);
      expect(r.documents.length).toBeGreaterThan(0);
      for (const d of r.documents) {
        const o = d.value as { apiVersion: string; kind: string; metadata: { name: string } };
        expect(API_VERSIONS[o.kind]).toBe(o.apiVersion);
        expect(o.metadata.name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
      }
    });
  }

  it('have unique ids and file names', () => {
    expect(new Set(TEMPLATES.map((t) => t.id)).size).toBe(TEMPLATES.length);
    expect(new Set(TEMPLATES.map((t) => t.fileName)).size).toBe(TEMPLATES.length);
    expect(TEMPLATES.every((t) => t.fileName.endsWith('.yaml'))).toBe(true);
  });

  it('StatefulSet comes with its headless Service, named by serviceName', () => {
    const t = TEMPLATES.find((x) => x.id === 'statefulset')!;
    const [svc, sts] = parseManifests(t.content, t.fileName).documents.map((d) => d.value) as unknown as [
      { kind: string; metadata: { name: string }; spec: { clusterIP: string } },
      { kind: string; spec: { serviceName: string } },
    ];
    expect(svc.kind).toBe('Service');
    expect(svc.spec.clusterIP).toBe('None');
    expect(sts.spec.serviceName).toBe(svc.metadata.name);
  });

  it('use the notes’ images', () => {
    const all = TEMPLATES.map((t) => t.content).join('\n');
    expect(all).toContain('image: nginx');
    expect(all).toContain('image: wangyanglinux/myapp:v1');
  });

  it('the blank file is YAML too', () => {
    expect(parseManifests(BLANK.content, BLANK.fileName).error).toBeUndefined();
  });
});
