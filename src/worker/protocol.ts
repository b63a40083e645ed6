// The one protocol between the page and the engine's worker: commands in, messages out.
// Every message is plain data (structured-clone safe); both sides import these types.

/** Simulated seconds per real second; 0 is paused. */
export type Speed = 0 | 0.5 | 1 | 2 | 5 | 10 | 60;

export type ToWorker =
  | { type: 'init'; seed: number; workers: number }
  /** Runs one terminal input (a line, or several lines for a heredoc) as command `id`. */
  | { type: 'run'; id: number; input: string }
  /** Ctrl+C on command `id`. */
  | { type: 'interrupt'; id: number }
  | { type: 'speed'; speed: Speed };

export type FromWorker =
  | { type: 'ready'; now: number }
  | { type: 'output'; id: number; stream: 'stdout' | 'stderr'; text: string }
  | { type: 'done'; id: number; status: number }
  /** At most one per animation frame: the simulated clock (and, as the UI grows, what changed). */
  | { type: 'frame'; now: number }
  | { type: 'error'; message: string };
