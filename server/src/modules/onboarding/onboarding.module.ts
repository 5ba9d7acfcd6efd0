import { Module } from '@nestjs/common';
import { CoreModule } from '../../core/core.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { IntegrationsModule } from '../integrations/integrations.module.js';
import { OrgModule } from '../org/org.module.js';
import { OnboardingController } from './onboarding.controller.js';
import { OnboardingService } from './onboarding.service.js';

/** The console's first-day checklist: reads what the rooms below have, owns nothing. */
@Module({
  imports: [CoreModule, OrgModule, AuthModule, IntegrationsModule],
  controllers: [OnboardingController],
  providers: [OnboardingService],
})
export class OnboardingModule {}
