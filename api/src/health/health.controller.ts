import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../auth/public.decorator.js';

@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
  ) {}

  /** Liveness plus database readiness; open to load balancers and orchestrators. */
  @Public()
  @Get()
  @HealthCheck()
  getHealth() {
    return this.health.check([() => this.database.pingCheck('database').withTimeout(1500)]);
  }
}
