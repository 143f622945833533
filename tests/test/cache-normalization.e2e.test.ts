import { ApolloClient, HttpLink, InMemoryCache, gql, type DocumentNode, type OperationVariables } from '@apollo/client';
import { startStack, type Stack } from './stack';

/**
 * What a normalized client cache holds after reading the graph equals what the network said:
 * Apollo Client's InMemoryCache, with its default identification (`__typename:id`), driven
 * through the two cases that used to corrupt it — change feed entries keyed by the changed
 * record's id, and a post's staleness that depended on the parent field's date.
 */
let stack: Stack;
beforeAll(async () => {
  stack = await startStack(undefined, { rateLimits: { agencyPerMinute: 600, anonymousPerMinute: 1200 } });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

const client = () => new ApolloClient({ link: new HttpLink({ uri: stack.gateway.url }), cache: new InMemoryCache() });

/** Runs a query over the network (writing the cache) and returns its data and the cache's read of the same query. */
async function networkAndCache(apollo: ApolloClient, query: DocumentNode, variables: OperationVariables) {
  const { data } = await apollo.query({ query, variables, fetchPolicy: 'network-only' });
  return { network: data as Record<string, any>, read: () => apollo.cache.readQuery({ query, variables }) as Record<string, any> };
}

const FEED = gql`
  query Feed($types: [String!], $after: String) {
    changes(types: $types, first: 100, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        recordId
        typeName
        operation
        entity {
          ... on Facility {
            id
            name
          }
          ... on Project {
            id
            name
          }
        }
      }
    }
  }
`;

/** Every entry of one type's feed, page by page, each page kept with its cache read. */
async function feedOf(apollo: ApolloClient, type: string) {
  const pages = [];
  let after: string | null = null;
  do {
    const page = await networkAndCache(apollo, FEED, { types: [type], after });
    pages.push(page);
    after = page.network.changes.pageInfo.hasNextPage ? page.network.changes.pageInfo.endCursor : null;
  } while (after);
  return pages;
}

/** The feed holds the seed load once the search subgraph has followed the owners (within a second or so). */
async function seedLoadFollowed() {
  const apollo = client();
  for (const deadline = Date.now() + 20_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 200))) {
    const { data } = await apollo.query({
      query: gql`
        {
          facilities: changes(types: ["Facility"], first: 1) {
            totalCount
          }
          projects: changes(types: ["Project"], first: 1) {
            totalCount
          }
        }
      `,
      fetchPolicy: 'network-only',
    });
    const counts = data as { facilities: { totalCount: number }; projects: { totalCount: number } };
    if (counts.facilities.totalCount === 131 && counts.projects.totalCount === 352) return;
  }
  throw new Error('the seed load did not reach the change feed');
}

test('change feed entries have ids of their own: the Facility feed reads back from the cache as the network gave it, after the Project feed', async () => {
  await seedLoadFollowed();
  const apollo = client();
  const projects = await feedOf(apollo, 'Project');
  const facilities = await feedOf(apollo, 'Facility');
  const entries = (pages: typeof projects) => pages.flatMap((p) => p.network.changes.nodes as Record<string, any>[]);
  expect(entries(facilities)).toHaveLength(131);
  // The records the two feeds share an id with: 33, each once in each feed.
  const projectRecords = new Set(entries(projects).map((e) => e.recordId));
  expect(entries(facilities).filter((e) => projectRecords.has(e.recordId))).toHaveLength(33);
  // Every entry's id is its own ("<subgraph>:<sequence>"), the record's is recordId, and entity's id.
  const all = [...entries(projects), ...entries(facilities)];
  expect(new Set(all.map((e) => e.id)).size).toBe(all.length);
  for (const e of all) {
    expect(e.id).toMatch(/^facilities:\d+$/);
    expect(e.entity).toMatchObject({ __typename: e.typeName, id: e.recordId });
  }
  expect(entries(facilities).find((e) => e.recordId === 'bio-island-laboratory')).toMatchObject({
    typeName: 'Facility',
    entity: { __typename: 'Facility', id: 'bio-island-laboratory' },
  });
  // Both feeds' pages, read back from the one cache, are what the network said.
  for (const page of [...projects, ...facilities]) expect(page.read()).toEqual(page.network);
}, 60_000);

const HEAD = (staleness: string) => gql`
  query Head($asOf: String!) {
    organization(id: "gd-health-commission") {
      id
      head(asOf: $asOf) {
        id
        asOf
        ${staleness}
      }
    }
  }
`;

test('a post read for two dates keeps each date’s staleness in the cache: staleAt(asOf:) is keyed by its argument', async () => {
  const apollo = client();
  const query = HEAD('staleAt(asOf: $asOf)');
  const in2022 = await networkAndCache(apollo, query, { asOf: '2022' });
  const in2024 = await networkAndCache(apollo, query, { asOf: '2024' });
  // The same post (last seen 2021) answers both dates: fresh in 2022, stale by 2024.
  expect(in2022.network.organization.head).toEqual({ __typename: 'Post', id: 'duan-yufei-gd-hc-2021', asOf: '2021', staleAt: false });
  expect(in2024.network.organization.head).toEqual({ __typename: 'Post', id: 'duan-yufei-gd-hc-2021', asOf: '2021', staleAt: true });
  expect(in2022.read()).toEqual(in2022.network);
  expect(in2024.read()).toEqual(in2024.network);
});

test('the deprecated Post.stale, which reads the parent field’s date, is what a normalized cache cannot hold', async () => {
  // Why staleAt exists: one `stale` per post, overwritten by the last date asked.
  const apollo = client();
  const query = HEAD('stale');
  const in2022 = await networkAndCache(apollo, query, { asOf: '2022' });
  await networkAndCache(apollo, query, { asOf: '2024' });
  expect(in2022.network.organization.head.stale).toBe(false);
  expect(in2022.read().organization.head.stale).toBe(true);
});

test('staleAt refuses a date it cannot read, naming the argument', async () => {
  const res = await fetch(stack.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ organization(id: "gd-health-commission") { head { staleAt(asOf: "2024-13") } } }' }),
  });
  const body = (await res.json()) as { errors: { message: string; extensions: { code: string } }[] };
  expect(body.errors[0].message).toBe('"asOf" must be a date written YYYY, YYYY-MM or YYYY-MM-DD; got "2024-13".');
  expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
});
