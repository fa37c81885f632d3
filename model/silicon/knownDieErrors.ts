// Written by `npm run docs` (validation/siliconTables.ts) from the known dies of docs/silicon.md: the
// area model's error (modelled over published, minus 1) on each die that checks it independently. Not
// GA100, whose SM the register-file and issue figures were fitted to; not TPU v4, whose published area
// is a bound. test/unit/silicon.test.ts fails when this file is stale.

import type { KnownDieError } from './areaRange';

export const KNOWN_DIE_ERRORS: readonly KnownDieError[] = [
  { die: 'GH100', process: '4 nm', kind: 'GPU', error: -0.055 },
  { die: 'GA102', process: '8 nm', kind: 'GPU', error: -0.085 },
  { die: 'AD102', process: '4 nm', kind: 'GPU', error: 0.072 },
  { die: 'AD104', process: '4 nm', kind: 'GPU', error: 0.005 },
  { die: 'GV100', process: '12 nm', kind: 'GPU', error: 0.589 },
  { die: 'GP100', process: '16 nm', kind: 'GPU', error: 0.504 },
  { die: 'TU102', process: '12 nm', kind: 'GPU', error: 0.262 },
  { die: 'Groq TSP', process: '14 nm', kind: 'ASIC', error: -0.137 },
];
