import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { EVENT_TYPES, EventsQuerySchema, MAX_EVENTS_PAGE, type EventsPage } from '@conveyor/shared';
import { parseOrThrow } from '../../common/parse.js';
import { EventsService } from './events.service.js';

@ApiTags('events')
@ApiBearerAuth()
@Controller('events')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @Get()
  @ApiOperation({
    summary: 'Search the events, newest first: by person, client (id, or part of a name), type, office-local dates and void',
    description: `Each with its person, client and team named, money, the points it stands for and whether it was voided. Up to ${MAX_EVENTS_PAGE} a page; \`next\` is the cursor for \`before\`. An unknown or bad parameter is a 400 naming it.`,
  })
  @ApiQuery({ name: 'employeeId', required: false })
  @ApiQuery({ name: 'clientId', required: false })
  @ApiQuery({ name: 'client', required: false, description: "Part of a client's name or id, any case" })
  @ApiQuery({ name: 'type', required: false, enum: EVENT_TYPES })
  @ApiQuery({ name: 'from', required: false, description: 'First office-local day, YYYY-MM-DD' })
  @ApiQuery({ name: 'to', required: false, description: 'Last office-local day, YYYY-MM-DD (included)' })
  @ApiQuery({ name: 'voided', required: false, enum: ['true', 'false'] })
  @ApiQuery({ name: 'before', required: false, description: 'The `next` cursor of the previous page' })
  @ApiQuery({ name: 'limit', required: false })
  search(@Query() query: unknown): Promise<EventsPage> {
    return this.events.search(parseOrThrow(EventsQuerySchema, query));
  }
}
