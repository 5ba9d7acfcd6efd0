import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { bind } from '../../database/sql.js';
import { EmployeeEntity, TeamEntity } from './org.entities.js';

/** Whose photo: a person's or a team's. */
export type PhotoOwner = 'employee' | 'team';

/**
 * All database access for photos. The bytes go through plain SQL: a Buffer is a BLOB on SQLite and
 * a bytea on PostgreSQL, where an entity column would have to name one of the two.
 */
@Injectable()
export class PhotosRepository {
  async bytes(em: EntityManager, id: string): Promise<Buffer | null> {
    const rows = await em.query<{ bytes: Buffer | Uint8Array }[]>(...bind(em, 'SELECT bytes FROM photos WHERE id = :id', { id }));
    const found = rows[0]?.bytes;
    return found ? Buffer.from(found) : null;
  }

  /** Stores a photo once: the same bytes have the same id. */
  async insert(em: EntityManager, id: string, bytes: Buffer, at: string): Promise<void> {
    await em.query(
      ...bind(em, 'INSERT INTO photos (id, bytes, size, created_at) VALUES (:id, :bytes, :size, :at) ON CONFLICT (id) DO NOTHING', {
        id,
        bytes,
        size: bytes.length,
        at,
      }),
    );
  }

  /** The photo an employee or team has now: undefined when there is no such employee or team. */
  async photoOf(em: EntityManager, owner: PhotoOwner, id: string): Promise<{ photoId: string | null } | undefined> {
    const row = await em.findOne(owner === 'employee' ? EmployeeEntity : TeamEntity, {
      where: { id },
      select: { id: true, photoId: true },
    });
    return row ? { photoId: row.photoId } : undefined;
  }

  async setPhoto(em: EntityManager, owner: PhotoOwner, id: string, photoId: string | null, at: string): Promise<void> {
    await em.update(owner === 'employee' ? EmployeeEntity : TeamEntity, { id }, { photoId, updatedAt: at });
  }

  /** Deletes a photo nobody shows any more (its address then answers 404). */
  async deleteIfUnused(em: EntityManager, id: string): Promise<void> {
    await em.query(
      ...bind(
        em,
        'DELETE FROM photos WHERE id = :id AND NOT EXISTS (SELECT 1 FROM employees WHERE photo_id = :id) ' +
          'AND NOT EXISTS (SELECT 1 FROM teams WHERE photo_id = :id)',
        { id },
      ),
    );
  }
}
