// Pod IPs from a node's pod CIDR, as the host-local IPAM plugin hands them out: .1 is the bridge
// (cni0), addresses go round from the last one given, and a freed address is not reused at once.

export interface PodIpState {
  cidr: string;
  last: number;
  used: Record<string, string>; // ip -> pod uid
}

export class PodIpAllocator {
  private used = new Map<string, string>();
  private last = 1;

  constructor(private cidr: string) {}

  setCidr(cidr: string): void {
    this.cidr = cidr;
  }

  get gateway(): string {
    return this.base() + '.1';
  }

  private base(): string {
    return this.cidr.split('.').slice(0, 3).join('.');
  }

  /** The next free address in x.y.z.2 … x.y.z.254, or undefined when the range is full. */
  allocate(uid: string): string | undefined {
    if (!this.cidr) return undefined;
    for (let i = 0; i < 253; i++) {
      const n = ((this.last - 1 + i) % 253) + 2;
      const ip = `${this.base()}.${n}`;
      if (!this.used.has(ip)) {
        this.used.set(ip, uid);
        this.last = n;
        return ip;
      }
    }
    return undefined;
  }

  release(ip: string): void {
    this.used.delete(ip);
  }

  snapshot(): PodIpState {
    return { cidr: this.cidr, last: this.last, used: Object.fromEntries(this.used) };
  }

  restore(s: PodIpState): void {
    this.cidr = s.cidr;
    this.last = s.last;
    this.used = new Map(Object.entries(s.used));
  }
}
