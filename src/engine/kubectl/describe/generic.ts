import type { Describer } from './types.ts';

/** Placeholder until the describers land: the object's name and namespace. */
export const genericDescriber: Describer = (obj) => {
  const lines = [`Name:         ${obj.metadata.name}`];
  if (obj.metadata.namespace) lines.push(`Namespace:    ${obj.metadata.namespace}`);
  return lines.join('\n') + '\n';
};
