import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { ApolloClient, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { REPO_ROOT, type RunningServer } from '@hsg/core';
import { startGateway } from '@hsg/gateway';
import { parse } from 'graphql';
import { fetchQuery } from 'relay-runtime';
import { EventSource as UndiciEventSource } from 'undici';
import { makeClient } from '../../examples/frontend/apollo-client';
import { queryOrCodes } from '../../examples/frontend/errors';
import { watchFacilities } from '../../examples/frontend/event-source';
import { globalIdOf } from '../../examples/frontend/global-id';
import { followChanges, type Change } from '../../examples/frontend/live-updates';
import { makeEnvironment } from '../../examples/frontend/relay-environment';
import { startStack, urlsOf, type Stack } from './stack';

/**
 * docs/frontend.md, run. Each code block of the guide is a file, included verbatim between
 * `<!-- snippet: <file> -->` and `<!-- /snippet -->`; each block that shows what something
 * answers follows `<!-- output: <snippet> -->` and is that snippet's real output, `…` standing
 * for what varies (a date, a hash). Any other code block fails the first test. Then every
 * snippet runs here against the whole graph over the real seeds, as a team would use it.
 */
const DOC = path.join(REPO_ROOT, 'docs', 'frontend.md');
const FRONTEND = 'examples/frontend';
const LOCAL_GATEWAY = 'http://127.0.0.1:4000'; // the address the snippets name; the stack's replaces it

/** Every snippet the guide shows; each has a describe() of its name below that runs it. */
const SNIPPETS = [
  `${FRONTEND}/schema-version.sh`,
  `${FRONTEND}/codegen.ts`,
  `${FRONTEND}/apollo-client.ts`,
  `${FRONTEND}/cors-preflight.sh`,
  `${FRONTEND}/errors.ts`,
  `${FRONTEND}/heads-by-date.graphql`,
  `${FRONTEND}/global-id.ts`,
  `${FRONTEND}/relay.config.json`,
  `${FRONTEND}/relay-environment.ts`,
  `${FRONTEND}/relay-documents.graphql`,
  `${FRONTEND}/live-updates.ts`,
  `${FRONTEND}/event-source.ts`,
];
const FENCE_LANGUAGE: Record<string, string> = { '.ts': 'ts', '.sh': 'sh', '.json': 'json', '.graphql': 'graphql' };

interface Block {
  line: number;
  language: string;
  body: string;
  before: string; // the line above the opening fence
  after: string; // the line below the closing fence
}

function codeBlocks(markdown: string): Block[] {
  const lines = markdown.split('\n');
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^\s*```(\S*)\s*$/.exec(lines[i]);
    if (!open) continue;
    let end = i + 1;
    while (end < lines.length && !/^\s*```\s*$/.test(lines[end])) end++;
    const body = lines.slice(i + 1, end).map((l) => `${l}\n`);
    blocks.push({ line: i + 1, language: open[1], body: body.join(''), before: lines[i - 1] ?? '', after: lines[end + 1] ?? '' });
    i = end;
  }
  return blocks;
}

const marker = (kind: 'snippet' | 'output', line: string) => new RegExp(`^<!-- ${kind}: (\\S+) -->$`).exec(line)?.[1];
const blocks = codeBlocks(readFileSync(DOC, 'utf8'));
const outputs = new Map(blocks.flatMap((b) => (marker('output', b.before) ? [[marker('output', b.before)!, b.body] as const] : [])));

/**
 * Asserts a real output against the block the guide shows: line by line, `…` standing for any
 * text. A line that matches is replaced by the guide's, so a failure diffs only what differs.
 */
function expectShown(snippet: string, real: string) {
  const shown = outputs.get(snippet);
  expect(shown).toBeDefined();
  const wanted = shown!.split('\n');
  const lines = real.replace(/\r/g, '').split('\n');
  const pattern = (line: string) =>
    new RegExp(
      `^${line
        .split('…')
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*')}$`,
    );
  expect(lines.map((line, i) => (wanted[i] !== undefined && pattern(wanted[i]).test(line) ? wanted[i] : line)).join('\n')).toBe(shown);
}

const source = (file: string) => readFileSync(path.join(REPO_ROOT, file), 'utf8');

describe('docs/frontend.md', () => {
  test('every code block is a snippet file, verbatim, or the output of one', () => {
    const shown: string[] = [];
    for (const block of blocks) {
      const where = `docs/frontend.md:${block.line}`;
      const file = marker('snippet', block.before);
      const output = marker('output', block.before);
      if (file) {
        expect([where, block.language, block.after]).toEqual([where, FENCE_LANGUAGE[path.extname(file)], '<!-- /snippet -->']);
        expect([where, block.body]).toEqual([where, source(file)]);
        shown.push(file);
      } else if (output) {
        expect([where, SNIPPETS.includes(output), block.language]).toEqual([where, true, '']);
      } else {
        throw new Error(`${where}: a code block that is neither <!-- snippet: <file> --> nor <!-- output: <snippet> -->`);
      }
    }
    expect(shown).toEqual(SNIPPETS);
    // No snippet file that the guide does not show.
    const files = readdirSync(path.join(REPO_ROOT, FRONTEND)).map((f) => `${FRONTEND}/${f}`);
    expect(files.sort()).toEqual(SNIPPETS.filter((s) => s.startsWith(FRONTEND)).sort());
  });
});

const execute = promisify(execFile);
let stack: Stack;
let base: string; // the gateway without /graphql, where the snippets say http://127.0.0.1:4000
let work: string; // a folder inside the repository, so a generated project resolves the installed packages
const gateways: RunningServer[] = [];
beforeAll(async () => {
  stack = await startStack();
  base = stack.gateway.url.replace(/\/graphql$/, '');
  mkdirSync(path.join(REPO_ROOT, 'test-output'), { recursive: true });
  work = mkdtempSync(path.join(REPO_ROOT, 'test-output', 'frontend-guide-'));
}, 300_000);
afterAll(async () => {
  for (const g of gateways) await g.stop();
  await stack?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

const gateway = async (options: Parameters<typeof startGateway>[0] extends infer O ? Partial<O> : never) => {
  const started = await startGateway({ port: 0, subgraphUrls: urlsOf(stack.subgraphs), auth: stack.keys.auth, ...options });
  gateways.push(started);
  return started;
};

/** Runs a shell snippet with the real curl, at the stack's gateway. */
const shell = async (file: string) =>
  (await execute('bash', ['-c', source(file).replaceAll(LOCAL_GATEWAY, base)], { encoding: 'utf8' })).stdout;

/** Writes a file of a generated project under `work`. */
function project(dir: string, files: Record<string, string>): string {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const NANSHA = 'query Nansha { region(id: "440115") { id name parent { id name } } }';
const NANSHA_DATA = {
  region: { __typename: 'Region', id: '440115', name: '南沙区', parent: { __typename: 'Region', id: '440100', name: '广州市' } },
};
const TOO_COSTLY = '{ region(id:"440000") { children { parent { children { parent { children { name } } } } } } }';

/**
 * What the next requests to `uri` send through the global fetch, which Apollo Client's HttpLink
 * uses (the search subgraph's feed polls, in this process too, go elsewhere).
 */
function recordFetches(uri: string) {
  const sent: { status: number; body: Record<string, unknown> }[] = [];
  const real = globalThis.fetch;
  const spy = jest.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const res = await real(input, init);
    if (String(input) === uri) sent.push({ status: res.status, body: JSON.parse(String(init?.body ?? '{}')) });
    return res;
  });
  return { sent, restore: () => spy.mockRestore() };
}

describe(`${FRONTEND}/schema-version.sh`, () => {
  test('curl shows the status, the schema version and the ETag the guide shows', async () => {
    expectShown(`${FRONTEND}/schema-version.sh`, await shell(`${FRONTEND}/schema-version.sh`));
  });
});

describe(`${FRONTEND}/codegen.ts`, () => {
  let dir: string;
  test('GraphQL Code Generator’s CLI with the client preset types a document and writes a sha256: manifest', async () => {
    dir = project(path.join(work, 'codegen'), {
      'codegen.ts': source(`${FRONTEND}/codegen.ts`).replaceAll(LOCAL_GATEWAY, base),
      'src/nansha.ts': `import { graphql } from './gql';\nexport const nansha = graphql(\`${NANSHA}\`);\n`,
    });
    const cli = path.join(path.dirname(require.resolve('@graphql-codegen/cli/package.json')), 'esm', 'bin.js');
    await execute(process.execPath, [cli, '--config', 'codegen.ts'], { cwd: dir, encoding: 'utf8' });
    const manifest = JSON.parse(readFileSync(path.join(dir, 'src', 'gql', 'persisted-documents.json'), 'utf8'));
    expect(Object.values(manifest)).toEqual([NANSHA]);
    expect(Object.keys(manifest)).toEqual([expect.stringMatching(/^sha256:[0-9a-f]{64}$/)]);
    expect(readFileSync(path.join(dir, 'src', 'gql', 'graphql.ts'), 'utf8')).toContain('export type NanshaQuery = {');
  });

  test('the gateway registers the manifest as written: under TRUSTED_DOCUMENTS_ONLY the typed document runs, others are refused', async () => {
    const only = await gateway({
      trustedDocuments: [path.join(dir, 'src', 'gql', 'persisted-documents.json')],
      trustedDocumentsOnly: true,
    });
    // The generated module itself, as the app imports it.
    const { nansha } = await import(path.join(dir, 'src', 'nansha.ts'));
    const fetches = recordFetches(only.url);
    try {
      expect(await queryOrCodes(makeClient(only.url), nansha)).toEqual({ data: NANSHA_DATA });
      expect(await queryOrCodes(makeClient(only.url), gql('{ region(id: "440115") { name } }'))).toEqual({
        codes: ['QUERY_NOT_IN_SAFELIST'],
        retryAfter: undefined,
      });
      expect(fetches.sent.map((s) => [s.status, typeof s.body.query])).toEqual([
        [200, 'undefined'],
        [404, 'undefined'],
        [403, 'string'],
      ]);
    } finally {
      fetches.restore();
    }
  });
});

describe(`${FRONTEND}/apollo-client.ts`, () => {
  test('a registered document (examples/guangzhou-districts.graphql) is one request, by hash alone', async () => {
    const fetches = recordFetches(stack.gateway.url);
    try {
      const { data } = await makeClient(stack.gateway.url).query({ query: gql(source('examples/guangzhou-districts.graphql')) });
      const region = (data as { region: { name: string; children: { id: string; name: string }[] } }).region;
      expect(region.name).toBe('广州市');
      expect(region.children.map((c) => `${c.id} ${c.name}`).sort()).toEqual([
        '440103 荔湾区',
        '440104 越秀区',
        '440105 海珠区',
        '440106 天河区',
        '440111 白云区',
        '440112 黄埔区',
        '440113 番禺区',
        '440114 花都区',
        '440115 南沙区',
        '440117 从化区',
        '440118 增城区',
      ]);
      expect(fetches.sent).toEqual([
        {
          status: 200,
          body: {
            operationName: 'GuangzhouDistricts',
            variables: {},
            extensions: {
              persistedQuery: { version: 1, sha256Hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
              clientLibrary: { name: '@apollo/client', version: '4.3.8' },
            },
          },
        },
      ]);
    } finally {
      fetches.restore();
    }
  });

  test('an agency token travels in the Authorization header: a valid one reads as before, a bad one is UNAUTHENTICATED', async () => {
    const agency = makeClient(stack.gateway.url, await stack.keys.token());
    expect(await queryOrCodes(agency, gql(NANSHA))).toEqual({ data: NANSHA_DATA });
    expect(await queryOrCodes(makeClient(stack.gateway.url, 'not-a-token'), gql(NANSHA))).toEqual({
      codes: ['UNAUTHENTICATED'],
      retryAfter: undefined,
    });
  });
});

describe(`${FRONTEND}/cors-preflight.sh`, () => {
  test('curl’s preflight from a local dev server is answered as the guide shows', async () => {
    expectShown(`${FRONTEND}/cors-preflight.sh`, await shell(`${FRONTEND}/cors-preflight.sh`));
  });
});

describe(`${FRONTEND}/errors.ts`, () => {
  test('a refused operation comes back as its code', async () => {
    expect(await queryOrCodes(makeClient(stack.gateway.url), gql(TOO_COSTLY))).toEqual({
      codes: ['COST_LIMIT_EXCEEDED'],
      retryAfter: undefined,
    });
  });

  test('RATE_LIMITED carries the seconds to wait', async () => {
    // Two requests a minute: the persisted-queries link's miss and the full query.
    const tight = await gateway({ rateLimits: { agencyPerMinute: 0, anonymousPerMinute: 2 } });
    expect(await queryOrCodes(makeClient(tight.url), gql(NANSHA))).toEqual({ data: NANSHA_DATA });
    const limited = await queryOrCodes(makeClient(tight.url), gql(NANSHA));
    expect(limited).toEqual({ codes: ['RATE_LIMITED'], retryAfter: expect.any(Number) });
    expect(limited.retryAfter).toBeGreaterThan(0);
    expect(limited.retryAfter).toBeLessThanOrEqual(60);
  });

  test('a client that asks for application/json alone gets a ServerError with the status and the body', async () => {
    const json = new ApolloClient({
      link: new HttpLink({ uri: stack.gateway.url, headers: { accept: 'application/json' } }),
      cache: new InMemoryCache(),
    });
    const answer = await queryOrCodes(json, gql(TOO_COSTLY));
    expect(answer).toEqual({ status: 400, body: expect.any(String) });
    expect(JSON.parse((answer as { body: string }).body).errors[0].extensions.code).toBe('COST_LIMIT_EXCEEDED');
  });
});

describe(`${FRONTEND}/heads-by-date.graphql`, () => {
  test('read for 2024 and 2026 through one InMemoryCache, each date reads back from the cache as the network answered', async () => {
    const client = makeClient(stack.gateway.url);
    const query = gql(source(`${FRONTEND}/heads-by-date.graphql`));
    const head = (id: string, staleAt: boolean, title: string, name: string, person: string) => ({
      __typename: 'Post',
      id,
      asOf: '2024',
      staleAt,
      titles: [title],
      person: { __typename: 'Person', id: person, name },
    });
    const heads = (staleAt: boolean) => ({
      organization: {
        __typename: 'Organization',
        id: 'guizhou-health-commission',
        heads: [
          head('yang-hui-guizhou-hc-2024', staleAt, '党组书记', '杨慧', 'yang-hui'),
          head('sun-fa-guizhou-hc-2024', staleAt, '主任', '孙发', 'sun-fa'),
        ],
      },
    });
    const in2024 = (await client.query({ query, variables: { asOf: '2024' } })).data;
    const in2026 = (await client.query({ query, variables: { asOf: '2026' } })).data;
    expect(in2024).toEqual(heads(false));
    expect(in2026).toEqual(heads(true));
    // Both dates read back from the cache (a cache without the date in its key would say stale for 2024 too).
    expect(client.readQuery({ query, variables: { asOf: '2024' } })).toEqual(in2024);
    expect(client.readQuery({ query, variables: { asOf: '2026' } })).toEqual(in2026);
  });
});

describe(`${FRONTEND}/global-id.ts`, () => {
  test('computes the globalId the graph answers, for a Facility and a Project that share an id', async () => {
    const res = await fetch(stack.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query:
          '{ facility(id: "bio-island-laboratory") { globalId } project(id: "bio-island-laboratory") { globalId } region(id: "440115") { globalId } }',
      }),
    });
    const { data } = (await res.json()) as { data: Record<string, { globalId: string }> };
    expect(data).toEqual({
      facility: { globalId: globalIdOf('Facility', 'bio-island-laboratory') },
      project: { globalId: globalIdOf('Project', 'bio-island-laboratory') },
      region: { globalId: globalIdOf('Region', '440115') },
    });
    expect(globalIdOf('Facility', 'bio-island-laboratory')).toBe('RmFjaWxpdHk6YmlvLWlzbGFuZC1sYWJvcmF0b3J5');
  });
});

/** The Relay project: the guide's config, the schema the gateway serves, the guide's documents in a source file. */
const relayDir = () => path.join(work, 'relay');
const relayArtifact = (name: string) => path.join(relayDir(), 'src', '__generated__', `${name}.graphql.ts`);

describe(`${FRONTEND}/relay.config.json`, () => {
  test('relay-compiler with this config compiles the documents against the schema the gateway serves', async () => {
    const documents = source(`${FRONTEND}/relay-documents.graphql`);
    // One graphql`…` tag per definition, as an app writes them beside its components.
    const tags = parse(documents).definitions.map(
      (d, i) => `export const d${i} = graphql\`\n${documents.slice(d.loc!.start, d.loc!.end)}\n\`;\n`,
    );
    project(relayDir(), {
      'relay.config.json': source(`${FRONTEND}/relay.config.json`),
      'schema.graphql': await (await fetch(`${base}/schema.graphql`)).text(),
      'src/app.ts': `import { graphql } from 'react-relay';\n\n${tags.join('\n')}`,
    });
    const compiler = require.resolve('relay-compiler/cli.js', { paths: [path.join(REPO_ROOT, 'tests')] });
    const { stdout, stderr } = await execute(process.execPath, [compiler], { cwd: relayDir(), encoding: 'utf8' });
    expect(`${stdout}${stderr}`).not.toMatch(/error/i);
  });
});

describe(`${FRONTEND}/relay-documents.graphql`, () => {
  test('@refetchable refetches through node(id:) by globalId; the connection pages both ways', () => {
    const pagination = readFileSync(relayArtifact('RegionProjectsPaginationQuery'), 'utf8');
    expect(pagination).toContain('node(id: $globalId)');
    expect(readFileSync(relayArtifact('ProjectCardRefetchQuery'), 'utf8')).toContain('node(id: $globalId)');
    const fragment = readFileSync(relayArtifact('RegionProjects_region'), 'utf8');
    expect(fragment).toMatch(/"backward":\s*\{[^}]*"count":\s*"last"[^}]*"cursor":\s*"before"/);
    expect(fragment).toMatch(/"forward":\s*\{[^}]*"count":\s*"count"[^}]*"cursor":\s*"cursor"/);
  });
});

describe(`${FRONTEND}/relay-environment.ts`, () => {
  test('the environment runs the page query and keys each record by its globalId', async () => {
    const environment = makeEnvironment(stack.gateway.url);
    const { default: RegionPageQuery } = await import(relayArtifact('RegionPageQuery'));
    await fetchQuery(environment, RegionPageQuery, { id: '440115' }).toPromise();
    const records = environment.getStore().getSource();
    expect(records.get(globalIdOf('Region', '440115'))).toMatchObject({ __typename: 'Region', name: '南沙区' });
    const projects = records
      .getRecordIDs()
      .map((dataID) => records.get(dataID)!)
      .filter((record) => record.__typename === 'Project')
      .map((record) => ({ dataID: record.__id, id: record.id, name: record.name, status: record.status }));
    // The page's first three, as a plain query lists them, each under its globalId.
    const plain = await post('{ region(id: "440115") { projects(first: 3) { totalCount nodes { id name status } } } }');
    expect(plain.data.region.projects.totalCount).toBe(7);
    const nodes = plain.data.region.projects.nodes as { id: string; name: string; status: string }[];
    expect(projects).toEqual(nodes.map((n) => ({ dataID: globalIdOf('Project', n.id), ...n })));
    expect(projects.map((p) => p.name).sort()).toEqual([
      '广东省中医院南沙医院',
      '广州医科大学附属肿瘤医院（南沙院区）',
      '广州市妇女儿童医疗中心南沙院区',
    ]);
  });
});

const FACILITY_WRITE = 'mutation($input: CreateFacilityInput!) { createFacility(input: $input) { id version } }';
const WRITE_SOURCE = { title: '广州市卫生健康委员会关于南沙新院区启用的通知', reference: '穗卫〔2026〕12号', date: '2026-11-30' };

async function post(query: string, variables: Record<string, unknown> = {}, token?: string) {
  const res = await fetch(stack.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: any; errors?: unknown[] };
}

/** Guangzhou's health commission creates a hospital in 南沙区. */
async function createFacility(id: string, name: string) {
  const input = { record: { id, name, type: 'GENERAL_HOSPITAL', regionId: '440115' }, source: WRITE_SOURCE };
  const { data, errors } = await post(FACILITY_WRITE, { input }, await stack.keys.token());
  expect([errors, data]).toEqual([undefined, { createFacility: { id, version: 1 } }]);
}

/** The latest change of these types: the position a stream of them starts from. */
async function tailOf(types: string[]): Promise<string> {
  return (await post('query($types: [String!]) { changes(types: $types, last: 1) { edges { cursor } } }', { types })).data.changes.edges[0]
    .cursor;
}

/** The Facility changes after a position, as the paged query lists them (the feed has a write within about a second). */
async function facilityChangesAfter(after: string) {
  const query = 'query($after: String) { changes(types: ["Facility"], after: $after, first: 10) { edges { cursor node { id } } } }';
  for (let i = 0; ; i++) {
    const edges = (await post(query, { after })).data.changes.edges as { cursor: string; node: { id: string } }[];
    if (edges.length > 0 || i > 50) return edges;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function until(done: () => boolean, ms = 10_000) {
  for (const deadline = Date.now() + ms; !done() && Date.now() < deadline;) await new Promise((r) => setTimeout(r, 100));
}

describe(`${FRONTEND}/live-updates.ts`, () => {
  test('follows each write as it lands, from a kept cursor', async () => {
    const tail = await tailOf(['Facility', 'Project']);
    const received: Change[] = [];
    const stop = followChanges(`${base}/graphql/stream`, (change) => received.push(change), { after: tail });
    try {
      await createFacility('frontend-guide-live', '前端指南实时更新医院');
      await until(() => received.length > 0);
      const [listed] = await facilityChangesAfter(tail);
      expect(received).toEqual([
        {
          cursor: listed.cursor,
          node: {
            id: listed.node.id,
            typeName: 'Facility',
            recordId: 'frontend-guide-live',
            operation: 'createFacility',
            version: 1,
            entity: { name: '前端指南实时更新医院' },
          },
        },
      ]);
    } finally {
      stop();
    }
  });
});

describe(`${FRONTEND}/event-source.ts`, () => {
  test('a WHATWG EventSource (undici’s, as a browser’s) receives the next write', async () => {
    // Node 20 has no global EventSource; undici's is the WHATWG one that Node 22 ships.
    const globals = globalThis as { EventSource?: unknown };
    globals.EventSource ??= UndiciEventSource;
    const received: unknown[] = [];
    const stop = watchFacilities(`${base}/graphql/stream`, (change) => received.push(change));
    try {
      // The stream starts at the latest change once it is open: a moment on loopback.
      await new Promise((r) => setTimeout(r, 1000));
      const tail = await tailOf(['Facility']);
      await createFacility('frontend-guide-event-source', '前端指南事件源医院');
      await until(() => received.length > 0);
      const [listed] = await facilityChangesAfter(tail);
      expect(received).toEqual([{ cursor: listed.cursor, node: { recordId: 'frontend-guide-event-source', operation: 'createFacility' } }]);
    } finally {
      stop();
    }
  });
});
