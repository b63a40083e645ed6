// File descriptors inside the interpreter: a readable stdin that `read` consumes line by line and
// commands consume whole, and output channels (the host's callbacks, pipe buffers, files).

import type { ShellIO } from './types.ts';

export class InputStream {
  private pos = 0;

  constructor(private readonly data: string) {}

  /** Everything not read yet; afterwards the stream is at its end (as after `cat` reads a pipe). */
  readAll(): string {
    const rest = this.data.slice(this.pos);
    this.pos = this.data.length;
    return rest;
  }

  /** The next line without its newline; `complete` is false when the input ended before a newline. */
  readLine(delimiter = '\n'): { line: string; complete: boolean } | undefined {
    if (this.pos >= this.data.length) return undefined;
    const end = this.data.indexOf(delimiter, this.pos);
    if (end < 0) {
      const line = this.data.slice(this.pos);
      this.pos = this.data.length;
      return { line, complete: false };
    }
    const line = this.data.slice(this.pos, end);
    this.pos = end + delimiter.length;
    return { line, complete: true };
  }
}

export interface OutputChannel {
  write(chunk: string): void;
  /** Whether this is the learner's terminal (not a pipe or a file); `ls` lays out columns there. */
  readonly isTerminal: boolean;
}

export const DISCARD: OutputChannel = { write: () => {}, isTerminal: false };

/** A ShellIO that may say its stdout is a terminal. Hosts can pass `stdoutIsTerminal: true`. */
export interface TerminalAwareIO extends ShellIO {
  readonly stdoutIsTerminal?: boolean;
}

export function stdoutIsTerminal(io: ShellIO): boolean {
  return (io as TerminalAwareIO).stdoutIsTerminal === true;
}

/** The open file descriptors of a command: 0 is an input stream; 1, 2 and others are outputs. */
export class Fds {
  constructor(
    readonly stdin: InputStream,
    private readonly outputs: ReadonlyMap<number, OutputChannel>,
  ) {}

  static fromIO(io: ShellIO): Fds {
    const terminal = stdoutIsTerminal(io);
    return new Fds(
      new InputStream(io.stdin),
      new Map([
        [1, { write: (c: string) => io.stdout(c), isTerminal: terminal }],
        [2, { write: (c: string) => io.stderr(c), isTerminal: terminal }],
      ]),
    );
  }

  output(fd: number): OutputChannel | undefined {
    return this.outputs.get(fd);
  }

  withInput(stream: InputStream): Fds {
    return new Fds(stream, this.outputs);
  }

  withOutput(fd: number, channel: OutputChannel | undefined): Fds {
    const outputs = new Map(this.outputs);
    if (channel) outputs.set(fd, channel);
    else outputs.delete(fd);
    return new Fds(this.stdin, outputs);
  }

  out(text: string): void {
    this.outputs.get(1)?.write(text);
  }

  err(text: string): void {
    this.outputs.get(2)?.write(text);
  }

  toIO(): TerminalAwareIO {
    return new CommandIO(this.stdin, this.outputs.get(1), this.outputs.get(2));
  }
}

/** The ShellIO a command sees: its stdin is read (and consumed) when the command first asks for it. */
class CommandIO implements TerminalAwareIO {
  private input: string | undefined;
  readonly stdoutIsTerminal: boolean;
  // Own properties rather than methods: commands may pass `io.stdout` around as a callback.
  readonly stdout: (chunk: string) => void;
  readonly stderr: (chunk: string) => void;

  constructor(
    private readonly stream: InputStream,
    out: OutputChannel | undefined,
    err: OutputChannel | undefined,
  ) {
    this.stdoutIsTerminal = out?.isTerminal ?? false;
    this.stdout = out ? (chunk) => out.write(chunk) : () => {};
    this.stderr = err ? (chunk) => err.write(chunk) : () => {};
  }

  get stdin(): string {
    this.input ??= this.stream.readAll();
    return this.input;
  }
}
