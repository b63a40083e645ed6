// Validation of the other API groups' kinds, keyed by group-qualified resource.

import type { ValidatorTable } from './types.ts';
import { validateHorizontalPodAutoscaler, validateHorizontalPodAutoscalerUpdate } from './autoscaling.ts';
import {
  validateIngress,
  validateIngressClass,
  validateIngressClassUpdate,
  validateIngressUpdate,
  validateNetworkPolicy,
  validateNetworkPolicyUpdate,
} from './networking.ts';
import {
  validateBindingUpdate,
  validateClusterRole,
  validateClusterRoleBinding,
  validateRole,
  validateRoleBinding,
  validateRoleUpdate,
} from './rbac.ts';
import {
  validateLease,
  validateLeaseUpdate,
  validatePodDisruptionBudget,
  validatePriorityClass,
  validatePriorityClassUpdate,
  validateStorageClass,
  validateStorageClassUpdate,
} from './cluster-kinds.ts';
import { validateEndpointSlice, validateEndpointSliceUpdate, validateEvent, validateEventUpdate } from './discovery-events.ts';
import { validateObjectMetaUpdate } from './meta.ts';
import type { KubeObject } from '../object.ts';

const metaUpdateOnly = (obj: KubeObject, old: KubeObject) => validateObjectMetaUpdate(obj.metadata, old.metadata);

export const otherValidators: ValidatorTable = {
  'horizontalpodautoscalers.autoscaling': {
    validate: validateHorizontalPodAutoscaler,
    validateUpdate: validateHorizontalPodAutoscalerUpdate,
  },
  'ingresses.networking.k8s.io': { validate: validateIngress, validateUpdate: validateIngressUpdate },
  'ingressclasses.networking.k8s.io': { validate: validateIngressClass, validateUpdate: validateIngressClassUpdate },
  'networkpolicies.networking.k8s.io': { validate: validateNetworkPolicy, validateUpdate: validateNetworkPolicyUpdate },
  'poddisruptionbudgets.policy': { validate: validatePodDisruptionBudget, validateUpdate: metaUpdateOnly },
  'priorityclasses.scheduling.k8s.io': { validate: validatePriorityClass, validateUpdate: validatePriorityClassUpdate },
  'storageclasses.storage.k8s.io': { validate: validateStorageClass, validateUpdate: validateStorageClassUpdate },
  'roles.rbac.authorization.k8s.io': { validate: validateRole, validateUpdate: validateRoleUpdate },
  'clusterroles.rbac.authorization.k8s.io': { validate: validateClusterRole, validateUpdate: validateRoleUpdate },
  'rolebindings.rbac.authorization.k8s.io': { validate: validateRoleBinding, validateUpdate: validateBindingUpdate },
  'clusterrolebindings.rbac.authorization.k8s.io': { validate: validateClusterRoleBinding, validateUpdate: validateBindingUpdate },
  'leases.coordination.k8s.io': { validate: validateLease, validateUpdate: validateLeaseUpdate },
  'endpointslices.discovery.k8s.io': { validate: validateEndpointSlice, validateUpdate: validateEndpointSliceUpdate },
  'events.events.k8s.io': { validate: validateEvent, validateUpdate: validateEventUpdate },
};
