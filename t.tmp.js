require('reflect-metadata');
const { startSubgraph, REPO_ROOT } = require('@hsg/common');
const path = require('path');
(async () => {
  for (const name of ['regions', 'search']) {
    const { subgraph } = require(`@hsg/${name}`);
    const t = Date.now();
    const c0 = process.cpuUsage();
    const s = await startSubgraph(subgraph, {
      dataDir: ':memory:',
      seedsDir: path.join(REPO_ROOT, 'seeds'),
      port: 0,
      logger: require('pino')({ level: 'silent' }),
    });
    {
      const c = process.cpuUsage(c0);
      console.log(name, 'start ms', Date.now() - t, 'cpu ms', Math.round((c.user + c.system) / 1000));
    }
    await s.stop();
  }
})();
