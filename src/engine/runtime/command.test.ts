import { describe, expect, it } from 'vitest';
import { containerProgram, type ContainerProgram } from './command.ts';

const exits = (afterMs: number, exitCode: number): ContainerProgram => ({ kind: 'exits', afterMs, exitCode });
const forever: ContainerProgram = { kind: 'forever' };

describe('containerProgram', () => {
  const cases: [string, string[] | undefined, string[] | undefined, ContainerProgram][] = [
    ['an image run with its own entrypoint keeps running', undefined, undefined, forever],
    ["the notes' pi job computes 2000 digits and exits 0", ['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)'], undefined, exits(3000, 0)],
    ['echo then sleep 5 exits after 5 s', ['sh', '-c', 'echo hello; sleep 5'], undefined, exits(5000, 0)],
    ['the notes\' cronjob args run at once', undefined, ['/bin/sh', '-c', 'date; echo Hello from the Kubernetes cluster'], exits(0, 0)],
    ['exit 1 after a sleep fails', ['/bin/sh', '-c', 'sleep 2 && exit 1'], undefined, exits(2000, 1)],
    ['a failed && skips the rest of the list', ['sh', '-c', 'false && sleep 10'], undefined, exits(0, 1)],
    ['|| runs only after a failure', ['sh', '-c', 'false || sleep 1'], undefined, exits(1000, 0)],
    ['exit stops the script', ['sh', '-c', 'exit 3; sleep 100'], undefined, exits(0, 3)],
    ['an unknown command is not found (127)', ['sh', '-c', 'frobnicate'], undefined, exits(0, 127)],
    ['sleep with a unit', ['sleep', '1m'], undefined, exits(60_000, 0)],
    ['sleep 3600 ends after an hour', ['sh', '-c', 'sleep 3600'], undefined, exits(3_600_000, 0)],
    ['sleep infinity never ends', ['sleep', 'infinity'], undefined, forever],
    ['a loop is not followed: it runs', ['sh', '-c', 'until nslookup mydb; do sleep 2; done'], undefined, forever],
    ['a shell without -c waits for input', ['sh'], undefined, forever],
    ['a control-plane server run directly keeps running', ['kube-apiserver', '--advertise-address=192.168.31.10'], undefined, forever],
    ['nginx run directly keeps running', ['nginx', '-g', 'daemon off;'], undefined, forever],
  ];
  it.each(cases)('%s', (_, command, args, want) => {
    expect(containerProgram(command, args)).toEqual(want);
  });
});
