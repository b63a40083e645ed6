// The tables of the kinds outside the core group (workloads, networking, storage, policy, RBAC …).

import type { TablePrinter } from '../types.ts';
import { controllerRevisionTable, cronJobTable, daemonSetTable, deploymentTable, hpaTable, jobTable, replicaSetTable, statefulSetTable } from './workloads.ts';
import {
  endpointSliceTable,
  ingressClassTable,
  ingressTable,
  networkPolicyTable,
  persistentVolumeClaimTable,
  persistentVolumeTable,
  podDisruptionBudgetTable,
  priorityClassTable,
  resourceQuotaTable,
  roleBindingTable,
  runtimeClassTable,
  storageClassTable,
} from './other.ts';

export const moreTables: Record<string, TablePrinter> = {
  'deployments.apps': deploymentTable,
  'replicasets.apps': replicaSetTable,
  replicationcontrollers: replicaSetTable,
  'statefulsets.apps': statefulSetTable,
  'daemonsets.apps': daemonSetTable,
  'controllerrevisions.apps': controllerRevisionTable,
  'jobs.batch': jobTable,
  'cronjobs.batch': cronJobTable,
  'horizontalpodautoscalers.autoscaling': hpaTable,
  'ingresses.networking.k8s.io': ingressTable,
  'ingressclasses.networking.k8s.io': ingressClassTable,
  'networkpolicies.networking.k8s.io': networkPolicyTable,
  persistentvolumes: persistentVolumeTable,
  persistentvolumeclaims: persistentVolumeClaimTable,
  'storageclasses.storage.k8s.io': storageClassTable,
  'priorityclasses.scheduling.k8s.io': priorityClassTable,
  'poddisruptionbudgets.policy': podDisruptionBudgetTable,
  'rolebindings.rbac.authorization.k8s.io': roleBindingTable,
  'clusterrolebindings.rbac.authorization.k8s.io': roleBindingTable,
  resourcequotas: resourceQuotaTable,
  'endpointslices.discovery.k8s.io': endpointSliceTable,
  'runtimeclasses.node.k8s.io': runtimeClassTable,
};
