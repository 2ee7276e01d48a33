import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { PublicEndpoint } from '@sanshe/auth';
import { HealthRegistry } from './health-registry';

const CHECK_TIMEOUT_MS = 2000;

@ApiTags('health')
@PublicEndpoint() // readiness probes carry no token
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly registry: HealthRegistry,
  ) {}

  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'Status of this service and each dependency it uses (200 when all are up, 503 otherwise)' })
  check() {
    return this.health.check(
      this.registry.all().map(
        ({ name, check }) =>
          () =>
            this.indicators
              .check(name)
              .attempt(({ signal }) => check(signal))
              .withTimeout(CHECK_TIMEOUT_MS),
      ),
    );
  }
}
