import { test } from 'vitest';
import { runToEnd, testShell } from './harness.ts';
test('perf', () => {
  const sh = testShell();
  for (const s of ['while true; do :; done', 'i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done; echo $i']) {
    const t = performance.now();
    const r = runToEnd(sh, s);
    console.log(s, r.status, r.stdout.trim(), (performance.now() - t).toFixed(0), 'ms');
  }
});
