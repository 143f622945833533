import { createHash, type Hash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import {
  graphqlError,
  isoTime,
  MAX_PAGE_SIZE,
  ParameterError,
  quoted,
  refuseParameter,
  sendJson,
  singleParameter,
  type Logger,
  type RequestInfo,
} from '@hsg/core';
import { stringify } from 'csv-stringify/sync';
import {
  getNamedType,
  getNullableType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLFormattedError,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import type { TrustedDocuments } from '../trusted-documents';
import { CONTENT_TYPES } from './format';
import { toRows } from './rows';
import { ExportSlots } from './slots';

/**
 * `GET /export/bulk?type=Project&format=ndjson|csv[&regionId=…]`: a whole entity family as one
 * file, for researchers who want everything at once (FHIR's bulk $export, the World Bank and WHO
 * GHO downloads). The gateway pages through the family's root connection by cursor, 100 at a
 * time, and writes each page as it arrives, waiting for the client to drain what it has sent
 * (backpressure), so memory holds one page whatever the family's size.
 */

export const BULK_FORMATS = ['ndjson', 'csv'] as const;
type BulkFormat = (typeof BULK_FORMATS)[number];
const BULK_CONTENT_TYPES: Record<BulkFormat, string> = { ndjson: 'application/x-ndjson; charset=utf-8', csv: CONTENT_TYPES.csv };
const PARAMETERS = ['type', 'format', 'regionId', 'since'];

/** One field of the export's selection: a leaf, or an object with its own selection. */
interface Selection {
  name: string;
  children?: Selection[];
}

/** An exportable entity family: a type with a root connection (`projects` for Project). */
interface Family {
  type: string;
  rootField: string;
  /** The root field's filter input, when it has one with `regionId`. */
  regionFilter: string | null;
  /** Whether its records carry update times (the list takes `updatedSince`), so `since` applies. */
  versioned: boolean;
  document: string;
  /** The CSV header: every leaf of the selection, dotted as /export names them. */
  columns: string[];
}

const requiredArgs = (field: GraphQLField<unknown, unknown>) =>
  field.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined);
const isEntity = (type: GraphQLObjectType) => 'id' in type.getFields();

/**
 * Every field with a scalar value: scalars and enums (lists of them too), a reference to another
 * entity as its id (`facility { id }`), and value objects one level down (`citations { source {
 * id } lines quote }`, `statusReports { … }`, `attainment { … }`). Connections and lists of other
 * entities are left out: each is the other side of a reference that family's own export carries.
 */
const AUDIT_FIELDS = new Set(['history', 'submissions']);
/**
 * Relay's `globalId` is the type and the id encoded (docs/frontend.md): a column of it would repeat
 * `id`, and cost the export a fetch from the search subgraph per page.
 */
const DERIVED_FIELDS = new Set(['globalId']);

function selectionOf(type: GraphQLObjectType, depth = 0): Selection[] {
  // Columns read best as: id, the record's own values, its references, then nested values (citations).
  const leaves: Selection[] = [];
  const references: Selection[] = [];
  const nested: Selection[] = [];
  for (const field of Object.values(type.getFields())) {
    // A record's audit trail is read per record (`history`), not flattened into every row.
    if (requiredArgs(field) || AUDIT_FIELDS.has(field.name) || DERIVED_FIELDS.has(field.name)) continue;
    const named = getNamedType(field.type);
    if (isLeafType(named)) {
      if (field.name === 'id') leaves.unshift({ name: 'id' });
      else leaves.push({ name: field.name });
    } else if (isObjectType(named) && !named.name.endsWith('Connection')) {
      const isList = isListType(getNullableType(field.type));
      if (isEntity(named)) {
        if (!isList) references.push({ name: field.name, children: [{ name: 'id' }] });
      } else if (depth === 0) {
        const children = selectionOf(named, depth + 1);
        if (children.length > 0) nested.push({ name: field.name, children });
      }
    }
  }
  return [...leaves, ...references, ...nested];
}

const printSelection = (selection: Selection[]): string =>
  selection.map((s) => (s.children ? `${s.name} { ${printSelection(s.children)} }` : s.name)).join(' ');
const leafPaths = (selection: Selection[], prefix = ''): string[] =>
  selection.flatMap((s) => (s.children ? leafPaths(s.children, `${prefix}${s.name}.`) : [`${prefix}${s.name}`]));

/** The families of a schema: each Query field `xs(first, after[, filter])` returning an `XConnection` with `nodes`. */
function familiesOf(schema: GraphQLSchema): Map<string, Family> {
  const families = new Map<string, Family>();
  for (const field of Object.values(schema.getQueryType()?.getFields() ?? {})) {
    // The change feed is no family of records: an integrator follows it by cursor (`changes`).
    if (field.name === 'changes') continue;
    const connection = getNamedType(field.type);
    if (!isObjectType(connection) || !connection.name.endsWith('Connection') || requiredArgs(field)) continue;
    const argNames = field.args.map((a) => a.name);
    if (!argNames.includes('first') || !argNames.includes('after')) continue;
    const nodeType = getNamedType(connection.getFields().nodes?.type);
    if (!nodeType || !isObjectType(nodeType) || families.has(nodeType.name)) continue;
    const filterArg = field.args.find((a) => a.name === 'filter');
    const filterType = filterArg && getNamedType(filterArg.type);
    const regionFilter = filterType && isInputObjectType(filterType) && 'regionId' in filterType.getFields() ? filterType.name : null;
    const selection = selectionOf(nodeType);
    // An entity's root list takes `updatedSince` (the base resolver's), which `since` becomes; the
    // source texts, which are never written after the seeds, have no update times.
    const versioned = argNames.includes('updatedSince');
    const variables = `($first: Int!, $after: String${versioned ? ', $updatedSince: String' : ''}${regionFilter ? `, $filter: ${regionFilter}` : ''})`;
    const args = `(first: $first, after: $after${versioned ? ', updatedSince: $updatedSince' : ''}${regionFilter ? ', filter: $filter' : ''})`;
    families.set(nodeType.name, {
      type: nodeType.name,
      rootField: field.name,
      regionFilter,
      versioned,
      document: `query BulkExport${nodeType.name}${variables} { ${field.name}${args} { pageInfo { hasNextPage endCursor } nodes { ${printSelection(selection)} } } }`,
      columns: leafPaths(selection),
    });
  }
  return families;
}

const REGION_CHECK = 'query BulkExportRegionCheck($id: ID!) { region(id: $id) { id } }';

/** A failure while reading the graph, with the GraphQL errors it gave. */
class GraphFailure extends Error {
  constructor(readonly errors: readonly GraphQLFormattedError[]) {
    super(errors.map((e) => e.message).join('; '));
  }
}

interface BulkRequest {
  family: Family;
  format: BulkFormat;
  regionId: string | null;
  /** Only records whose current version was written at or after this time. */
  since: string | null;
  /** The HTTP request's id and credentials, passed to every page's operation. */
  info: RequestInfo;
}

type Node = Record<string, unknown>;

/** Encodes pages of nodes: NDJSON as one JSON object per line (nested as GraphQL returns it), CSV flattened as /export does. */
function encoder(family: Family, format: BulkFormat): (nodes: Node[], first: boolean) => string {
  if (format === 'ndjson') return (nodes) => nodes.map((n) => `${JSON.stringify(n)}\n`).join('');
  return (nodes, first) => {
    const flat = toRows(nodes).rows;
    const records = nodes.length === 0 ? [] : flat.map((row) => family.columns.map((c) => row[c] ?? null));
    return stringify(records, {
      header: first,
      bom: first,
      columns: family.columns,
      record_delimiter: 'windows',
      cast: { boolean: (v) => (v ? 'true' : 'false') },
    });
  };
}

const WRITE_ERROR = Symbol('client gone');

export class BulkExport {
  private readonly families: Map<string, Family>;
  private readonly slots = new ExportSlots();

  constructor(
    private readonly apollo: ApolloServer<RequestInfo>,
    schema: GraphQLSchema,
    trusted: TrustedDocuments,
    private readonly logger: Logger,
  ) {
    this.families = familiesOf(schema);
    // The export's own queries are the gateway's documents: they run when only trusted ones may.
    for (const family of this.families.values()) trusted.add(family.document);
    trusted.add(REGION_CHECK);
  }

  /** The exportable types, e.g. for error messages and the README. */
  get types(): string[] {
    return [...this.families.keys()].sort();
  }

  private async parse(url: URL, info: RequestInfo): Promise<BulkRequest> {
    for (const key of new Set(url.searchParams.keys())) {
      if (!PARAMETERS.includes(key))
        throw new ParameterError(`Unknown parameter ${quoted(key)}; /export/bulk takes ${PARAMETERS.join(', ')}.`, key);
      singleParameter(url.searchParams, key);
    }
    const type = url.searchParams.get('type');
    const family = type ? this.families.get(type) : undefined;
    if (!family)
      throw new ParameterError(`"type" must be one of ${this.types.join(', ')}; got ${type === null ? 'nothing' : quoted(type)}.`, 'type');
    const format = (url.searchParams.get('format') ?? 'csv') as BulkFormat;
    if (!BULK_FORMATS.includes(format)) throw new ParameterError(`"format" must be ndjson or csv; got ${quoted(format)}.`, 'format');
    const since = url.searchParams.get('since');
    // A real calendar date or time: "2025-02-30" is refused, not read as 2 March.
    if (since !== null && !isoTime(since)) {
      throw new ParameterError(
        `"since" must be an ISO 8601 date or time such as 2026-12-01 or 2026-12-01T08:00:00Z; got ${quoted(since)}.`,
        'since',
      );
    }
    if (since !== null && !family.versioned)
      throw new ParameterError(`"since" does not apply to ${family.type}: its records carry no update times.`, 'since');
    const regionId = url.searchParams.get('regionId');
    if (regionId !== null) {
      if (!family.regionFilter)
        throw new ParameterError(`"regionId" does not apply to ${family.type}: its list has no region filter.`, 'regionId');
      const result = await this.run(REGION_CHECK, { id: regionId }, info).catch((e: unknown) => {
        if (e instanceof GraphFailure && e.errors.some((err) => err.extensions?.code === 'NOT_FOUND')) return null;
        throw e;
      });
      if (!result?.region)
        throw new ParameterError(
          `"regionId": no region has id ${quoted(regionId)}. Use a GB/T 2260 code such as 440100, or an area slug.`,
          'regionId',
        );
    }
    return { family, format, regionId, since, info };
  }

  private async run(query: string, variables: Record<string, unknown>, info: RequestInfo): Promise<Record<string, any>> {
    const response = await this.apollo.executeOperation({ query, variables }, { contextValue: info });
    if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
    const { data, errors } = response.body.singleResult;
    if (errors?.length || !data) throw new GraphFailure(errors ?? [{ message: 'The query returned no data.' }]);
    return data;
  }

  /** The family's pages, one request each, in the connection's stable order. */
  private async *pages({ family, regionId, since, info }: BulkRequest): AsyncGenerator<Node[]> {
    let after: string | null = null;
    do {
      const variables = {
        first: MAX_PAGE_SIZE,
        after,
        ...(family.versioned ? { updatedSince: since } : {}),
        ...(regionId ? { filter: { regionId } } : {}),
      };
      const data = await this.run(family.document, variables, info);
      const page = data[family.rootField] as { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: Node[] };
      yield page.nodes;
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
  }

  /**
   * Encodes the whole family, handing each chunk to `write` (which may wait), and returns the
   * sha256 of everything written. An empty family is still a file (a CSV header, an empty NDJSON).
   */
  private async encode(request: BulkRequest, write: (chunk: string) => Promise<void>): Promise<string> {
    const hash: Hash = createHash('sha256');
    const encode = encoder(request.family, request.format);
    let first = true;
    for await (const nodes of this.pages(request)) {
      const chunk = encode(nodes, first);
      first = false;
      hash.update(chunk);
      await write(chunk);
    }
    if (first) {
      const chunk = encode([], true);
      hash.update(chunk);
      await write(chunk);
    }
    return hash.digest('base64url');
  }

  /**
   * Answers /export/bulk for the client at `address`. The ETag is the sha256 of the file: until
   * writes give records versions, the only way to know it before sending is to read the family
   * once without sending (which is also all a matching If-None-Match costs), then again while
   * sending. If the second read differs (the data changed in between), the response is cut off
   * rather than ended, so no client keeps a file under an ETag it does not match. A HEAD reads
   * nothing: it gets the headers a GET would, less the ETag (RFC 9110 lets a HEAD omit a field
   * known only by generating the content). Anonymous callers run a bounded number at once (./slots.ts).
   */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL, info: RequestInfo, address: string): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      return sendJson(res, 405, {
        errors: [{ message: `Use GET for /export/bulk, not ${req.method}.`, extensions: { code: 'BAD_REQUEST' } }],
      });
    }
    // The agency asked that only its registered documents run under this token; an export runs the gateway's own queries.
    if (info.caller.kind === 'agency' && info.caller.trustedDocumentsOnly) {
      return graphqlError(
        res,
        403,
        'FORBIDDEN',
        'This token runs only registered (trusted) documents, and the bulk export runs queries of its own. Use a token without "trusted_documents_only" for /export/bulk, or page through the lists with a registered document.',
      );
    }
    let request: BulkRequest;
    try {
      request = await this.parse(url, info);
    } catch (e) {
      if (refuseParameter(res, e)) return;
      if (e instanceof GraphFailure) return sendJson(res, 502, { errors: e.errors });
      throw e;
    }
    const { family, format, regionId } = request;
    const headers = {
      'content-type': BULK_CONTENT_TYPES[format],
      'content-disposition': `attachment; filename="${family.rootField}${regionId ? `-${regionId}` : ''}.${format}"`,
      'cache-control': 'no-cache',
    };
    if (req.method === 'HEAD') {
      res.writeHead(200, headers);
      return void res.end();
    }
    const release = this.slots.acquire(info.caller, address, res);
    if (!release) return;
    let closed = false;
    res.once('close', () => {
      closed = true;
      release();
    });
    let etag: string;
    try {
      // Nothing is sent on this pass, but a client that left stops it all the same (its slot is already back).
      etag = `"${await this.encode(request, async () => {
        if (closed) throw WRITE_ERROR;
      })}"`;
    } catch (e) {
      if (e === WRITE_ERROR) return;
      if (e instanceof GraphFailure) return sendJson(res, 502, { errors: e.errors });
      throw e;
    }
    const ifNoneMatch = req.headers['if-none-match'];
    if (ifNoneMatch && ifNoneMatch.split(',').some((t) => t.trim() === etag || t.trim() === '*')) {
      res.writeHead(304, { etag, 'cache-control': 'no-cache' });
      return void res.end();
    }
    res.writeHead(200, { ...headers, etag });
    const write = async (chunk: string) => {
      if (res.destroyed) throw WRITE_ERROR;
      if (!res.write(chunk)) {
        await new Promise<void>((resolve) => {
          const done = () => {
            res.off('drain', done);
            res.off('close', done);
            resolve();
          };
          res.once('drain', done);
          res.once('close', done);
        });
      }
    };
    try {
      const sent = `"${await this.encode(request, write)}"`;
      if (sent !== etag) {
        this.logger.warn(
          { requestId: info.requestId, type: family.type, format, regionId },
          'bulk export changed while it was sent; response cut off',
        );
        return void res.destroy();
      }
      res.end();
    } catch (e) {
      if (e === WRITE_ERROR) return; // the client went away: stop reading the graph
      this.logger.error(
        { requestId: info.requestId, err: e, type: family.type, format, regionId },
        'bulk export failed mid-stream; response cut off',
      );
      res.destroy();
    }
  }
}
