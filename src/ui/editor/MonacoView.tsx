// The Monaco part of the editor panel, loaded lazily (its own chunk): one editor, one model per
// open file (file:///root/NAME.yaml, so the Kubernetes schema applies), kept in step with the
// editor store both ways; kubectl's errors from the last Apply shown as markers.

import { useEffect, useRef } from 'react';
import { monaco, modelUri, themeFor } from './monaco-setup.ts';
import { setContent, useEditor, type EditorState } from './editor-store.ts';
import type { ApplyResult } from '../../worker/protocol.ts';

/** The markers' owner: monaco-yaml's own problems live under other owners and are left alone. */
export const KUBECTL_OWNER = 'kubectl';

export interface AppliedFile {
  path: string;
  /** The content that was applied; markers go on the model only while it still holds it. */
  content: string;
  errorLines: ApplyResult['errorLines'];
}

export interface MonacoViewProps {
  applied: AppliedFile | null;
  onApply: () => void;
  /** Label of the apply action in Monaco's command palette. */
  applyLabel: string;
  ariaLabel: string;
}

function kubectlMarkers(model: monaco.editor.ITextModel, errors: ApplyResult['errorLines']): monaco.editor.IMarkerData[] {
  const lines = model.getLineCount();
  return errors.map((e) => {
    const line = Math.min(Math.max(1, e.line), lines);
    const first = model.getLineFirstNonWhitespaceColumn(line) || 1;
    const last = model.getLineMaxColumn(line);
    const start = e.column ? Math.min(Math.max(1, e.column), last) : first;
    return {
      severity: monaco.MarkerSeverity.Error,
      source: 'kubectl',
      message: e.message,
      startLineNumber: line,
      startColumn: start,
      endLineNumber: line,
      endColumn: start < last ? last : start + 1,
    };
  });
}

export default function MonacoView({ applied, onApply, applyLabel, ariaLabel }: MonacoViewProps) {
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const onApplyRef = useRef(onApply);
  onApplyRef.current = onApply;

  useEffect(() => {
    const el = host.current!;
    const editor = monaco.editor.create(el, {
      model: null,
      theme: themeFor(),
      automaticLayout: true,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      fontSize: 13,
      tabSize: 2,
      insertSpaces: true,
      detectIndentation: false,
      wordWrap: 'off',
      renderWhitespace: 'boundary',
      fixedOverflowWidgets: true,
      quickSuggestions: { other: true, comments: false, strings: true },
      ariaLabel,
    });
    editorRef.current = editor;

    const models = new Map<string, monaco.editor.ITextModel>();
    const listeners = new Map<string, monaco.IDisposable>();
    const viewStates = new Map<string, monaco.editor.ICodeEditorViewState | null>();
    let shown: string | null = null;

    const sync = (s: EditorState) => {
      const open = new Set(s.files.map((f) => f.path));
      for (const [path, model] of models) {
        if (open.has(path)) continue;
        listeners.get(path)?.dispose();
        listeners.delete(path);
        viewStates.delete(path);
        models.delete(path);
        if (shown === path) {
          editor.setModel(null);
          shown = null;
        }
        model.dispose();
      }
      for (const f of s.files) {
        const model = models.get(f.path);
        if (!model) {
          const uri = modelUri(f.path);
          monaco.editor.getModel(uri)?.dispose();
          const created = monaco.editor.createModel(f.content, 'yaml', uri);
          created.updateOptions({ tabSize: 2, insertSpaces: true });
          models.set(f.path, created);
          listeners.set(
            f.path,
            created.onDidChangeContent(() => {
              monaco.editor.setModelMarkers(created, KUBECTL_OWNER, []);
              setContent(f.path, created.getValue());
            }),
          );
        } else if (model.getValue() !== f.content) {
          // Changed from outside (the inspector's "Edit" fetched it afresh): keep undo history.
          model.pushEditOperations([], [{ range: model.getFullModelRange(), text: f.content }], () => null);
        }
      }
      if (s.active !== shown) {
        if (shown) viewStates.set(shown, editor.saveViewState());
        const next = s.active ? models.get(s.active) ?? null : null;
        editor.setModel(next);
        shown = next ? s.active : null;
        const vs = shown ? viewStates.get(shown) : undefined;
        if (vs) editor.restoreViewState(vs);
      }
    };
    sync(useEditor.getState());
    const unsubscribe = useEditor.subscribe(sync);

    const action = editor.addAction({
      id: 'kube-sandbox.apply',
      label: applyLabel,
      keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter],
      run: () => onApplyRef.current(),
    });

    const observer = new MutationObserver(() => monaco.editor.setTheme(themeFor()));
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });

    return () => {
      observer.disconnect();
      action.dispose();
      unsubscribe();
      for (const l of listeners.values()) l.dispose();
      editor.dispose();
      for (const m of models.values()) m.dispose();
      editorRef.current = null;
    };
    // The editor is created once; its label updates through the effect below.
  }, []);

  useEffect(() => {
    editorRef.current?.updateOptions({ ariaLabel });
  }, [ariaLabel]);

  useEffect(() => {
    if (!applied) return;
    const model = monaco.editor.getModel(modelUri(applied.path));
    if (!model) return;
    const current = model.getValue() === applied.content;
    monaco.editor.setModelMarkers(model, KUBECTL_OWNER, current ? kubectlMarkers(model, applied.errorLines) : []);
  }, [applied]);

  return <div ref={host} className="editor-monaco" data-testid="monaco-host" />;
}
