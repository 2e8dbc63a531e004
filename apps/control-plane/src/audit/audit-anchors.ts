import { appendFile, open } from 'node:fs/promises';
import { join } from 'node:path';
import type { AuditAnchor } from '@corridor/shared';
import type { Queryable } from '@corridor/store';
import { canonicalJson } from './audit-log.ts';
import { hmacHex, sameHex, type AuditKeyring } from './audit-keys.ts';

export const AUDIT_ANCHOR_FILE = 'audit-anchors.jsonl';
/** How much of the file's end is read to find its last line: a line is ~250 bytes. */
const TAIL_BYTES = 16 * 1024;

/** What the anchor file says now: the anchor to check the chain against, and whether the file itself was tampered with. */
export interface AnchorReading {
  anchor?: AuditAnchor;
  /** Why the file cannot be trusted (a changed or removed line), when it cannot. */
  forged?: string;
}

interface AnchorLine extends AuditAnchor {
  mac: string;
}

const macOf = (keyring: AuditKeyring, a: AuditAnchor) => {
  const key = keyring.byId.get(a.keyId);
  return key && hmacHex(key, `corridor audit anchor\n${canonicalJson({ seq: a.seq, hash: a.hash, at: a.at, keyId: a.keyId })}`);
};

/**
 * The chain's head, written outside the store: every so often (and at shutdown) one HMAC'd JSON line
 * `{ seq, hash, at, keyId, mac }` appended to `<dataDir>/audit-anchors.jsonl`. Someone who cuts the
 * tail off the chain (and moves audit_head back) cannot make the chain hold the anchored hash again,
 * and cannot write a new anchor line without the key. The process also remembers the last line it
 * wrote, so a removed or rewritten last line is caught while it runs.
 */
export class AuditAnchors {
  readonly file: string;
  private written?: AuditAnchor;

  constructor(
    dataDir: string,
    private readonly keyring: AuditKeyring,
    private readonly now: () => number = Date.now,
  ) {
    this.file = join(dataDir, AUDIT_ANCHOR_FILE);
  }

  /**
   * Appends the head as an anchor when it moved on from the last one. Nothing is appended while the file's
   * last line is forged, or while the chain no longer holds the last anchor (shorter, or another hash at its
   * seq): a restart must not anchor a tampered chain over the evidence, so verify keeps naming it.
   */
  async write(db: Queryable): Promise<{ anchor?: AuditAnchor; refused?: string }> {
    const reading = await this.read();
    if (reading.forged) return { ...reading, refused: reading.forged };
    const last = reading.anchor;
    const head = (await db.query<{ seq: string | number; hash: string }>('SELECT seq, hash FROM audit_head')).rows[0]!;
    const seq = Number(head.seq);
    if (last) {
      if (last.seq === seq && last.hash === head.hash) return { anchor: last };
      const at = last.seq === 0 ? undefined : (await db.query<{ hash: string }>('SELECT hash FROM audit_log WHERE seq = $1', [last.seq])).rows[0];
      if (seq < last.seq || (last.seq > 0 && at?.hash !== last.hash)) return { anchor: last, refused: `the chain no longer holds the anchor of seq ${last.seq}` };
    }
    const anchor: AuditAnchor = { seq, hash: head.hash, at: new Date(this.now()).toISOString(), keyId: this.keyring.current.id };
    const line: AnchorLine = { ...anchor, mac: macOf(this.keyring, anchor)! };
    // Flag 'a': appended, never rewritten; owner-only like the key.
    await appendFile(this.file, `${JSON.stringify(line)}\n`, { flag: 'a', mode: 0o600 });
    this.written = anchor;
    return { anchor };
  }

  /**
   * The anchor of the file to check the chain against: the highest seq among its last lines (replicas
   * sharing the file may append out of order by a moment), whose MAC must hold, as must the last line's.
   * It must also not be below the last anchor this process wrote (a removed line).
   */
  async read(): Promise<AnchorReading> {
    const lines = await this.tailLines();
    const mine = this.written;
    const withMine = (forged: string): AnchorReading => ({ ...(mine ? { anchor: mine } : {}), forged });
    if (!lines.length) return mine ? withMine(`the anchor file lost its lines (seq ${mine.seq} was written)`) : {};
    const last = parseLine(lines.at(-1)!);
    if (!last) return withMine('the last line of the anchor file is not an anchor');
    const parsed = lines.map(parseLine).filter((l): l is AnchorLine => l !== undefined);
    const highest = parsed.reduce((a, b) => (b.seq > a.seq ? b : a), last);
    for (const line of new Set([last, highest])) {
      const mac = macOf(this.keyring, line);
      if (!mac) return withMine(`the anchor of seq ${line.seq} is signed with a key not known here (${line.keyId})`);
      if (!sameHex(mac, line.mac)) return withMine(`the anchor of seq ${line.seq} does not match its signature`);
    }
    const anchor: AuditAnchor = { seq: highest.seq, hash: highest.hash, at: highest.at, keyId: highest.keyId };
    if (mine && (anchor.seq < mine.seq || (anchor.seq === mine.seq && anchor.hash !== mine.hash))) {
      return { anchor: mine, forged: `the anchor file's last anchor is seq ${anchor.seq}, but seq ${mine.seq} was written` };
    }
    return { anchor };
  }

  private async tailLines(): Promise<string[]> {
    let handle;
    try {
      handle = await open(this.file, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    try {
      const { size } = await handle.stat();
      const length = Math.min(size, TAIL_BYTES);
      const buffer = Buffer.alloc(length);
      await handle.read(buffer, 0, length, size - length);
      const lines = buffer.toString('utf8').split('\n');
      // The first piece may be the end of a line cut by the window.
      if (length < size) lines.shift();
      return lines.filter((l) => l.trim() !== '');
    } finally {
      await handle.close();
    }
  }
}

function parseLine(text: string): AnchorLine | undefined {
  try {
    const v = JSON.parse(text) as Partial<AnchorLine>;
    if (typeof v.seq !== 'number' || !Number.isInteger(v.seq) || v.seq < 0) return undefined;
    if (typeof v.hash !== 'string' || typeof v.at !== 'string' || typeof v.keyId !== 'string' || typeof v.mac !== 'string') return undefined;
    return { seq: v.seq, hash: v.hash, at: v.at, keyId: v.keyId, mac: v.mac };
  } catch {
    return undefined;
  }
}
