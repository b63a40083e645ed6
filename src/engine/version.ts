// The Kubernetes version the sandbox behaves as.
export const KUBE_VERSION = 'v1.30.14';
export const KUBE_GIT_COMMIT = '9e18483918821121abdf9aa82bc14d66df5d68cd';
export const GO_VERSION = 'go1.23.10';
export const CONTAINER_RUNTIME = 'containerd://1.7.27';
export const OS_IMAGE = 'Ubuntu 22.04.5 LTS';
export const KERNEL_VERSION = '5.15.0-143-generic';
/** The fixed instant a fresh cluster's clock starts at. */
export const CLUSTER_EPOCH = Date.UTC(2025, 5, 2, 8, 0, 0);
