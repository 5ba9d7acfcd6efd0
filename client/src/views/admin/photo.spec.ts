import { MAX_PHOTO_BYTES } from '@conveyor/shared';
import { describe, expect, it } from 'vitest';
import { fieldReasonPlain } from '../../lib/i18n/field-reasons.js';
import { photoFileProblem } from './photo.js';

describe('a photo picked in the console', () => {
  it('goes when it is a JPEG, PNG, WebP or GIF of at most 5 MB', () => {
    for (const type of ['image/jpeg', 'image/png', 'image/webp', 'image/gif']) expect(photoFileProblem({ size: 1000, type })).toBeNull();
    expect(photoFileProblem({ size: MAX_PHOTO_BYTES, type: 'image/png' })).toBeNull();
  });

  it('is refused before it is sent, in the words the server uses', () => {
    const big = photoFileProblem({ size: MAX_PHOTO_BYTES + 1, type: 'image/jpeg' });
    expect(big).toEqual({ code: 'photo_too_large', params: { limit: 5 } });
    expect(fieldReasonPlain(big!, 'ru')).toBe('Фото больше 5 МБ');
    const text = photoFileProblem({ size: 10, type: 'text/plain' });
    expect(text?.code).toBe('not_image');
    expect(fieldReasonPlain(text!, 'ru')).toBe('Это не изображение');
    expect(photoFileProblem({ size: 10, type: '' })?.code).toBe('not_image');
    expect(photoFileProblem({ size: 10, type: 'image/svg+xml' })?.code).toBe('not_image');
  });
});
