import path from 'node:path';

/** The repository root (for the default seeds and data folders), from src/ or dist/ alike. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
