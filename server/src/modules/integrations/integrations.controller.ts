import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CreateIntegrationSchema,
  DeliveriesQuerySchema,
  RotateIntegrationSchema,
  UpdateIntegrationSchema,
  type CreatedIntegration,
  type Delivery,
  type DeliveryPage,
  type Integration,
} from '@conveyor/shared';
import type { Request } from 'express';
import { Audit } from '../../common/access.js';
import { jsonSchema } from '../../common/openapi.js';
import { parseOrThrow } from '../../common/parse.js';
import { AppConfig } from '../../config/config.js';
import { ConnectionsService } from './connections.service.js';
import { InboxReader } from './inbox.reader.js';

/** What the audit log keeps of a connection: never its URL or secrets. */
const auditView = (result: unknown): unknown => {
  const r = result as Partial<Integration>;
  return { id: r.id, system: r.system, name: r.name, enabled: r.enabled, settings: r.settings };
};

@ApiTags('integrations')
@ApiBearerAuth()
@Controller('integrations')
export class IntegrationsController {
  constructor(
    private readonly connections: ConnectionsService,
    private readonly inbox: InboxReader,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The connections to CRMs and telephony, with their webhook URLs and inbox counts (never a secret)' })
  list(@Req() req: Request): Promise<Integration[]> {
    return this.connections.list(this.base(req));
  }

  @Post()
  @ApiOperation({
    summary: 'Connect a system: answers the webhook URL to paste into it, and (generic) the signing secret, shown this once',
  })
  @ApiBody({ schema: jsonSchema(CreateIntegrationSchema) })
  @Audit({ action: 'integration.create', target: () => null, after: auditView })
  create(@Body() body: unknown, @Req() req: Request): Promise<CreatedIntegration> {
    return this.connections.create(body, this.base(req));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Rename, pause or change settings: the settings named are replaced (a secret too), the others kept' })
  @ApiBody({ schema: jsonSchema(UpdateIntegrationSchema) })
  @Audit({ action: 'integration.update', after: auditView })
  update(@Param('id') id: string, @Body() body: unknown, @Req() req: Request): Promise<Integration> {
    return this.connections.update(id, parseOrThrow(UpdateIntegrationSchema, body), this.base(req));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Disconnect: the webhook URL stops answering and the inbox is forgotten; events already scored stay' })
  @Audit({ action: 'integration.delete' })
  async remove(@Param('id') id: string): Promise<void> {
    await this.connections.remove(id);
  }

  @Post(':id/rotate')
  @HttpCode(200)
  @ApiOperation({ summary: 'A new webhook URL (the old one stops at once), or a new signing secret (generic), shown this once' })
  @ApiBody({ schema: jsonSchema(RotateIntegrationSchema) })
  @Audit({ action: 'integration.rotate', after: auditView })
  rotate(@Param('id') id: string, @Body() body: unknown, @Req() req: Request): Promise<CreatedIntegration> {
    return this.connections.rotate(id, parseOrThrow(RotateIntegrationSchema, body).what, this.base(req));
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: 'The inbox: every delivery, newest first, with what became of it (scored, parked, ignored, refused, pending)' })
  deliveries(@Param('id') id: string, @Query() query: Record<string, unknown>): Promise<DeliveryPage> {
    return this.inbox.page(id, parseOrThrow(DeliveriesQuerySchema, query));
  }

  @Get(':id/deliveries/:deliveryId/raw')
  @ApiOperation({ summary: 'A delivery as the system sent it (without its credentials)' })
  raw(@Param('id') id: string, @Param('deliveryId') deliveryId: string): Promise<{ contentType: string; body: string }> {
    return this.inbox.raw(id, deliveryId);
  }

  @Post(':id/deliveries/:deliveryId/replay')
  @HttpCode(200)
  @ApiOperation({ summary: 'Read a delivery again and score it through the same path (idempotent: what it scored before counts once)' })
  @Audit({ action: 'delivery.replay', target: (req) => String(req.params['deliveryId']) })
  replay(@Param('id') id: string, @Param('deliveryId') deliveryId: string): Promise<Delivery> {
    return this.inbox.replay(id, deliveryId);
  }

  /** Where systems reach this server: PUBLIC_URL behind a proxy, else the address the console used. */
  private base(req: Request): string {
    return (this.config.publicUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`).replace(/\/$/, '');
  }
}
