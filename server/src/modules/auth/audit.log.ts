import { Injectable } from '@nestjs/common';
import type { AuditEntry } from '@conveyor/shared';
import { Database } from '../../database/database.js';
import type { AuditEntity } from './access.entities.js';
import { AccessRepository } from './access.repository.js';

/** The audit log of manager actions: appended after each action, read newest first. */
@Injectable()
export class AuditLog {
  constructor(
    private readonly db: Database,
    private readonly repo: AccessRepository,
  ) {}

  append(entry: Omit<AuditEntity, 'id'>): Promise<void> {
    return this.db.write((em) => this.repo.appendAudit(em, entry));
  }

  async list(beforeId: number | null, limit: number): Promise<AuditEntry[]> {
    const rows = await this.db.read((em) => this.repo.audit(em, beforeId, limit));
    return rows.map((r) => ({
      id: Number(r.id),
      at: r.at,
      actor: { role: r.actorRole as AuditEntry['actor']['role'], id: r.actorId, name: r.actorName },
      action: r.action,
      target: r.target,
      before: r.before === null ? null : (JSON.parse(r.before) as unknown),
      after: r.after === null ? null : (JSON.parse(r.after) as unknown),
    }));
  }
}
