import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ClientInfo } from '@conveyor/shared';
import { ClientsService } from './clients.service.js';

@ApiTags('clients')
@ApiBearerAuth()
@Controller('clients')
export class ClientsController {
  constructor(private readonly clients: ClientsService) {}

  @Get(':id')
  @ApiOperation({ summary: 'A client along the chain: who sourced, sold and keeps it, its first payment and its payments' })
  get(@Param('id') id: string): Promise<ClientInfo> {
    return this.clients.get(id);
  }
}
