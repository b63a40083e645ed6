// Errors raised while reading YAML, carrying what go-yaml v2 keeps (problem, context, their marks) so
// the message can be rebuilt exactly as kubectl prints it, and a precise location for our own UI.

import type { Position } from './source.ts';

/**
 * Which stage failed: it decides how go-yaml numbers the line in its message. 'convert' is
 * sigs.k8s.io/yaml's YAML-to-JSON step (map keys, json.Marshal), whose messages have no `yaml:`.
 */
export type YamlErrorKind = 'reader' | 'scanner' | 'parser' | 'composer' | 'decoder' | 'convert';

export class YamlSyntaxError extends Error {
  constructor(
    readonly kind: YamlErrorKind,
    readonly problem: string,
    readonly problemAt: Position | undefined,
    readonly context = '',
    readonly contextAt: Position | undefined = undefined,
  ) {
    super(problem);
    this.name = 'YamlSyntaxError';
  }

  /**
   * The text go-yaml v2 returns (`yaml: line 7: found character that cannot start any token`).
   * Its parser's fail() numbers scanner errors from 1 but parser errors from 0 (so they name the
   * line before), and prints no line at all when the problem sits on the first line.
   */
  goMessage(): string {
    if (this.kind === 'convert') return this.problem;
    if (this.kind !== 'scanner' && this.kind !== 'parser') return `yaml: ${this.problem}`;
    let line = 0;
    const problemLine = this.problemAt?.line ?? 0;
    if (problemLine !== 0) {
      line = this.kind === 'scanner' ? problemLine + 1 : problemLine;
    } else if (this.contextAt && this.contextAt.line !== 0) {
      line = this.contextAt.line;
    }
    return `yaml: ${line !== 0 ? `line ${line}: ` : ''}${this.problem}`;
  }
}
