import { Injectable } from '@nestjs/common';
import { PHOTO_ID, photoUrlOf, type Employee, type Team } from '@conveyor/shared';
import type { Readable } from 'node:stream';
import { AppEvents } from '../../common/app-events.js';
import { Clock } from '../../common/clock.js';
import { DomainError } from '../../common/domain-error.js';
import { Database } from '../../database/database.js';
import { OrgService } from './org.service.js';
import { readPhotoBody, toStoredPhoto } from './photo.processor.js';
import { PhotosRepository, type PhotoOwner } from './photos.repository.js';

/**
 * Photos of people and teams: an upload is checked, resized and stored by the hash of its bytes;
 * the person or team then names it. A photo nobody names any more is deleted. Every change tells
 * the boards (`org.changed`), so the wall shows the new face at once.
 */
@Injectable()
export class PhotosService {
  constructor(
    private readonly db: Database,
    private readonly repo: PhotosRepository,
    private readonly org: OrgService,
    private readonly clock: Clock,
    private readonly events: AppEvents,
  ) {}

  async setEmployeePhoto(id: string, body: Readable): Promise<Employee> {
    await this.set('employee', id, body);
    return this.org.getEmployee(id);
  }

  async removeEmployeePhoto(id: string): Promise<Employee> {
    await this.remove('employee', id);
    return this.org.getEmployee(id);
  }

  async setTeamPhoto(id: string, body: Readable): Promise<Team> {
    await this.set('team', id, body);
    return this.org.getTeam(id);
  }

  async removeTeamPhoto(id: string): Promise<Team> {
    await this.remove('team', id);
    return this.org.getTeam(id);
  }

  /** What the audit log keeps of a photo change, before and after. */
  async state(owner: PhotoOwner, id: string): Promise<{ photoUrl: string | null } | null> {
    const found = await this.db.read((em) => this.repo.photoOf(em, owner, id));
    return found ? { photoUrl: photoUrlOf(found.photoId) } : null;
  }

  /** A stored photo's bytes by its file name (`<sha256>.webp`). */
  async file(name: string): Promise<Buffer> {
    const id = name.endsWith('.webp') ? name.slice(0, -'.webp'.length) : '';
    const bytes = PHOTO_ID.test(id) ? await this.db.read((em) => this.repo.bytes(em, id)) : null;
    if (!bytes) throw notFound(name);
    return bytes;
  }

  private async set(owner: PhotoOwner, id: string, body: Readable): Promise<void> {
    // The body is read first (the sender gets its answer, not a reset connection); nobody to give it to is a 404 before it is decoded.
    const input = await readPhotoBody(body);
    if (!(await this.db.read((em) => this.repo.photoOf(em, owner, id)))) throw missing(owner, id);
    const photo = await toStoredPhoto(input);
    await this.db.write(async (em) => {
      const before = await this.repo.photoOf(em, owner, id);
      if (!before) throw missing(owner, id);
      const at = this.clock.now().toISOString();
      await this.repo.insert(em, photo.id, photo.bytes, at);
      await this.repo.setPhoto(em, owner, id, photo.id, at);
      if (before.photoId && before.photoId !== photo.id) await this.repo.deleteIfUnused(em, before.photoId);
    });
    this.events.emit('org.changed', {});
  }

  private async remove(owner: PhotoOwner, id: string): Promise<void> {
    await this.db.write(async (em) => {
      const before = await this.repo.photoOf(em, owner, id);
      if (!before) throw missing(owner, id);
      if (!before.photoId) return;
      await this.repo.setPhoto(em, owner, id, null, this.clock.now().toISOString());
      await this.repo.deleteIfUnused(em, before.photoId);
    });
    this.events.emit('org.changed', {});
  }
}

function missing(owner: PhotoOwner, id: string): DomainError {
  return DomainError.notFound(owner === 'employee' ? 'Employee' : 'Team', id);
}

function notFound(name: string): DomainError {
  return DomainError.notFound('Photo', name).withCode('photo.not_found');
}
