import { REPO_ROOT } from '@hsg/core';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * relay-compiler (the real binary, pinned in tests/package.json) compiles the fragments a Relay
 * app on this graph writes, against the committed public schema: `@refetchable` on Region and
 * Project (refetched through `node(id:)`), and `usePaginationFragment`'s `@connection` on
 * `Region.projects`, forwards and backwards. The config is the one docs/frontend.md gives.
 */
const run = promisify(execFile);
const COMPILER = require.resolve('relay-compiler/cli.js', { paths: [path.join(REPO_ROOT, 'tests')] });
const SCHEMA = path.join(REPO_ROOT, 'schema', 'api.graphql');

/** The relay.config.json of docs/frontend.md: the Node interface's id field is `globalId`. */
const CONFIG = {
  src: './src',
  schema: SCHEMA,
  language: 'typescript',
  schemaConfig: { nodeInterfaceIdField: 'globalId' },
};

const FRAGMENTS = `
import { graphql } from 'react-relay';

export const regionProjects = graphql\`
  fragment RegionProjects_region on Region
  @refetchable(queryName: "RegionProjectsPaginationQuery")
  @argumentDefinitions(
    count: { type: "Int" }
    cursor: { type: "String" }
    last: { type: "Int" }
    before: { type: "String" }
  ) {
    name
    projects(first: $count, after: $cursor, last: $last, before: $before) @connection(key: "RegionProjects_projects") {
      totalCount
      edges {
        node {
          id
          ...ProjectCard_project
        }
      }
    }
  }
\`;

export const projectCard = graphql\`
  fragment ProjectCard_project on Project @refetchable(queryName: "ProjectCardRefetchQuery") {
    id
    name
    status
  }
\`;

export const regionPage = graphql\`
  query RegionPageQuery($id: ID!) {
    region(id: $id) {
      ...RegionProjects_region
    }
  }
\`;
`;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'hsg-relay-'));
  mkdirSync(path.join(dir, 'src'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function compile(fragments: string, config: object = CONFIG) {
  writeFileSync(path.join(dir, 'relay.config.json'), JSON.stringify(config));
  writeFileSync(path.join(dir, 'src', 'app.ts'), fragments);
  try {
    const { stdout, stderr } = await run(process.execPath, [COMPILER], { cwd: dir });
    return { code: 0, output: stdout + stderr };
  } catch (e) {
    const { code, stdout, stderr } = e as { code: number; stdout: string; stderr: string };
    return { code, output: stdout + stderr };
  }
}

const artifact = (name: string) => readFileSync(path.join(dir, 'src', '__generated__', `${name}.graphql.ts`), 'utf8');

test('the fragments compile: Region and Project refetch through node(id:), Region.projects pages both ways', async () => {
  const { code, output } = await compile(FRAGMENTS);
  expect(output).not.toMatch(/error/i);
  expect(code).toBe(0);
  for (const name of [
    'RegionProjects_region',
    'ProjectCard_project',
    'RegionProjectsPaginationQuery',
    'ProjectCardRefetchQuery',
    'RegionPageQuery',
  ])
    expect(existsSync(path.join(dir, 'src', '__generated__', `${name}.graphql.ts`))).toBe(true);
  // The refetch queries go through node(id:) and key records by globalId.
  const pagination = artifact('RegionProjectsPaginationQuery');
  expect(pagination).toContain('node(id: $globalId)');
  expect(pagination).toContain('globalId');
  expect(artifact('ProjectCardRefetchQuery')).toContain('node(id: $globalId)');
  // The connection is declared bidirectional: forward and backward cursors both.
  const fragment = artifact('RegionProjects_region');
  expect(fragment).toMatch(/"backward":\s*\{[^}]*"count":\s*"last"[^}]*"cursor":\s*"before"/);
  expect(fragment).toMatch(/"forward":\s*\{[^}]*"count":\s*"count"[^}]*"cursor":\s*"cursor"/);
});

test('a type that is not a Node cannot be @refetchable: the compiler refuses it', async () => {
  const { code, output } = await compile(`
import { graphql } from 'react-relay';
export const change = graphql\`
  fragment Change_entry on ChangeEntry @refetchable(queryName: "ChangeEntryRefetchQuery") { id recordId }
\`;
`);
  expect(code).not.toBe(0);
  expect(output).toContain('@refetchable');
});

test('without the globalId config the compiler looks for Node.id and refuses the refetchable fragments', async () => {
  const { code } = await compile(FRAGMENTS, { ...CONFIG, schemaConfig: undefined });
  expect(code).not.toBe(0);
});
