// Control flow that unwinds the interpreter: thrown, and caught where bash would resume.

export class ExitSignal {
  constructor(readonly status: number) {}
}

export class ReturnSignal {
  constructor(readonly status: number) {}
}

export class BreakSignal {
  constructor(public levels: number) {}
}

export class ContinueSignal {
  constructor(public levels: number) {}
}

/** A fatal expansion error (`${x:?}`, `set -u`, a bad substitution): bash abandons the whole script or line. */
export class ScriptAbort {
  constructor(readonly status: number) {}
}

/** A script ran too many steps without letting simulated time pass. */
export class StepLimitError {
  constructor(readonly steps: number) {}
}

export function isControlSignal(e: unknown): boolean {
  return e instanceof ExitSignal || e instanceof ReturnSignal || e instanceof BreakSignal || e instanceof ContinueSignal || e instanceof StepLimitError || e instanceof ScriptAbort;
}
