import { why, type FieldReason } from '@conveyor/shared';

/** What a file's bytes turned out to be. */
export type Sniffed =
  | {
      ok: true;
      encoding: 'utf-8' | 'windows-1251';
      /** Bytes of a UTF-8 byte order mark to skip (0 or 3). */
      bom: number;
      /** The bytes of the first line (up to 64 KiB), for the delimiter. */
      firstLine: Uint8Array;
      bytes: number;
    }
  | { ok: false; line: number; reason: string; why: FieldReason };

const FIRST_LINE_MAX = 64 * 1024;
/** The one byte Windows-1251 leaves undefined. */
const CP1251_HOLE = 0x98;

/**
 * Tells UTF-8 from Windows-1251 as the bytes stream past, without keeping them: a file that is
 * valid UTF-8 throughout is UTF-8 (with or without a byte order mark); otherwise it is read as
 * Windows-1251, unless it has a byte that code page does not define, or a NUL (a binary file, or
 * UTF-16 as Excel's "Unicode text" saves it), which neither encoding puts in a CSV.
 */
export class EncodingSniffer {
  private bytes = 0;
  private line = 1;
  /** Continuation bytes the current UTF-8 sequence still needs, and the range the next one must fall in. */
  private pending = 0;
  private low = 0x80;
  private high = 0xbf;
  private firstInvalidUtf8: number | null = null;
  private firstHole: number | null = null;
  private firstNul: number | null = null;
  private readonly head: number[] = [];
  private headDone = false;
  private start: Uint8Array = new Uint8Array(0);

  push(chunk: Uint8Array): void {
    if (this.bytes < 4) this.start = concat(this.start, chunk.subarray(0, 4 - this.bytes));
    this.bytes += chunk.length;
    if (!this.headDone) {
      const end = chunk.indexOf(0x0a);
      const take = (end === -1 ? chunk : chunk.subarray(0, end)).subarray(0, FIRST_LINE_MAX - this.head.length);
      for (const b of take) this.head.push(b);
      this.headDone = end !== -1 || this.head.length >= FIRST_LINE_MAX;
    }
    let line = this.line;
    let pending = this.pending;
    let low = this.low;
    let high = this.high;
    const checkUtf8 = this.firstInvalidUtf8 === null;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (b < 0x80) {
        if (b === 0x0a) line++;
        else if (b === 0 && this.firstNul === null) this.firstNul = line;
        if (pending > 0 && checkUtf8 && this.firstInvalidUtf8 === null) this.firstInvalidUtf8 = line;
        pending = 0;
        continue;
      }
      if (b === CP1251_HOLE && this.firstHole === null) this.firstHole = line;
      if (!checkUtf8 || this.firstInvalidUtf8 !== null) continue;
      if (pending > 0) {
        if (b < low || b > high) {
          this.firstInvalidUtf8 = line;
          continue;
        }
        pending--;
        low = 0x80;
        high = 0xbf;
        continue;
      }
      // A lead byte: how many continuation bytes follow, and the range of the first of them
      // (no overlong forms, no surrogates, nothing above U+10FFFF).
      if (b >= 0xc2 && b <= 0xdf) pending = 1;
      else if (b >= 0xe0 && b <= 0xef) {
        pending = 2;
        if (b === 0xe0) low = 0xa0;
        else if (b === 0xed) high = 0x9f;
      } else if (b >= 0xf0 && b <= 0xf4) {
        pending = 3;
        if (b === 0xf0) low = 0x90;
        else if (b === 0xf4) high = 0x8f;
      } else this.firstInvalidUtf8 = line;
    }
    this.line = line;
    this.pending = pending;
    this.low = low;
    this.high = high;
  }

  end(): Sniffed {
    if (this.pending > 0 && this.firstInvalidUtf8 === null) this.firstInvalidUtf8 = this.line;
    const s = this.start;
    if ((s[0] === 0xff && s[1] === 0xfe) || (s[0] === 0xfe && s[1] === 0xff))
      return { ok: false, line: 1, reason: 'is UTF-16 ("Unicode text"); save it as CSV UTF-8 or CSV (Windows-1251)', why: why('utf16') };
    if (this.firstNul !== null)
      return {
        ok: false,
        line: this.firstNul,
        reason: 'has a NUL byte: it is not a text file in UTF-8 or Windows-1251',
        why: why('not_text'),
      };
    const firstLine = Uint8Array.from(this.head);
    if (this.firstInvalidUtf8 === null) {
      const bom = s[0] === 0xef && s[1] === 0xbb && s[2] === 0xbf ? 3 : 0;
      return { ok: true, encoding: 'utf-8', bom, firstLine: firstLine.subarray(bom), bytes: this.bytes };
    }
    if (this.firstHole !== null)
      return {
        ok: false,
        line: this.firstHole,
        reason: `is neither UTF-8 (line ${this.firstInvalidUtf8} is not) nor Windows-1251 (byte 0x98, which it does not define)`,
        why: why('encoding', { line: this.firstHole }),
      };
    return { ok: true, encoding: 'windows-1251', bom: 0, firstLine, bytes: this.bytes };
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
