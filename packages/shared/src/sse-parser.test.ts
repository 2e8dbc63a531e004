import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SseParser, type SseMessage } from './sse-parser.ts';

function parseAll(chunks: (string | Uint8Array)[], maxMessageChars?: number) {
  const messages: SseMessage[] = [];
  const comments: string[] = [];
  let overflows = 0;
  const parser = new SseParser({
    onMessage: (m) => messages.push(m),
    onComment: (c) => comments.push(c),
    onOverflow: () => overflows++,
    ...(maxMessageChars ? { maxMessageChars } : {}),
  });
  for (const chunk of chunks) parser.push(chunk);
  parser.end();
  return { messages, comments, overflows };
}

const STREAM = 'retry: 2000\n\n: heartbeat\n\nid: 7\nevent: telemetry\ndata: {"a":1}\n\nevent: resync\ndata: {"lastEventId":9}\n\n';

describe('SseParser', () => {
  it('reads ids, event types, data and comments', () => {
    const { messages, comments } = parseAll([STREAM]);
    expect(messages).toEqual([
      { id: '7', event: 'telemetry', data: '{"a":1}' },
      { event: 'resync', data: '{"lastEventId":9}' },
    ]);
    expect(comments).toEqual(['heartbeat']);
  });

  it('joins multi-line data, defaults the type to "message" and strips one leading space only', () => {
    const { messages } = parseAll(['data:first\ndata:  second\ndata\n\n']);
    expect(messages).toEqual([{ event: 'message', data: 'first\n second\n' }]);
  });

  it('accepts CRLF and lone CR line ends, also when a CRLF is split across chunks', () => {
    const { messages } = parseAll(['id: 1\r\nevent: fault\r', '\ndata: x\r\r', '\nid: 2\rdata: y\r\r']);
    expect(messages).toEqual([
      { id: '1', event: 'fault', data: 'x' },
      { id: '2', event: 'message', data: 'y' },
    ]);
  });

  it('decodes a multi-byte character split across chunks', () => {
    const bytes = new TextEncoder().encode('data: Côte d’Ivoire\n\n');
    const { messages } = parseAll([bytes.slice(0, 8), bytes.slice(8, 9), bytes.slice(9)]);
    expect(messages[0]?.data).toBe('Côte d’Ivoire');
  });

  it('drops an unterminated message at the end of the stream and a message with no data', () => {
    const { messages } = parseAll(['event: telemetry\n\nid: 3\ndata: half']);
    expect(messages).toEqual([]);
  });

  it('throws away a message that grows past the bound, then goes on', () => {
    const { messages, overflows } = parseAll([`data: ${'x'.repeat(50)}`, 'x'.repeat(60), '\nevent: big\n\ndata: small\n\n'], 100);
    expect(overflows).toBe(1);
    expect(messages).toEqual([{ event: 'message', data: 'small' }]);
  });

  it('gives the same messages however the stream is cut into chunks', () => {
    const bytes = new TextEncoder().encode(STREAM.replaceAll('\n', '\r\n') + 'data: é\n\n');
    const whole = parseAll([bytes]).messages;
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 12 }), (cuts) => {
        const at = [0, ...cuts.sort((a, b) => a - b), bytes.length];
        const chunks = at.slice(1).map((end, i) => bytes.slice(at[i], end));
        expect(parseAll(chunks).messages).toEqual(whole);
      }),
    );
  });
});
