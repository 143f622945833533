import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { graphqlError, REPO_ROOT } from '@hsg/core';

const SCHEMA_DIR = path.join(REPO_ROOT, 'schema');

/** Where a page or a codegen config finds the schema this gateway serves. */
export const SCHEMA_PATH = '/schema.graphql';

/**
 * The public schema this gateway serves (schema/api.graphql, written by `npm run compose` from the
 * same code as the supergraph), with its version in `x-schema-version`: the released version
 * (schema/released/VERSION) when it is the released schema, else that version with `+unreleased`
 * (changes declared in CHANGELOG.md's Unreleased section and not yet released). Read once at start.
 */
export function schemaRoute(): (req: IncomingMessage, res: ServerResponse) => void {
  const current = readFileSync(path.join(SCHEMA_DIR, 'api.graphql'), 'utf8');
  const released = readFileSync(path.join(SCHEMA_DIR, 'released', 'api.graphql'), 'utf8');
  const version = readFileSync(path.join(SCHEMA_DIR, 'released', 'VERSION'), 'utf8').trim();
  const served = current === released ? version : `${version}+unreleased`;
  const etag = `"${createHash('sha256').update(current).digest('base64url').slice(0, 27)}"`;
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      return graphqlError(res, 405, 'BAD_REQUEST', `Use GET for ${SCHEMA_PATH}.`);
    }
    res.setHeader('x-schema-version', served);
    res.setHeader('etag', etag);
    res.setHeader('cache-control', 'no-cache');
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304);
      return res.end();
    }
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(req.method === 'HEAD' ? undefined : current);
  };
}
