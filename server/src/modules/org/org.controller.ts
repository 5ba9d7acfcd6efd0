import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CreateEmployeeSchema, CreateTeamSchema, UpdateEmployeeSchema, UpdateTeamSchema, type Employee, type Team } from '@conveyor/shared';
import { parseOrThrow } from '../../common/parse.js';
import { jsonSchema } from '../../common/openapi.js';
import { OrgService } from './org.service.js';
import { Access, READERS, Audit } from '../../common/access.js';

@ApiTags('people')
@ApiBearerAuth()
@Controller()
export class OrgController {
  constructor(private readonly org: OrgService) {}

  @Get('employees')
  @Access(...READERS)
  @ApiOperation({ summary: 'All employees, with their current team' })
  listEmployees(): Promise<Employee[]> {
    return this.org.listEmployees();
  }

  @Get('employees/:id')
  @Access(...READERS)
  getEmployee(@Param('id') id: string): Promise<Employee> {
    return this.org.getEmployee(id);
  }

  @Post('employees')
  @HttpCode(201)
  @ApiOperation({ summary: 'Add an employee; `id` may be the CRM user id' })
  @ApiBody({ schema: jsonSchema(CreateEmployeeSchema) })
  @Audit({ action: 'employee.create', target: () => null })
  createEmployee(@Body() body: unknown): Promise<Employee> {
    return this.org.createEmployee(parseOrThrow(CreateEmployeeSchema, body));
  }

  @Patch('employees/:id')
  @ApiOperation({ summary: 'Rename, change role, or deactivate (ends their team membership now)' })
  @ApiBody({ schema: jsonSchema(UpdateEmployeeSchema) })
  @Audit({ action: 'employee.update', before: (ref, req) => ref.get(OrgService, { strict: false }).getEmployee(String(req.params.id)) })
  updateEmployee(@Param('id') id: string, @Body() body: unknown): Promise<Employee> {
    return this.org.updateEmployee(id, parseOrThrow(UpdateEmployeeSchema, body));
  }

  @Get('teams')
  @Access(...READERS)
  @ApiOperation({ summary: 'All teams (triads) with their current members' })
  listTeams(): Promise<Team[]> {
    return this.org.listTeams();
  }

  @Get('teams/:id')
  @Access(...READERS)
  @ApiOperation({ summary: 'A team with its membership history' })
  getTeam(@Param('id') id: string): Promise<Team> {
    return this.org.getTeam(id);
  }

  @Post('teams')
  @HttpCode(201)
  @ApiOperation({ summary: 'Add a team; members by role; `since` dates the memberships (default now)' })
  @ApiBody({ schema: jsonSchema(CreateTeamSchema) })
  @Audit({ action: 'team.create', target: () => null })
  createTeam(@Body() body: unknown): Promise<Team> {
    return this.org.createTeam(parseOrThrow(CreateTeamSchema, body));
  }

  @Patch('teams/:id')
  @ApiOperation({ summary: 'Rename, (de)activate, or move people in/out at `since`; past points stay with the old team' })
  @ApiBody({ schema: jsonSchema(UpdateTeamSchema) })
  @Audit({ action: 'team.update', before: (ref, req) => ref.get(OrgService, { strict: false }).getTeam(String(req.params.id)) })
  updateTeam(@Param('id') id: string, @Body() body: unknown): Promise<Team> {
    return this.org.updateTeam(id, parseOrThrow(UpdateTeamSchema, body));
  }
}
