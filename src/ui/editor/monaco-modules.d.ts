// Side-effect modules of monaco-editor's ESM build that ship without type declarations.
declare module 'monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution.js';
declare module 'monaco-editor/esm/vs/editor/common/standaloneStrings.js';
declare module 'monaco-editor/esm/vs/base/browser/ui/codicons/codiconStyles.js';
