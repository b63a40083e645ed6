import { describe, expect, it } from 'vitest';
import { errorString } from '../api/field.ts';
import { Random } from '../sim/random.ts';
import { allocateClusterIP, allocateNodePorts, inUse, intToIp, ipToInt } from './service-alloc.ts';
import type { Service } from '../api/types.ts';

const svc = (spec: Service['spec']): Service => ({ metadata: { name: 's' }, spec });

describe('Service IP and node port allocation', () => {
  it('converts addresses both ways', () => {
    expect(intToIp(ipToInt('10.96.0.1'))).toBe('10.96.0.1');
    expect(ipToInt('10.96.0.0') + 1).toBe(ipToInt('10.96.0.1'));
  });

  it('gives a random free address in 10.96.0.0/12 and never kube-dns\'s', () => {
    const used = inUse([]);
    const r = new Random(1);
    for (let i = 0; i < 200; i++) {
      const s = svc({ ports: [{ port: 80 }] });
      expect(allocateClusterIP(s, used, r)).toEqual([]);
      const n = ipToInt(s.spec!.clusterIP!);
      expect(n > ipToInt('10.96.0.0') && n < ipToInt('10.112.0.0')).toBe(true);
      expect(s.spec!.clusterIP).not.toBe('10.96.0.10');
    }
    expect(used.ips.size).toBe(200);
  });

  it.each<[string, string, string]>([
    ['a taken address', '10.96.0.1', 'spec.clusterIPs: Invalid value: []string{"10.96.0.1"}: failed to allocate IP 10.96.0.1: provided IP is already allocated'],
    ['an address outside the range', '10.0.0.5', 'spec.clusterIPs: Invalid value: []string{"10.0.0.5"}: failed to allocate IP 10.0.0.5: the provided IP (10.0.0.5) is not in the valid range. The range of valid IPs is 10.96.0.0/12'],
    ['something that is not an address', '10.96.0.300', 'spec.clusterIPs[0]: Invalid value: "10.96.0.300": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'],
  ])('refuses %s', (_name, ip, message) => {
    const used = inUse([svc({ clusterIP: '10.96.0.1', clusterIPs: ['10.96.0.1'] })]);
    expect(allocateClusterIP(svc({ clusterIP: ip }), used, new Random(1)).map(errorString)).toEqual([message]);
  });

  it('leaves a headless service without an address', () => {
    const s = svc({ clusterIP: 'None' });
    expect(allocateClusterIP(s, inUse([]), new Random(1))).toEqual([]);
    expect(s.spec!.clusterIPs).toEqual(['None']);
  });

  it('allocates node ports in 30000-32767, honours a requested one and refuses a taken or bad one', () => {
    const used = inUse([svc({ type: 'NodePort', ports: [{ port: 80, nodePort: 30001 }] })]);
    const s = svc({ type: 'NodePort', ports: [{ port: 80 }, { port: 443, nodePort: 30443 }] });
    expect(allocateNodePorts(s, used, new Random(1))).toEqual([]);
    const p = s.spec!.ports![0].nodePort!;
    expect(p >= 30000 && p <= 32767).toBe(true);
    expect(s.spec!.ports![1].nodePort).toBe(30443);
    expect(allocateNodePorts(svc({ type: 'NodePort', ports: [{ port: 1, nodePort: 30001 }] }), used, new Random(1)).map(errorString)).toEqual([
      'spec.ports[0].nodePort: Invalid value: 30001: provided port is already allocated',
    ]);
    expect(allocateNodePorts(svc({ type: 'NodePort', ports: [{ port: 1, nodePort: 80 }] }), used, new Random(1)).map(errorString)).toEqual([
      'spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767',
    ]);
  });
});
