import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import pretty from 'pino-pretty';

export type { Logger };

/** Longest string a log line keeps of any one field; the rest is replaced by a count. */
export const DEFAULT_LOG_MAX_FIELD_CHARS = 2000;

/**
 * Copies a log object with every long string cut to `max` characters (errors included), so a
 * client cannot make one request write megabytes of log (a 900 KB operationName, say).
 */
export function truncateFields(value: unknown, max: number, depth = 0): unknown {
  if (typeof value === 'string') return value.length > max ? `${value.slice(0, max)}… (${value.length - max} more characters)` : value;
  if (value === null || typeof value !== 'object' || depth > 8) return value;
  if (value instanceof Error) {
    const err = pino.stdSerializers.err(value) as unknown as Record<string, unknown>;
    return truncateFields(err, max, depth + 1);
  }
  if (Array.isArray(value)) return value.slice(0, 100).map((v) => truncateFields(v, max, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, truncateFields(v, max, depth + 1)]));
}

/**
 * One logger per process; `name` tells which server wrote a line. JSON lines by default; `pretty`
 * (LOG_FORMAT) formats them for a person, in the process itself rather than a worker thread, so a
 * line is written before the process exits. `destination` defaults to standard output. A line
 * about a request names its `requestId` itself: serve()'s request line, error masking, the
 * gateway's subgraph client and cache, a resolver's `ctx.logger` (a child bound to the id). Not a
 * store carried across awaits: on Node 20 that runs a hook on every promise, which cost the
 * subgraphs 5–14 % of their requests per second.
 */
export function createLogger(
  name: string,
  level: string = process.env.LOG_LEVEL || 'info',
  maxFieldChars: number = DEFAULT_LOG_MAX_FIELD_CHARS,
  format: 'json' | 'pretty' = 'json',
  destination?: DestinationStream,
): Logger {
  const stream =
    format === 'pretty'
      ? pretty({ destination: destination ?? 1, sync: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' })
      : destination;
  const options: LoggerOptions = {
    name,
    level,
    hooks: {
      logMethod(args, method) {
        method.apply(this, args.map((a) => truncateFields(a, maxFieldChars)) as Parameters<typeof method>);
      },
    },
  };
  return stream ? pino(options, stream) : pino(options);
}
