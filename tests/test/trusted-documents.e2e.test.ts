import { EnvironmentError, gatewayEnvironment, REPO_ROOT, SUBGRAPH_NAMES, type RunningServer, type SubgraphName } from '@hsg/core';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { startGateway } from '@hsg/gateway';
import { parse, print } from 'graphql';
import { startStack, type Stack } from './stack';

/**
 * Trusted documents through the gateway over the real seeds: requests that name a registered
 * document by id, an unknown id, and the two ways of accepting only registered documents (for
 * every caller, or for callers whose token demands it).
 */
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const example = (file: string) => readFileSync(path.join(REPO_ROOT, 'examples', file), 'utf8');
/** The id the committed manifest gives an example: the sha256 of the file as graphql-js prints it. */
const idOf = (file: string) => sha256(print(parse(example(file))));
const MANIFEST = path.join(REPO_ROOT, 'examples', 'trusted-documents.json');

let stack: Stack;
let onlyTrusted: RunningServer;
let perCaller: RunningServer;
let dir: string;

beforeAll(async () => {
  stack = await startStack();
  const subgraphUrls = Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, stack.subgraphs[n].url])) as Record<SubgraphName, string>;
  onlyTrusted = await startGateway({ port: 0, subgraphUrls, trustedDocumentsOnly: true });
  perCaller = await startGateway({ port: 0, subgraphUrls, auth: stack.keys.auth });
  dir = mkdtempSync(path.join(tmpdir(), 'hsg-trusted-'));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await perCaller?.stop();
  await onlyTrusted?.stop();
  await stack?.stop();
});

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as any };
}

const ARBITRARY = '{ region(id: "440115") { name parent { name } } }';

test('the committed manifest is what `npm run codegen` writes for examples/', async () => {
  const out = path.join(dir, 'manifest.json');
  await promisify(execFile)(process.execPath, [
    path.join(REPO_ROOT, 'scripts', 'codegen.js'),
    '--out',
    path.join(dir, 'graphql.ts'),
    '--manifest',
    out,
  ]);
  const manifest = JSON.parse(readFileSync(out, 'utf8')) as Record<string, string>;
  // A mismatch means examples/ changed: run `npm run codegen` and commit examples/trusted-documents.json.
  expect(readFileSync(MANIFEST, 'utf8')).toBe(readFileSync(out, 'utf8'));
  expect(Object.keys(manifest)).toHaveLength(34);
  expect(manifest[idOf('headline.graphql')]).toContain('query GuangzhouNationalCentreProjects {');
  for (const [id, document] of Object.entries(manifest)) expect(sha256(document)).toBe(id);
});

test('a request can name a registered document by documentId or by Apollo’s persisted-query hash', async () => {
  const full = await post(stack.gateway.url, { query: example('headline.graphql') });
  expect(full.body.data.region.name).toBe('广州市');
  expect(full.body.data.region.projects.totalCount).toBe(26);

  const byDocumentId = await post(stack.gateway.url, { documentId: `sha256:${idOf('headline.graphql')}` });
  expect(byDocumentId.status).toBe(200);
  expect(byDocumentId.body).toEqual(full.body);

  const byBareId = await post(stack.gateway.url, { documentId: idOf('headline.graphql') });
  expect(byBareId.body).toEqual(full.body);

  const byApq = await post(stack.gateway.url, { extensions: { persistedQuery: { version: 1, sha256Hash: idOf('headline.graphql') } } });
  expect(byApq.body).toEqual(full.body);

  // GET, with variables, as a CDN-cacheable request.
  const url = new URL(stack.gateway.url);
  url.searchParams.set('documentId', `sha256:${idOf('search.graphql')}`);
  url.searchParams.set('variables', JSON.stringify({ text: 'nansha', first: 1 }));
  const got = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
  expect(got.status).toBe(200);
  expect(((await got.json()) as any).data.search).toEqual([
    {
      // The pinyin's 0.85, weighed by the region's level: 南沙区 is a county-level district (0.9).
      score: 0.765,
      matchedField: 'PINYIN',
      matchedText: 'nan sha',
      node: { __typename: 'Region', id: '440115', name: '南沙区', level: 'COUNTY' },
    },
  ]);
});

test('an unknown id is PERSISTED_QUERY_NOT_FOUND, saying which id and what to do', async () => {
  const unknown = 'f'.repeat(64);
  const res = await post(stack.gateway.url, { documentId: `sha256:${unknown}` });
  expect(res.status).toBe(404);
  expect(res.body.errors).toEqual([
    {
      message: `No registered document has the id "${unknown}". Send the full query, or use an id from a trusted-documents manifest this gateway registers (TRUSTED_DOCUMENTS).`,
      extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' },
    },
  ]);
  const malformed = await post(stack.gateway.url, { extensions: { persistedQuery: { version: 1, sha256Hash: 'headline' } } });
  expect(malformed.status).toBe(404);
  expect(malformed.body.errors[0].message).toContain('(an id is the sha256 of the document: 64 hex digits, optionally prefixed "sha256:")');
  const notAString = await post(stack.gateway.url, { documentId: 123 });
  expect(notAString.status).toBe(404);
  expect(notAString.body.errors[0].message).toMatch(/^No registered document has the id "123" \(an id is the sha256/);
  const version2 = await post(stack.gateway.url, { extensions: { persistedQuery: { version: 2, sha256Hash: unknown } } });
  expect(version2.status).toBe(400);
  expect(version2.body.errors).toEqual([
    { message: 'extensions.persistedQuery.version must be 1; got 2.', extensions: { code: 'BAD_REQUEST' } },
  ]);
  // A full query with a hash that is not its own is refused, not run.
  const mismatch = await post(stack.gateway.url, { query: ARBITRARY, extensions: { persistedQuery: { version: 1, sha256Hash: unknown } } });
  expect(mismatch.status).toBe(400);
  expect(mismatch.body.errors).toEqual([
    {
      message: `extensions.persistedQuery.sha256Hash ("${unknown}") is not the sha256 of the query sent with it. Send the query's own hash, or only the id of a registered document.`,
      extensions: { code: 'PERSISTED_QUERY_HASH_MISMATCH' },
    },
  ]);
});

test('by default any query runs, and a full query with its hash is not registered by being sent', async () => {
  const res = await post(stack.gateway.url, {
    query: ARBITRARY,
    extensions: { persistedQuery: { version: 1, sha256Hash: sha256(ARBITRARY) } },
  });
  expect(res.body.data).toEqual({ region: { name: '南沙区', parent: { name: '广州市' } } });
  const again = await post(stack.gateway.url, { documentId: sha256(ARBITRARY) });
  expect(again.status).toBe(404);
  expect(again.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
});

test('TRUSTED_DOCUMENTS_ONLY: every caller runs registered documents only, by id or in full', async () => {
  const refused = await post(onlyTrusted.url, { query: ARBITRARY });
  expect(refused.status).toBe(403);
  expect(refused.body.errors[0].extensions.code).toBe('QUERY_NOT_IN_SAFELIST');
  expect(refused.body.errors[0].message).toMatch(/^This gateway runs only registered \(trusted\) documents for this caller/);
  expect(refused.body.data).toBeUndefined();

  const byId = await post(onlyTrusted.url, { documentId: `sha256:${idOf('guangzhou-districts.graphql')}` });
  expect(byId.status).toBe(200);
  expect(byId.body.data.region.children).toHaveLength(11);
  // The file as written (comments, layout) is the registered document.
  const inFull = await post(onlyTrusted.url, { query: example('guangzhou-districts.graphql') });
  expect(inFull.body).toEqual(byId.body);

  // /export runs queries too: the same rule holds there.
  const exportUrl = onlyTrusted.url.replace(/\/graphql$/, '/export?format=json');
  const exportRefused = await post(exportUrl, { query: ARBITRARY });
  expect(exportRefused.status).toBe(403);
  expect(exportRefused.body.errors[0].extensions.code).toBe('QUERY_NOT_IN_SAFELIST');
  const exported = await post(exportUrl, { query: example('guangzhou-districts.graphql') });
  expect(exported.status).toBe(200);
  expect(exported.body).toHaveLength(11);
});

test('per caller: a caller whose token demands trusted documents is held to them, others are not', async () => {
  const anonymous = await post(perCaller.url, { query: ARBITRARY });
  expect(anonymous.body.data.region.name).toBe('南沙区');
  const plain = { authorization: `Bearer ${await stack.keys.token()}` };
  expect((await post(perCaller.url, { query: ARBITRARY }, plain)).body.data.region.name).toBe('南沙区');
  const demanding = { authorization: `Bearer ${await stack.keys.token({ trustedDocumentsOnly: true })}` };
  const agency = await post(perCaller.url, { query: ARBITRARY }, demanding);
  expect(agency.status).toBe(403);
  expect(agency.body.errors[0].extensions.code).toBe('QUERY_NOT_IN_SAFELIST');
  const agencyById = await post(perCaller.url, { documentId: idOf('headline.graphql') }, demanding);
  expect(agencyById.body.data.region.projects.totalCount).toBe(26);
});

test('a frontend team’s own manifest is registered beside the examples; a bad manifest stops the start', async () => {
  const appDocument = 'query NanshaName {\n  region(id: "440115") {\n    name\n  }\n}';
  const appManifest = path.join(dir, 'app.json');
  writeFileSync(appManifest, JSON.stringify({ [sha256(appDocument)]: appDocument }));
  const subgraphUrls = Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, stack.subgraphs[n].url])) as Record<SubgraphName, string>;
  const gateway = await startGateway({ port: 0, subgraphUrls, trustedDocuments: [MANIFEST, appManifest], trustedDocumentsOnly: true });
  try {
    expect((await post(gateway.url, { documentId: `sha256:${sha256(appDocument)}` })).body.data).toEqual({ region: { name: '南沙区' } });
    expect((await post(gateway.url, { documentId: idOf('headline.graphql') })).body.data.region.name).toBe('广州市');
  } finally {
    await gateway.stop();
  }

  const wrongHash = path.join(dir, 'wrong.json');
  writeFileSync(wrongHash, JSON.stringify({ [sha256('something else')]: appDocument }));
  await expect(startGateway({ port: 0, subgraphUrls, trustedDocuments: [wrongHash] })).rejects.toThrow(
    `TRUSTED_DOCUMENTS: ${wrongHash}: "${sha256('something else')}" is not the sha256 of its document (expected ${sha256(appDocument)}); generate the manifest with hashAlgorithm "sha256".`,
  );
  const notJson = path.join(dir, 'list.json');
  writeFileSync(notJson, JSON.stringify([appDocument]));
  await expect(startGateway({ port: 0, subgraphUrls, trustedDocuments: [notJson] })).rejects.toThrow('must be a JSON object of');
});

test('TRUSTED_DOCUMENTS and TRUSTED_DOCUMENTS_ONLY are validated at start', () => {
  expect(gatewayEnvironment({})).toMatchObject({ trustedDocuments: undefined, trustedDocumentsOnly: false });
  expect(gatewayEnvironment({ TRUSTED_DOCUMENTS: `${MANIFEST}, ${MANIFEST}`, TRUSTED_DOCUMENTS_ONLY: 'true' })).toMatchObject({
    trustedDocuments: [MANIFEST, MANIFEST],
    trustedDocumentsOnly: true,
  });
  expect(() => gatewayEnvironment({ TRUSTED_DOCUMENTS_ONLY: 'yes' })).toThrow(/TRUSTED_DOCUMENTS_ONLY="yes": must be true or false/);
  expect(() => gatewayEnvironment({ TRUSTED_DOCUMENTS: '/no/such/manifest.json' })).toThrow(EnvironmentError);
  expect(() => gatewayEnvironment({ TRUSTED_DOCUMENTS: '/no/such/manifest.json' })).toThrow(/no such file: \/no\/such\/manifest.json/);
});
