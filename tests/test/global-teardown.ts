// jest's globalTeardown: see run-folder.ts.
export { teardown as default } from './run-folder';
