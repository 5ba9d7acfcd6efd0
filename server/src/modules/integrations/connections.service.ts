import { Injectable } from '@nestjs/common';
import {
  CreateIntegrationSchema,
  DELIVERY_STATUSES,
  parseSettingsPatch,
  SYSTEM_SETTINGS,
  SYSTEMS_WITH_OWN_SECRET,
  issuesToFieldErrors,
  why,
  type CreatedIntegration,
  type DeliveryStatus,
  type Integration,
  type IntegrationSystem,
  type UpdateIntegration,
} from '@conveyor/shared';
import { randomBytes, randomUUID } from 'node:crypto';
import { AppEvents } from '../../common/app-events.js';
import { Clock } from '../../common/clock.js';
import { DomainError } from '../../common/domain-error.js';
import { parseOrThrow } from '../../common/parse.js';
import { StampedCache } from '../../database/cache-stamps.js';
import { Database } from '../../database/database.js';
import type { IntegrationEntity } from './integrations.entities.js';
import { IntegrationsRepository } from './integrations.repository.js';
import { keyHash, SecretBox } from './secret-box.js';

/** A connection as the webhook path needs it: its settings with secrets opened. */
export interface Connection {
  id: string;
  system: IntegrationSystem;
  enabled: boolean;
  settings: Readonly<Record<string, unknown>>;
}

type Sealed = { key: string; secrets: Record<string, unknown> };

/**
 * Connections: made, listed, changed, rotated and deleted by managers; found by their webhook key
 * on every delivery (cached until a connection changes).
 */
@Injectable()
export class ConnectionsService {
  /** Connections by key hash, kept while no instance changed any (see `StampedCache`). */
  private readonly known = new StampedCache<Map<string, Connection | null>>('integrations');

  constructor(
    private readonly db: Database,
    private readonly repo: IntegrationsRepository,
    private readonly box: SecretBox,
    private readonly clock: Clock,
    private readonly facts: AppEvents,
  ) {}

  /** The connection a webhook key opens, or null (unknown key). */
  async byKey(key: string): Promise<Connection | null> {
    const hash = keyHash(key);
    const byHash = await this.known.get(this.db.manager, () => Promise.resolve(new Map<string, Connection | null>()));
    const cached = byHash.get(hash);
    if (cached !== undefined) return cached;
    const row = await this.repo.byKeyHash(this.db.manager, hash);
    const connection = row ? this.open(row) : null;
    if (byHash.size > 1000) byHash.clear();
    byHash.set(hash, connection);
    return connection;
  }

  /** A connection by id, secrets opened (for processing its deliveries). */
  async byId(id: string): Promise<Connection | null> {
    const row = await this.repo.find(this.db.manager, id);
    return row ? this.open(row) : null;
  }

  async list(base: string): Promise<Integration[]> {
    const [rows, counts] = await Promise.all([this.repo.list(this.db.manager), this.repo.inboxCounts(this.db.manager)]);
    return rows.map((row) => this.view(row, base, counts));
  }

  async get(id: string, base: string): Promise<Integration> {
    const row = await this.mustFind(id);
    return this.view(row, base, await this.repo.inboxCounts(this.db.manager));
  }

  async create(body: unknown, base: string): Promise<CreatedIntegration> {
    const input = parseOrThrow(CreateIntegrationSchema, body, 'The connection is malformed');
    const now = this.clock.now().toISOString();
    const key = newKey();
    const { plain, secrets } = split(input.system, input.settings);
    const secret = SYSTEMS_WITH_OWN_SECRET.includes(input.system) ? newKey() : undefined;
    if (secret) secrets['secret'] = secret;
    const row: IntegrationEntity = {
      id: randomUUID(),
      system: input.system,
      name: input.name,
      enabled: true,
      keyHash: keyHash(key),
      keySealed: this.box.seal(key),
      settings: JSON.stringify(plain),
      secretsSealed: this.box.seal(JSON.stringify(secrets)),
      createdAt: now,
      updatedAt: now,
    };
    await this.db.write(async (em) => {
      await this.repo.save(em, row);
      await this.known.invalidate(em);
    });
    return { ...this.view(row, base, []), ...(secret && { secret }) };
  }

  async update(id: string, patch: UpdateIntegration, base: string): Promise<Integration> {
    const row = await this.db.write(async (em) => {
      const row = await this.mustFind(id, em);
      const system = row.system as IntegrationSystem;
      if (patch.settings !== undefined) {
        const parsed = parseSettingsPatch(system, patch.settings);
        if (!parsed.success)
          throw DomainError.malformed(prefixed(issuesToFieldErrors(parsed.error.issues, 0, '', patch.settings)), 'Settings are malformed');
        const { plain, secrets } = split(system, parsed.data);
        row.settings = JSON.stringify({ ...(JSON.parse(row.settings) as object), ...plain });
        row.secretsSealed = this.box.seal(JSON.stringify({ ...this.sealed(row).secrets, ...secrets }));
      }
      if (patch.name !== undefined) row.name = patch.name;
      if (patch.enabled !== undefined) row.enabled = patch.enabled;
      row.updatedAt = this.clock.now().toISOString();
      await this.repo.save(em, row);
      await this.known.invalidate(em);
      return row;
    });
    this.facts.emit('integrations.changed', { integrationId: id });
    return this.get(row.id, base);
  }

  async remove(id: string): Promise<void> {
    await this.db.write(async (em) => {
      await this.mustFind(id, em);
      await this.repo.remove(em, id);
      await this.known.invalidate(em);
    });
  }

  /** A new webhook URL (the old key stops answering), or a new secret where Conveyor makes it. */
  async rotate(id: string, what: 'url' | 'secret', base: string): Promise<CreatedIntegration> {
    let secret: string | undefined;
    const row = await this.db.write(async (em) => {
      const row = await this.mustFind(id, em);
      if (what === 'url') {
        const key = newKey();
        row.keyHash = keyHash(key);
        row.keySealed = this.box.seal(key);
      } else {
        if (!SYSTEMS_WITH_OWN_SECRET.includes(row.system as IntegrationSystem))
          throw DomainError.malformed([
            {
              index: 0,
              field: 'what',
              reason: `${row.system} secrets are set in the connection's settings`,
              why: why('secret_in_settings', { system: row.system }),
            },
          ]);
        secret = newKey();
        row.secretsSealed = this.box.seal(JSON.stringify({ ...this.sealed(row).secrets, secret }));
      }
      row.updatedAt = this.clock.now().toISOString();
      await this.repo.save(em, row);
      await this.known.invalidate(em);
      return row;
    });
    return { ...(await this.get(row.id, base)), ...(secret && { secret }) };
  }

  private async mustFind(id: string, em = this.db.manager): Promise<IntegrationEntity> {
    const row = await this.repo.find(em, id);
    if (!row) throw DomainError.notFound('Integration', id).withCode('integration.not_found');
    return row;
  }

  private sealed(row: IntegrationEntity): Sealed {
    return { key: this.box.open(row.keySealed), secrets: JSON.parse(this.box.open(row.secretsSealed)) as Record<string, unknown> };
  }

  private open(row: IntegrationEntity): Connection {
    return {
      id: row.id,
      system: row.system as IntegrationSystem,
      enabled: row.enabled,
      settings: { ...(JSON.parse(row.settings) as object), ...this.sealed(row).secrets },
    };
  }

  private view(row: IntegrationEntity, base: string, counts: { integrationId: string; status: DeliveryStatus; n: number }[]): Integration {
    const inbox = Object.fromEntries(DELIVERY_STATUSES.map((s) => [s, 0])) as Record<DeliveryStatus, number>;
    for (const c of counts) if (c.integrationId === row.id) inbox[c.status] = c.n;
    const { key, secrets } = this.sealed(row);
    return {
      id: row.id,
      system: row.system as IntegrationSystem,
      name: row.name,
      enabled: row.enabled,
      webhookUrl: `${base}/api/hooks/${key}`,
      settings: JSON.parse(row.settings) as Record<string, unknown>,
      secretsSet: Object.keys(secrets).filter((k) => k !== 'secret' || SYSTEMS_WITH_OWN_SECRET.includes(row.system as IntegrationSystem)),
      inbox,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    };
  }
}

function newKey(): string {
  return randomBytes(24).toString('base64url');
}

/** Settings apart: the secret ones get sealed. */
function split(
  system: IntegrationSystem,
  settings: Record<string, unknown>,
): { plain: Record<string, unknown>; secrets: Record<string, unknown> } {
  const plain: Record<string, unknown> = {};
  const secrets: Record<string, unknown> = {};
  for (const field of SYSTEM_SETTINGS[system]) {
    if (settings[field.name] === undefined) continue;
    (field.secret ? secrets : plain)[field.name] = settings[field.name];
  }
  return { plain, secrets };
}

function prefixed(errors: ReturnType<typeof issuesToFieldErrors>): ReturnType<typeof issuesToFieldErrors> {
  return errors.map((e) => ({ ...e, field: `settings.${e.field}` }));
}
