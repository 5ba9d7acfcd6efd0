import { MAX_PHOTO_BYTES, MAX_PHOTO_MB, isPhotoType, why, type ApiError, type FieldReason } from '@conveyor/shared';
import { HttpError, errorText } from '../../lib/api/http.js';
import { fieldReasonPlain } from '../../lib/i18n/field-reasons.js';
import { adminToken } from '../../lib/auth/admin-token.js';

/**
 * What the server would refuse about a picked file, said before it is sent, by the same reasons
 * the server answers with («Фото больше 5 МБ», «Это не изображение»); null when it may go.
 */
export function photoFileProblem(file: { size: number; type: string }): FieldReason | null {
  if (!isPhotoType(file.type.toLowerCase())) return why('not_image', { type: file.type });
  if (file.size > MAX_PHOTO_BYTES) return why('photo_too_large', { limit: MAX_PHOTO_MB });
  return null;
}

/** A refused upload in the UI language: the field reason when the server gave one, its code otherwise. */
export function photoRefusalText(error: unknown): string {
  const reason = error instanceof HttpError ? error.body?.errors[0]?.why : undefined;
  return reason ? fieldReasonPlain(reason) : errorText(error);
}

/** The image itself as the body of `PUT <path>` (`/api/employees/<id>/photo`); the answer is the person or team. */
export async function putPhoto<T>(path: string, file: Blob): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Content-Type': file.type };
  const token = adminToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(path, { method: 'PUT', headers, body: file, credentials: 'same-origin' });
  const answer: unknown = await response.json().catch(() => null);
  if (!response.ok) throw new HttpError(response.status, isApiError(answer) ? answer : null);
  return answer as T;
}

function isApiError(value: unknown): value is ApiError {
  return typeof value === 'object' && value !== null && typeof (value as { code?: unknown }).code === 'string';
}
