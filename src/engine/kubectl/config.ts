// The kubeconfig a kubeadm cluster gives its admin (/etc/kubernetes/admin.conf copied to
// ~/.kube/config): one cluster, one user, one context. `kubectl config` reads and edits it.

export interface KubeContext {
  name: string;
  cluster: string;
  user: string;
  namespace?: string;
}

export interface KubeConfig {
  currentContext: string;
  contexts: KubeContext[];
  clusters: { name: string; server: string }[];
  users: { name: string }[];
}

export function defaultKubeConfig(server: string): KubeConfig {
  return {
    currentContext: 'kubernetes-admin@kubernetes',
    contexts: [{ name: 'kubernetes-admin@kubernetes', cluster: 'kubernetes', user: 'kubernetes-admin' }],
    clusters: [{ name: 'kubernetes', server }],
    users: [{ name: 'kubernetes-admin' }],
  };
}

export function currentContext(c: KubeConfig): KubeContext | undefined {
  return c.contexts.find((x) => x.name === c.currentContext);
}

/** The namespace commands use when -n is not given. */
export function defaultNamespace(c: KubeConfig): string {
  return currentContext(c)?.namespace || 'default';
}
