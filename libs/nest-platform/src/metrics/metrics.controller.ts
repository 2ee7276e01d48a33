import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { prometheusContentType } from 'prom-client';
import { PublicEndpoint } from '@sanshe/auth';
import { MetricsRegistry } from './metrics-registry';

/**
 * `GET /metrics` in Prometheus' text format. Public, as /health is: a scraper, like a probe, holds no user's
 * token (ours expire and name a person), and what it reads is aggregates whose labels are bounded — route
 * templates, stages, reasons; never an id, a name or personal data (docs/operations.md, "Metrics"). Keep the
 * port on a network only the scraper reaches, as for /health.
 */
@ApiTags('metrics')
@PublicEndpoint() // scrapers carry no token; nothing here names a person or a record
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsRegistry) {}

  @Get()
  @Header('Content-Type', prometheusContentType)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: "This service's metrics for Prometheus (text exposition format)" })
  @ApiProduces(prometheusContentType)
  @ApiOkResponse({ description: 'Every series, one sample a line', schema: { type: 'string' } })
  scrape(): Promise<string> {
    return this.metrics.metrics();
  }
}
