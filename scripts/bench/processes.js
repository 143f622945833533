// The graph as `npm start` runs it, for the bench and its profile: the five built subgraphs and
// gateways as separate processes over SQLite files in `dataDir`, on free loopback ports.
'use strict';
const { spawn } = require('node:child_process');
const { createServer } = require('node:http');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const { SUBGRAPHS } = require(path.join(root, 'packages', 'core', 'dist', 'manifest.js'));

function freePort() {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function ready(port) {
  for (let i = 0; i < 600; i++) {
    const ok = await fetch(`http://127.0.0.1:${port}/_readiness`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nothing ready on port ${port}`);
}

/**
 * Starts processes that end the bench if one exits before `stop()`. `execArgv` goes to each
 * (e.g. --cpu-prof); `names` maps each pid to what it runs.
 */
function processGroup(execArgv = []) {
  const children = [];
  const names = new Map();
  let stopping = false;
  return {
    names,
    start(name, entry, env) {
      const child = spawn(process.execPath, [...execArgv, path.join(root, entry)], {
        stdio: ['ignore', 'ignore', 'inherit'],
        env: { ...process.env, LOG_LEVEL: 'silent', SLOW_REQUEST_MS: '3600000', ...env },
      });
      children.push(child);
      names.set(child.pid, name);
      child.on('exit', (code) => {
        if (stopping) return;
        console.error(`[bench] ${name} exited (${code})`);
        process.exit(1);
      });
      return child;
    },
    async stop() {
      stopping = true;
      for (const c of children) c.kill('SIGTERM');
      await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : null)));
    },
  };
}

/**
 * The five subgraphs (the owners first: search reads their change feeds when it starts) and one
 * gateway per entry of `caches` ('off' or 'on': RESPONSE_CACHE), rate limits off.
 */
async function startGraph(dataDir, { execArgv, caches = ['off', 'on'] } = {}) {
  const group = processGroup(execArgv);
  const ports = Object.fromEntries(await Promise.all(SUBGRAPHS.map(async (s) => [s.name, await freePort()])));
  const portEnv = Object.fromEntries(SUBGRAPHS.map((s) => [`${s.name.toUpperCase()}_PORT`, String(ports[s.name])]));
  const common = { DATA_DIR: dataDir, ...portEnv };
  const subgraphs = [];
  for (const wave of [SUBGRAPHS.filter((s) => s.name !== 'search'), SUBGRAPHS.filter((s) => s.name === 'search')]) {
    for (const s of wave) subgraphs.push(group.start(s.name, path.join(s.dir, 'dist', 'index.js'), common));
    await Promise.all(wave.map((s) => ready(ports[s.name])));
  }
  const gateways = [];
  for (const cache of caches) {
    const port = await freePort();
    const env = { ...common, RATE_LIMIT_AGENCY: '0', RATE_LIMIT_ANONYMOUS: '0', PORT: String(port), RESPONSE_CACHE: cache };
    gateways.push({ cache, port, proc: group.start(`gateway (cache ${cache})`, 'gateway/dist/index.js', env) });
  }
  await Promise.all(gateways.map((g) => ready(g.port)));
  return { subgraphs, gateways, names: group.names, start: group.start, stop: group.stop };
}

module.exports = { freePort, startGraph };
