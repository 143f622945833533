import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { noRoute, REPO_ROOT } from '@hsg/core';
import { ruruHTML, type RuruClientConfig } from 'ruru/server';
import { serveStatic } from 'ruru/static';

/** Where the explorer's scripts and styles are served from: this gateway, never a CDN. */
export const EXPLORER_STATIC_PATH = '/explorer-assets/';

/** The query the explorer opens with: the graph's headline question, from examples/. */
export const HEADLINE_QUERY_PATH = path.join(REPO_ROOT, 'examples', 'headline.graphql');

/**
 * The GraphiQL explorer (Graphile's Ruru), at `/` and on a browser's GET of `/graphql`. Ruru ships
 * its assets inside the package; pointing `staticPath` at this server keeps the page working with
 * no internet (its default is a public CDN).
 */
export function explorer() {
  const html = ruruHTML({
    endpoint: '/graphql',
    staticPath: EXPLORER_STATIC_PATH,
    // Ruru's client config type comes from a package it does not install; the field is its documented one.
    clientConfig: { initialQuery: readFileSync(HEADLINE_QUERY_PATH, 'utf8') } as RuruClientConfig,
    htmlParts: { titleTag: '<title>Health-system graph explorer</title>' },
  });
  const assets = serveStatic(EXPLORER_STATIC_PATH);

  /** A browser navigating to /graphql asks for HTML and sends no query; API clients never do. */
  const wantsPage = (req: IncomingMessage, url: URL) =>
    req.method === 'GET' && (req.headers.accept ?? '').includes('text/html') && !url.searchParams.has('query');

  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> => {
    if (url.pathname.startsWith(EXPLORER_STATIC_PATH)) {
      await new Promise<void>((resolve) => {
        assets(req, res, () => {
          noRoute(res, url);
          resolve();
        });
        res.on('finish', () => resolve());
      });
      return true;
    }
    // A HEAD of the page is answered as its GET; Node sends no body with it.
    if ((url.pathname === '/' && (req.method === 'GET' || req.method === 'HEAD')) || (url.pathname === '/graphql' && wantsPage(req, url))) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(html);
      return true;
    }
    return false;
  };
}
