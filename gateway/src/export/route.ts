import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import { BodyTooLarge, graphqlError, MAX_BODY_BYTES, readBody, type RequestInfo } from '@hsg/core';
import { CONTENT_TYPES, EXPORT_FORMATS, formatRows, type ExportFormat } from './format';
import { toRows } from './rows';

interface ExportRequest {
  query: string;
  variables: Record<string, unknown>;
  operationName?: string;
  format: ExportFormat;
}

class BadExport extends Error {}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new BadExport(`${what} is not valid JSON.`);
  }
}

/** Reads `format`, `query`, `variables` and `operationName` from the URL (GET) or a JSON body (POST). */
async function readExportRequest(req: IncomingMessage, url: URL): Promise<ExportRequest> {
  let source: Record<string, unknown> = Object.fromEntries(url.searchParams);
  if (typeof source.variables === 'string') source.variables = parseJson(source.variables, 'The "variables" parameter');
  if (req.method === 'POST') {
    const body = parseJson(await readBody(req), 'The request body');
    if (!body || typeof body !== 'object') throw new BadExport('The request body must be a JSON object: {"query": "…", "variables": {…}}.');
    source = { ...source, ...(body as Record<string, unknown>) };
  } else if (req.method !== 'GET') {
    throw new BadExport(`Use GET or POST for /export, not ${req.method}.`);
  }
  const format = (source.format ?? 'csv') as ExportFormat;
  if (!EXPORT_FORMATS.includes(format)) throw new BadExport(`"format" must be one of ${EXPORT_FORMATS.join(', ')}.`);
  if (typeof source.query !== 'string' || !source.query.trim()) throw new BadExport('Give the GraphQL query in "query".');
  const variables = source.variables ?? {};
  if (typeof variables !== 'object' || Array.isArray(variables)) throw new BadExport('"variables" must be a JSON object.');
  return {
    query: source.query,
    variables: variables as Record<string, unknown>,
    operationName: typeof source.operationName === 'string' ? source.operationName : undefined,
    format,
  };
}

/**
 * `/export`: runs a query through the gateway (same validation, limits and error masking as
 * /graphql) and answers with its rows as CSV or JSON. A result with any error is refused whole,
 * so a spreadsheet never silently lacks rows.
 */
export async function handleExport(
  apollo: ApolloServer<RequestInfo>,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  info: RequestInfo,
): Promise<void> {
  let request: ExportRequest;
  try {
    request = await readExportRequest(req, url);
  } catch (e) {
    if (e instanceof BadExport) return graphqlError(res, 400, 'BAD_REQUEST', e.message);
    if (e instanceof BodyTooLarge) return graphqlError(res, 413, 'BAD_REQUEST', `Request body exceeds ${MAX_BODY_BYTES} bytes.`);
    throw e;
  }
  const response = await apollo.executeOperation(
    { query: request.query, variables: request.variables, operationName: request.operationName },
    { contextValue: info },
  );
  if (response.body.kind !== 'single') return graphqlError(res, 400, 'BAD_REQUEST', 'Incremental delivery (@defer) cannot be exported.');
  const { data, errors } = response.body.singleResult;
  if (errors?.length || !data) {
    res.writeHead(400, { 'content-type': CONTENT_TYPES.json });
    res.end(JSON.stringify({ errors: errors ?? [{ message: 'The query returned no data.', extensions: { code: 'BAD_REQUEST' } }] }));
    return;
  }
  const body = formatRows(toRows(data), request.format);
  res.writeHead(200, {
    'content-type': CONTENT_TYPES[request.format],
    'content-disposition': `attachment; filename="export.${request.format}"`,
  });
  res.end(body);
}
