// The CPU load a learner puts on a workload or a Service (`sandbox load`), as the inspector's slider
// reads and sets it.

/** The kinds `sandbox load` takes, by the resource the page names them with. */
export const LOAD_KINDS: Record<string, string> = {
  'deployments.apps': 'deployment',
  'replicasets.apps': 'replicaset',
  'statefulsets.apps': 'statefulset',
  replicationcontrollers: 'rc',
  services: 'service',
};

/** Millicores set on resource/name in namespace, from `sandbox load`'s list ("deployments.apps/web -n default: 300m"). */
export function loadOf(list: string, resource: string, namespace: string, name: string): number {
  for (const line of list.split('\n')) {
    const m = /^(\S+)\/(\S+) -n (\S+): (\d+(?:\.\d+)?)(m?)$/.exec(line.trim());
    if (!m || m[1] !== resource || m[2] !== name || m[3] !== namespace) continue;
    return m[5] ? Number(m[4]) : Math.round(Number(m[4]) * 1000);
  }
  return 0;
}

/** The command that sets it. */
export function loadCommand(resource: string, namespace: string, name: string, millicores: number): string {
  const ns = namespace && namespace !== 'default' ? ` -n ${namespace}` : '';
  return `sandbox load ${LOAD_KINDS[resource]}/${name} ${millicores ? `${millicores}m` : '0'}${ns}`;
}
