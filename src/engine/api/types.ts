// The Kubernetes object types the engine works with. kubernetes-types marks server-owned fields
// (status, uid, resourceVersion …) readonly because clients must not set them; the engine *is* the
// server, so it uses these writable versions of the same types.

import type * as core from 'kubernetes-types/core/v1';
import type * as meta from 'kubernetes-types/meta/v1';

export type Mutable<T> = T extends readonly (infer U)[]
  ? Mutable<U>[]
  : T extends object
    ? { -readonly [K in keyof T]: Mutable<T[K]> }
    : T;

export type ObjectMeta = Mutable<meta.ObjectMeta>;
export type OwnerReference = Mutable<meta.OwnerReference>;
export type LabelSelector = Mutable<meta.LabelSelector>;

export type Pod = Mutable<core.Pod>;
export type PodSpec = Mutable<core.PodSpec>;
export type PodStatus = Mutable<core.PodStatus>;
export type PodCondition = Mutable<core.PodCondition>;
export type Container = Mutable<core.Container>;
export type ContainerStatus = Mutable<core.ContainerStatus>;
export type Node = Mutable<core.Node>;
export type NodeCondition = Mutable<core.NodeCondition>;
export type Namespace = Mutable<core.Namespace>;
export type Service = Mutable<core.Service>;
export type ServicePort = Mutable<core.ServicePort>;
export type Event = Mutable<core.Event>;
export type Taint = Mutable<core.Taint>;
export type Toleration = Mutable<core.Toleration>;
export type ServiceAccount = Mutable<core.ServiceAccount>;
export type Volume = Mutable<core.Volume>;
export type ContainerImage = Mutable<core.ContainerImage>;
export type NodeSystemInfo = Mutable<core.NodeSystemInfo>;
export type NodeSelectorRequirement = Mutable<core.NodeSelectorRequirement>;
export type NodeSelectorTerm = Mutable<core.NodeSelectorTerm>;
