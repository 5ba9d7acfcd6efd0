import { Module } from '@nestjs/common';
import { CoreModule } from '../../core/core.module.js';
import { HealthController } from './health.controller.js';
import { MetricsController } from './metrics.controller.js';
import { ReadinessProbe } from './readiness.js';

/** What operators and balancers ask: liveness, readiness, Prometheus metrics (docs/deploy.md). */
@Module({ imports: [CoreModule], controllers: [HealthController, MetricsController], providers: [ReadinessProbe] })
export class HealthModule {}
