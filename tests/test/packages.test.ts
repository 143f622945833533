import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ENTITY_TYPES, REPO_ROOT, SEARCHED_TYPES, SUBGRAPHS } from '@hsg/core';
import { attrsOf } from '@hsg/framework';
import { subgraphDefinition } from '@hsg/schema';

const packageJson = (dir: string) => JSON.parse(readFileSync(path.join(REPO_ROOT, dir, 'package.json'), 'utf8'));

test('npm workspaces and the packages that load every subgraph list exactly the manifest', () => {
  const workspaces: string[] = packageJson('.').workspaces;
  // Deployables in services/, one per subgraph of the manifest; libraries in packages/.
  expect(workspaces.filter((w) => w.startsWith('services/'))).toEqual(SUBGRAPHS.map((s) => s.dir));
  expect(workspaces.filter((w) => w.startsWith('packages/'))).toEqual(['packages/core', 'packages/framework']);
  for (const { dir, package: name } of SUBGRAPHS) expect(packageJson(dir).name).toBe(name);
  for (const loader of ['schema', 'tests']) {
    const deps = Object.keys(packageJson(loader).dependencies).filter(
      (d) => d.startsWith('@hsg/') && !['@hsg/core', '@hsg/framework', '@hsg/gateway', '@hsg/schema'].includes(d),
    );
    expect({ loader, deps: deps.sort() }).toEqual({ loader, deps: SUBGRAPHS.map((s) => s.package).sort() });
  }
});

test("the search subgraph is a peer: it depends on no other subgraph, and the manifest's entity types are the owners' versioned entities", () => {
  const hsg = (dir: string) => Object.keys(packageJson(dir).dependencies).filter((d) => d.startsWith('@hsg/'));
  expect(hsg('services/search').sort()).toEqual(['@hsg/core', '@hsg/framework']);
  // Every entity whose writes reach the change feed (it keeps versions), with the subgraph that declares it.
  const declared = SUBGRAPHS.flatMap(({ name, package: pkg }) =>
    subgraphDefinition(pkg)
      .entities.filter((e) => attrsOf(e).some((a) => a.key === 'version'))
      .map((e) => `${e.name}@${name}`),
  );
  expect(ENTITY_TYPES.map((e) => `${e.type}@${e.owner}`).sort()).toEqual(declared.sort());
  for (const type of SEARCHED_TYPES) expect(ENTITY_TYPES.map((e) => e.type)).toContain(type);
});

test('the gateway loads no ORM, no schema builder and no pinyin dictionary', () => {
  // The built gateway (turbo builds dependencies before tests), as `npm start` runs it.
  const script = `require(${JSON.stringify(path.join(REPO_ROOT, 'gateway', 'dist', 'server.js'))});
    const loaded = Object.keys(require.cache);
    console.log(JSON.stringify({ total: loaded.length, heavy: loaded.filter((m) => /node_modules\\/(typeorm|type-graphql|pinyin-pro|sqlite3)\\//.test(m)) }));`;
  const { total, heavy } = JSON.parse(
    execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { ...process.env, APOLLO_TELEMETRY_DISABLED: 'true' } }),
  );
  expect(heavy).toEqual([]);
  expect(total).toBeGreaterThan(100); // it did load the gateway itself
});
