import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '@hsg/core';
import type { PublishedTerm } from '@hsg/framework';
import { fetchPublishedTerms } from '../src/published-terms';

/**
 * The first index is what the owners publish: small fixture owners on free ports stand in for
 * them (a real HTTP server each, answering GET /_search-terms as the framework's route does).
 */
const term = (kind: string, entityId: string, value: string): PublishedTerm => ({
  kind,
  entityId,
  field: 'NAME',
  value,
  normalized: value.toLowerCase(),
  regionId: null,
  level: null,
});

function owner(terms: PublishedTerm[], path = '/_search-terms'): Promise<Server & { url: string }> {
  const server = createServer((req, res) => {
    if (req.url !== path) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ terms }));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(Object.assign(server, { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql` })),
    ),
  );
}

const logger = createLogger('search', 'silent');
const servers: Server[] = [];
afterEach(() => Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r)))));

test("the owners' spellings are indexed in the SearchResult union's order of types, each owner's seed order kept within a type", async () => {
  const facilities = await owner([
    term('Facility', 'f1', 'A'),
    term('Project', 'p1', 'B'),
    term('Designation', 'd1', 'C'),
    term('Facility', 'f2', 'D'),
  ]);
  const regions = await owner([term('Region', '440100', '广州市'), term('Region', '440000', '广东省')]);
  const officials = await owner([term('Meeting', 'm1', 'E'), term('Person', 'x1', 'F')]);
  servers.push(facilities, regions, officials);
  const terms = await fetchPublishedTerms(
    { facilities: facilities.url, regions: regions.url, officials: officials.url },
    ['regions', 'facilities', 'officials'],
    logger,
  );
  expect(terms.map((t) => `${t.kind}:${t.entityId}`)).toEqual([
    'Region:440100',
    'Region:440000',
    'Facility:f1',
    'Facility:f2',
    'Project:p1',
    'Person:x1',
    'Designation:d1',
    'Meeting:m1',
  ]);
});

test('an owner that is not up yet is waited for, and one with no URL is a start-up error naming the variable', async () => {
  const late = await owner([term('Indicator', 'life-expectancy', '人均预期寿命')]);
  const { url } = late;
  await new Promise((r) => late.close(r));
  const fetching = fetchPublishedTerms({ indicators: url }, ['indicators'], logger);
  await new Promise((r) => setTimeout(r, 700));
  const port = Number(new URL(url).port);
  const again = createServer((_, res) =>
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ terms: [term('Indicator', 'life-expectancy', '人均预期寿命')] })),
  );
  await new Promise<void>((r) => again.listen(port, '127.0.0.1', () => r()));
  servers.push(again);
  expect((await fetching).map((t) => t.entityId)).toEqual(['life-expectancy']);
  await expect(fetchPublishedTerms({}, ['officials'], logger)).rejects.toThrow(
    "the search index needs officials's spellings, but no URL for it is configured (OFFICIALS_URL)",
  );
});
