import { type DynamicModule, type INestApplication, Logger, Module, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { errorStack } from '@sanshe/common';
import { documentNoNul, RefuseNulCharacters } from './http/nul-characters';
import { BadRequestProblemsFilter, documentPlatformRefusals } from './http/platform-refusals';
import { answerUndeclaredMethods } from './http/undeclared-methods';
import { httpMetrics } from './metrics/http-metrics';
import { MetricsRegistry } from './metrics/metrics-registry';
import {
  createPlatformPino,
  type LoggingOptions,
  platformLoggerModule,
  requestLogging,
} from './logging/platform-logger';

export interface ServiceOptions {
  /** The bounded context: community, organization, talent, funding, governance. */
  name: string;
  description: string;
  host: string;
  port: number;
  /** No Nest log lines (tests), unless `logging` is set. */
  silent?: boolean;
  /**
   * JSON lines through pino (nestjs-pino) for Nest, every HTTP request, and what routes into Nest's logger (kafkajs,
   * Temporal): the service, request, correlation and trace ids on each line, credentials and personal data redacted.
   */
  logging?: LoggingOptions;
  /** Runs after the app is built and before it listens, e.g. to connect and start a Kafka consumer transport. */
  beforeListen?: (app: INestApplication) => Promise<void>;
}

export const API_DOCS_PATH = 'docs';

/** Builds the Nest app with its OpenAPI document at /docs and graceful shutdown on SIGTERM/SIGINT. */
export async function createService(
  module: Type<unknown> | DynamicModule,
  options: ServiceOptions,
): Promise<INestApplication> {
  const app = await createNestApp(module, options);
  useHttpMetrics(app); // before the body parser and the router: every request counts, refused ones too
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(`Sanshe ${options.name}`)
      .setDescription(options.description)
      .setVersion('0.1.0')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }) // `npm run token` mints one locally
      .build(),
  );
  documentPlatformRefusals(document); // 401/403 of the AuthGuard and 400 of a body that is not JSON, everywhere
  documentNoNul(document); // PostgreSQL holds no U+0000: RefuseNulCharacters answers 400 instead of a 500
  SwaggerModule.setup(API_DOCS_PATH, app, document, { jsonDocumentUrl: `${API_DOCS_PATH}/openapi.json` });
  app.useGlobalFilters(new BadRequestProblemsFilter());
  app.useGlobalInterceptors(new RefuseNulCharacters());
  app.use(answerUndeclaredMethods(document)); // 405 with Allow, not the router's 404 (before the routes: init adds them)
  return app;
}

async function createNestApp(
  module: Type<unknown> | DynamicModule,
  { name, silent, logging }: ServiceOptions,
): Promise<INestApplication> {
  // abortOnError false: a failure rejects (bootService logs it and exits 1) instead of Nest's process.exit, which
  // also made the probe of an optional provider (useHttpMetrics) end the process, a Jest worker included.
  if (!logging) return NestFactory.create(module, { abortOnError: false, ...(silent ? { logger: false } : {}) });
  @Module({})
  class LoggedService {}
  const logger = createPlatformPino(name, logging);
  const root: DynamicModule = { module: LoggedService, imports: [platformLoggerModule(logger), module] };
  const app = await NestFactory.create(root, { bufferLogs: true, abortOnError: false }); // start-up lines wait for the pino logger
  app.useLogger(app.get(PinoNestLogger));
  app.use(...requestLogging(logger)); // before any other middleware: every request is logged, with its ids
  return app;
}

/** Counts every request in the app's MetricsRegistry, when it has one (MetricsModule; some test apps have none). */
function useHttpMetrics(app: INestApplication): void {
  let metrics: MetricsRegistry;
  try {
    metrics = app.get(MetricsRegistry, { strict: false });
  } catch {
    return;
  }
  app.use(httpMetrics(metrics));
}

export async function runService(
  module: Type<unknown> | DynamicModule,
  options: ServiceOptions,
): Promise<INestApplication> {
  const app = await createService(module, options);
  await options.beforeListen?.(app);
  await app.listen(options.port, options.host);
  const logger = new Logger(options.name);
  const address = app.getHttpServer().address() as { port: number };
  const base = `http://${options.host}:${address.port}`;
  logger.log(`listening on ${base} — health ${base}/health, API docs ${base}/${API_DOCS_PATH}`);
  stopCleanlyOnSignals(app, logger);
  return app;
}

/**
 * SIGTERM/SIGINT: stop taking requests, run every shutdown hook (workers drain, Kafka and database
 * connections close), then exit 0 — or 1 if a hook failed, so a supervisor can tell the two apart.
 */
function stopCleanlyOnSignals(app: INestApplication, logger: Logger): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal} received, shutting down`);
    app.close().then(
      () => {
        logger.log('stopped cleanly');
        process.exit(0);
      },
      (err: unknown) => {
        logger.error(`shutdown failed: ${errorStack(err)}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
