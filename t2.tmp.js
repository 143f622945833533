require('reflect-metadata');
const { openSubgraphDatabase, REPO_ROOT } = require('@hsg/common');
const { subgraph } = require('@hsg/regions');
const path = require('path'),
  fs = require('fs'),
  os = require('os');
(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hsg-t2-'));
  const opts = { dataDir: dir, seedsDir: path.join(REPO_ROOT, 'seeds') };
  let t = Date.now();
  let db = await openSubgraphDatabase(subgraph, opts);
  console.log('first start (seed) ms', Date.now() - t);
  await db.dataSource.destroy();
  t = Date.now();
  db = await openSubgraphDatabase(subgraph, opts);
  console.log('later start (merge) ms', Date.now() - t);
  await db.dataSource.destroy();
  fs.rmSync(dir, { recursive: true });
})();
