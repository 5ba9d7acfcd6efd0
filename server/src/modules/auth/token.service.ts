import { Injectable } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import { AppConfig } from '../../config/config.js';
import type { Principal } from './access.js';

/** Maps a bearer token to who holds it. Compares digests in constant time. */
@Injectable()
export class TokenService {
  private readonly admin: Buffer;
  private readonly display: Buffer;

  constructor(config: AppConfig) {
    this.admin = digest(config.adminToken);
    this.display = digest(config.displayToken);
  }

  principalOf(token: unknown): Principal | null {
    if (typeof token !== 'string' || token.length === 0) return null;
    const d = digest(token);
    if (timingSafeEqual(d, this.admin)) return 'manager';
    if (timingSafeEqual(d, this.display)) return 'display';
    return null;
  }
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/** The token of an `Authorization: Bearer …` header. */
export function bearerToken(header: string | undefined): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return m?.[1];
}
