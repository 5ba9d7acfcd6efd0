import { MAX_PHOTO_BYTES } from '@conveyor/shared';
import { describe, expect, it } from 'vitest';
import { MAX_PHOTO_PIXELS, checkDecodedPhoto, checkPhotoHeaders, checkPhotoSize, mediaType } from './photo-rules.js';

describe('photo rules', () => {
  it('take JPEG, PNG, WebP and GIF by their content type, parameters and case aside', () => {
    for (const type of ['image/jpeg', 'image/png', 'IMAGE/WEBP', 'image/gif; charset=binary'])
      expect(checkPhotoHeaders(type, 1000), type).toBeNull();
    expect(mediaType(' Image/PNG ; x=1')).toBe('image/png');
  });

  it('refuse anything else as not an image (415), naming the type', () => {
    for (const type of ['text/plain', 'application/json', 'image/svg+xml', 'application/octet-stream', undefined]) {
      const refusal = checkPhotoHeaders(type, 10);
      expect(refusal?.kind, String(type)).toBe('wrong_type');
      expect(refusal?.error).toMatchObject({ field: 'content-type', why: { code: 'not_image' } });
    }
  });

  it('refuse more than 5 MB, declared or counted, with the limit in megabytes', () => {
    expect(checkPhotoHeaders('image/png', MAX_PHOTO_BYTES)).toBeNull();
    expect(checkPhotoHeaders('image/png', MAX_PHOTO_BYTES + 1)).toMatchObject({
      kind: 'too_large',
      error: { field: 'body', why: { code: 'photo_too_large', params: { limit: 5 } } },
    });
    expect(checkPhotoSize(MAX_PHOTO_BYTES)).toBeNull();
    expect(checkPhotoSize(MAX_PHOTO_BYTES + 1)?.kind).toBe('too_large');
    expect(checkPhotoSize(0)?.kind).toBe('not_image');
  });

  it('take only the four formats once decoded, and no decompression bomb', () => {
    expect(checkDecodedPhoto({ format: 'jpeg', width: 4000, height: 3000 })).toBeNull();
    expect(checkDecodedPhoto({ format: 'svg', width: 100, height: 100 })?.kind).toBe('not_image');
    expect(checkDecodedPhoto({ format: 'tiff', width: 100, height: 100 })?.kind).toBe('not_image');
    expect(checkDecodedPhoto(null)?.kind).toBe('not_image');
    expect(checkDecodedPhoto({ format: 'png', width: 0, height: 10 })?.kind).toBe('not_image');
    const bomb = checkDecodedPhoto({ format: 'png', width: 10_000, height: MAX_PHOTO_PIXELS / 10_000 + 1 });
    expect(bomb).toMatchObject({ kind: 'not_image', error: { why: { code: 'too_many_pixels', params: { limit: 60 } } } });
  });
});
