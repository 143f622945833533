import pino, { type Logger } from 'pino';

export type { Logger };

/** One JSON logger per process; `name` tells which server wrote a line. */
export function createLogger(name: string, level: string = process.env.LOG_LEVEL || 'info'): Logger {
  return pino({ name, level });
}
