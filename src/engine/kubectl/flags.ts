// Command-line flags as kubectl parses them (spf13/pflag under cobra): long flags with `=` or a
// following value, shorthands (`-n dev`, `-ndev`, `-n=dev`), grouped boolean shorthands (`-it`),
// `--` ending flags, and cobra's error messages for the rest.

export type FlagType = 'bool' | 'string' | 'int' | 'stringArray' | 'stringSlice' | 'duration';

export interface FlagSpec {
  name: string;
  short?: string;
  type: FlagType;
  default?: string | number | boolean | string[];
  usage: string;
  /** Shown as the value's name in help: --output='' */
  deprecated?: string;
  hidden?: boolean;
  /** pflag's NoOptDefVal: the value when the flag is given without one (`--dry-run`). */
  noOptDefault?: string;
}

export type FlagValue = string | number | boolean | string[];

export class FlagError extends Error {}

export interface ParsedFlags {
  values: Map<string, FlagValue>;
  /** Flags given on the command line (not defaults). */
  changed: Set<string>;
  args: string[];
  /** Arguments after `--`. */
  dashArgs: string[] | undefined;
  /** Index in `args` where `--` was (cobra's ArgsLenAtDash), or -1. */
  argsLenAtDash: number;
  warnings: string[];
  /** Flags in the order given, with their values as typed (kubectl's --record uses this). */
  ordered: { name: string; raw: string }[];
}

export class FlagSet {
  private byName = new Map<string, FlagSpec>();
  private byShort = new Map<string, FlagSpec>();

  constructor(readonly specs: FlagSpec[]) {
    for (const s of specs) {
      this.byName.set(s.name, s);
      if (s.short) this.byShort.set(s.short, s);
    }
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  parse(argv: readonly string[]): ParsedFlags {
    const values = new Map<string, FlagValue>();
    const changed = new Set<string>();
    const args: string[] = [];
    const warnings: string[] = [];
    const accumulated = new Set<string>();
    const ordered: { name: string; raw: string }[] = [];
    let dashArgs: string[] | undefined;
    let argsLenAtDash = -1;
    for (const s of this.specs) if (s.default !== undefined) values.set(s.name, Array.isArray(s.default) ? [...s.default] : s.default);

    const set = (spec: FlagSpec, raw: string, display: string) => {
      if (spec.deprecated && !changed.has(spec.name)) warnings.push(`Flag --${spec.name} has been deprecated, ${spec.deprecated}`);
      changed.add(spec.name);
      ordered.push({ name: spec.name, raw });
      switch (spec.type) {
        case 'bool': {
          const v = parseBool(raw);
          if (v === undefined) throw new FlagError(`invalid argument "${raw}" for "${display}" flag: strconv.ParseBool: parsing "${raw}": invalid syntax`);
          values.set(spec.name, v);
          return;
        }
        case 'int': {
          if (!/^[+-]?\d+$/.test(raw)) throw new FlagError(`invalid argument "${raw}" for "${display}" flag: strconv.ParseInt: parsing "${raw}": invalid syntax`);
          values.set(spec.name, Number.parseInt(raw, 10));
          return;
        }
        case 'stringArray':
        case 'stringSlice': {
          // The first use replaces the default; later ones append.
          const prev = accumulated.has(spec.name) ? (values.get(spec.name) as string[]) : [];
          accumulated.add(spec.name);
          const items = spec.type === 'stringArray' ? [raw] : raw === '' ? [] : raw.split(',');
          values.set(spec.name, [...prev, ...items]);
          return;
        }
        default:
          values.set(spec.name, raw);
      }
    };

    for (let i = 0; i < argv.length; i++) {
      const a = argv[i];
      if (a === '--') {
        argsLenAtDash = args.length;
        dashArgs = argv.slice(i + 1);
        args.push(...dashArgs);
        break;
      }
      if (a.startsWith('--') && a.length > 2) {
        const eq = a.indexOf('=');
        const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
        const spec = this.byName.get(name);
        if (!spec) throw new FlagError(`unknown flag: --${name}`);
        if (eq >= 0) set(spec, a.slice(eq + 1), name);
        else if (spec.type === 'bool') set(spec, 'true', name);
        else if (spec.noOptDefault !== undefined) set(spec, spec.noOptDefault, name);
        else if (i + 1 < argv.length) set(spec, argv[++i], name);
        else throw new FlagError(`flag needs an argument: --${name}`);
        continue;
      }
      if (a.startsWith('-') && a.length > 1) {
        // Shorthands, possibly grouped: -it, -ndev, -n=dev
        for (let j = 1; j < a.length; j++) {
          const c = a[j];
          const spec = this.byShort.get(c);
          if (!spec) throw new FlagError(`unknown shorthand flag: '${c}' in ${a}`);
          const rest = a.slice(j + 1);
          if (spec.type === 'bool') {
            if (rest.startsWith('=')) {
              set(spec, rest.slice(1), spec.name);
              break;
            }
            set(spec, 'true', spec.name);
            continue;
          }
          if (rest.length) set(spec, rest.startsWith('=') ? rest.slice(1) : rest, spec.name);
          else if (i + 1 < argv.length) set(spec, argv[++i], spec.name);
          else throw new FlagError(`flag needs an argument: '${c}' in -${c}`);
          break;
        }
        continue;
      }
      args.push(a);
    }
    return { values, changed, args, dashArgs, argsLenAtDash, warnings, ordered };
  }

  /** The "Options:" block of `--help`, as kubectl prints it. */
  help(): string {
    const lines: string[] = [];
    for (const s of [...this.specs].filter((x) => !x.hidden).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const short = s.short ? `-${s.short}, ` : '';
      let def: string;
      if (s.type === 'bool') def = `=${s.default === true ? 'true' : 'false'}`;
      else if (s.type === 'int') def = `=${s.default ?? 0}`;
      else if (s.type === 'stringArray' || s.type === 'stringSlice') def = `=[${((s.default as string[] | undefined) ?? []).join(',')}]`;
      else if (s.type === 'duration') def = `=${s.default ?? '0s'}`;
      else def = `='${s.default ?? ''}'`;
      lines.push(`    ${short}--${s.name}${def}:`);
      lines.push(wrapUsage(s.usage));
      lines.push('');
    }
    return lines.join('\n');
  }
}

function wrapUsage(text: string): string {
  const words = text.split(/\s+/);
  const out: string[] = [];
  let line = '';
  for (const w of words) {
    if (line && line.length + 1 + w.length > 70) {
      out.push('\t' + line);
      line = w;
    } else line = line ? line + ' ' + w : w;
  }
  if (line) out.push('\t' + line);
  return out.join('\n');
}

function parseBool(s: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  return undefined;
}

export function str(p: ParsedFlags, name: string): string {
  const v = p.values.get(name);
  return typeof v === 'string' ? v : v === undefined ? '' : String(v);
}
export function bool(p: ParsedFlags, name: string): boolean {
  return p.values.get(name) === true;
}
export function int(p: ParsedFlags, name: string): number {
  const v = p.values.get(name);
  return typeof v === 'number' ? v : 0;
}
export function list(p: ParsedFlags, name: string): string[] {
  const v = p.values.get(name);
  return Array.isArray(v) ? v : [];
}
