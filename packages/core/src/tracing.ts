import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes, type Span } from '@opentelemetry/api';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';

/**
 * Where a process sends its spans (OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_TRACES_EXPORTER): nowhere by
 * default; `otlp` posts them to `url` (OTLP/HTTP, JSON); `console` prints them to standard output.
 */
export type TracingConfig = { exporter: 'none' } | { exporter: 'otlp'; url: string } | { exporter: 'console' };

export interface Tracing {
  /** Sends what is still buffered and unregisters the provider, so nothing runs after stop. */
  shutdown: () => Promise<void>;
}

/**
 * The spans this project makes itself. The gateway's own (gateway.request, gateway.validate,
 * gateway.plan, gateway.execute, gateway.fetch) come from @apollo/gateway through the same API.
 */
const tracer = trace.getTracer('hsg');

/**
 * Whether a provider is registered. Until one is, every helper here returns at once without
 * making a span, so a process without tracing pays one boolean test per seam.
 */
let enabled = false;

/**
 * Registers the process's tracer provider: W3C trace context (`traceparent`) in and out, the
 * active span carried across awaits (AsyncLocalStorage), spans tagged with `service` as
 * `service.name`. Returns null and constructs nothing (no provider, no exporter, the SDK not even
 * loaded) when `config` says none and no `exporter` is given; `exporter` (tests, the benchmark)
 * takes each span as it ends. One provider per process: the tests' in-process stack shares it.
 */
export async function startTracing(service: string, config: TracingConfig, exporter?: SpanExporter): Promise<Tracing | null> {
  if (config.exporter === 'none' && !exporter) return null;
  if (enabled) throw new Error('Tracing is already started in this process.');
  const sdk = await import('@opentelemetry/sdk-trace-base');
  const { AsyncLocalStorageContextManager } = await import('@opentelemetry/context-async-hooks');
  const { W3CTraceContextPropagator } = await import('@opentelemetry/core');
  const { Resource } = await import('@opentelemetry/resources');
  let processor;
  if (exporter) processor = new sdk.SimpleSpanProcessor(exporter);
  else if (config.exporter === 'console') processor = new sdk.SimpleSpanProcessor(new sdk.ConsoleSpanExporter());
  else {
    const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-http');
    processor = new sdk.BatchSpanProcessor(new OTLPTraceExporter({ url: (config as { url: string }).url }));
  }
  const provider = new sdk.BasicTracerProvider({ resource: new Resource({ 'service.name': service }), spanProcessors: [processor] });
  const contextManager = new AsyncLocalStorageContextManager().enable();
  provider.register({ contextManager, propagator: new W3CTraceContextPropagator() });
  enabled = true;
  return {
    shutdown: async () => {
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
      enabled = false;
    },
  };
}

/** Where the server span of an HTTP request goes: everything but probes, scrapes and the change feed. */
const untraced = (path: string) => path.startsWith('/_') || path === '/metrics';

/**
 * The span of one HTTP request a server answers, a child of the caller's span when the request
 * carries a `traceparent` (the gateway's fetch span, or the client's); null when tracing is off
 * or the path is not traced. `run` the handler in its context so every span it makes nests;
 * `traceId` goes into the request's log line.
 */
export function startRequestSpan(
  service: string,
  method: string,
  path: string,
  headers: Record<string, string | string[] | undefined>,
): { span: Span; traceId?: string; run: <T>(fn: () => T) => T } | null {
  if (!enabled || untraced(path)) return null;
  const parent = propagation.extract(ROOT_CONTEXT, headers);
  const span = tracer.startSpan(
    `${method} ${path}`,
    { kind: SpanKind.SERVER, attributes: { 'http.request.method': method, 'url.path': path, 'hsg.service': service } },
    parent,
  );
  const active = trace.setSpan(parent, span);
  // A trace the caller chose not to sample is not recorded: its id would find nothing.
  const traceId = span.isRecording() ? span.spanContext().traceId : undefined;
  return { span, traceId, run: (fn) => context.with(active, fn) };
}

/** Ends a request span with what the response turned out to be. */
export function endRequestSpan(span: Span, status: number, attributes: Attributes): void {
  span.setAttributes({ 'http.response.status_code': status, ...attributes });
  if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
  span.end();
}

/** Adds the active span's `traceparent` to the headers of an outgoing request (the gateway's subgraph fetches). */
export function injectTraceContext(headers: { set: (key: string, value: string) => unknown }): void {
  if (!enabled) return;
  propagation.inject(context.active(), headers, { set: (carrier, key, value) => carrier.set(key, value) });
}

/**
 * Runs `fn` in a child span of the active one, ended when its promise settles (a rejection is
 * recorded on it). Without an active recorded span (tracing off, or outside any request) `fn`
 * runs as it is: work outside a request starts no trace of its own.
 */
export function traced<T>(name: string, attributes: Attributes, fn: () => Promise<T>): Promise<T> {
  if (!enabled || !trace.getActiveSpan()?.isRecording()) return fn();
  return tracer.startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await fn();
    } catch (e) {
      span.recordException(e as Error);
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw e;
    } finally {
      span.end();
    }
  });
}

/** A span of one phase (parse, validate) that nothing nests in: started now, ended by the returned function. */
export function phaseSpan(name: string): ((error?: unknown) => void) | undefined {
  if (!enabled || !trace.getActiveSpan()?.isRecording()) return undefined;
  const span = tracer.startSpan(name);
  return (error) => {
    if (error) span.setStatus({ code: SpanStatusCode.ERROR, message: String((error as Error).message ?? error).slice(0, 200) });
    span.end();
  };
}

/** Longest statement text a SQL span keeps. */
const MAX_STATEMENT_CHARS = 2000;

/**
 * Spans of SQL statements, from the ORM's before- and after-query events. The two events of one
 * statement share its parameter array, which pairs them even when statements of several requests
 * interleave; a statement without parameters is paired by its text, first in first out. A
 * statement outside any traced request makes no span.
 */
export class StatementSpans {
  private readonly byParameters = new WeakMap<object, Span>();
  private readonly byText = new Map<string, Span[]>();

  /** `system` is the database (sqlite, postgresql), `namespace` the subgraph whose database it is. */
  constructor(
    private readonly system: string,
    private readonly namespace: string,
  ) {}

  start(statement: string, parameters: unknown): void {
    if (!enabled || !trace.getActiveSpan()?.isRecording()) return;
    const operation = /^\s*(\w+)/.exec(statement)?.[1]?.toUpperCase() ?? 'SQL';
    const span = tracer.startSpan(`${operation} ${this.namespace}`, {
      kind: SpanKind.CLIENT,
      attributes: {
        'db.system.name': this.system,
        'db.namespace': this.namespace,
        'db.operation.name': operation,
        'db.query.text': statement.slice(0, MAX_STATEMENT_CHARS),
      },
    });
    if (parameters && typeof parameters === 'object') this.byParameters.set(parameters, span);
    else this.byText.set(statement, [...(this.byText.get(statement) ?? []), span]);
  }

  end(statement: string, parameters: unknown, error?: unknown): void {
    if (!enabled) return;
    let span: Span | undefined;
    if (parameters && typeof parameters === 'object') {
      span = this.byParameters.get(parameters);
      this.byParameters.delete(parameters);
    } else {
      const waiting = this.byText.get(statement);
      span = waiting?.shift();
      if (waiting && !waiting.length) this.byText.delete(statement);
    }
    if (!span) return;
    if (error) span.setStatus({ code: SpanStatusCode.ERROR, message: String((error as Error).message ?? error).slice(0, 200) });
    span.end();
  }
}
