import { Injectable } from '@nestjs/common';
import type { ApiToken, CreatedToken, TokenKind } from '@conveyor/shared';
import { randomBytes, randomUUID } from 'node:crypto';
import { Clock } from '../../common/clock.js';
import { DomainError } from '../../common/domain-error.js';
import { Database } from '../../database/database.js';
import { ApiTokenEntity } from './access.entities.js';
import { AccessRepository } from './access.repository.js';
import { sha256, toToken } from './credentials.js';
import { PrincipalResolver } from './principals.js';
import { SessionsService } from './sessions.service.js';

/** Named tokens for wall screens and integrations: shown once, stored as hashes, revocable. */
@Injectable()
export class TokensService {
  constructor(
    private readonly db: Database,
    private readonly repo: AccessRepository,
    private readonly principals: PrincipalResolver,
    private readonly sessions: SessionsService,
    private readonly clock: Clock,
  ) {}

  async create(kind: TokenKind, name: string): Promise<CreatedToken> {
    const token = `cv_${kind === 'display' ? 'scr' : 'int'}_${randomBytes(24).toString('base64url')}`;
    const row = Object.assign(new ApiTokenEntity(), {
      id: randomUUID(),
      kind,
      name,
      tokenHash: sha256(token).toString('hex'),
      createdAt: this.clock.now().toISOString(),
      lastUsedAt: null,
      revokedAt: null,
    });
    await this.db.write(async (em) => {
      await this.repo.insertToken(em, row);
      await this.principals.forgetTokens(em);
    });
    return { ...toToken(row), token };
  }

  async list(): Promise<ApiToken[]> {
    return (await this.db.read((em) => this.repo.tokens(em))).map(toToken);
  }

  async revoke(id: string): Promise<ApiToken> {
    const row = await this.db.write(async (em) => {
      const row = await this.repo.token(em, id);
      if (!row) throw DomainError.notFound('Token', id);
      if (!row.revokedAt) {
        row.revokedAt = this.clock.now().toISOString();
        await this.repo.revokeToken(em, id, row.revokedAt);
        await this.principals.forgetTokens(em);
      }
      return row;
    });
    this.sessions.revoked([id]);
    return toToken(row);
  }
}
