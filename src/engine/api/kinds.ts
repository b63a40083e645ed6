// The kinds the apiserver serves, as discovery describes them (`kubectl api-resources` prints this
// table), plus the versions Kubernetes has removed, so an old manifest gets the real "no matches for
// kind" error and a hint to the current version.

export interface KindInfo {
  kind: string;
  group: string; // '' for the core group
  version: string; // the preferred (and storage) version
  /** Every served version, preferred first. */
  versions: readonly string[];
  resource: string; // plural, lower case
  singular: string;
  shortNames: readonly string[];
  namespaced: boolean;
  categories: readonly string[];
  verbs: readonly string[];
  /** The etcd key prefix, as the apiserver stores it: /registry/<prefix>/<ns>/<name>. */
  etcdPrefix: string;
  /** Has a /status subresource: updates of the main resource leave status alone, and vice versa. */
  status: boolean;
  /** metadata.generation is set and bumped on spec changes. */
  generation: boolean;
  /** Served but not stored: create-only review kinds, bindings. */
  virtual?: boolean;
}

const CRUD = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'] as const;
const CREATE_ONLY = ['create'] as const;

type Spec = Omit<KindInfo, 'versions' | 'singular' | 'categories' | 'verbs' | 'status' | 'generation' | 'etcdPrefix'> &
  Partial<Pick<KindInfo, 'versions' | 'categories' | 'verbs' | 'status' | 'generation' | 'etcdPrefix' | 'singular'>>;

function k(s: Spec): KindInfo {
  return {
    versions: [s.version],
    singular: s.kind.toLowerCase(),
    categories: [],
    verbs: CRUD,
    status: false,
    generation: false,
    etcdPrefix: s.resource,
    ...s,
  };
}

const core = (kind: string, resource: string, shortNames: string[], namespaced: boolean, extra: Partial<Spec> = {}) =>
  k({ kind, group: '', version: 'v1', resource, shortNames, namespaced, ...extra });
const grp = (group: string, version: string) =>
  (kind: string, resource: string, shortNames: string[], namespaced: boolean, extra: Partial<Spec> = {}) =>
    k({ kind, group, version, resource, shortNames, namespaced, ...extra });

const apps = grp('apps', 'v1');
const batch = grp('batch', 'v1');
const networking = grp('networking.k8s.io', 'v1');
const rbac = grp('rbac.authorization.k8s.io', 'v1');
const storage = grp('storage.k8s.io', 'v1');
const admission = grp('admissionregistration.k8s.io', 'v1');
const authn = grp('authentication.k8s.io', 'v1');
const authz = grp('authorization.k8s.io', 'v1');
const flow = grp('flowcontrol.apiserver.k8s.io', 'v1');

/** In discovery order: the core group first, then groups alphabetically, resources alphabetically. */
export const KINDS: readonly KindInfo[] = [
  core('Binding', 'bindings', [], true, { verbs: CREATE_ONLY, virtual: true }),
  core('ComponentStatus', 'componentstatuses', ['cs'], false, { verbs: ['get', 'list'], virtual: true }),
  core('ConfigMap', 'configmaps', ['cm'], true),
  core('Endpoints', 'endpoints', ['ep'], true, { etcdPrefix: 'services/endpoints' }),
  core('Event', 'events', ['ev'], true),
  core('LimitRange', 'limitranges', ['limits'], true),
  core('Namespace', 'namespaces', ['ns'], false, { status: true, verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'] }),
  core('Node', 'nodes', ['no'], false, { status: true, etcdPrefix: 'minions' }),
  core('PersistentVolumeClaim', 'persistentvolumeclaims', ['pvc'], true, { status: true }),
  core('PersistentVolume', 'persistentvolumes', ['pv'], false, { status: true }),
  core('Pod', 'pods', ['po'], true, { status: true, categories: ['all'] }),
  core('PodTemplate', 'podtemplates', [], true),
  core('ReplicationController', 'replicationcontrollers', ['rc'], true, { status: true, generation: true, categories: ['all'], etcdPrefix: 'controllers' }),
  core('ResourceQuota', 'resourcequotas', ['quota'], true, { status: true }),
  core('Secret', 'secrets', [], true),
  core('ServiceAccount', 'serviceaccounts', ['sa'], true),
  core('Service', 'services', ['svc'], true, { status: true, categories: ['all'], etcdPrefix: 'services/specs' }),
  admission('MutatingWebhookConfiguration', 'mutatingwebhookconfigurations', [], false, { generation: true }),
  admission('ValidatingAdmissionPolicy', 'validatingadmissionpolicies', [], false, { status: true, generation: true }),
  admission('ValidatingAdmissionPolicyBinding', 'validatingadmissionpolicybindings', [], false, { generation: true }),
  admission('ValidatingWebhookConfiguration', 'validatingwebhookconfigurations', [], false, { generation: true }),
  k({ kind: 'CustomResourceDefinition', group: 'apiextensions.k8s.io', version: 'v1', resource: 'customresourcedefinitions', shortNames: ['crd', 'crds'], namespaced: false, status: true, generation: true, etcdPrefix: 'apiextensions.k8s.io/customresourcedefinitions' }),
  k({ kind: 'APIService', group: 'apiregistration.k8s.io', version: 'v1', resource: 'apiservices', shortNames: [], namespaced: false, status: true, etcdPrefix: 'apiregistration.k8s.io/apiservices' }),
  apps('ControllerRevision', 'controllerrevisions', [], true),
  apps('DaemonSet', 'daemonsets', ['ds'], true, { status: true, generation: true, categories: ['all'] }),
  apps('Deployment', 'deployments', ['deploy'], true, { status: true, generation: true, categories: ['all'] }),
  apps('ReplicaSet', 'replicasets', ['rs'], true, { status: true, generation: true, categories: ['all'] }),
  apps('StatefulSet', 'statefulsets', ['sts'], true, { status: true, generation: true, categories: ['all'] }),
  authn('SelfSubjectReview', 'selfsubjectreviews', [], false, { verbs: CREATE_ONLY, virtual: true }),
  authn('TokenReview', 'tokenreviews', [], false, { verbs: CREATE_ONLY, virtual: true }),
  authz('LocalSubjectAccessReview', 'localsubjectaccessreviews', [], true, { verbs: CREATE_ONLY, virtual: true }),
  authz('SelfSubjectAccessReview', 'selfsubjectaccessreviews', [], false, { verbs: CREATE_ONLY, virtual: true }),
  authz('SelfSubjectRulesReview', 'selfsubjectrulesreviews', [], false, { verbs: CREATE_ONLY, virtual: true }),
  authz('SubjectAccessReview', 'subjectaccessreviews', [], false, { verbs: CREATE_ONLY, virtual: true }),
  k({ kind: 'HorizontalPodAutoscaler', group: 'autoscaling', version: 'v2', versions: ['v2', 'v1'], resource: 'horizontalpodautoscalers', shortNames: ['hpa'], namespaced: true, status: true, categories: ['all'] }),
  batch('CronJob', 'cronjobs', ['cj'], true, { status: true, generation: true, categories: ['all'] }),
  batch('Job', 'jobs', [], true, { status: true, generation: true, categories: ['all'] }),
  k({ kind: 'CertificateSigningRequest', group: 'certificates.k8s.io', version: 'v1', resource: 'certificatesigningrequests', shortNames: ['csr'], namespaced: false, status: true }),
  k({ kind: 'Lease', group: 'coordination.k8s.io', version: 'v1', resource: 'leases', shortNames: [], namespaced: true }),
  k({ kind: 'EndpointSlice', group: 'discovery.k8s.io', version: 'v1', resource: 'endpointslices', shortNames: [], namespaced: true }),
  k({ kind: 'Event', group: 'events.k8s.io', version: 'v1', resource: 'events', shortNames: ['ev'], namespaced: true }),
  flow('FlowSchema', 'flowschemas', [], false, { status: true, versions: ['v1', 'v1beta3'] }),
  flow('PriorityLevelConfiguration', 'prioritylevelconfigurations', [], false, { status: true, versions: ['v1', 'v1beta3'] }),
  networking('IngressClass', 'ingressclasses', [], false),
  networking('Ingress', 'ingresses', ['ing'], true, { status: true, generation: true, etcdPrefix: 'ingress' }),
  networking('NetworkPolicy', 'networkpolicies', ['netpol'], true, { generation: true }),
  k({ kind: 'RuntimeClass', group: 'node.k8s.io', version: 'v1', resource: 'runtimeclasses', shortNames: [], namespaced: false }),
  k({ kind: 'PodDisruptionBudget', group: 'policy', version: 'v1', resource: 'poddisruptionbudgets', shortNames: ['pdb'], namespaced: true, status: true, generation: true }),
  rbac('ClusterRoleBinding', 'clusterrolebindings', [], false),
  rbac('ClusterRole', 'clusterroles', [], false),
  rbac('RoleBinding', 'rolebindings', [], true),
  rbac('Role', 'roles', [], true),
  k({ kind: 'PriorityClass', group: 'scheduling.k8s.io', version: 'v1', resource: 'priorityclasses', shortNames: ['pc'], namespaced: false }),
  storage('CSIDriver', 'csidrivers', [], false),
  storage('CSINode', 'csinodes', [], false),
  storage('CSIStorageCapacity', 'csistoragecapacities', [], true),
  storage('StorageClass', 'storageclasses', ['sc'], false),
  storage('VolumeAttachment', 'volumeattachments', [], false, { status: true }),
];

/** A group/version that Kubernetes once served and has removed. */
export interface RemovedVersion {
  groupVersion: string;
  kinds: readonly string[];
  removedIn: string;
}

export const REMOVED_VERSIONS: readonly RemovedVersion[] = [
  { groupVersion: 'extensions/v1beta1', kinds: ['Deployment', 'DaemonSet', 'ReplicaSet', 'NetworkPolicy', 'PodSecurityPolicy'], removedIn: '1.16' },
  { groupVersion: 'extensions/v1beta1', kinds: ['Ingress'], removedIn: '1.22' },
  { groupVersion: 'apps/v1beta1', kinds: ['Deployment', 'StatefulSet', 'ControllerRevision'], removedIn: '1.16' },
  { groupVersion: 'apps/v1beta2', kinds: ['Deployment', 'DaemonSet', 'ReplicaSet', 'StatefulSet', 'ControllerRevision'], removedIn: '1.16' },
  { groupVersion: 'batch/v1beta1', kinds: ['CronJob'], removedIn: '1.25' },
  { groupVersion: 'batch/v2alpha1', kinds: ['CronJob'], removedIn: '1.21' },
  { groupVersion: 'policy/v1beta1', kinds: ['PodDisruptionBudget', 'PodSecurityPolicy'], removedIn: '1.25' },
  { groupVersion: 'autoscaling/v2beta1', kinds: ['HorizontalPodAutoscaler'], removedIn: '1.25' },
  { groupVersion: 'autoscaling/v2beta2', kinds: ['HorizontalPodAutoscaler'], removedIn: '1.26' },
  { groupVersion: 'networking.k8s.io/v1beta1', kinds: ['Ingress', 'IngressClass'], removedIn: '1.22' },
  { groupVersion: 'discovery.k8s.io/v1beta1', kinds: ['EndpointSlice'], removedIn: '1.25' },
  { groupVersion: 'events.k8s.io/v1beta1', kinds: ['Event'], removedIn: '1.25' },
  { groupVersion: 'rbac.authorization.k8s.io/v1beta1', kinds: ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'], removedIn: '1.22' },
  { groupVersion: 'rbac.authorization.k8s.io/v1alpha1', kinds: ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'], removedIn: '1.22' },
  { groupVersion: 'storage.k8s.io/v1beta1', kinds: ['StorageClass', 'VolumeAttachment', 'CSIDriver', 'CSINode'], removedIn: '1.22' },
  { groupVersion: 'storage.k8s.io/v1beta1', kinds: ['CSIStorageCapacity'], removedIn: '1.27' },
  { groupVersion: 'scheduling.k8s.io/v1beta1', kinds: ['PriorityClass'], removedIn: '1.22' },
  { groupVersion: 'apiextensions.k8s.io/v1beta1', kinds: ['CustomResourceDefinition'], removedIn: '1.22' },
  { groupVersion: 'admissionregistration.k8s.io/v1beta1', kinds: ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'], removedIn: '1.22' },
  { groupVersion: 'certificates.k8s.io/v1beta1', kinds: ['CertificateSigningRequest'], removedIn: '1.22' },
  { groupVersion: 'coordination.k8s.io/v1beta1', kinds: ['Lease'], removedIn: '1.22' },
  { groupVersion: 'node.k8s.io/v1beta1', kinds: ['RuntimeClass'], removedIn: '1.25' },
  { groupVersion: 'flowcontrol.apiserver.k8s.io/v1beta1', kinds: ['FlowSchema', 'PriorityLevelConfiguration'], removedIn: '1.26' },
  { groupVersion: 'flowcontrol.apiserver.k8s.io/v1beta2', kinds: ['FlowSchema', 'PriorityLevelConfiguration'], removedIn: '1.29' },
];

export function groupVersion(k: Pick<KindInfo, 'group' | 'version'>, version = k.version): string {
  return k.group ? `${k.group}/${version}` : version;
}

/** "deployments.apps", "pods": how the apiserver names a resource in messages and keys. */
export function groupResource(k: KindInfo): string {
  return k.group ? `${k.resource}.${k.group}` : k.resource;
}

export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const i = apiVersion.indexOf('/');
  return i < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

export class KindRegistry {
  private byGvk = new Map<string, KindInfo>();
  private byGroupResource = new Map<string, KindInfo>();
  private byName = new Map<string, KindInfo[]>();

  constructor(readonly kinds: readonly KindInfo[] = KINDS) {
    for (const info of kinds) {
      for (const v of info.versions) this.byGvk.set(`${groupVersion(info, v)}/${info.kind}`, info);
      this.byGroupResource.set(groupResource(info), info);
      for (const n of new Set([info.resource, info.singular, ...info.shortNames, info.kind.toLowerCase()])) {
        const list = this.byName.get(n) ?? [];
        list.push(info);
        this.byName.set(n, list);
      }
    }
  }

  /** The kind for an apiVersion + kind pair, as the apiserver's RESTMapper resolves it. */
  forObject(apiVersion: string, kind: string): KindInfo | undefined {
    return this.byGvk.get(`${apiVersion}/${kind}`);
  }

  /** A resource by its group-qualified name: "pods", "deployments.apps". */
  forGroupResource(gr: string): KindInfo | undefined {
    return this.byGroupResource.get(gr);
  }

  /**
   * What kubectl resolves a type argument to: plural, singular, short name or kind, optionally
   * qualified by group (`deployments.apps`) or version and group (`deployments.v1.apps`).
   * The core group wins over others for an unqualified name, as kubectl's priority does.
   */
  resolve(arg: string): KindInfo | undefined {
    const lower = arg.toLowerCase();
    const direct = this.byName.get(lower);
    if (direct?.length) return direct[0];
    const dot = lower.indexOf('.');
    if (dot < 0) return undefined;
    const name = lower.slice(0, dot);
    let rest = lower.slice(dot + 1);
    const candidates = this.byName.get(name) ?? [];
    let found = candidates.find((c) => c.group === rest);
    if (found) return found;
    // name.version.group
    const dot2 = rest.indexOf('.');
    if (dot2 > 0) {
      const version = rest.slice(0, dot2);
      rest = rest.slice(dot2 + 1);
      found = candidates.find((c) => c.group === rest && c.versions.includes(version));
    }
    return found;
  }

  /** The removed version a manifest used, if it names one. */
  removed(apiVersion: string, kind: string): RemovedVersion | undefined {
    return REMOVED_VERSIONS.find((r) => r.groupVersion === apiVersion && r.kinds.includes(kind));
  }

  /** Where a kind lives now, for hints: "apps/v1". */
  currentVersionOf(kind: string): string | undefined {
    const info = this.kinds.find((k) => k.kind === kind && !(k.group === 'events.k8s.io'));
    return info ? groupVersion(info) : undefined;
  }

  /** Every served group/version, sorted as `kubectl api-versions` prints them. */
  groupVersions(): string[] {
    const set = new Set<string>();
    for (const k of this.kinds) for (const v of k.versions) set.add(groupVersion(k, v));
    return [...set].sort();
  }

  /** The kinds in a category, in discovery order ("all"). */
  category(name: string): KindInfo[] {
    return this.kinds.filter((k) => k.categories.includes(name));
  }
}
