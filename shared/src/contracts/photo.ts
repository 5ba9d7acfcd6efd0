/**
 * Photos of people and teams: uploaded in the console as the image itself, resized by the server
 * to a square WebP and served at a public, immutable address named by the hash of its bytes.
 */

/** The largest photo the server takes, in bytes (5 MB). */
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

/** The same, in megabytes, as refusals say it (`params.limit`). */
export const MAX_PHOTO_MB = MAX_PHOTO_BYTES / 1024 / 1024;

/** Content types a photo may be sent with. */
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'] as const;
export type PhotoType = (typeof PHOTO_TYPES)[number];

/** Stored photos are squares of this many pixels a side. */
export const PHOTO_SIZE = 512;

/** A stored photo's id: the SHA-256 of its bytes, in hex. */
export const PHOTO_ID = /^[0-9a-f]{64}$/;

/** Where a stored photo is served (`GET /api/photos/<sha256>.webp`), or null without one. */
export function photoUrlOf(photoId: string | null | undefined): string | null {
  return photoId ? `/api/photos/${photoId}.webp` : null;
}

export const isPhotoType = (value: unknown): value is PhotoType =>
  typeof value === 'string' && (PHOTO_TYPES as readonly string[]).includes(value);
