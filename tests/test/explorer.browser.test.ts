import { REPO_ROOT, type RunningServer } from '@hsg/core';

import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startGatewayProcess } from './gateway-process';
import { startStack, urlsOf, type Stack } from './stack';

/**
 * Opens the explorer in Debian's chromium (never a downloaded browser), runs the headline query
 * and finds the answer on the page. Every request to anything but this machine is aborted and
 * recorded, so the test also proves the page needs no internet. The gateway is the built one in
 * its own process, as `npm start` runs it. The screenshot lands in test-output/explorer.png.
 */
const CHROMIUM = '/usr/bin/chromium'; // Debian's package, installed by scripts/install-browser.sh
const SCREENSHOT = path.join(REPO_ROOT, 'test-output', 'explorer.png');

let stack: Stack;
let gateway: RunningServer;
let context: BrowserContext;
let page: Page;
let profile: string;
const offMachine: string[] = [];

beforeAll(async () => {
  stack = await startStack();
  gateway = await startGatewayProcess(urlsOf(stack.subgraphs));
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
    viewport: { width: 1400, height: 900 },
  });
  page = context.pages()[0] ?? (await context.newPage());
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (['127.0.0.1', 'localhost'].includes(url.hostname) || url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
    offMachine.push(url.href);
    return route.abort();
  });
});

afterAll(async () => {
  await context?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
  await gateway?.stop();
  await stack?.stop();
});

const origin = () => gateway.url.replace(/\/graphql$/, '');
/** The editor tab named after the headline operation: the page opened with that query loaded. */
const headlineTab = () => page.locator('.graphiql-tab-button', { hasText: 'GuangzhouNationalCentreProjects' });

test('the explorer opens with the headline query, runs it and shows the answer, offline', async () => {
  // The page fetches the schema and mounts its editors lazily; a click before they are ready
  // does nothing, so wait for the query text to be drawn, and click again if no request follows.
  const introspection = page.waitForResponse((r) => r.url().endsWith('/graphql') && (r.request().postData() ?? '').includes('__schema'));
  await page.goto(`${origin()}/`);
  await headlineTab().waitFor();
  await introspection;
  await page.locator('.graphiql-query-editor').getByText('GuangzhouNationalCentreProjects').first().waitFor();
  let status = 0;
  for (let attempt = 0; attempt < 5 && !status; attempt++) {
    const execution = page
      .waitForResponse((r) => r.url().endsWith('/graphql') && (r.request().postData() ?? '').includes('GuangzhouNationalCentreProjects'), {
        timeout: 5000,
      })
      .then(
        (r) => r.status(),
        () => 0,
      );
    await page.getByRole('button', { name: /Execute query/ }).click();
    status = await execution;
  }
  expect(status).toBe(200);
  // The result editor renders only the lines in view, with non-breaking spaces: match the top.
  const result = page.locator('.result-window');
  await result.getByText('广州市').first().waitFor({ timeout: 20000 });
  const text = ((await result.textContent()) ?? '').replace(/\s+/g, ' ');
  expect(text).toMatch(/"totalCount": (\d+)/);
  expect(Number(/"totalCount": (\d+)/.exec(text)![1])).toBeGreaterThanOrEqual(20);
  mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
  await page.screenshot({ path: SCREENSHOT });
  expect(statSync(SCREENSHOT).size).toBeGreaterThan(10_000);
  expect(offMachine).toEqual([]);
});

test('the schema docs are there', async () => {
  await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
  await page.locator('.graphiql-doc-explorer').getByText('Query').first().click();
  await page.locator('.graphiql-doc-explorer').getByText('search').first().waitFor();
  expect(offMachine).toEqual([]);
});

test('a browser opening /graphql gets the explorer; API clients still get GraphQL', async () => {
  await page.goto(gateway.url);
  await headlineTab().waitFor();
  const api = await fetch(`${gateway.url}?query=${encodeURIComponent('{ region(id: "440100") { name } }')}`, {
    headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
  });
  expect(await api.json()).toEqual({
    data: { region: { name: '广州市' } },
    extensions: { cost: { estimated: 1, actual: 1, limit: 20_000 } },
  });
});
