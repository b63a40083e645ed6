/** Removes ANSI colour codes (kubectl cluster-info prints some) until the terminal renders them. */
export function stripAnsi(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');
}
