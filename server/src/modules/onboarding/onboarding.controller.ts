import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { OnboardingStatus } from '@conveyor/shared';
import { OnboardingService } from './onboarding.service.js';

@ApiTags('onboarding')
@ApiBearerAuth()
@Controller('onboarding')
export class OnboardingController {
  constructor(private readonly onboarding: OnboardingService) {}

  @Get()
  @ApiOperation({
    summary: "The first day's steps (people, triads, a CRM or telephony, the TV, invitations) and whether each is done",
  })
  status(): Promise<OnboardingStatus> {
    return this.onboarding.status();
  }
}
