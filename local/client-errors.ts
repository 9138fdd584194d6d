/**
 * Node answers a request whose head it cannot parse (too large, malformed) itself, before the app sees it,
 * with a bare status line. The front door's clients get Matrix errors for those too.
 */
import type { ServerType } from '@hono/node-server';
import type { Duplex } from 'node:stream';

const ANSWERS: Record<string, [number, string, string, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large', 'M_TOO_LARGE', 'Request headers too large'],
};
const MALFORMED: [number, string, string, string] = [400, 'Bad Request', 'M_UNKNOWN', 'Malformed request'];

export function answerClientErrorsAsMatrix(server: ServerType): void {
  // Every server @hono/node-server makes (HTTP/1 or HTTP/2) emits 'clientError' with these arguments.
  (server as import('node:http').Server).on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // A client that went away needs no answer.
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const [status, reason, errcode, message] = ANSWERS[error.code ?? ''] ?? MALFORMED;
    const body = JSON.stringify({ errcode, error: message });
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  });
}
