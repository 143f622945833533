import { REPO_ROOT } from '@hsg/core';

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main as queryCommand } from '../../gateway/src/query-cli';
import { startStack, type Stack } from './stack';

let stack: Stack;
let dir: string;
beforeAll(async () => {
  stack = await startStack();
  dir = mkdtempSync(path.join(tmpdir(), 'hsg-export-'));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await stack?.stop();
});

const HEADLINE = readFileSync(path.join(REPO_ROOT, 'examples', 'headline.graphql'), 'utf8');
/** A response body as JSON, typed loosely as tests read it. */
const json = async (res: Response): Promise<any> => res.json();
const exportUrl = () => stack.gateway.url.replace(/\/graphql$/, '/export');

test('POST /export?format=csv answers the headline query as spreadsheet-ready CSV', async () => {
  const res = await fetch(`${exportUrl()}?format=csv`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: HEADLINE }),
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
  const bytes = Buffer.from(await res.arrayBuffer());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM
  const lines = bytes.toString('utf8').slice(1).split('\r\n');
  expect(lines[0]).toBe(
    'id,name,status,statusAsOf,planSection,region.name,facility.name,facility.parent.name,facility.designations.kind,facility.designations.name',
  );
  expect(lines.some((l) => l.startsWith('guangzhou-respiratory-center,广州呼吸中心,'))).toBe(true);
  const rows = await json(
    await fetch(`${exportUrl()}?format=json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: HEADLINE }),
    }),
  );
  expect(lines.length - 2).toBe(rows.length); // header and the final CRLF
});

test('GET /export takes the query and variables in the URL (with a preflight header)', async () => {
  const url = new URL(exportUrl());
  url.searchParams.set('format', 'json');
  url.searchParams.set('query', 'query($id: ID!) { region(id: $id) { children { id name } } }');
  url.searchParams.set('variables', JSON.stringify({ id: '440100' }));
  // The same CSRF prevention as /graphql: a GET must show it is no simple cross-site request.
  const rows = await json(await fetch(url, { headers: { 'apollo-require-preflight': 'true' } }));
  expect(rows).toHaveLength(11);
  expect(rows).toContainEqual({ id: '440115', name: '南沙区' });
});

test('/export refuses bad requests and any GraphQL error whole', async () => {
  const post = (body: unknown, format = 'csv') =>
    fetch(`${exportUrl()}?format=${format}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const badFormat = await post({ query: HEADLINE }, 'xlsx');
  expect(badFormat.status).toBe(400);
  expect((await json(badFormat)).errors[0].message).toContain('"format" must be one of csv, json');
  const noQuery = await post({});
  expect((await json(noQuery)).errors[0].extensions.code).toBe('BAD_REQUEST');
  const invalid = await post({ query: '{ region(id: "440100") { population } }' });
  expect(invalid.status).toBe(400);
  expect((await json(invalid)).errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  const notFound = await post({ query: '{ facility(id: "no-such-facility") { name } }' });
  expect((await json(notFound)).errors[0].extensions.code).toBe('NOT_FOUND');
});

test('npm run query writes CSV or JSON rows from an examples file', async () => {
  const out = path.join(dir, 'tianhe.csv');
  const file = path.join(REPO_ROOT, 'examples', 'district-projects-by-status.graphql');
  const code = await queryCommand([
    file,
    '--var',
    'district=440106',
    '--var',
    'status=["PLANNED","UNDER_CONSTRUCTION"]',
    '--format',
    'csv',
    '--out',
    out,
    '--url',
    stack.gateway.url,
  ]);
  expect(code).toBe(0);
  const csv = readFileSync(out, 'utf8');
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  expect(csv).toContain('\r\n天河区第二人民医院,');

  const out2 = path.join(dir, 'search.json');
  expect(
    await queryCommand([
      path.join(REPO_ROOT, 'examples', 'search.graphql'),
      '--var',
      'text=panyu',
      '--var',
      'first=3',
      '--format',
      'json',
      '--out',
      out2,
      '--url',
      stack.gateway.url,
    ]),
  ).toBe(0);
  const rows = JSON.parse(readFileSync(out2, 'utf8'));
  expect(rows).toHaveLength(3);
  expect(rows[0]).toMatchObject({ 'node.__typename': 'Region', 'node.id': '440113', 'node.name': '番禺区' });
});

test('npm run query explains what is wrong', async () => {
  const errors: string[] = [];
  const spy = jest.spyOn(console, 'error').mockImplementation((m: string) => void errors.push(m));
  try {
    const file = path.join(REPO_ROOT, 'examples', 'search.graphql');
    expect(await queryCommand([file, '--format', 'xml'])).toBe(2);
    expect(await queryCommand([file, '--var', 'txt=x', '--url', stack.gateway.url])).toBe(2);
    expect(await queryCommand([path.join(dir, 'missing.graphql')])).toBe(2);
    expect(await queryCommand([file, '--var', 'first=500', '--url', stack.gateway.url])).toBe(1);
    expect(await queryCommand([file, '--url', 'http://127.0.0.1:9/graphql'])).toBe(1);
  } finally {
    spy.mockRestore();
  }
  expect(errors[0]).toContain('--format must be one of csv, json');
  expect(errors[1]).toContain('The query declares no $txt; it declares $text, $first.');
  expect(errors[2]).toContain('Cannot read');
  expect(errors[3]).toContain('BAD_USER_INPUT: "first" must be between 1 and 50.');
  expect(errors[4]).toContain('No gateway answered at http://127.0.0.1:9/graphql');
});
