// Bundles the headless CLI into one file for Node (dist-cli/kube-sandbox.mjs), so that it starts in
// a fraction of a second. `npm install` builds it (postinstall); bin/kube-sandbox.js falls back to
// running the TypeScript sources through tsx when the bundle is missing or older than the sources.
import { defineConfig } from 'vite';

export default defineConfig({
  logLevel: 'warn',
  publicDir: false,
  build: {
    ssr: 'src/cli/run.ts',
    outDir: 'dist-cli',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: false,
    rolldownOptions: {
      output: { entryFileNames: 'kube-sandbox.mjs', codeSplitting: false },
    },
  },
  ssr: { noExternal: true, target: 'node' },
});
