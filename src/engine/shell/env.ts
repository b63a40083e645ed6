// Shell variables. ShellEnvImpl is the plain, serializable store a shell starts from; LayeredEnv is a
// layer over another env, used for subshells (copy-on-write), function locals and `FOO=1 cmd` prefixes.

import type { ShellEnv } from './types.ts';

export interface ShellEnvJSON {
  vars: Record<string, string>;
  exported: string[];
}

/** Extra queries the shell uses when the env offers them (`set`, `export -p`). */
export interface VariableListing {
  variables(): Record<string, string>;
  isExported(name: string): boolean;
}

function sortedRecord(entries: Iterable<[string, string]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) out[k] = v;
  return out;
}

export class ShellEnvImpl implements ShellEnv, VariableListing {
  private readonly vars = new Map<string, string>();
  /** Names marked for export; a name may be exported before it has a value (`export X`). */
  private readonly exportedNames = new Set<string>();

  /** `initial` variables are exported, as a process's environment is. */
  constructor(initial: Record<string, string> = {}) {
    for (const [name, value] of Object.entries(initial)) this.export(name, value);
  }

  static fromJSON(json: ShellEnvJSON): ShellEnvImpl {
    const env = new ShellEnvImpl();
    for (const [name, value] of Object.entries(json.vars)) env.vars.set(name, value);
    for (const name of json.exported) env.exportedNames.add(name);
    return env;
  }

  toJSON(): ShellEnvJSON {
    return { vars: sortedRecord(this.vars), exported: [...this.exportedNames].sort() };
  }

  get(name: string): string | undefined {
    return this.vars.get(name);
  }

  set(name: string, value: string): void {
    this.vars.set(name, value);
  }

  unset(name: string): void {
    this.vars.delete(name);
    this.exportedNames.delete(name);
  }

  export(name: string, value?: string): void {
    if (value !== undefined) this.vars.set(name, value);
    this.exportedNames.add(name);
  }

  exported(): Record<string, string> {
    const out: [string, string][] = [];
    for (const name of this.exportedNames) {
      const value = this.vars.get(name);
      if (value !== undefined) out.push([name, value]);
    }
    return sortedRecord(out);
  }

  isExported(name: string): boolean {
    return this.exportedNames.has(name);
  }

  variables(): Record<string, string> {
    return sortedRecord(this.vars);
  }

  clone(): ShellEnvImpl {
    return ShellEnvImpl.fromJSON(this.toJSON());
  }
}

function hasListing(env: ShellEnv): env is ShellEnv & VariableListing {
  const candidate = env as Partial<VariableListing>;
  return typeof candidate.variables === 'function' && typeof candidate.isExported === 'function';
}

/** Every variable of `env`, exported or not, when it can tell; otherwise its exported ones. */
export function listVariables(env: ShellEnv): Record<string, string> {
  return hasListing(env) ? env.variables() : env.exported();
}

export function isExported(env: ShellEnv, name: string): boolean {
  return hasListing(env) ? env.isExported(name) : name in env.exported();
}

interface LayerEntry {
  value: string | undefined;
  exported: boolean;
}

/**
 * An env over a parent env. In 'copy' mode (subshells) every change stays in the layer. In 'scope'
 * mode (function calls, command prefixes) only names declared in the layer live here; every other
 * change goes through to the parent, which is bash's dynamic scoping of `local`.
 */
export class LayeredEnv implements ShellEnv, VariableListing {
  private readonly layer = new Map<string, LayerEntry>();

  constructor(
    private readonly parent: ShellEnv,
    private readonly mode: 'copy' | 'scope',
  ) {}

  /** Makes `name` live in this layer (bash `local`, or a `FOO=1` prefix when `exported`). */
  declare(name: string, value: string | undefined, exported = false): void {
    this.layer.set(name, { value, exported });
  }

  get(name: string): string | undefined {
    const entry = this.layer.get(name);
    return entry ? entry.value : this.parent.get(name);
  }

  set(name: string, value: string): void {
    const entry = this.layer.get(name);
    if (entry) entry.value = value;
    else if (this.mode === 'copy') this.layer.set(name, { value, exported: isExported(this.parent, name) });
    else this.parent.set(name, value);
  }

  unset(name: string): void {
    const entry = this.layer.get(name);
    if (entry) {
      entry.value = undefined;
      entry.exported = false;
    } else if (this.mode === 'copy') this.layer.set(name, { value: undefined, exported: false });
    else this.parent.unset(name);
  }

  export(name: string, value?: string): void {
    const entry = this.layer.get(name);
    if (entry) {
      entry.exported = true;
      if (value !== undefined) entry.value = value;
    } else if (this.mode === 'copy') this.layer.set(name, { value: value ?? this.parent.get(name), exported: true });
    else this.parent.export(name, value);
  }

  exported(): Record<string, string> {
    const out = new Map(Object.entries(this.parent.exported()));
    for (const [name, entry] of this.layer) {
      if (entry.exported && entry.value !== undefined) out.set(name, entry.value);
      else out.delete(name);
    }
    return sortedRecord(out);
  }

  isExported(name: string): boolean {
    const entry = this.layer.get(name);
    return entry ? entry.exported : isExported(this.parent, name);
  }

  variables(): Record<string, string> {
    const out = new Map(Object.entries(listVariables(this.parent)));
    for (const [name, entry] of this.layer) {
      if (entry.value !== undefined) out.set(name, entry.value);
      else out.delete(name);
    }
    return sortedRecord(out);
  }
}
