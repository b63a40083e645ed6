// Every kubectl command the sandbox has, in `kubectl --help` order within their groups.

import type { KubectlCommand } from '../types.ts';
import { annotateCommand, labelCommand } from './label.ts';
import { applyCommand } from './apply.ts';
import { autoscaleCommand } from './autoscale.ts';
import { configCommand } from './config.ts';
import { createCommand } from './create.ts';
import { deleteCommand } from './delete.ts';
import { describeCommand } from './describe.ts';
import { cordonCommand, drainCommand, uncordonCommand } from './drain.ts';
import { getCommand } from './get.ts';
import { logsCommand } from './logs.ts';
import { apiResourcesCommand, apiVersionsCommand, clusterInfoCommand, explainCommand, versionCommand } from './info.ts';
import { replaceCommand } from './replace.ts';
import { rolloutCommand } from './rollout.ts';
import { runCommand } from './run.ts';
import { scaleCommand } from './scale.ts';
import { setCommand } from './set.ts';
import { taintCommand } from './taint.ts';
import { topCommand } from './top.ts';
import { waitCommand } from './wait.ts';

export const KUBECTL_COMMANDS: KubectlCommand[] = [
  createCommand,
  runCommand,
  setCommand,
  explainCommand,
  getCommand,
  deleteCommand,
  rolloutCommand,
  scaleCommand,
  autoscaleCommand,
  clusterInfoCommand,
  topCommand,
  cordonCommand,
  uncordonCommand,
  drainCommand,
  taintCommand,
  describeCommand,
  logsCommand,
  applyCommand,
  replaceCommand,
  waitCommand,
  labelCommand,
  annotateCommand,
  apiResourcesCommand,
  apiVersionsCommand,
  configCommand,
  versionCommand,
];
