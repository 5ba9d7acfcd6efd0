import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { MAX_PHOTO_BYTES, PHOTO_SIZE } from '@conveyor/shared';
import sharp, { type Metadata } from 'sharp';
import { DomainError } from '../../common/domain-error.js';
import {
  MAX_PHOTO_PIXELS,
  checkDecodedPhoto,
  checkPhotoHeaders,
  checkPhotoSize,
  undecodable,
  type PhotoRefusal,
} from '../../domain/photos/photo-rules.js';

/** A photo as stored: a square WebP and its id, the SHA-256 of its bytes in hex. */
export interface StoredPhoto {
  id: string;
  bytes: Buffer;
}

/** A refusal as the one error filter answers it: 413, 415 or 422, each with its code. */
export function refuse(refusal: PhotoRefusal): DomainError {
  switch (refusal.kind) {
    case 'too_large':
      return new DomainError('too_large', 'The photo is too large', [refusal.error]).withCode('photo.too_large');
    case 'wrong_type':
      return new DomainError('unsupported_type', 'The body must be a JPEG, PNG, WebP or GIF image', [refusal.error]).withCode(
        'photo.not_image',
      );
    case 'not_image':
      return new DomainError('unprocessable', 'The body is not an image the server can read', [refusal.error]).withCode('photo.not_image');
    default: {
      const never: never = refusal;
      return never;
    }
  }
}

/**
 * Checks the headers of a photo upload before a byte of it is kept. A refused body is read and
 * dropped as the answer goes out, so the sender gets the answer rather than a reset connection.
 */
export function checkUpload(req: Readable & { headers: { 'content-type'?: string; 'content-length'?: string } }): void {
  const length = req.headers['content-length'];
  const declared = length === undefined ? undefined : Number(length);
  const refusal = checkPhotoHeaders(req.headers['content-type'], Number.isFinite(declared) ? declared : undefined);
  if (!refusal) return;
  req.resume();
  throw refuse(refusal);
}

/**
 * Reads a photo's body into memory, at most 5 MB of it. Past the limit the rest is read and
 * dropped (so the sender gets the 413 rather than a reset connection) up to four times the limit.
 */
export async function readPhotoBody(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    if (bytes > 4 * MAX_PHOTO_BYTES) break;
    if (bytes <= MAX_PHOTO_BYTES) chunks.push(chunk);
  }
  const refusal = checkPhotoSize(bytes);
  if (refusal) throw refuse(refusal);
  return Buffer.concat(chunks, bytes);
}

/**
 * Turns an uploaded image into the stored photo: turned upright by its EXIF orientation, cropped
 * to a square around what draws the eye, 512×512, WebP, with no metadata (no GPS, no camera).
 * Only JPEG, PNG, WebP and GIF are decoded (never SVG), of at most 60 megapixels.
 */
export async function toStoredPhoto(input: Buffer): Promise<StoredPhoto> {
  const options = { limitInputPixels: MAX_PHOTO_PIXELS, failOn: 'error' as const, pages: 1 };
  let found: Metadata;
  try {
    found = await sharp(input, { ...options, limitInputPixels: false }).metadata();
  } catch {
    throw refuse(undecodable());
  }
  const refusal = checkDecodedPhoto(found);
  if (refusal) throw refuse(refusal);
  let bytes: Buffer;
  try {
    bytes = await sharp(input, options)
      .autoOrient()
      .resize(PHOTO_SIZE, PHOTO_SIZE, { fit: 'cover', position: sharp.strategy.attention })
      .webp({ quality: 82 })
      .toBuffer();
  } catch {
    throw refuse(undecodable());
  }
  return { id: createHash('sha256').update(bytes).digest('hex'), bytes };
}
