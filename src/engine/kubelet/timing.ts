// The kubelet's timings in one place. Kubernetes' defaults where Kubernetes has them; the rest are
// what a small lab cluster typically shows, with a little seeded jitter so pods do not move in lockstep.

/** node-status-update-frequency: how often the kubelet computes its node's status. */
export const NODE_STATUS_UPDATE_MS = 10_000;
/** node-status-report-frequency: an unchanged status is still written this often. */
export const NODE_STATUS_REPORT_MS = 5 * 60_000;
/** Lease renew interval: a quarter of the 40 s lease duration. */
export const LEASE_RENEW_MS = 10_000;
export const LEASE_DURATION_SECONDS = 40;

/** Creating a pod sandbox (the pause container and its network namespace). */
export const SANDBOX_MS: [number, number] = [600, 1400];
/** Registry round trip before the bytes of an image flow. */
export const PULL_LATENCY_MS: [number, number] = [300, 900];
/** Download speed of a node, bytes per millisecond (about 40 MB/s). */
export const PULL_BYTES_PER_MS = 40_000;
/** Creating and starting a container once its image is there. */
export const CONTAINER_START_MS: [number, number] = [80, 250];
/** A container that handles SIGTERM exits this soon (with the kubelet's sync around it). */
export const CONTAINER_STOP_MS: [number, number] = [400, 1500];
/** Image pull back-off: 10 s doubling to 5 minutes (the kubelet's backOff for images). */
export const IMAGE_BACKOFF_INITIAL_MS = 10_000;
export const IMAGE_BACKOFF_MAX_MS = 300_000;
/** A mirror pod that was deleted is recreated on the next sync. */
export const MIRROR_RECREATE_MS = 1_000;
/** Container restart back-off: 10 s doubling to 5 minutes, forgotten after twice the cap without a crash. */
export const CRASH_BACKOFF_INITIAL_MS = 10_000;
export const CRASH_BACKOFF_MAX_MS = 300_000;
/** PLEG's relist period: a container's death is noticed, and acted on, this long after it happens. */
export const PLEG_RELIST_MS = 1_000;
