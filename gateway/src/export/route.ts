import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import { graphqlError, readBody, refuseBody, toHttpGraphQLRequest, type RequestInfo } from '@hsg/core';
import { CONTENT_TYPES, EXPORT_FORMATS, formatRows, type ExportFormat } from './format';
import { toRows } from './rows';

/**
 * `/export`: runs a query through the same HTTP handling as /graphql — Apollo Server's CSRF
 * prevention, GET rules, body and operation limits, cost limit and error masking — and answers
 * with its rows as CSV or JSON. `format` comes from the URL (or the JSON body). A result with any
 * error is refused whole, so a spreadsheet never silently lacks rows.
 */
export async function handleExport(
  apollo: ApolloServer<RequestInfo>,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  info: RequestInfo,
  maxBodyBytes: number,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'POST') {
    res.setHeader('allow', 'GET, POST');
    return graphqlError(res, 405, 'BAD_REQUEST', `Use GET or POST for /export, not ${req.method}.`);
  }
  let raw = '';
  if (req.method === 'POST') {
    try {
      raw = await readBody(req, maxBodyBytes);
    } catch (e) {
      if (refuseBody(res, e, maxBodyBytes)) return;
      throw e;
    }
  }
  const request = toHttpGraphQLRequest(req, url, raw);
  if (typeof request === 'string') return graphqlError(res, 400, 'BAD_REQUEST', request);
  const bodyFormat = request.body && typeof request.body === 'object' ? (request.body as { format?: unknown }).format : undefined;
  const format = (url.searchParams.get('format') ?? bodyFormat ?? 'csv') as ExportFormat;
  if (!EXPORT_FORMATS.includes(format))
    return graphqlError(res, 400, 'BAD_REQUEST', `"format" must be one of ${EXPORT_FORMATS.join(', ')}.`);

  // The client's Accept names the export format; the GraphQL layer answers this route in JSON.
  const headers = new HeaderMap(request.headers);
  headers.set('accept', 'application/json');
  const response = await apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest: { ...request, headers }, context: async () => info });
  if (response.body.kind !== 'complete') {
    return graphqlError(res, 400, 'BAD_REQUEST', 'Incremental delivery (@defer) cannot be exported.');
  }
  let result: { data?: Record<string, unknown> | null; errors?: unknown[] };
  try {
    result = JSON.parse(response.body.string);
  } catch {
    result = { errors: [{ message: response.body.string, extensions: { code: 'BAD_REQUEST' } }] };
  }
  if ((response.status ?? 200) !== 200 || result.errors?.length || !result.data) {
    res.writeHead(response.status && response.status !== 200 ? response.status : 400, { 'content-type': CONTENT_TYPES.json });
    res.end(JSON.stringify({ errors: result.errors ?? [{ message: 'The query returned no data.', extensions: { code: 'BAD_REQUEST' } }] }));
    return;
  }
  const body = formatRows(toRows(result.data), format);
  res.writeHead(200, {
    'content-type': CONTENT_TYPES[format],
    'content-disposition': `attachment; filename="export.${format}"`,
  });
  res.end(body);
}
