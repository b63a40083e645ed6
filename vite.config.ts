import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** Heavy libraries in chunks of their own; Monaco is only ever reached through the editor's dynamic import. */
const vendorGroups = [
  // Vite's preload helper is used by the entry and by Monaco's own lazy languages: without a group
  // of its own it is pulled into the monaco chunk, which the entry would then import statically.
  { name: 'preload-helper', test: /preload-helper/, priority: 100 },
  {
    name: 'monaco',
    test: /node_modules[\\/](monaco-editor|monaco-yaml|monaco-languageserver-types|monaco-marker-data-provider|monaco-worker-manager|vscode-languageserver-types|vscode-uri)[\\/]/,
    priority: 30,
  },
  { name: 'xyflow', test: /node_modules[\\/](@xyflow|d3-[a-z-]+|classcat)[\\/]/, priority: 20 },
  { name: 'xterm', test: /node_modules[\\/]@xterm[\\/]/, priority: 20 },
  // Before xyflow: React Flow's dependencies (react, use-sync-external-store) must not drag its chunk into the entry.
  { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|use-sync-external-store|zustand)[\\/]/, priority: 40 },
];

export default defineConfig({
  plugins: [react()],
  server: { port: 5173, strictPort: true },
  preview: { port: 4173, strictPort: true },
  worker: { format: 'es' },
  // Pre-bundled up front, or the first cold dev run reloads the page mid-test ("optimized dependencies changed").
  optimizeDeps: { include: ['monaco-yaml/yaml.worker.js'] },
  build: {
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      output: {
        codeSplitting: { groups: vendorGroups },
      },
    },
  },
});
