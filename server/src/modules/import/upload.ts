import { createWriteStream } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { why } from '@conveyor/shared';
import { EncodingSniffer } from '../../domain/import/encoding.js';
import { DomainError } from '../../common/domain-error.js';

/** The largest file an import takes. */
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

/** A received file, on disk, and what its bytes are. */
export interface Upload {
  path: string;
  bytes: number;
  encoding: 'utf-8' | 'windows-1251';
  /** Bytes of a byte order mark at the start, to skip. */
  bom: number;
  /** The bytes of the header line. */
  firstLine: Uint8Array;
}

/** Content types a CSV file arrives with: browsers send `application/vnd.ms-excel` for .csv on Windows. */
const ACCEPTED = /^(text\/(csv|plain)|application\/(octet-stream|csv|vnd\.ms-excel))$/;

/** Refuses what cannot be a CSV body before reading any of it: a form, JSON, a declared size too large. */
export function checkUploadHeaders(headers: IncomingHttpHeaders, maxBytes = MAX_UPLOAD_BYTES): void {
  const type = (headers['content-type'] ?? 'application/octet-stream').split(';')[0]!.trim().toLowerCase();
  if (!ACCEPTED.test(type))
    throw DomainError.malformed(
      [
        {
          index: 0,
          field: 'content-type',
          reason: `is ${type}; send the file itself as the body, with Content-Type text/csv`,
          why: why('not_csv', { type }),
        },
      ],
      'The body must be the CSV file itself',
    );
  const declared = Number(headers['content-length'] ?? 0);
  if (declared > maxBytes) throw tooLarge(maxBytes);
}

const mb = (bytes: number): number => Math.round(bytes / 1024 / 1024);

function tooLarge(maxBytes: number): DomainError {
  return new DomainError('too_large', 'The file is too large', [
    { index: 0, field: 'body', reason: `must be at most ${mb(maxBytes)} MB`, why: why('too_large', { mb: mb(maxBytes) }) },
  ]);
}

/**
 * Streams the request body to `dir/upload.csv`, telling its encoding on the way; nothing of it is
 * held in memory. Refuses more than `maxBytes` (413) and a file neither UTF-8 nor Windows-1251.
 * Past the limit the rest is read and dropped, so the sender gets the 413 rather than a reset
 * connection; only a body four times the limit is cut off.
 */
export async function receiveUpload(body: Readable, dir: string, maxBytes = MAX_UPLOAD_BYTES): Promise<Upload> {
  const path = join(dir, 'upload.csv');
  const sniffer = new EncodingSniffer();
  let bytes = 0;
  const watch = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (bytes > 4 * maxBytes) return done(tooLarge(maxBytes));
      if (bytes > maxBytes) return done();
      sniffer.push(chunk);
      done(null, chunk);
    },
  });
  await pipeline(body, watch, createWriteStream(path));
  if (bytes > maxBytes) throw tooLarge(maxBytes);
  const sniffed = sniffer.end();
  if (!sniffed.ok)
    throw new DomainError('malformed', `The file ${sniffed.reason}`, [
      { index: sniffed.line, field: 'body', reason: sniffed.reason, why: sniffed.why },
    ]).withCode('import.encoding');
  if (bytes === 0) throw empty('the file is empty', 'empty_file');
  return { path, bytes, encoding: sniffed.encoding, bom: sniffed.bom, firstLine: sniffed.firstLine };
}

export function empty(reason: string, code: 'empty_file' | 'header_only'): DomainError {
  return DomainError.malformed([{ index: 0, field: 'body', reason, why: why(code) }], `Nothing to import: ${reason}`).withCode(
    'import.empty',
  );
}
