// jest's globalSetup: see run-folder.ts.
export { setup as default } from './run-folder';
