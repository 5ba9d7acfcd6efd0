import { MAX_PHOTO_BYTES, MAX_PHOTO_MB, PHOTO_TYPES, isPhotoType, why, type FieldError } from '@conveyor/shared';

/** The largest picture decoded, in pixels: a 50-megapixel phone photo passes, a decompression bomb does not. */
export const MAX_PHOTO_PIXELS = 60_000_000;

/** Formats the decoder may find in a photo's bytes (sharp's names); anything else (SVG, TIFF, HEIF…) is refused. */
const DECODED_FORMATS = ['jpeg', 'png', 'webp', 'gif'] as const;

/**
 * Why a photo is refused: too large (413), sent as something other than an image (415), or bytes
 * that are no image the server reads (422).
 */
export type PhotoRefusal =
  { kind: 'too_large'; error: FieldError } | { kind: 'wrong_type'; error: FieldError } | { kind: 'not_image'; error: FieldError };

/** A photo's content type, without parameters, lower-case; `undefined` when none was sent. */
export function mediaType(header: string | undefined): string | undefined {
  const type = header?.split(';')[0]?.trim().toLowerCase();
  return type ? type : undefined;
}

/** Refuses what is not sent as an image (its Content-Type) or declares more than the limit, before any byte is read. */
export function checkPhotoHeaders(contentType: string | undefined, declaredLength: number | undefined): PhotoRefusal | null {
  const type = mediaType(contentType);
  if (!isPhotoType(type))
    return {
      kind: 'wrong_type',
      error: {
        index: 0,
        field: 'content-type',
        reason: `is ${type ?? 'missing'}; send the image itself as the body, with Content-Type ${PHOTO_TYPES.join(', ')}`,
        why: why('not_image', { type: type ?? '' }),
      },
    };
  if (declaredLength !== undefined && declaredLength > MAX_PHOTO_BYTES) return tooLarge();
  return null;
}

/** Refuses a body of more than the limit (counted as it arrives: a declared length may be absent or wrong). */
export function checkPhotoSize(bytes: number): PhotoRefusal | null {
  if (bytes > MAX_PHOTO_BYTES) return tooLarge();
  if (bytes === 0) return notImage('the body is empty');
  return null;
}

/** Refuses what the decoder found when it is not a JPEG, PNG, WebP or GIF picture of a sane size. */
export function checkDecodedPhoto(found: { format?: string; width?: number; height?: number } | null): PhotoRefusal | null {
  if (!found || !found.format || !(DECODED_FORMATS as readonly string[]).includes(found.format))
    return notImage(found?.format ? `is ${found.format}, not JPEG, PNG, WebP or GIF` : 'is not an image the server can read');
  const { width = 0, height = 0 } = found;
  if (width <= 0 || height <= 0) return notImage('has no size');
  if (width * height > MAX_PHOTO_PIXELS)
    return {
      kind: 'not_image',
      error: {
        index: 0,
        field: 'body',
        reason: `is ${width}×${height} pixels; at most ${MAX_PHOTO_PIXELS / 1_000_000} megapixels`,
        why: why('too_many_pixels', { limit: MAX_PHOTO_PIXELS / 1_000_000 }),
      },
    };
  return null;
}

/** The decoder gave up on the bytes (a PNG header with garbage after it, a truncated file). */
export function undecodable(): PhotoRefusal {
  return notImage('is not an image the server can read');
}

function tooLarge(): PhotoRefusal {
  return {
    kind: 'too_large',
    error: { index: 0, field: 'body', reason: `must be at most ${MAX_PHOTO_MB} MB`, why: why('photo_too_large', { limit: MAX_PHOTO_MB }) },
  };
}

function notImage(reason: string): PhotoRefusal {
  return { kind: 'not_image', error: { index: 0, field: 'body', reason, why: why('not_image') } };
}
