// Jobs as pkg/apis/batch/validation checks them (Kubernetes 1.30: backoffLimitPerIndex
// and podReplacementPolicy on by default; managedBy and successPolicy are alpha and dropped on write).

import type * as batch from 'kubernetes-types/batch/v1';
import { duplicate, FieldPath, GoValue, invalid, notSupported, OMIT, required, tooMany, type FieldError } from '../field.ts';
import { labelSelectorAsSelector, SelectorError, validateLabelSelector } from '../labels.ts';
import { clone, deepEqual, type KubeObject } from '../object.ts';
import { isDNS1123Label, isQualifiedName } from '../names.ts';
import type { LabelSelector, Mutable, ObjectMeta } from '../types.ts';
import { validateObjectMeta, validateObjectMetaUpdate } from './meta.ts';
import { validatePodTemplateSpec } from './pod.ts';
import { goStringMap, goLabelSelector, goStructApprox } from './go-values.ts';
import { immutable, nonNegative } from './field-rules.ts';

type Job = Mutable<batch.Job>;
type JobSpec = Mutable<batch.JobSpec>;
type PodFailurePolicyRule = Mutable<batch.PodFailurePolicyRule>;
type PodTemplateSpec = NonNullable<JobSpec['template']>;

export const LEGACY_CONTROLLER_UID_LABEL = 'controller-uid';
export const LEGACY_JOB_NAME_LABEL = 'job-name';
export const CONTROLLER_UID_LABEL = 'batch.kubernetes.io/controller-uid';
export const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';

const MAX_PARALLELISM_FOR_INDEXED_JOB = 100_000;
const MAX_FAILED_INDEXES_FOR_INDEXED_JOB = 100_000;
const COMPLETIONS_SOFT_LIMIT = 100_000;
const PARALLELISM_LIMIT_FOR_HIGH_COMPLETIONS = 10_000;
const MAX_FAILED_INDEXES_LIMIT_FOR_HIGH_COMPLETIONS = 10_000;
const MAX_POD_FAILURE_POLICY_RULES = 20;
const MAX_ON_EXIT_CODES_VALUES = 255;
const MAX_ON_POD_CONDITIONS_PATTERNS = 20;

const POD_FAILURE_POLICY_ACTIONS = ['Count', 'FailIndex', 'FailJob', 'Ignore'];
const ON_EXIT_CODES_OPERATORS = ['In', 'NotIn'];
const CONDITION_STATUSES = ['False', 'True', 'Unknown'];
const POD_REPLACEMENT_POLICIES = ['Failed', 'TerminatingOrFailed'];

/** Go's %q of a []string: ["a" "b"]. */
const goQuotedList = (values: readonly string[]) => `[${values.map((v) => JSON.stringify(v)).join(' ')}]`;

const ROOT = FieldPath.root();
const SPEC = FieldPath.root('spec');

// ---------------------------------------------------------------------------------------------
// Job

/** ValidateJob on create (RequirePrefixedLabels: the four generated labels must all be there). */
export function validateJob(obj: KubeObject): FieldError[] {
  const job = obj as unknown as Job;
  const spec: JobSpec = job.spec ?? ({} as JobSpec);
  const errs = validateObjectMeta(job.metadata, { namespaced: true }, ROOT.child('metadata'));
  errs.push(...validateGeneratedSelector(job, spec));
  errs.push(...validateJobSpecWithSelector(spec, SPEC));
  if (spec.completionMode === 'Indexed' && spec.completions !== undefined && spec.completions > 0) {
    // The controller names pods <job>-<index>: the largest must still be a DNS label.
    const name = job.metadata?.name ?? '';
    const host = `${name}-${spec.completions - 1}`;
    if (isDNS1123Label(host).length > 0) {
      errs.push(invalid('metadata.name', name, `will not able to create pod with invalid DNS label: ${host}`));
    }
  }
  return errs;
}

/** ValidateJobUpdate, less the ValidateJob it repeats: what may not change. */
export function validateJobUpdate(obj: KubeObject, oldObj: KubeObject): FieldError[] {
  const job = obj as unknown as Job;
  const old = oldObj as unknown as Job;
  const spec: JobSpec = job.spec ?? ({} as JobSpec);
  const oldSpec: JobSpec = old.spec ?? ({} as JobSpec);
  const errs = validateObjectMetaUpdate(obj.metadata, oldObj.metadata, ROOT.child('metadata'));
  validateCompletionsUpdate(errs, spec, oldSpec);
  immutable(errs, spec.selector, oldSpec.selector, SPEC.child('selector'), (v) => (v ? goLabelSelector(v as LabelSelector) : null));
  validatePodTemplateUpdate(errs, spec, old);
  immutable(errs, spec.completionMode, oldSpec.completionMode, SPEC.child('completionMode'), (v) => (v as string) ?? null);
  immutable(errs, spec.podFailurePolicy, oldSpec.podFailurePolicy, SPEC.child('podFailurePolicy'), (v) =>
    v ? goStructApprox('batch.PodFailurePolicy', v) : null,
  );
  immutable(errs, spec.backoffLimitPerIndex, oldSpec.backoffLimitPerIndex, SPEC.child('backoffLimitPerIndex'), (v) =>
    (v as number) ?? null,
  );
  return errs;
}

/**
 * validateGeneratedSelector: unless manualSelector, the template carries the labels the registry
 * generated from the job's uid and name, and the selector selects them.
 */
function validateGeneratedSelector(job: Job, spec: JobSpec): FieldError[] {
  const errs: FieldError[] = [];
  if (spec.manualSelector === true || !spec.selector) return errs;
  const uid = job.metadata?.uid ?? '';
  const name = job.metadata?.name ?? '';
  if (uid === '') errs.push(required('metadata.uid'));
  const meta = SPEC.child('template', 'metadata');
  hasLabel(errs, spec.template?.metadata, meta, LEGACY_CONTROLLER_UID_LABEL, uid);
  hasLabel(errs, spec.template?.metadata, meta, LEGACY_JOB_NAME_LABEL, name);
  hasLabel(errs, spec.template?.metadata, meta, CONTROLLER_UID_LABEL, uid);
  hasLabel(errs, spec.template?.metadata, meta, JOB_NAME_LABEL, name);
  const expected = {
    [CONTROLLER_UID_LABEL]: uid,
    [JOB_NAME_LABEL]: name,
    [LEGACY_CONTROLLER_UID_LABEL]: uid,
    [LEGACY_JOB_NAME_LABEL]: name,
  };
  const selector = trySelector(spec.selector);
  if (selector && !selector.matches(expected)) {
    errs.push(invalid(SPEC.child('selector'), goLabelSelector(spec.selector), '`selector` not auto-generated'));
  }
  return errs;
}

/** ValidateHasLabel. */
function hasLabel(errs: FieldError[], meta: ObjectMeta | undefined, path: FieldPath, key: string, expected: string): void {
  const labels = meta?.labels;
  const p = path.child('labels').key(key);
  if (!labels || !Object.hasOwn(labels, key)) errs.push(required(p, `must be '${expected}'`));
  else if (labels[key] !== expected) errs.push(invalid(p, goStringMap(labels), `must be '${expected}'`));
}

function trySelector(ls: LabelSelector | undefined) {
  try {
    return labelSelectorAsSelector(ls);
  } catch (e) {
    if (e instanceof SelectorError) return undefined;
    throw e;
  }
}

/** ValidateJobSpec: the spec rules, the selector, and the selector matching the template. */
function validateJobSpecWithSelector(spec: JobSpec, path: FieldPath): FieldError[] {
  const errs = validateJobSpec(spec, path);
  if (!spec.selector) errs.push(required(path.child('selector')));
  else errs.push(...validateLabelSelector(spec.selector, path.child('selector')));
  const selector = trySelector(spec.selector);
  const labels = spec.template?.metadata?.labels;
  if (selector && !selector.matches(labels)) {
    errs.push(invalid(path.child('template', 'metadata', 'labels'), goStringMap(labels), '`selector` does not match template `labels`'));
  }
  return errs;
}

/** validateJobSpec: shared by Jobs and CronJobs' job templates. */
export function validateJobSpec(spec: JobSpec, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  nonNegative(errs, spec.parallelism, path.child('parallelism'));
  nonNegative(errs, spec.completions, path.child('completions'));
  nonNegative(errs, spec.activeDeadlineSeconds, path.child('activeDeadlineSeconds'));
  nonNegative(errs, spec.backoffLimit, path.child('backoffLimit'));
  nonNegative(errs, spec.ttlSecondsAfterFinished, path.child('ttlSecondsAfterFinished'));
  nonNegative(errs, spec.backoffLimitPerIndex, path.child('backoffLimitPerIndex'));
  if (spec.maxFailedIndexes !== undefined) {
    nonNegative(errs, spec.maxFailedIndexes, path.child('maxFailedIndexes'));
    if (spec.backoffLimitPerIndex === undefined) {
      errs.push(required(path.child('backoffLimitPerIndex'), 'when maxFailedIndexes is specified'));
    }
  }
  if (spec.completionMode !== undefined) {
    if (spec.completionMode !== 'NonIndexed' && spec.completionMode !== 'Indexed') {
      errs.push(notSupported(path.child('completionMode'), spec.completionMode, ['NonIndexed', 'Indexed']));
    }
    if (spec.completionMode === 'Indexed') validateIndexed(errs, spec, path);
  }
  if (spec.completionMode === undefined || spec.completionMode === 'NonIndexed') {
    if (spec.backoffLimitPerIndex !== undefined) {
      errs.push(invalid(path.child('backoffLimitPerIndex'), spec.backoffLimitPerIndex, 'requires indexed completion mode'));
    }
    if (spec.maxFailedIndexes !== undefined) {
      errs.push(invalid(path.child('maxFailedIndexes'), spec.maxFailedIndexes, 'requires indexed completion mode'));
    }
  }
  if (spec.podFailurePolicy) validatePodFailurePolicy(errs, spec, path.child('podFailurePolicy'));
  validatePodReplacementPolicy(errs, spec, path.child('podReplacementPolicy'));
  errs.push(...validatePodTemplateSpec(spec.template, path.child('template')));

  // SetDefaults_PodSpec turns an unset restartPolicy into Always, so both mean "not chosen".
  const restart = spec.template?.spec?.restartPolicy ?? '';
  const restartPath = path.child('template', 'spec', 'restartPolicy');
  if (restart === 'Always' || restart === '') {
    errs.push(required(restartPath, 'valid values: "OnFailure", "Never"'));
  } else if (restart !== 'OnFailure' && restart !== 'Never') {
    errs.push(notSupported(restartPath, restart, ['OnFailure', 'Never']));
  } else if (spec.podFailurePolicy && restart !== 'Never') {
    errs.push(invalid(restartPath, restart, 'only "Never" is supported when podFailurePolicy is specified'));
  }
  return errs;
}

function validateIndexed(errs: FieldError[], spec: JobSpec, path: FieldPath): void {
  const { completions, parallelism, maxFailedIndexes } = spec;
  if (completions === undefined) errs.push(required(path.child('completions'), 'when completion mode is Indexed'));
  if (parallelism !== undefined && parallelism > MAX_PARALLELISM_FOR_INDEXED_JOB) {
    errs.push(
      invalid(path.child('parallelism'), parallelism, `must be less than or equal to ${MAX_PARALLELISM_FOR_INDEXED_JOB} when completion mode is Indexed`),
    );
  }
  if (completions !== undefined && maxFailedIndexes !== undefined && maxFailedIndexes > completions) {
    errs.push(invalid(path.child('maxFailedIndexes'), maxFailedIndexes, 'must be less than or equal to completions'));
  }
  if (maxFailedIndexes !== undefined && maxFailedIndexes > MAX_FAILED_INDEXES_FOR_INDEXED_JOB) {
    errs.push(invalid(path.child('maxFailedIndexes'), maxFailedIndexes, `must be less than or equal to ${MAX_FAILED_INDEXES_FOR_INDEXED_JOB}`));
  }
  if (completions !== undefined && completions > COMPLETIONS_SOFT_LIMIT && spec.backoffLimitPerIndex !== undefined) {
    const tail = `when completions are above ${COMPLETIONS_SOFT_LIMIT} and used with backoff limit per index`;
    if (maxFailedIndexes === undefined) {
      errs.push(required(path.child('maxFailedIndexes'), `must be specified when completions is above ${COMPLETIONS_SOFT_LIMIT}`));
    }
    if (parallelism !== undefined && parallelism > PARALLELISM_LIMIT_FOR_HIGH_COMPLETIONS) {
      errs.push(invalid(path.child('parallelism'), parallelism, `must be less than or equal to ${PARALLELISM_LIMIT_FOR_HIGH_COMPLETIONS} ${tail}`));
    }
    if (maxFailedIndexes !== undefined && maxFailedIndexes > MAX_FAILED_INDEXES_LIMIT_FOR_HIGH_COMPLETIONS) {
      errs.push(
        invalid(path.child('maxFailedIndexes'), maxFailedIndexes, `must be less than or equal to ${MAX_FAILED_INDEXES_LIMIT_FOR_HIGH_COMPLETIONS} ${tail}`),
      );
    }
  }
}

function validatePodFailurePolicy(errs: FieldError[], spec: JobSpec, path: FieldPath): void {
  const rules = spec.podFailurePolicy?.rules ?? [];
  const rulesPath = path.child('rules');
  if (rules.length > MAX_POD_FAILURE_POLICY_RULES) errs.push(tooMany(rulesPath, rules.length, `must have at most ${MAX_POD_FAILURE_POLICY_RULES} items`));
  const names = new Set<string>();
  for (const c of spec.template?.spec?.containers ?? []) names.add(c.name);
  for (const c of spec.template?.spec?.initContainers ?? []) names.add(c.name);
  rules.forEach((rule, i) => validatePodFailurePolicyRule(errs, spec, rule, rulesPath.index(i), names));
}

function validatePodFailurePolicyRule(
  errs: FieldError[],
  spec: JobSpec,
  rule: PodFailurePolicyRule,
  path: FieldPath,
  containerNames: ReadonlySet<string>,
): void {
  const actionPath = path.child('action');
  const action = rule.action ?? '';
  if (action === '') errs.push(required(actionPath, `valid values: ${goQuotedList(POD_FAILURE_POLICY_ACTIONS)}`));
  else if (action === 'FailIndex') {
    if (spec.backoffLimitPerIndex === undefined) errs.push(invalid(actionPath, action, 'requires the backoffLimitPerIndex to be set'));
  } else if (!POD_FAILURE_POLICY_ACTIONS.includes(action)) {
    errs.push(notSupported(actionPath, action, POD_FAILURE_POLICY_ACTIONS));
  }
  const onExit = rule.onExitCodes;
  const onConditions = rule.onPodConditions ?? [];
  if (onExit) {
    const p = path.child('onExitCodes');
    const op = onExit.operator ?? '';
    if (op === '') errs.push(required(p.child('operator'), `valid values: ${goQuotedList(ON_EXIT_CODES_OPERATORS)}`));
    else if (!ON_EXIT_CODES_OPERATORS.includes(op)) errs.push(notSupported(p.child('operator'), op, ON_EXIT_CODES_OPERATORS));
    if (onExit.containerName !== undefined && !containerNames.has(onExit.containerName)) {
      errs.push(invalid(p.child('containerName'), onExit.containerName, 'must be one of the container or initContainer names in the pod template'));
    }
    const values = onExit.values ?? [];
    const valuesPath = p.child('values');
    if (values.length === 0) errs.push(invalid(valuesPath, goInt32Slice(onExit.values), 'at least one value is required'));
    else if (values.length > MAX_ON_EXIT_CODES_VALUES) errs.push(tooMany(valuesPath, values.length, `must have at most ${MAX_ON_EXIT_CODES_VALUES} items`));
    let ordered = true;
    const seen = new Set<number>();
    values.forEach((v, j) => {
      if (op === 'In' && v === 0) errs.push(invalid(valuesPath.index(j), v, 'must not be 0 for the In operator'));
      if (seen.has(v)) errs.push(duplicate(valuesPath.index(j), v));
      else seen.add(v);
      if (j > 0 && values[j - 1] > v) ordered = false;
    });
    if (!ordered) errs.push(invalid(valuesPath, goInt32Slice(values), 'must be ordered'));
  }
  if (onConditions.length > 0) {
    const p = path.child('onPodConditions');
    if (onConditions.length > MAX_ON_POD_CONDITIONS_PATTERNS) {
      errs.push(tooMany(p, onConditions.length, `must have at most ${MAX_ON_POD_CONDITIONS_PATTERNS} items`));
    }
    onConditions.forEach((pattern, j) => {
      const pp = p.index(j);
      for (const msg of isQualifiedName(pattern.type ?? '')) errs.push(invalid(pp.child('type'), pattern.type ?? '', msg));
      const status = pattern.status ?? '';
      if (status === '') errs.push(required(pp.child('status'), `valid values: ${goQuotedList(CONDITION_STATUSES)}`));
      else if (!CONDITION_STATUSES.includes(status)) errs.push(notSupported(pp.child('status'), status, CONDITION_STATUSES));
    });
  }
  if (onExit && onConditions.length > 0) {
    errs.push(invalid(path, OMIT, 'specifying both OnExitCodes and OnPodConditions is not supported'));
  }
  if (!onExit && onConditions.length === 0) {
    errs.push(invalid(path, OMIT, 'specifying one of OnExitCodes and OnPodConditions is required'));
  }
}

function goInt32Slice(values: readonly number[] | undefined): GoValue {
  return new GoValue(values ? `[]int32{${values.join(', ')}}` : '[]int32(nil)');
}

function validatePodReplacementPolicy(errs: FieldError[], spec: JobSpec, path: FieldPath): void {
  const policy = spec.podReplacementPolicy;
  if (policy === undefined) return;
  if (spec.podFailurePolicy) {
    if (policy !== 'Failed') errs.push(notSupported(path, policy, ['Failed']));
  } else if (!POD_REPLACEMENT_POLICIES.includes(policy)) {
    errs.push(notSupported(path, policy, POD_REPLACEMENT_POLICIES));
  }
}

/** validateCompletions: immutable, except that Indexed jobs scale completions with parallelism. */
function validateCompletionsUpdate(errs: FieldError[], spec: JobSpec, old: JobSpec): void {
  const path = SPEC.child('completions');
  if (spec.completionMode !== 'Indexed') {
    immutable(errs, spec.completions, old.completions, path, (v) => (v as number) ?? null);
    return;
  }
  if (spec.completions === old.completions || spec.completions === undefined) return;
  if (spec.completions !== spec.parallelism) {
    errs.push(invalid(path, spec.completions, 'can only be modified in tandem with spec.parallelism'));
  }
}

/**
 * The template is immutable; a suspended job that never started may still change where its pods
 * go (node affinity, node selector, tolerations, scheduling gates) and the template's labels and
 * annotations.
 */
function validatePodTemplateUpdate(errs: FieldError[], spec: JobSpec, old: Job): void {
  const template = spec.template;
  let oldTemplate: PodTemplateSpec | undefined = old.spec?.template;
  const mutableScheduling = old.spec?.suspend === true && !old.status?.startTime;
  if (mutableScheduling && oldTemplate) {
    oldTemplate = clone(oldTemplate);
    const ts = template?.spec;
    const os = (oldTemplate.spec ??= {} as NonNullable<PodTemplateSpec['spec']>);
    if (!ts?.affinity && os.affinity) {
      delete os.affinity.nodeAffinity;
      if (deepEqual(os.affinity, {})) delete os.affinity;
    } else if (ts?.affinity && !os.affinity) {
      os.affinity = ts.affinity.nodeAffinity ? { nodeAffinity: ts.affinity.nodeAffinity } : {};
    } else if (ts?.affinity && os.affinity) {
      os.affinity.nodeAffinity = ts.affinity.nodeAffinity;
    }
    os.nodeSelector = ts?.nodeSelector;
    os.tolerations = ts?.tolerations;
    os.schedulingGates = ts?.schedulingGates;
    const om = (oldTemplate.metadata ??= {});
    om.annotations = template?.metadata?.annotations;
    om.labels = template?.metadata?.labels;
  }
  immutable(errs, template, oldTemplate, SPEC.child('template'), (v) => goStructApprox('core.PodTemplateSpec', v));
}
