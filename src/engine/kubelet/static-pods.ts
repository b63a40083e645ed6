// The control plane's static pods, as kubeadm writes them to /etc/kubernetes/manifests on the
// control-plane node. The kubelet runs them itself and shows them in the API as mirror pods.

import type { Pod } from '../api/types.ts';
import { KUBE_VERSION } from '../version.ts';

export interface StaticPodOptions {
  nodeIP: string;
  serviceCIDR: string;
  clusterCIDR: string;
}

const hostPath = (name: string, path: string, type: string) => ({ name, hostPath: { path, type } });
const mount = (name: string, mountPath: string, readOnly = true) => ({ name, mountPath, ...(readOnly ? { readOnly: true } : {}) });

const probe = (host: string, path: string, port: number, scheme: string, extra: Record<string, number>) => ({
  httpGet: { host, path, port, scheme },
  timeoutSeconds: 15,
  ...extra,
});

function controlPlanePod(name: string, component: string, container: Record<string, unknown>, volumes: unknown[], annotations?: Record<string, string>): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'kube-system', labels: { component, tier: 'control-plane' }, ...(annotations ? { annotations } : {}) },
    spec: {
      containers: [container as never],
      hostNetwork: true,
      priority: 2000001000,
      priorityClassName: 'system-node-critical',
      securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
      volumes: volumes as never,
    },
  };
}

export function controlPlaneManifests(o: StaticPodOptions): Pod[] {
  const ip = o.nodeIP;
  const etcd = controlPlanePod(
    'etcd',
    'etcd',
    {
      name: 'etcd',
      image: 'registry.k8s.io/etcd:3.5.12-0',
      imagePullPolicy: 'IfNotPresent',
      command: [
        'etcd',
        `--advertise-client-urls=https://${ip}:2379`,
        '--cert-file=/etc/kubernetes/pki/etcd/server.crt',
        '--client-cert-auth=true',
        '--data-dir=/var/lib/etcd',
        '--experimental-initial-corrupt-check=true',
        '--experimental-watch-progress-notify-interval=5s',
        `--initial-advertise-peer-urls=https://${ip}:2380`,
        `--initial-cluster=k8s-master01=https://${ip}:2380`,
        '--key-file=/etc/kubernetes/pki/etcd/server.key',
        `--listen-client-urls=https://127.0.0.1:2379,https://${ip}:2379`,
        '--listen-metrics-urls=http://127.0.0.1:2381',
        `--listen-peer-urls=https://${ip}:2380`,
        '--name=k8s-master01',
        '--peer-cert-file=/etc/kubernetes/pki/etcd/peer.crt',
        '--peer-client-cert-auth=true',
        '--peer-key-file=/etc/kubernetes/pki/etcd/peer.key',
        '--peer-trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt',
        '--snapshot-count=10000',
        '--trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt',
      ],
      livenessProbe: probe('127.0.0.1', '/health?exclude=NOSPACE&serializable=true', 2381, 'HTTP', { failureThreshold: 8, initialDelaySeconds: 10, periodSeconds: 10 }),
      resources: { requests: { cpu: '100m', memory: '100Mi' } },
      startupProbe: probe('127.0.0.1', '/health?serializable=false', 2381, 'HTTP', { failureThreshold: 24, initialDelaySeconds: 10, periodSeconds: 10 }),
      volumeMounts: [mount('etcd-data', '/var/lib/etcd', false), mount('etcd-certs', '/etc/kubernetes/pki/etcd', false)],
    },
    [hostPath('etcd-certs', '/etc/kubernetes/pki/etcd', 'DirectoryOrCreate'), hostPath('etcd-data', '/var/lib/etcd', 'DirectoryOrCreate')],
    { 'kubeadm.kubernetes.io/etcd.advertise-client-urls': `https://${ip}:2379` },
  );
  const k8sVolumes = [
    hostPath('ca-certs', '/etc/ssl/certs', 'DirectoryOrCreate'),
    hostPath('etc-ca-certificates', '/etc/ca-certificates', 'DirectoryOrCreate'),
    hostPath('k8s-certs', '/etc/kubernetes/pki', 'DirectoryOrCreate'),
    hostPath('usr-local-share-ca-certificates', '/usr/local/share/ca-certificates', 'DirectoryOrCreate'),
    hostPath('usr-share-ca-certificates', '/usr/share/ca-certificates', 'DirectoryOrCreate'),
  ];
  const k8sMounts = [
    mount('ca-certs', '/etc/ssl/certs'),
    mount('etc-ca-certificates', '/etc/ca-certificates'),
    mount('k8s-certs', '/etc/kubernetes/pki'),
    mount('usr-local-share-ca-certificates', '/usr/local/share/ca-certificates'),
    mount('usr-share-ca-certificates', '/usr/share/ca-certificates'),
  ];
  const apiserver = controlPlanePod(
    'kube-apiserver',
    'kube-apiserver',
    {
      name: 'kube-apiserver',
      image: `registry.k8s.io/kube-apiserver:${KUBE_VERSION}`,
      imagePullPolicy: 'IfNotPresent',
      command: [
        'kube-apiserver',
        `--advertise-address=${ip}`,
        '--allow-privileged=true',
        '--authorization-mode=Node,RBAC',
        '--client-ca-file=/etc/kubernetes/pki/ca.crt',
        '--enable-admission-plugins=NodeRestriction',
        '--enable-bootstrap-token-auth=true',
        '--etcd-cafile=/etc/kubernetes/pki/etcd/ca.crt',
        '--etcd-certfile=/etc/kubernetes/pki/apiserver-etcd-client.crt',
        '--etcd-keyfile=/etc/kubernetes/pki/apiserver-etcd-client.key',
        '--etcd-servers=https://127.0.0.1:2379',
        '--kubelet-client-certificate=/etc/kubernetes/pki/apiserver-kubelet-client.crt',
        '--kubelet-client-key=/etc/kubernetes/pki/apiserver-kubelet-client.key',
        '--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname',
        '--proxy-client-cert-file=/etc/kubernetes/pki/front-proxy-client.crt',
        '--proxy-client-key-file=/etc/kubernetes/pki/front-proxy-client.key',
        '--requestheader-allowed-names=front-proxy-client',
        '--requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca.crt',
        '--requestheader-extra-headers-prefix=X-Remote-Extra-',
        '--requestheader-group-headers=X-Remote-Group',
        '--requestheader-username-headers=X-Remote-User',
        '--secure-port=6443',
        '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
        '--service-account-key-file=/etc/kubernetes/pki/sa.pub',
        '--service-account-signing-key-file=/etc/kubernetes/pki/sa.key',
        `--service-cluster-ip-range=${o.serviceCIDR}`,
        '--tls-cert-file=/etc/kubernetes/pki/apiserver.crt',
        '--tls-private-key-file=/etc/kubernetes/pki/apiserver.key',
      ],
      livenessProbe: probe(ip, '/livez', 6443, 'HTTPS', { failureThreshold: 8, initialDelaySeconds: 10, periodSeconds: 10 }),
      readinessProbe: probe(ip, '/readyz', 6443, 'HTTPS', { failureThreshold: 3, periodSeconds: 1 }),
      resources: { requests: { cpu: '250m' } },
      startupProbe: probe(ip, '/livez', 6443, 'HTTPS', { failureThreshold: 24, initialDelaySeconds: 10, periodSeconds: 10 }),
      volumeMounts: k8sMounts,
    },
    k8sVolumes,
    { 'kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint': `${ip}:6443` },
  );
  const controllerManager = controlPlanePod(
    'kube-controller-manager',
    'kube-controller-manager',
    {
      name: 'kube-controller-manager',
      image: `registry.k8s.io/kube-controller-manager:${KUBE_VERSION}`,
      imagePullPolicy: 'IfNotPresent',
      command: [
        'kube-controller-manager',
        '--allocate-node-cidrs=true',
        '--authentication-kubeconfig=/etc/kubernetes/controller-manager.conf',
        '--authorization-kubeconfig=/etc/kubernetes/controller-manager.conf',
        '--bind-address=127.0.0.1',
        '--client-ca-file=/etc/kubernetes/pki/ca.crt',
        `--cluster-cidr=${o.clusterCIDR}`,
        '--cluster-name=kubernetes',
        '--cluster-signing-cert-file=/etc/kubernetes/pki/ca.crt',
        '--cluster-signing-key-file=/etc/kubernetes/pki/ca.key',
        '--controllers=*,bootstrapsigner,tokencleaner',
        '--kubeconfig=/etc/kubernetes/controller-manager.conf',
        '--leader-elect=true',
        '--requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca.crt',
        '--root-ca-file=/etc/kubernetes/pki/ca.crt',
        '--service-account-private-key-file=/etc/kubernetes/pki/sa.key',
        `--service-cluster-ip-range=${o.serviceCIDR}`,
        '--use-service-account-credentials=true',
      ],
      livenessProbe: probe('127.0.0.1', '/healthz', 10257, 'HTTPS', { failureThreshold: 8, initialDelaySeconds: 10, periodSeconds: 10 }),
      resources: { requests: { cpu: '200m' } },
      startupProbe: probe('127.0.0.1', '/healthz', 10257, 'HTTPS', { failureThreshold: 24, initialDelaySeconds: 10, periodSeconds: 10 }),
      volumeMounts: [...k8sMounts, mount('flexvolume-dir', '/usr/libexec/kubernetes/kubelet-plugins/volume/exec', false), mount('kubeconfig', '/etc/kubernetes/controller-manager.conf')],
    },
    [...k8sVolumes, hostPath('flexvolume-dir', '/usr/libexec/kubernetes/kubelet-plugins/volume/exec', 'DirectoryOrCreate'), hostPath('kubeconfig', '/etc/kubernetes/controller-manager.conf', 'FileOrCreate')],
  );
  const scheduler = controlPlanePod(
    'kube-scheduler',
    'kube-scheduler',
    {
      name: 'kube-scheduler',
      image: `registry.k8s.io/kube-scheduler:${KUBE_VERSION}`,
      imagePullPolicy: 'IfNotPresent',
      command: [
        'kube-scheduler',
        '--authentication-kubeconfig=/etc/kubernetes/scheduler.conf',
        '--authorization-kubeconfig=/etc/kubernetes/scheduler.conf',
        '--bind-address=127.0.0.1',
        '--kubeconfig=/etc/kubernetes/scheduler.conf',
        '--leader-elect=true',
      ],
      livenessProbe: probe('127.0.0.1', '/healthz', 10259, 'HTTPS', { failureThreshold: 8, initialDelaySeconds: 10, periodSeconds: 10 }),
      resources: { requests: { cpu: '100m' } },
      startupProbe: probe('127.0.0.1', '/healthz', 10259, 'HTTPS', { failureThreshold: 24, initialDelaySeconds: 10, periodSeconds: 10 }),
      volumeMounts: [mount('kubeconfig', '/etc/kubernetes/scheduler.conf')],
    },
    [hostPath('kubeconfig', '/etc/kubernetes/scheduler.conf', 'FileOrCreate')],
  );
  return [etcd, apiserver, controllerManager, scheduler];
}
