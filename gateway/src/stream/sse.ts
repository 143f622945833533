import type { ServerResponse } from 'node:http';

/** A comment line every so often, so proxies and clients that time out idle connections keep the stream. */
export const KEEP_ALIVE_MS = 15_000;

/** The headers of a stream: an event stream that no cache or proxy holds back. */
export const STREAM_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  connection: 'keep-alive',
  // nginx buffers proxied responses unless told not to; an event would wait for the buffer to fill.
  'x-accel-buffering': 'no',
};

/**
 * The protocol's `next` event (GraphQL over SSE, distinct connections mode: the data is the
 * execution result itself), with the SSE `id` a browser's EventSource keeps and sends back as
 * Last-Event-ID when it reconnects.
 */
export const nextEvent = (id: string | null, result: unknown) =>
  `event: next\n${id === null ? '' : `id: ${id}\n`}data: ${JSON.stringify(result)}\n\n`;

/** The protocol's `complete` event: the operation is over, and a client does not reconnect. */
export const COMPLETE_EVENT = 'event: complete\ndata:\n\n';

/** An SSE comment: ignored by clients. One is sent first, since some browsers wait for a body before they report the stream open. */
export const KEEP_ALIVE = ':\n\n';

/** Writes a chunk and waits while the client's buffer is full (a slow client holds one page, not the feed). */
export async function write(res: ServerResponse, chunk: string, signal: AbortSignal): Promise<void> {
  if (res.writableEnded || res.destroyed || res.write(chunk)) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      res.off('drain', done);
      signal.removeEventListener('abort', done);
      resolve();
    };
    res.once('drain', done);
    signal.addEventListener('abort', done, { once: true });
  });
}
