import { describe, expect, it } from 'vitest';
import './docs.ts';
import { explain, ExplainError } from './explain.ts';

// Goldens: the output of kubectl 1.30's plaintext.tmpl (run with Go's text/template and kubectl's funcs)
// over the 1.30 OpenAPI v3 document with enums, as a live 1.30 apiserver serves it.

const pod = (fieldPath: string[], recursive = false) =>
  explain('pod', { apiVersion: 'v1', kind: 'Pod', fieldPath, recursive });

describe('kubectl explain', () => {
  it('prints a kind with its description and fields', () => {
    expect(pod([]).startsWith([
    "KIND:       Pod",
    "VERSION:    v1",
    "",
    "DESCRIPTION:",
    "    Pod is a collection of containers that can run on a host. This resource is",
    "    created by clients and scheduled onto hosts.",
    "    ",
    "FIELDS:",
    "  apiVersion\t<string>",
    "    APIVersion defines the versioned schema of this representation of an object.",
    "    Servers should convert recognized schemas to the latest internal value, and",
    "    may reject unrecognized values. More info:",
  ].join('\n'))).toBe(true);
  });

  it('prints an array field with its own description and its element type\'s, then the element\'s fields', () => {
    expect(pod(['spec', 'containers']).startsWith([
    "KIND:       Pod",
    "VERSION:    v1",
    "",
    "FIELD: containers <[]Container>",
    "",
    "",
    "DESCRIPTION:",
    "    List of containers belonging to the pod. Containers cannot currently be",
    "    added or removed. There must be at least one container in a Pod. Cannot be",
    "    updated.",
    "    A single application container that you want to run within a pod.",
    "    ",
    "FIELDS:",
    "  args\t<[]string>",
    "    Arguments to the entrypoint. The container image's CMD is used if this is",
    "    not provided. Variable references $(VAR_NAME) are expanded using the",
  ].join('\n'))).toBe(true);
  });

  it('prints deployment.spec.strategy whole, with the enum line and the possible enum values', () => {
    expect(explain('deploy.spec.strategy', { apiVersion: 'apps/v1', kind: 'Deployment', fieldPath: ['spec', 'strategy'], recursive: false }))
      .toBe([
    "GROUP:      apps",
    "KIND:       Deployment",
    "VERSION:    v1",
    "",
    "FIELD: strategy <DeploymentStrategy>",
    "",
    "",
    "DESCRIPTION:",
    "    The deployment strategy to use to replace existing pods with new ones.",
    "    DeploymentStrategy describes how to replace existing pods with new ones.",
    "    ",
    "FIELDS:",
    "  rollingUpdate\t<RollingUpdateDeployment>",
    "    Rolling update config params. Present only if DeploymentStrategyType =",
    "    RollingUpdate.",
    "",
    "  type\t<string>",
    "  enum: Recreate, RollingUpdate",
    "    Type of deployment. Can be \"Recreate\" or \"RollingUpdate\". Default is",
    "    RollingUpdate.",
    "    ",
    "    Possible enum values:",
    "     - `\"Recreate\"` Kill all existing pods before creating new ones.",
    "     - `\"RollingUpdate\"` Replace the old ReplicaSets by new one using rolling",
    "    update i.e gradually scale down the old ReplicaSets and scale up the new",
    "    one.",
    "",
    "",
  ].join('\n') + '\n');
  });

  it('prints --recursive as an indented tree of names and types', () => {
    expect(pod([], true).startsWith([
    "KIND:       Pod",
    "VERSION:    v1",
    "",
    "DESCRIPTION:",
    "    Pod is a collection of containers that can run on a host. This resource is",
    "    created by clients and scheduled onto hosts.",
    "    ",
    "FIELDS:",
    "  apiVersion\t<string>",
    "  kind\t<string>",
    "  metadata\t<ObjectMeta>",
    "    annotations\t<map[string]string>",
    "    creationTimestamp\t<string>",
    "    deletionGracePeriodSeconds\t<integer>",
  ].join('\n'))).toBe(true);
  });

  it('lists an enum field\'s values under FIELD and shows IntOrString and Quantity by name', () => {
    expect(pod(['spec', 'containers', 'imagePullPolicy'])).toContain('FIELD: imagePullPolicy <string>\nENUM:\n    Always\n    IfNotPresent\n    Never\n\nDESCRIPTION:\n');
    expect(pod(['spec', 'containers', 'resources'])).toContain('  limits\t<map[string]Quantity>\n');
    expect(explain('deploy', { apiVersion: 'apps/v1', kind: 'Deployment', fieldPath: ['spec', 'strategy', 'rollingUpdate'], recursive: false }))
      .toContain('  maxSurge\t<IntOrString>\n');
  });

  it('fails on an unknown field naming the last element of the path, after printing the header', () => {
    let err: unknown;
    try {
      pod(['spec', 'foo', 'bar']);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ExplainError);
    expect((err as ExplainError).message).toBe('error: field "bar" does not exist');
    expect((err as ExplainError).stdout).toBe('KIND:       Pod\nVERSION:    v1\n\n');
  });
});
