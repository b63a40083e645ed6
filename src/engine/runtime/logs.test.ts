import { describe, expect, it } from 'vitest';
import { containerRun, type ContainerOutput } from './command.ts';
import { busyboxDate, logLines, logTimestamp, MAX_LOG_LINES, newContainerLog, nextLineAt } from './logs.ts';
import { piDigits } from './pi.ts';

const T0 = Date.UTC(2025, 5, 5, 8, 5, 3);

describe('what a container writes', () => {
  const cases: [string, string[], ContainerOutput][] = [
    ['echo writes its words and a newline', ['sh', '-c', 'echo The app is running! && sleep 3600'], { lines: [{ atMs: 0, stream: 'stdout', text: 'The app is running!' }] }],
    ['echo after a sleep writes when the sleep ends', ['sh', '-c', 'sleep 2; echo done'], { lines: [{ atMs: 2000, stream: 'stdout', text: 'done' }] }],
    ["the notes' cronjob prints the date, then its greeting", ['/bin/sh', '-c', 'date; echo Hello from the Kubernetes cluster'], {
      lines: [{ atMs: 0, stream: 'stdout', text: '', date: true }, { atMs: 0, stream: 'stdout', text: 'Hello from the Kubernetes cluster' }],
    }],
    ['printf fills %s and %d and reuses its format', ['sh', '-c', 'printf "%s=%d\\n" a 1 b 2'], { lines: [{ atMs: 0, stream: 'stdout', text: 'a=1' }, { atMs: 0, stream: 'stdout', text: 'b=2' }] }],
    ['printf without a newline leaves a partial line', ['sh', '-c', 'printf hi'], { lines: [{ atMs: 0, stream: 'stdout', text: 'hi', partial: true }] }],
    ['an unknown command is reported on stderr', ['sh', '-c', 'frobnicate'], { lines: [{ atMs: 0, stream: 'stderr', text: 'sh: frobnicate: not found' }] }],
    ['what the shell would expand is left out', ['sh', '-c', 'echo $HOSTNAME'], { lines: [] }],
    ['a line piped on goes down the pipe, not to the log', ['sh', '-c', 'echo hi | grep h'], { lines: [] }],
    ['a while-true loop repeats its body every pass', ['sh', '-c', 'echo start; while true; do echo hi; sleep 5; done'], {
      lines: [{ atMs: 0, stream: 'stdout', text: 'start' }],
      loop: { startMs: 0, periodMs: 5000, body: [{ atMs: 0, stream: 'stdout', text: 'hi' }] },
    }],
    ['a loop that never sleeps is not followed', ['sh', '-c', 'while true; do echo hi; done'], { lines: [] }],
    ['an until loop is not followed', ['sh', '-c', 'until nslookup mydb; do echo waiting for mydb; sleep 2; done'], { lines: [] }],
  ];
  it.each(cases)('%s', (_, argv, want) => {
    expect(containerRun(argv, undefined).output).toEqual(want);
  });

  it('a while-true loop runs forever', () => {
    expect(containerRun(['sh', '-c', 'while true; do date; sleep 1; done'], undefined).program).toEqual({ kind: 'forever' });
  });

  it("nginx 1.25's entrypoint says it is ready; busybox's says nothing", () => {
    expect(containerRun(undefined, undefined, 'nginx:1.25').output.lines.at(-1)?.text).toBe('/docker-entrypoint.sh: Configuration complete; ready for start up');
    expect(containerRun(undefined, undefined, 'nginx:1.7.9').output.lines).toEqual([]);
    expect(containerRun(undefined, undefined, 'busybox').output.lines).toEqual([]);
  });

  it("perl's bpi(2000) prints 2000 digits of pi when it is done", () => {
    const r = containerRun(['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)'], undefined);
    expect(r.program).toEqual({ kind: 'exits', afterMs: 3000, exitCode: 0 });
    expect(r.output.lines).toEqual([{ atMs: 3000, stream: 'stdout', text: piDigits(2000) }]);
  });
});

describe('piDigits', () => {
  const cases: [number, string][] = [
    [1, '3'],
    [3, '3.14'],
    // The last digit is rounded, as Math::BigFloat rounds to the precision asked for.
    [5, '3.1416'],
    [10, '3.141592654'],
    [50, '3.1415926535897932384626433832795028841971693993751'],
  ];
  it.each(cases)('%d digits: %s', (n, want) => expect(piDigits(n)).toBe(want));
  it('2000 digits end as they should', () => {
    const p = piDigits(2000);
    expect(p.length).toBe(2001);
    // Checked against mpmath's π to 2000 significant digits.
    expect(p.slice(0, 62)).toBe('3.141592653589793238462643383279502884197169399375105820974944');
    expect(p.slice(-60)).toBe('643719172874677646575739624138908658326459958133904780275901');
  });
});

describe('a container log', () => {
  it('shows lines once their moment has come', () => {
    const log = newContainerLog('containerd://a', T0, containerRun(['sh', '-c', 'echo one; sleep 2; echo two; sleep 1'], undefined).output);
    expect(logLines(log, T0 + 1000).map((l) => l.text)).toEqual(['one']);
    expect(logLines(log, T0 + 2000).map((l) => l.text)).toEqual(['one', 'two']);
    expect(nextLineAt(log, T0)).toBe(T0 + 2000);
    expect(nextLineAt(log, T0 + 2000)).toBeUndefined();
  });

  it("expands a loop's passes on read and stops at the process's end", () => {
    const log = newContainerLog('containerd://a', T0, containerRun(['sh', '-c', 'while true; do date; sleep 5; done'], undefined).output);
    expect(logLines(log, T0 + 10_000).map((l) => l.text)).toEqual(['Thu Jun  5 08:05:03 UTC 2025', 'Thu Jun  5 08:05:08 UTC 2025', 'Thu Jun  5 08:05:13 UTC 2025']);
    expect(nextLineAt(log, T0 + 10_000)).toBe(T0 + 15_000);
    log.endedAt = T0 + 12_000;
    expect(logLines(log, T0 + 60_000)).toHaveLength(3);
    expect(nextLineAt(log, T0 + 12_000)).toBeUndefined();
  });

  it(`keeps the last ${MAX_LOG_LINES} lines of a long-running loop`, () => {
    const log = newContainerLog('containerd://a', T0, containerRun(['sh', '-c', 'while true; do echo hi; sleep 1; done'], undefined).output);
    const lines = logLines(log, T0 + 20_000_000);
    expect(lines).toHaveLength(MAX_LOG_LINES);
    expect(lines.at(-1)!.t).toBe(T0 + 20_000_000);
  });

  it('formats times as busybox date and the CRI log do', () => {
    expect(busyboxDate(T0)).toBe('Thu Jun  5 08:05:03 UTC 2025');
    expect(busyboxDate(Date.UTC(2025, 11, 25, 23, 0, 9))).toBe('Thu Dec 25 23:00:09 UTC 2025');
    expect(logTimestamp(T0 + 42)).toBe('2025-06-05T08:05:03.042000000Z');
  });
});
