require('reflect-metadata');
const { startSubgraph, REPO_ROOT } = require('@hsg/common');
const path = require('path');
(async () => {
  for (const name of ['regions', 'search']) {
    const { subgraph } = require(`@hsg/${name}`);
    const t = Date.now();
    const s = await startSubgraph(subgraph, { dataDir: ':memory:', seedsDir: path.join(REPO_ROOT, 'seeds'), port: 0, logger: require('pino')({ level: 'silent' }) });
    console.log(name, 'start ms', Date.now() - t);
    await s.stop();
  }
})();
