/** One server-sent event as the text/event-stream format delivers it. */
export interface SseMessage {
  /** The `id:` field of this message, when it carried one. */
  id?: string;
  /** The `event:` field; `message` when absent, as in a browser. */
  event: string;
  /** The `data:` lines joined with "\n". */
  data: string;
}

export interface SseParserOptions {
  onMessage: (message: SseMessage) => void;
  /** A `:` comment line, e.g. a heartbeat. */
  onComment?: (text: string) => void;
  /** A line or a message grew past `maxMessageChars` and was thrown away. */
  onOverflow?: (chars: number) => void;
  /** Bound on one line and on one message's data; a peer that never ends a line cannot grow memory. */
  maxMessageChars?: number;
}

const LF = 10;
const CR = 13;

/**
 * Incremental parser of the text/event-stream format (WHATWG HTML § 9.2): UTF-8 decoded across chunk
 * boundaries, lines ended by CRLF, LF or CR (a CR at the end of one chunk and an LF at the start of the
 * next are one line end), multi-line `data:`, comments and unknown fields ignored, a message dispatched
 * at a blank line, an unterminated message at the end of the stream dropped.
 */
export class SseParser {
  private readonly decoder = new TextDecoder('utf-8');
  private readonly maxChars: number;
  private pending = '';
  private skipLeadingLf = false;
  private discardingLine = false;
  private data: string[] = [];
  private dataChars = 0;
  /** Part of the current message was thrown away: the whole message is dropped at its end. */
  private overflowed = false;
  private event = '';
  private id: string | undefined;

  constructor(private readonly options: SseParserOptions) {
    this.maxChars = options.maxMessageChars ?? 16 * 1024 * 1024;
  }

  push(chunk: Uint8Array | string): void {
    let text = typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true });
    if (this.skipLeadingLf && text.length > 0) {
      if (text.charCodeAt(0) === LF) text = text.slice(1);
      this.skipLeadingLf = false;
    }
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c !== LF && c !== CR) continue;
      const line = this.pending.length ? this.pending + text.slice(start, i) : text.slice(start, i);
      this.pending = '';
      if (this.discardingLine) this.discardingLine = false;
      else this.line(line);
      if (c === CR) {
        if (i + 1 < text.length) {
          if (text.charCodeAt(i + 1) === LF) i++;
        } else {
          this.skipLeadingLf = true;
        }
      }
      start = i + 1;
    }
    if (this.discardingLine) return;
    this.pending += text.slice(start);
    if (this.pending.length > this.maxChars) {
      this.options.onOverflow?.(this.pending.length);
      this.pending = '';
      this.discardingLine = true;
      this.overflow();
    }
  }

  /** The stream ended: an unterminated message is not dispatched (as in a browser). */
  end(): void {
    this.decoder.decode();
    this.pending = '';
    this.resetMessage();
  }

  private line(line: string): void {
    if (line === '') {
      this.dispatch();
      return;
    }
    if (line.charCodeAt(0) === 58 /* : */) {
      this.options.onComment?.(line.slice(1).trimStart());
      return;
    }
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32 /* space */) value = value.slice(1);
    switch (field) {
      case 'event':
        this.event = value;
        break;
      case 'data':
        if (this.overflowed) break;
        this.dataChars += value.length + 1;
        if (this.dataChars > this.maxChars) {
          this.options.onOverflow?.(this.dataChars);
          this.overflow();
          break;
        }
        this.data.push(value);
        break;
      case 'id':
        if (!value.includes('\0')) this.id = value;
        break;
      default:
        // `retry:` and unknown fields: the BFF keeps its own reconnection policy.
        break;
    }
  }

  private dispatch(): void {
    if (this.data.length > 0 && !this.overflowed) {
      const message: SseMessage = { event: this.event || 'message', data: this.data.join('\n') };
      if (this.id !== undefined) message.id = this.id;
      this.resetMessage();
      this.options.onMessage(message);
      return;
    }
    this.resetMessage();
  }

  private overflow(): void {
    this.data = [];
    this.dataChars = 0;
    this.overflowed = true;
  }

  private resetMessage(): void {
    this.data = [];
    this.dataChars = 0;
    this.overflowed = false;
    this.event = '';
    this.id = undefined;
  }
}
