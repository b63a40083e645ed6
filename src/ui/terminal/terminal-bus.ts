// How other parts of the page (graph menus, lessons) type a command into the terminal: shown at the
// prompt as if typed, and run if asked. A command sent while another runs waits for the prompt; one
// sent before the terminal is on the page waits for it to mount.

export interface TypeOptions {
  /** Press Enter after typing it. */
  run: boolean;
}

type Listener = (text: string, opts: TypeOptions) => void;

const listeners = new Set<Listener>();
let waiting: { text: string; opts: TypeOptions }[] = [];

export function typeInTerminal(text: string, opts: TypeOptions = { run: false }): void {
  if (!listeners.size) {
    waiting.push({ text, opts });
    return;
  }
  for (const l of listeners) l(text, opts);
}

/**
 * The terminal listens here. What was sent before anyone listened is delivered in a microtask, to
 * whoever listens then (React's strict mode mounts, unmounts and mounts again in one go).
 */
export function subscribeTerminalBus(fn: Listener): () => void {
  listeners.add(fn);
  if (waiting.length) queueMicrotask(flush);
  return () => {
    listeners.delete(fn);
  };
}

function flush(): void {
  if (!listeners.size) return;
  const backlog = waiting;
  waiting = [];
  for (const w of backlog) for (const l of listeners) l(w.text, w.opts);
}
