import { fileURLToPath } from 'node:url';

/** The repository root (test-output/ lives there). */
export const repoRootDir = fileURLToPath(new URL('../..', import.meta.url));
