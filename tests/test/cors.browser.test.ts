import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT, type RunningServer } from '@hsg/core';
import { startGateway } from '@hsg/gateway';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startOwnersStack, ownerUrlsOf } from './owners-stack';
import type { Stack } from './stack';

/**
 * A web app on another origin, as a frontend team runs one: a page served by a server of its own
 * on another loopback port loads the real Apollo Client (its ES modules from node_modules, through
 * an import map: no bundler) in Debian's Chromium and calls the gateway: reads, and an agency
 * write with a token. The gateway runs with the default CORS_ORIGINS (local dev servers). A second
 * gateway, which allows only another origin, is refused by the browser itself.
 */
const CHROMIUM = '/usr/bin/chromium'; // Debian's package, installed by scripts/install-browser.sh
const MODULES = path.join(REPO_ROOT, 'node_modules');

/** The file a package's export target names: the browser's or the ES module's. */
function target(value: unknown): string {
  if (typeof value === 'string') return value;
  const conditions = value as Record<string, unknown>;
  return target(conditions.browser ?? conditions.module ?? conditions.import ?? conditions.default);
}

/** An import map from every bare specifier Apollo Client's ES modules import to a file under /node_modules/. */
function importMap(): Record<string, string> {
  const imports: Record<string, string> = {};
  const client = JSON.parse(readFileSync(path.join(MODULES, '@apollo/client/package.json'), 'utf8')) as {
    exports: Record<string, unknown>;
  };
  for (const [subpath, value] of Object.entries(client.exports)) {
    if (subpath.includes('*') || subpath.endsWith('.json')) continue;
    imports[`@apollo/client${subpath.slice(1)}`] = `/node_modules/@apollo/client/${target(value).replace(/^\.\//, '')}`;
  }
  const modules: Record<string, string> = {
    graphql: 'graphql/index.mjs',
    rxjs: 'rxjs/dist/esm5/index.js',
    tslib: 'tslib/tslib.es6.mjs',
    'graphql-tag': 'graphql-tag/lib/index.js',
    optimism: 'optimism/lib/index.js',
    '@wry/equality': '@wry/equality/lib/index.js',
    '@wry/trie': '@wry/trie/lib/index.js',
    '@wry/caches': '@wry/caches/lib/index.js',
    '@wry/context': '@wry/context/lib/index.js',
  };
  for (const [name, file] of Object.entries(modules)) imports[name] = `/node_modules/${file}`;
  return imports;
}

const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>app</title>
<script type="importmap">${JSON.stringify({ imports: importMap() })}</script>
<script type="module">
  import { ApolloClient, HttpLink, InMemoryCache, gql } from '@apollo/client';
  window.apollo = { ApolloClient, HttpLink, InMemoryCache, gql };
  document.title = 'ready';
</script></head><body></body></html>`;

/** The app's own server: the page, and Apollo Client's modules (rxjs's ES modules import without an extension). */
function appServer(): Promise<Server> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://app');
    if (url.pathname === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(PAGE);
    }
    const file = path.normalize(path.join(MODULES, decodeURIComponent(url.pathname.slice('/node_modules/'.length))));
    const isFile = (f: string) => statSync(f, { throwIfNoEntry: false })?.isFile() ?? false;
    const found = [file, `${file}.js`, path.join(file, 'index.js')].find(isFile);
    if (!url.pathname.startsWith('/node_modules/') || !file.startsWith(MODULES + path.sep) || !found) {
      res.writeHead(404);
      return res.end();
    }
    res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
    res.end(readFileSync(found));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

let stack: Stack;
let elsewhere: RunningServer; // allows only https://app.example.org
let app: Server;
let context: BrowserContext;
let page: Page;
let profile: string;
let appOrigin: string;
const offMachine: string[] = [];

beforeAll(async () => {
  stack = await startOwnersStack({ rateLimits: { agencyPerMinute: 600, anonymousPerMinute: 1000 } });
  elsewhere = await startGateway({
    port: 0,
    subgraphUrls: ownerUrlsOf(stack),
    auth: stack.keys.auth,
    corsOrigins: ['https://app.example.org'],
  });
  app = await appServer();
  appOrigin = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
  profile = mkdtempSync(path.join(tmpdir(), 'hsg-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  page = context.pages()[0] ?? (await context.newPage());
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1' || url.hostname === 'localhost') return route.continue();
    offMachine.push(url.href);
    return route.abort();
  });
  await page.goto(`${appOrigin}/`);
  await page.waitForFunction(() => (globalThis as any).document.title === 'ready', undefined, { timeout: 30_000 });
}, 300_000);

afterAll(async () => {
  await context?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
  await new Promise((resolve) => app?.close(resolve));
  await elsewhere?.stop();
  await stack?.stop();
});

/** Runs in the page: Apollo Client against `uri`, with a token when given. */
type Run = { uri: string; token?: string };

test('the page and the gateway are on different origins', () => {
  expect(new URL(stack.gateway.url).origin).not.toBe(appOrigin);
});

test('Apollo Client in Chromium reads across origins, and the page reads the exposed headers', async () => {
  const result = await page.evaluate(
    async ({ uri }: Run) => {
      const { ApolloClient, HttpLink, InMemoryCache, gql } = (globalThis as any).apollo;
      const client = new ApolloClient({ link: new HttpLink({ uri }), cache: new InMemoryCache() });
      const districts = await client.query({ query: gql('query Districts { region(id: "440100") { name children { id name } } }') });
      // A GET with apollo-require-preflight (what Apollo Client's useGETForQueries needs) is preflighted and served too.
      const get = new ApolloClient({
        link: new HttpLink({ uri, useGETForQueries: true, headers: { 'apollo-require-preflight': 'true' } }),
        cache: new InMemoryCache(),
      });
      const one = await get.query({ query: gql('query One { region(id: "440115") { name } }') });
      const raw = await fetch(uri, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
      return {
        name: districts.data.region.name,
        children: districts.data.region.children.length,
        first: districts.data.region.children[0],
        one: one.data.region.name,
        headers: ['ratelimit-limit', 'x-request-id', 'content-type'].map((h) => [h, raw.headers.get(h) !== null]),
        limit: raw.headers.get('ratelimit-limit'),
      };
    },
    { uri: stack.gateway.url },
  );
  expect(result).toEqual({
    name: '广州市',
    children: 11,
    first: { __typename: 'Region', id: '440103', name: '荔湾区' },
    one: '南沙区',
    headers: [
      ['ratelimit-limit', true],
      ['x-request-id', true],
      ['content-type', true],
    ],
    limit: '1000',
  });
});

test('an agency writes from the page with its token, and a refusal reaches the page as GraphQL errors with their code', async () => {
  const token = await stack.keys.token();
  const result = await page.evaluate(
    async ({ uri, token }: Run) => {
      const { ApolloClient, HttpLink, InMemoryCache, gql } = (globalThis as any).apollo;
      const client = new ApolloClient({
        link: new HttpLink({ uri, headers: { authorization: `Bearer ${token}` } }),
        cache: new InMemoryCache(),
      });
      const mutation = gql(`mutation Report($input: ReportProjectStatusInput!) {
      reportProjectStatus(input: $input) { id status statusAsOf version }
    }`);
      const input = {
        id: 'zhishicheng-nanfang-hospital',
        expectedVersion: 1,
        status: 'UNDER_CONSTRUCTION',
        asOf: '2026-11',
        text: '主体结构施工中',
        source: { title: '广州市重点项目建设进度通报（2026年11月）', date: '2026-11-30' },
      };
      const written = await client.mutate({ mutation, variables: { input } });
      // The same write again names a version that is no longer current.
      const again = await client.mutate({ mutation, variables: { input } }).then(
        () => null,
        (e: any) => ({ name: e.name, codes: e.errors?.map((x: any) => x.extensions.code) }),
      );
      const anonymous = new ApolloClient({ link: new HttpLink({ uri }), cache: new InMemoryCache() });
      const costly = await anonymous
        .query({ query: gql('{ region(id:"440000") { children { parent { children { parent { children { name } } } } } } }') })
        .then(
          () => null,
          (e: any) => ({ name: e.name, codes: e.errors?.map((x: any) => x.extensions.code) }),
        );
      return { written: written.data.reportProjectStatus, again, costly };
    },
    { uri: stack.gateway.url, token },
  );
  expect(result).toEqual({
    written: { __typename: 'Project', id: 'zhishicheng-nanfang-hospital', status: 'UNDER_CONSTRUCTION', statusAsOf: '2026-11', version: 2 },
    again: { name: 'CombinedGraphQLErrors', codes: ['CONFLICT'] },
    costly: { name: 'CombinedGraphQLErrors', codes: ['COST_LIMIT_EXCEEDED'] },
  });
});

test('a gateway that does not allow the page’s origin is unreadable from it: the browser refuses, as CORS means it to', async () => {
  const result = await page.evaluate(
    async ({ uri }: Run) => {
      const { ApolloClient, HttpLink, InMemoryCache, gql } = (globalThis as any).apollo;
      const client = new ApolloClient({ link: new HttpLink({ uri }), cache: new InMemoryCache() });
      const read = await client.query({ query: gql('{ region(id: "440115") { name } }') }).then(
        () => 'read',
        (e: any) => `${e.name}: ${e.message}`,
      );
      const simple = await fetch(uri, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: '{"query":"{ __typename }"}',
      }).then(
        () => 'read',
        (e: any) => `${e.name}: ${e.message}`,
      );
      return { read, simple };
    },
    { uri: elsewhere.url },
  );
  expect(result).toEqual({ read: 'TypeError: Failed to fetch', simple: 'TypeError: Failed to fetch' });
  expect(offMachine).toEqual([]);
});
