import type { KubeObject } from '../object.ts';

/** Sets the defaults the apiserver sets when it decodes an object (SetDefaults_*), in place. */
export type Defaulter = (obj: KubeObject) => void;

/** Defaulters by group-qualified resource: "pods", "deployments.apps". */
export type DefaulterTable = Record<string, Defaulter>;
