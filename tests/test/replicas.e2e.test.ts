import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { scratchDatabase, startSubgraph, type RunningSubgraph, type ScratchDatabase } from '@hsg/framework';
import { createLogger, REPO_ROOT, SUBGRAPHS, type RunningServer, type SubgraphName } from '@hsg/core';
import { startGateway } from '@hsg/gateway';
import { subgraphDefinition } from '@hsg/schema';
import { testKeys, type TestKeys } from './tokens';
import { freePort } from './ports';

/**
 * Two gateways and two replicas of the facilities subgraph behind nginx (deploy/replicas.nginx.conf),
 * every subgraph on one PostgreSQL database. Traffic keeps flowing while one facilities replica
 * and then one gateway stop; a write through one replica is read back through the other. Two
 * replicas of the search subgraph follow the same change feeds.
 * PostgreSQL only: SQLite files belong to one process each.
 */
const onPostgres = process.env.TEST_DATABASE_URL ? describe : describe.skip;
const NGINX = '/usr/sbin/nginx';
const ANONYMOUS_PER_MINUTE = 1_000_000;
const HEADLINE = `{ region(id: "440100") { projects(first: 5) { totalCount nodes { id name facility { name } } } } }`;

onPostgres('replicas behind nginx on one PostgreSQL database', () => {
  let scratch: ScratchDatabase;
  let keys: TestKeys;
  let dir: string;
  let nginx: ChildProcess | undefined;
  const running: { stop: () => Promise<void> }[] = [];
  const subgraphs = {} as Record<SubgraphName, RunningSubgraph>;
  let facilities: RunningSubgraph[] = [];
  let gateways: RunningServer[] = [];
  let searches: RunningSubgraph[] = [];
  // What the search replicas log at warn and above: following a feed must not fail.
  const searchLog: { level: number; msg: string }[] = [];
  const searchLogger = () => createLogger('search', 'warn', 2000, 'json', { write: (line: string) => searchLog.push(JSON.parse(line)) });
  let front: string;

  beforeAll(async () => {
    scratch = await scratchDatabase();
    keys = await testKeys();
    dir = mkdtempSync(path.join(tmpdir(), 'hsg-replicas-'));
    const options = {
      dataDir: ':memory:',
      databaseUrl: scratch.databaseUrl,
      seedsDir: path.join(REPO_ROOT, 'seeds'),
      port: 0,
      auth: keys.auth,
    };
    const [gatewayPort, facilitiesPort] = [await freePort(), await freePort()];
    const balanced = `http://127.0.0.1:${facilitiesPort}/graphql`;

    // Both facilities replicas start together: the start-up lock lets one migrate and seed.
    const def = (name: SubgraphName) => subgraphDefinition(SUBGRAPHS.find((s) => s.name === name)!.package);
    facilities = await Promise.all([startSubgraph(def('facilities'), options), startSubgraph(def('facilities'), options)]);
    running.push(...facilities);
    for (const name of ['regions', 'indicators', 'officials'] as const) {
      subgraphs[name] = await startSubgraph(def(name), options);
      running.push(subgraphs[name]);
    }
    const urls = {
      regions: subgraphs.regions.url,
      indicators: subgraphs.indicators.url,
      officials: subgraphs.officials.url,
      facilities: balanced,
    } as Record<SubgraphName, string>;
    // The search replicas' first index comes from what the owners publish, facilities' through
    // nginx: they start beside the gateways and nginx, on ports chosen now, and are awaited last.
    const searchPorts = [await freePort(), await freePort()];
    const searchesStarting = Promise.all(
      searchPorts.map((port) => startSubgraph(def('search'), { ...options, port, peers: urls, logger: searchLogger() })),
    );
    searchesStarting.catch(() => undefined); // awaited below; a failure is thrown there
    gateways = await Promise.all(
      [0, 1].map(() =>
        startGateway({
          port: 0,
          subgraphUrls: { ...urls, search: `http://127.0.0.1:${searchPorts[0]}/graphql` },
          auth: keys.auth,
          // Limits no test reaches, to watch which client each anonymous request is counted for.
          rateLimits: { agencyPerMinute: 0, anonymousPerMinute: ANONYMOUS_PER_MINUTE },
          trustedProxies: ['127.0.0.1'],
        }),
      ),
    );
    running.push(...gateways);

    const config = readFileSync(path.join(REPO_ROOT, 'deploy', 'replicas.nginx.conf'), 'utf8')
      .replaceAll('{{PREFIX}}', dir)
      .replaceAll('{{GATEWAY_PORT}}', String(gatewayPort))
      .replaceAll('{{FACILITIES_PORT}}', String(facilitiesPort))
      .replaceAll('{{GATEWAY_1}}', String(gateways[0].port))
      .replaceAll('{{GATEWAY_2}}', String(gateways[1].port))
      .replaceAll('{{FACILITIES_1}}', String(facilities[0].port))
      .replaceAll('{{FACILITIES_2}}', String(facilities[1].port));
    for (const sub of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(path.join(dir, sub));
    writeFileSync(path.join(dir, 'nginx.conf'), config);
    nginx = spawn(NGINX, ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: 'ignore' });
    front = `http://127.0.0.1:${gatewayPort}/graphql`;
    for (let i = 0; ; i++) {
      const ok = await fetch(front, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      })
        .then((r) => r.ok)
        .catch(() => false);
      if (ok) break;
      if (i > 100) throw new Error(`nginx did not answer on ${front}; see ${dir}/error.log`);
      await new Promise((r) => setTimeout(r, 50));
    }
    searches = await searchesStarting;
    running.push(...searches);
    subgraphs.search = searches[0];
  }, 120000);

  afterAll(async () => {
    if (nginx && nginx.exitCode === null) {
      const exited = new Promise((r) => nginx!.once('exit', r));
      nginx.kill('SIGQUIT');
      await exited;
    }
    for (const s of running.reverse()) await s.stop();
    await scratch?.drop();
    keys?.remove();
    rmSync(dir, { recursive: true, force: true });
  });

  const ask = async (query: string, variables: Record<string, unknown> = {}, token?: string) => {
    const res = await fetch(front, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json().catch(() => ({ errors: [{ message: `HTTP ${res.status}, not JSON` }] }))) as {
      data?: any;
      errors?: unknown[];
    };
    return { status: res.status, body };
  };

  test('no request fails while a facilities replica and then a gateway stop, beyond those in flight to it', async () => {
    const expected = (await ask(HEADLINE)).body;
    expect(expected.errors).toBeUndefined();
    expect(expected.data.region.projects.nodes.length).toBe(5);
    const CLIENTS = 8;
    const failures: { at: number; what: string }[] = [];
    const answered: number[] = [];
    let running = true;
    const client = async () => {
      while (running) {
        const { status, body } = await ask(HEADLINE).catch((e) => ({ status: 0, body: { errors: [String(e)] } as { errors: unknown[] } }));
        if (status === 200 && JSON.stringify(body) === JSON.stringify(expected)) answered.push(Date.now());
        else failures.push({ at: Date.now(), what: `${status} ${JSON.stringify(body).slice(0, 200)}` });
      }
    };
    const clients = Array.from({ length: CLIENTS }, client);
    const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
    // While a replica stops, the requests it had already been sent may fail (a keep-alive
    // connection it closes as nginx writes to it); nothing else may.
    const stops: { from: number; to: number }[] = [];
    const stopping = async (stop: () => Promise<void>) => {
      const from = Date.now();
      await stop();
      stops.push({ from, to: Date.now() + 50 });
    };
    await pause(1000);
    await stopping(() => facilities[0].stop());
    await pause(1000);
    await stopping(() => gateways[0].stop());
    const afterStops = Date.now();
    await pause(1000);
    running = false;
    await Promise.all(clients);

    expect(answered.filter((t) => t < stops[0].from).length).toBeGreaterThan(0);
    // The remaining replicas answered after both stops.
    expect(answered.filter((t) => t > afterStops).length).toBeGreaterThan(0);
    const outsideStops = failures.filter((f) => !stops.some((s) => f.at >= s.from && f.at <= s.to));
    expect(outsideStops).toEqual([]);
    for (const s of stops) expect(failures.filter((f) => f.at >= s.from && f.at <= s.to).length).toBeLessThanOrEqual(CLIENTS);
  }, 60000);

  test('a write through one replica is what every replica reads', async () => {
    const token = await keys.token();
    const source = { title: '广州市卫生健康委员会关于南沙新院区启用的通知', reference: '穗卫〔2026〕12号', date: '2026-11-30' };
    const created = await ask(
      `mutation($input: CreateFacilityInput!) { createFacility(input: $input) { id version } }`,
      { input: { record: { id: 'replica-test-campus', name: '南沙测试院区', type: 'GENERAL_HOSPITAL', regionId: '440115' }, source } },
      token,
    );
    expect(created.body.errors).toBeUndefined();
    expect(created.body.data).toEqual({ createFacility: { id: 'replica-test-campus', version: 1 } });
    // The remaining facilities replica and gateway answer from the same database.
    const read = await ask('{ facility(id: "replica-test-campus") { name version region { name } } }');
    expect(read.body.data.facility).toEqual({ name: '南沙测试院区', version: 1, region: { name: '南沙区' } });

    // Two updates against the same version, one to each facilities replica: one wins, one is a CONFLICT.
    const restarted = await startSubgraph(subgraphDefinition('@hsg/facilities'), {
      dataDir: ':memory:',
      databaseUrl: scratch.databaseUrl,
      seedsDir: path.join(REPO_ROOT, 'seeds'),
      port: 0,
      auth: keys.auth,
    });
    running.push(restarted);
    const update = (url: string, name: string) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          query: `mutation($input: UpdateFacilityInput!) { updateFacility(input: $input) { name version } }`,
          variables: { input: { id: 'replica-test-campus', expectedVersion: 1, changes: { name }, source } },
        }),
      }).then((r) => r.json() as Promise<{ data?: any; errors?: { extensions?: { code?: string } }[] }>);
    const results = await Promise.all([update(facilities[1].url, '南沙院区甲'), update(restarted.url, '南沙院区乙')]);
    const won = results.filter((r) => r.data?.updateFacility?.version === 2);
    const lost = results.filter((r) => r.errors?.[0]?.extensions?.code === 'CONFLICT');
    expect([won.length, lost.length]).toEqual([1, 1]);
    const final = await ask('{ facility(id: "replica-test-campus") { name version } }');
    expect(final.body.data.facility).toEqual(won[0].data.updateFacility);

    // Two creates of one new id, one to each replica: one is written, the other is a CONFLICT
    // (whichever replica's insert loses on the primary key), never an internal error.
    const create = (url: string) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          query: `mutation($input: CreateFacilityInput!) { createFacility(input: $input) { id version } }`,
          variables: {
            input: { record: { id: 'replica-race-campus', name: '南沙竞争院区', type: 'GENERAL_HOSPITAL', regionId: '440115' }, source },
          },
        }),
      }).then((r) => r.json() as Promise<{ data?: any; errors?: { extensions?: { code?: string } }[] }>);
    const creates = await Promise.all([create(facilities[1].url), create(restarted.url)]);
    expect(creates.filter((r) => r.data?.createFacility?.version === 1)).toHaveLength(1);
    expect(creates.filter((r) => r.errors?.[0]?.extensions?.code === 'CONFLICT')).toHaveLength(1);
  }, 60000);

  test('two search replicas follow the same feeds: each change is applied once, and both find what was written', async () => {
    const token = await keys.token();
    const source = { title: '广州市卫生健康委员会关于番禺新院区启用的通知', reference: '穗卫〔2026〕13号', date: '2026-11-30' };
    const created = await ask(
      `mutation($input: CreateFacilityInput!) { createFacility(input: $input) { id version } }`,
      {
        input: { record: { id: 'replica-search-campus', name: '番禺跟随测试院区', type: 'GENERAL_HOSPITAL', regionId: '440113' }, source },
      },
      token,
    );
    expect(created.body.errors).toBeUndefined();
    const found = async (url: string) => {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: '{ search(text: "番禺跟随测试", first: 5) { matchedText node { __typename ... on Facility { id } } } }',
        }),
      });
      return ((await res.json()) as { data: { search: unknown[] } }).data.search;
    };
    const hit = [{ matchedText: '番禺跟随测试院区', node: { __typename: 'Facility', id: 'replica-search-campus' } }];
    for (let i = 0; ; i++) {
      const answers = await Promise.all(searches.map((s) => found(s.url)));
      if (answers.every((a) => JSON.stringify(a) === JSON.stringify(hit))) break;
      if (i > 100) throw new Error(`not found by both replicas: ${JSON.stringify(answers)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const db = searches[0].dataSource;
    const changes = await db.query(`SELECT COUNT(*) AS n FROM change WHERE "entityId" = 'replica-search-campus'`);
    expect(Number(changes[0].n)).toBe(1);
    const terms = await db.query(`SELECT field, value FROM search_term WHERE "entityId" = 'replica-search-campus' ORDER BY field, value`);
    expect(terms).toEqual([
      { field: 'NAME', value: '番禺跟随测试院区' },
      { field: 'PINYIN', value: 'pan yu gen sui ce shi yuan qu' },
      { field: 'PINYIN_INITIALS', value: 'pygscsyq' },
    ]);
    expect(searchLog.filter((l) => l.level >= 50).map((l) => l.msg)).toEqual([]);
  }, 60000);

  test("nginx forwards each client's address, and the gateways count anonymous requests by it", async () => {
    // Clients connect to nginx from different loopback addresses; what a gateway counted shows in ratelimit-remaining.
    const remainingFrom = (localAddress: string) =>
      new Promise<number>((resolve, reject) => {
        const req = http.request(front, { method: 'POST', localAddress, headers: { 'content-type': 'application/json' } }, (res) => {
          res.resume();
          res.on('end', () =>
            res.statusCode === 200 ? resolve(Number(res.headers['ratelimit-remaining'])) : reject(new Error(`HTTP ${res.statusCode}`)),
          );
        });
        req.on('error', reject);
        req.end(JSON.stringify({ query: '{ __typename }' }));
      });
    // Four from 127.0.0.1 reach every replica still serving, and one of them at least twice.
    const fromFirst: number[] = [];
    for (let i = 0; i < 4; i++) fromFirst.push(await remainingFrom('127.0.0.1'));
    expect(Math.min(...fromFirst)).toBeLessThan(ANONYMOUS_PER_MINUTE - 1);
    // A client nginx has not seen before starts a budget of its own, wherever nginx sends it:
    // counted by nginx's own address instead, it would be 127.0.0.1's spent one.
    expect(await remainingFrom('127.0.0.2')).toBe(ANONYMOUS_PER_MINUTE - 1);
    expect(await remainingFrom('127.0.0.3')).toBe(ANONYMOUS_PER_MINUTE - 1);
  });
});
