import { describe, expect, it } from 'vitest';
import { approach, baseline, containerUsage, loadGeneratorTarget, throttle } from './usage.ts';

describe('loadGeneratorTarget', () => {
  it.each<[string, string[], ReturnType<typeof loadGeneratorTarget>]>([
    ["the HPA walkthrough's wget loop", ['/bin/sh', '-c', 'while sleep 0.01; do wget -q -O- http://php-apache; done'], { service: 'php-apache' }],
    ['a curl loop against a qualified name', ['sh', '-c', 'while true; do curl -s http://web.shop.svc.cluster.local:8080/; done'], { service: 'web', namespace: 'shop' }],
    ['wget -O - with a bare host', ['sh', '-c', 'until false; do wget -O - nginx.default; sleep 1; done'], { service: 'nginx', namespace: 'default' }],
    ['one wget without a loop', ['sh', '-c', 'wget -q -O- http://php-apache'], undefined],
    ['a loop against an IP address', ['sh', '-c', 'while true; do wget -q -O- http://10.96.0.5; done'], undefined],
    ['a sleep loop', ['sh', '-c', 'while true; do sleep 1; done'], undefined],
  ])('%s', (_n, argv, want) => {
    expect(loadGeneratorTarget(argv.slice(0, 1), argv.slice(1))).toEqual(want);
  });
});

describe('usage arithmetic', () => {
  it.each<[string, number, number, number, number]>([
    ['moves 53% of the way in 15s', 0, 100, 15_000, 52.76],
    ['reaches 95% of the way after a minute', 0, 100, 60_000, 95.02],
    ['falls as fast as it rises', 100, 0, 15_000, 47.24],
    ['stays put when no time passed', 40, 100, 0, 40],
  ])('approach %s', (_n, from, target, dt, want) => {
    expect(approach(from, target, dt)).toBeCloseTo(want, 2);
  });

  it('throttles CPU at the limit, and not without one', () => {
    expect(throttle(700, 500)).toBe(500);
    expect(throttle(700, undefined)).toBe(700);
  });

  it('idles at the image baseline and grows memory with load', () => {
    expect(baseline('nginx').cpu).toBe(1);
    expect(baseline('registry.k8s.io/hpa-example:latest').memory).toBe(9 * 1024 * 1024);
    const idle = containerUsage('registry.k8s.io/hpa-example', 0, 500, 'x', 0);
    const busy = containerUsage('registry.k8s.io/hpa-example', 900, 500, 'x', 0);
    expect(busy.cpu).toBe(500);
    expect(busy.memory).toBeGreaterThan(idle.memory);
  });
});
