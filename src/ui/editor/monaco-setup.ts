// Monaco, fully offline: the editor core with its contributions (hover, suggest, find …), the YAML
// tokenizer, monaco-yaml with the Kubernetes 1.30 schema, and workers bundled by Vite. Only the
// lazily loaded editor chunk imports this module, so none of it is in the page's entry chunk.

import * as monaco from 'monaco-editor/esm/vs/editor/editor.api';
import './monaco-features.ts';
import 'monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution.js';
import { configureMonacoYaml, type JSONSchema } from 'monaco-yaml';
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker?worker';
import YamlWorker from './yaml.worker.ts?worker';
// The schema (~600 KB) is an asset fetched from the page's own origin, not parsed as JavaScript.
import schemaUrl from '../../engine/api/schema/editor-schema.json?url';

export { monaco };

self.MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Worker {
    return label === 'yaml' ? new YamlWorker() : new EditorWorker();
  },
};

/** Model URIs are file:///root/NAME.yaml; the schema applies to every manifest there. */
export const SCHEMA_FILE_MATCH = ['**/*.yaml', '**/*.yml', '**/*.json'];

async function loadSchema(): Promise<JSONSchema> {
  const r = await fetch(schemaUrl);
  if (!r.ok) throw new Error(`editor schema: HTTP ${r.status}`);
  return (await r.json()) as JSONSchema;
}

const schema = await loadSchema().catch((e: unknown) => {
  // Without the schema the editor still edits and applies; kubectl still validates.
  console.warn('Kube Sandbox: the editor runs without the Kubernetes schema:', e);
  return null;
});

configureMonacoYaml(monaco, {
  enableSchemaRequest: false,
  validate: true,
  completion: true,
  hover: true,
  format: { enable: true },
  schemas: schema
    ? [{ uri: 'kube-sandbox://schema/kubernetes-1.30.json', fileMatch: SCHEMA_FILE_MATCH, schema }]
    : [],
});

// Playwright reads markers through this (monaco.editor.getModelMarkers({})); harmless otherwise.
(globalThis as { __monaco?: typeof monaco }).__monaco = monaco;

export function themeFor(el: HTMLElement = document.documentElement): 'vs' | 'vs-dark' {
  return el.dataset.theme === 'dark' ? 'vs-dark' : 'vs';
}

export function modelUri(path: string): monaco.Uri {
  return monaco.Uri.file(path);
}
