import { describe, expect, it } from 'vitest';
import { EncodingSniffer, type Sniffed } from './encoding.js';

// vitest types its asymmetric matchers as `any`.
const containing = (text: string): unknown => expect.stringContaining(text);
const matching = (pattern: RegExp): unknown => expect.stringMatching(pattern);

const CP1251_PRIVET = [0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]; // «Привет» in Windows-1251

/** Feeds the bytes in chunks of `size`, so sequences split across chunks are covered. */
function sniff(bytes: Uint8Array | number[], size = 3): Sniffed {
  const all = Uint8Array.from(bytes);
  const s = new EncodingSniffer();
  for (let i = 0; i < all.length; i += size) s.push(all.subarray(i, i + size));
  return s.end();
}
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('EncodingSniffer', () => {
  it('takes valid UTF-8 as UTF-8, noting a byte order mark, and keeps the first line', () => {
    const r = sniff(utf8('type;Клиент\ncall;ООО «Ромашка» 😀\n'));
    expect(r).toMatchObject({ ok: true, encoding: 'utf-8', bom: 0 });
    expect(r.ok && new TextDecoder().decode(r.firstLine)).toBe('type;Клиент');
    const bom = sniff([0xef, 0xbb, 0xbf, ...utf8('a,b\n1,2')], 1);
    expect(bom).toMatchObject({ ok: true, encoding: 'utf-8', bom: 3, bytes: 10 });
    expect(bom.ok && new TextDecoder().decode(bom.firstLine)).toBe('a,b');
  });

  it('takes other text as Windows-1251', () => {
    expect(sniff([...utf8('a;b\n'), ...CP1251_PRIVET, 0x0a])).toMatchObject({ ok: true, encoding: 'windows-1251', bom: 0 });
    // Truncated, overlong and surrogate sequences are not UTF-8.
    expect(sniff([0x61, 0xd0])).toMatchObject({ ok: true, encoding: 'windows-1251' });
    expect(sniff([0xc0, 0xaf])).toMatchObject({ ok: true, encoding: 'windows-1251' });
    expect(sniff([0xed, 0xa0, 0x80])).toMatchObject({ ok: true, encoding: 'windows-1251' });
    expect(sniff([0xd0, 0x41])).toMatchObject({ ok: true, encoding: 'windows-1251' });
  });

  it('refuses NUL bytes, UTF-16 and bytes neither encoding has, naming the line', () => {
    expect(sniff([...utf8('a\nb\n'), 0x00])).toEqual({ ok: false, line: 3, reason: containing('NUL'), why: { code: 'not_text' } });
    expect(sniff([0xff, 0xfe, 0x61, 0x00])).toEqual({ ok: false, line: 1, reason: containing('UTF-16'), why: { code: 'utf16' } });
    const r = sniff([...utf8('a\n'), ...CP1251_PRIVET, 0x0a, 0x98]);
    expect(r).toEqual({
      ok: false,
      line: 3,
      reason: matching(/neither UTF-8 \(line 2 is not\) nor Windows-1251/),
      why: { code: 'encoding', params: { line: 3 } },
    });
    // 0x98 inside valid UTF-8 («И» is D0 98) is fine.
    expect(sniff(utf8('И\n'))).toMatchObject({ ok: true, encoding: 'utf-8' });
  });
});
