// The describer for each resource; kinds without their own get kubectl's generic one.

import type { Describer } from './types.ts';
import { genericDescriber } from './generic.ts';
import { podDescriber } from './pod.ts';
import { cronJobDescriber, jobDescriber } from './job.ts';
import { nodeDescriber } from './node.ts';
import { hpaDescriber } from './hpa.ts';
import { daemonSetDescriber } from './daemonset.ts';
import { statefulSetDescriber } from './statefulset.ts';
import { deploymentDescriber } from './deployment.ts';
import { replicaSetDescriber, replicationControllerDescriber } from './replicaset.ts';
import { configMapDescriber, endpointsDescriber, namespaceDescriber, secretDescriber, serviceAccountDescriber, serviceDescriber } from './core.ts';

const DESCRIBERS: Record<string, Describer> = {
  pods: podDescriber,
  nodes: nodeDescriber,
  namespaces: namespaceDescriber,
  services: serviceDescriber,
  endpoints: endpointsDescriber,
  configmaps: configMapDescriber,
  secrets: secretDescriber,
  serviceaccounts: serviceAccountDescriber,
  'daemonsets.apps': daemonSetDescriber,
  'statefulsets.apps': statefulSetDescriber,
  'deployments.apps': deploymentDescriber,
  'replicasets.apps': replicaSetDescriber,
  replicationcontrollers: replicationControllerDescriber,
  'jobs.batch': jobDescriber,
  'cronjobs.batch': cronJobDescriber,
  'horizontalpodautoscalers.autoscaling': hpaDescriber,
};

export function describerFor(groupResource: string): Describer {
  return DESCRIBERS[groupResource] ?? genericDescriber;
}
