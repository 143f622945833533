import { spawn } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT, SUBGRAPH_NAMES, type RunningServer, type SubgraphName } from '@hsg/core';

/**
 * The built gateway (`gateway/dist/index.js`) as its own process on a free port, as `npm start`
 * runs it. The browser test needs it: the explorer's assets are loaded with a dynamic import(),
 * which works in node but not inside jest's module system. `extraEnv` adds to its environment.
 */
export function startGatewayProcess(
  subgraphUrls: Record<SubgraphName, string>,
  nodeArgs: string[] = [],
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<RunningServer & { pid: number }> {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...extraEnv };
  for (const name of SUBGRAPH_NAMES) env[`${name.toUpperCase()}_URL`] = subgraphUrls[name];
  const child = spawn(process.execPath, [...nodeArgs, path.join(REPO_ROOT, 'gateway', 'dist', 'index.js')], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => fail(new Error('the gateway did not start within 30 s')), 30000);
    const fail = (e: Error) => {
      clearTimeout(timer);
      void stop();
      reject(new Error(`${e.message}\n${output}`));
    };
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      for (const line of output.split('\n')) {
        if (!line.includes('gateway listening')) continue;
        const url = (JSON.parse(line) as { url: string }).url;
        clearTimeout(timer);
        // From here on its output is drained, not kept: a long run (an export) logs without end.
        child.stdout.removeAllListeners('data').resume();
        child.stderr.removeAllListeners('data').resume();
        resolve({ url, port: Number(new URL(url).port), stop, pid: child.pid! });
        return;
      }
    });
    child.once('exit', (code) => fail(new Error(`the gateway exited with code ${code}`)));
  });
}
