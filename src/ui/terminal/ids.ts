// Ids for the commands the terminal sends (run, interrupt, complete). They start high so that other
// senders on the same worker, counting from 1, never collide with them.

let next = 1_000_000;

export function nextCommandId(): number {
  return next++;
}
