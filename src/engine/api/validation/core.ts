import type { ValidatorTable } from './types.ts';

// Filled in by the validation work for these kinds.
export const coreValidators: ValidatorTable = {};
