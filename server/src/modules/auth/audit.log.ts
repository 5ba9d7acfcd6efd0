import { Injectable } from '@nestjs/common';
import type { AuditEntry } from '@conveyor/shared';
import { Database } from '../../database/database.js';
import { OrgDirectory } from '../org/org.directory.js';
import type { AuditEntity } from './access.entities.js';
import { AccessRepository } from './access.repository.js';
import { auditReason, auditSubject } from './audit.subject.js';

/** The audit log of manager actions: appended after each action, read newest first. */
@Injectable()
export class AuditLog {
  constructor(
    private readonly db: Database,
    private readonly repo: AccessRepository,
    private readonly org: OrgDirectory,
  ) {}

  append(entry: Omit<AuditEntity, 'id'>): Promise<void> {
    return this.db.write((em) => this.repo.appendAudit(em, entry));
  }

  /** Newest first, each with what it was about named (people and triads as they are called now) and the reason given. */
  async list(beforeId: number | null, limit: number, filter: { action?: string; actorId?: string } = {}): Promise<AuditEntry[]> {
    const { rows, employees, teams } = await this.db.read(async (em) => {
      const found = await this.repo.audit(em, beforeId, limit, filter);
      const people = await this.org.employeesByIds(em, [...new Set(found.flatMap((r) => (r.target ? [r.target] : [])))]);
      return {
        rows: found,
        employees: new Map(people.map((e) => [e.id, e.name])),
        teams: new Map((await this.org.listTeams(em)).map((t) => [t.id, t.name])),
      };
    });
    const names = { employee: (id: string) => employees.get(id), team: (id: string) => teams.get(id) };
    return rows.map((r) => {
      const before = r.before === null ? null : (JSON.parse(r.before) as unknown);
      const after = r.after === null ? null : (JSON.parse(r.after) as unknown);
      return {
        id: Number(r.id),
        at: r.at,
        actor: { role: r.actorRole as AuditEntry['actor']['role'], id: r.actorId, name: r.actorName },
        action: r.action,
        target: r.target,
        before,
        after,
        subject: auditSubject(r.action, r.target, before, after, names),
        reason: auditReason(r.action, after),
      };
    });
  }
}
