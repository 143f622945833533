import type { Socket } from 'node:net';

/**
 * Largest request head (request line and headers) a server reads: Node's own default, 16 KiB,
 * stated here so it is declared once. A bearer token is about 1 KB; nothing a client of this
 * graph sends comes near it.
 */
export const MAX_HEADER_BYTES = 16 * 1024;

/** After answering a request that cannot be parsed, what the client still sends is read and dropped up to this much, then the connection is cut. */
const DRAIN_LIMIT_BYTES = 1024 * 1024;
/** …and for at most this long. */
const DRAIN_MS = 5000;

const answers: Record<string, [status: number, reason: string, message: string]> = {
  HPE_HEADER_OVERFLOW: [
    431,
    'Request Header Fields Too Large',
    `The request's headers exceed ${MAX_HEADER_BYTES} bytes. Send fewer or shorter headers. (MAX_HEADER_BYTES)`,
  ],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout', 'The request was not received in time. Send it again, whole.'],
};
const badRequest: [number, string, string] = [400, 'Bad Request', 'The request is not valid HTTP/1.1. Send a well-formed request.'];

/**
 * Node's 'clientError' handler: a request Node cannot parse (a head past MAX_HEADER_BYTES, bad
 * syntax, a timeout) gets a GraphQL-shaped JSON answer written to the socket, like every other
 * refusal, instead of Node's empty one. The rest of what the client is sending is then read and
 * dropped (bounded) before the connection closes: closing a socket with unread data resets it,
 * and the client would see the reset instead of the answer.
 */
export function answerClientError(err: NodeJS.ErrnoException, socket: Socket): void {
  const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (err.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  const [status, reason, message] = answers[err.code ?? ''] ?? badRequest;
  const body = JSON.stringify({ errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] });
  // Node's parser stays attached to the socket; what arrives from here on is only counted.
  socket.removeAllListeners('data');
  let drained = 0;
  socket.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_LIMIT_BYTES) socket.destroy();
  });
  // Once both sides have ended the socket closes itself; this bounds a client that never stops.
  setTimeout(() => socket.destroy(), DRAIN_MS).unref();
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/json; charset=utf-8\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
  socket.resume();
}
