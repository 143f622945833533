import pino, { type Logger } from 'pino';

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

/** One JSON logger per process; `name` tells which server wrote a line. */
export function createLogger(
  name: string,
  level: string = process.env.LOG_LEVEL || 'info',
  maxFieldChars: number = DEFAULT_LOG_MAX_FIELD_CHARS,
): Logger {
  return pino({
    name,
    level,
    hooks: {
      logMethod(args, method) {
        method.apply(this, args.map((a) => truncateFields(a, maxFieldChars)) as Parameters<typeof method>);
      },
    },
  });
}
