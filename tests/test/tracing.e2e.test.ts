import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { SpanKind, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { createLogger, EnvironmentError, gatewayEnvironment, REPO_ROOT, startTracing, subgraphEnvironment } from '@hsg/core';
import { startGateway } from '@hsg/gateway';
import { startStack, urlsOf, type Stack } from './stack';

// The suite runs on SQLite, and on PostgreSQL when TEST_DATABASE_URL is set.
const DB_SYSTEM = process.env.TEST_DATABASE_URL ? 'postgresql' : 'sqlite';

type Line = Record<string, unknown>;
const capturingLogger = (lines: Line[]) =>
  createLogger('gateway', 'info', 100_000, 'json', { write: (s: string) => lines.push(JSON.parse(s)) });

const HEADLINE = readFileSync(path.join(REPO_ROOT, 'examples', 'headline.graphql'), 'utf8');

/** Resolves once `ready()` holds, checking every 10 ms for at most 5 s. */
async function until(ready: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !ready(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(ready()).toBe(true);
}

test('tracing is off unless an exporter is configured; the variables are checked', async () => {
  expect(gatewayEnvironment({}).tracing).toEqual({ exporter: 'none' });
  // Off: nothing is constructed, and a span made through the API records nothing.
  expect(await startTracing('gateway', gatewayEnvironment({}).tracing)).toBeNull();
  const span = trace.getTracer('probe').startSpan('probe');
  expect(span.isRecording()).toBe(false);
  span.end();

  expect(gatewayEnvironment({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318/' }).tracing).toEqual({
    exporter: 'otlp',
    url: 'http://127.0.0.1:4318/v1/traces',
  });
  expect(subgraphEnvironment('regions', { OTEL_TRACES_EXPORTER: 'console' }, REPO_ROOT).tracing).toEqual({ exporter: 'console' });
  expect(gatewayEnvironment({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318', OTEL_TRACES_EXPORTER: 'none' }).tracing).toEqual({
    exporter: 'none',
  });
  expect(() => gatewayEnvironment({ OTEL_TRACES_EXPORTER: 'otlp' })).toThrow(
    new EnvironmentError(['OTEL_TRACES_EXPORTER="otlp": needs OTEL_EXPORTER_OTLP_ENDPOINT, the collector to send spans to']),
  );
  expect(() => gatewayEnvironment({ OTEL_TRACES_EXPORTER: 'jaeger' })).toThrow(
    new EnvironmentError(['OTEL_TRACES_EXPORTER="jaeger": must be otlp, console or none']),
  );
  expect(() => gatewayEnvironment({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).toThrow(
    new EnvironmentError(['OTEL_EXPORTER_OTLP_ENDPOINT="collector:4318": must be an http:// or https:// URL']),
  );
});

test('with OTEL_EXPORTER_OTLP_ENDPOINT set, a process posts its spans to <endpoint>/v1/traces as OTLP/HTTP JSON', async () => {
  const received: { url?: string; headers: IncomingHttpHeaders; body: string }[] = [];
  const collector = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push({ url: req.url, headers: req.headers, body });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = collector.address() as AddressInfo;
    // A process of its own, as a subgraph's index.ts starts it (built core; turbo builds before tests):
    // one provider per process, and this file's provider is the in-memory one below.
    const script = `const core = require(${JSON.stringify(path.join(REPO_ROOT, 'packages', 'core', 'dist', 'index.js'))});
      const { trace } = require('@opentelemetry/api');
      (async () => {
        const tracing = await core.startTracing('regions', core.subgraphEnvironment('regions', process.env, core.REPO_ROOT).tracing);
        trace.getTracer('probe').startSpan('otlp probe').end();
        await tracing.shutdown(); // sends the batch
        console.log(trace.getTracer('probe').startSpan('after').isRecording());
      })();`;
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', script], {
      cwd: path.join(REPO_ROOT, 'packages', 'core'),
      env: { PATH: process.env.PATH, OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}` },
    });
    expect(stdout.trim()).toBe('false'); // shut down, nothing records any more
    expect(received).toHaveLength(1);
    expect(received[0].url).toBe('/v1/traces');
    expect(received[0].headers['content-type']).toBe('application/json');
    const sent = JSON.parse(received[0].body);
    expect(sent.resourceSpans).toHaveLength(1);
    expect(sent.resourceSpans[0].resource.attributes).toContainEqual({ key: 'service.name', value: { stringValue: 'regions' } });
    expect(sent.resourceSpans[0].scopeSpans.flatMap((s: { spans: { name: string }[] }) => s.spans.map((span) => span.name))).toEqual([
      'otlp probe',
    ]);
  } finally {
    await new Promise((resolve) => collector.close(resolve));
  }
});

describe('the headline query with a client traceparent', () => {
  const exporter = new InMemorySpanExporter();
  const lines: Line[] = [];
  let tracing: Awaited<ReturnType<typeof startTracing>>;
  let stack: Stack;
  let gateway: Awaited<ReturnType<typeof startGateway>>;
  beforeAll(async () => {
    tracing = await startTracing('hsg', { exporter: 'none' }, exporter);
    stack = await startStack();
    // Every request is "slow", so its line carries the gateway's query plan.
    gateway = await startGateway({ port: 0, subgraphUrls: urlsOf(stack.subgraphs), logger: capturingLogger(lines), slowRequestMs: 0 });
  });
  afterAll(async () => {
    await gateway?.stop();
    await stack?.stop();
    await tracing?.shutdown();
  });

  test('is one trace: gateway phases, one fetch span per fetch of the plan, each subgraph request under its fetch, resolvers and SQL under those', async () => {
    const traceId = randomBytes(16).toString('hex');
    const clientSpanId = randomBytes(8).toString('hex');
    exporter.reset();
    const res = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', traceparent: `00-${traceId}-${clientSpanId}-01`, 'x-request-id': 'trace-headline' },
      body: JSON.stringify({ query: HEADLINE }),
    });
    const body = (await res.json()) as { data?: { region: { projects: { totalCount: number } } }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(body.data!.region.projects.totalCount).toBeGreaterThan(0);
    const isGatewayRequest = (s: ReadableSpan) => s.kind === SpanKind.SERVER && s.attributes['hsg.service'] === 'gateway';
    await until(() => exporter.getFinishedSpans().some(isGatewayRequest));

    const spans = exporter.getFinishedSpans();
    expect(new Set(spans.map((s) => s.spanContext().traceId))).toEqual(new Set([traceId]));
    const byId = new Map(spans.map((s) => [s.spanContext().spanId, s]));
    const children = (parent: ReadableSpan) => spans.filter((s) => s.parentSpanId === parent.spanContext().spanId);
    const named = (list: ReadableSpan[], name: string) => list.filter((s) => s.name === name);
    const ancestors = (span: ReadableSpan): ReadableSpan[] => {
      const parent = span.parentSpanId ? byId.get(span.parentSpanId) : undefined;
      return parent ? [parent, ...ancestors(parent)] : [];
    };

    // The gateway's request span is the client's span's child, and names the request.
    const roots = spans.filter(isGatewayRequest);
    expect(roots).toHaveLength(1);
    const [root] = roots;
    expect(root.parentSpanId).toBe(clientSpanId);
    expect(root.name).toBe('POST /graphql');
    expect(root.attributes).toMatchObject({
      'hsg.request_id': 'trace-headline',
      'graphql.operation.name': 'GuangzhouNationalCentreProjects',
      'http.response.status_code': 200,
    });
    expect(children(root).map((s) => s.name)).toEqual(expect.arrayContaining(['graphql.parse', 'graphql.validate', 'gateway.request']));
    const [request] = named(children(root), 'gateway.request');
    expect(children(request).map((s) => s.name)).toEqual(expect.arrayContaining(['gateway.validate', 'gateway.plan', 'gateway.execute']));
    const [execute] = named(children(request), 'gateway.execute');

    // One fetch span per Fetch node of the plan the gateway logged, all within gateway.execute.
    const logged = lines.find((l) => l.requestId === 'trace-headline' && l.msg === 'slow request')!;
    expect(logged.traceId).toBe(traceId);
    const planned = [...(logged.queryPlan as string).matchAll(/Fetch\(service: "(\w+)"\)/g)].map((m) => m[1]);
    // The projects' region names come with the projects (@provides), so there is no third fetch.
    expect(planned).toEqual(['regions', 'facilities']);
    const fetches = named(spans, 'gateway.fetch');
    expect(fetches.map((f) => f.attributes.service).sort()).toEqual([...planned].sort());
    for (const f of fetches) expect(ancestors(f)).toContain(execute);

    // Each fetch's subgraph request is its child, in the subgraph the fetch went to.
    const served = fetches.map((f) => {
      const requests = children(f).filter((s) => s.kind === SpanKind.SERVER);
      expect(requests).toHaveLength(1);
      expect(requests[0]).toMatchObject({ name: 'POST /graphql', attributes: { 'hsg.service': f.attributes.service } });
      expect(requests[0].attributes['hsg.request_id']).toBe('trace-headline');
      return requests[0];
    });
    const under = (span: ReadableSpan) => spans.filter((s) => ancestors(s).includes(span));

    // regions: region(id) is Region.byId, which loads through Region.load, whose SQL statement is its
    // child; no Region.reference, since facilities gave the projects' region names.
    const regionRequests = served.filter((s) => s.attributes['hsg.service'] === 'regions');
    expect(regionRequests).toHaveLength(1);
    const [byIdSpan] = named(under(regionRequests[0]), 'Region.byId');
    expect(byIdSpan.attributes).toMatchObject({ 'graphql.field.name': 'region', 'hsg.entity.id': '440100' });
    expect(named(under(regionRequests[0]), 'Region.reference')).toEqual([]);
    const [load] = named(children(byIdSpan), 'Region.load');
    const regionStatements = children(load);
    expect(regionStatements).toHaveLength(1);
    expect(regionStatements[0]).toMatchObject({
      name: 'SELECT regions',
      kind: SpanKind.CLIENT,
      attributes: { 'db.system.name': DB_SYSTEM, 'db.namespace': 'regions', 'db.operation.name': 'SELECT' },
    });
    expect(regionStatements[0].attributes['db.query.text']).toMatch(/^SELECT .* FROM ("regions"\.)?"region"/);

    // facilities: the projects' facilities and their designations load in batches, SQL under each.
    const [facilitiesRequest] = served.filter((s) => s.attributes['hsg.service'] === 'facilities');
    const facilitySpans = under(facilitiesRequest);
    for (const name of ['Facility.load', 'Designation.loadBy hostId']) {
      const loads = named(facilitySpans, name);
      expect(loads.length).toBeGreaterThan(0);
      for (const load of loads) expect(children(load).map((s) => s.name)).toEqual(['SELECT facilities']);
    }
    // Every statement of the request is traced within a subgraph request of this trace: the region;
    // the projects' page with its rows; their facilities (the parents are among them); their designations.
    const statements = spans.filter((s) => s.attributes['db.system.name'] === DB_SYSTEM);
    const tables = statements.map((s) => String(s.attributes['db.query.text']).match(/ FROM ("\w+"\.)?"(\w+)"/)?.[2]);
    expect(tables.sort()).toEqual(['designation', 'facility', 'project', 'region']);
    for (const s of statements) expect(served.some((r) => ancestors(s).includes(r))).toBe(true);
  });

  test('a malformed traceparent starts a trace of its own; a trace the client did not sample records nothing', async () => {
    const send = async (traceparent: string, requestId: string) => {
      const res = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', traceparent, 'x-request-id': requestId },
        body: JSON.stringify({ query: '{ region(id: "440115") { name } }' }),
      });
      expect(await res.json()).toMatchObject({ data: { region: { name: '南沙区' } } });
    };
    exporter.reset();
    await send('00-not-a-trace-01', 'trace-malformed');
    const gatewayRequest = (s: ReadableSpan) => s.kind === SpanKind.SERVER && s.attributes['hsg.request_id'] === 'trace-malformed';
    await until(() => exporter.getFinishedSpans().filter(gatewayRequest).length === 2); // the gateway's and the subgraph's
    const [root] = exporter.getFinishedSpans().filter((s) => gatewayRequest(s) && s.attributes['hsg.service'] === 'gateway');
    expect(root.parentSpanId).toBeUndefined();
    expect(new Set(exporter.getFinishedSpans().map((s) => s.spanContext().traceId))).toEqual(new Set([root.spanContext().traceId]));

    exporter.reset();
    await send(`00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-00`, 'trace-unsampled');
    await until(() => lines.some((l) => l.requestId === 'trace-unsampled' && l.msg === 'slow request'));
    expect(exporter.getFinishedSpans()).toEqual([]);
    expect(lines.find((l) => l.requestId === 'trace-unsampled')!.traceId).toBeUndefined();
  });
});
