// Scenario tests run scripts against a fresh cluster exactly as the CLI does, with stored objects
// frozen so that any component that mutates a shared object fails loudly.

import { Headless, type HeadlessOptions } from '../terminal/headless.ts';
import type { KubeObject } from '../api/object.ts';

export function sandbox(options: HeadlessOptions = {}): Headless {
  return new Headless({ freeze: true, ...options });
}

/** The objects of a resource as plain data (for assertions). */
export function objects(h: Headless, resource: string, namespace?: string): KubeObject[] {
  return h.cluster.store.list(resource, namespace);
}

export function pod(h: Headless, name: string, namespace = 'default'): KubeObject | undefined {
  return h.cluster.store.get('pods', namespace, name);
}

/** Dedent a template literal (tests write manifests indented). */
export function yaml(strings: TemplateStringsArray, ...values: unknown[]): string {
  const text = strings.reduce((acc, s, i) => acc + s + (i < values.length ? String(values[i]) : ''), '');
  const lines = text.replace(/^\n/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.match(/^ */)![0].length));
  return lines.map((l) => l.slice(indent)).join('\n');
}
