require('reflect-metadata');
const { startSubgraph, REPO_ROOT } = require('@hsg/common');
const path = require('path');
const { performance } = require('perf_hooks');
(async () => {
  const { subgraph } = require(`@hsg/search`);
  const orig = subgraph.seed.plan;
  subgraph.seed.plan = (s) => {
    const t = performance.now();
    const r = orig(s);
    console.log('terms', (performance.now() - t).toFixed(0), r[0].rows.length);
    return r;
  };
  const prep = subgraph.prepare;
  subgraph.prepare = async (d) => {
    const t = performance.now();
    await prep(d);
    console.log('fts', (performance.now() - t).toFixed(0));
  };
  const t = Date.now();
  const s = await startSubgraph(subgraph, {
    dataDir: ':memory:',
    seedsDir: path.join(REPO_ROOT, 'seeds'),
    port: 0,
    logger: require('pino')({ level: 'silent' }),
  });
  console.log('search start ms', Date.now() - t);
  await s.stop();
})();
