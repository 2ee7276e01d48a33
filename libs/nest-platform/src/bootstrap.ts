import { type DynamicModule, type INestApplication, Logger, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

export interface ServiceOptions {
  /** The bounded context: community, organization, talent, funding, governance. */
  name: string;
  description: string;
  host: string;
  port: number;
}

export const API_DOCS_PATH = 'docs';

/** Builds the Nest app with its OpenAPI document at /docs and graceful shutdown on SIGTERM/SIGINT. */
export async function createService(module: Type<unknown> | DynamicModule, options: ServiceOptions): Promise<INestApplication> {
  const app = await NestFactory.create(module, { bufferLogs: false });
  // On SIGTERM/SIGINT Nest runs every onModuleDestroy/onApplicationShutdown hook (workers drain, pools close), then exits.
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle(`Sanshe ${options.name}`).setDescription(options.description).setVersion('0.1.0').build(),
  );
  SwaggerModule.setup(API_DOCS_PATH, app, document, { jsonDocumentUrl: `${API_DOCS_PATH}/openapi.json` });
  return app;
}

export async function runService(module: Type<unknown> | DynamicModule, options: ServiceOptions): Promise<INestApplication> {
  const app = await createService(module, options);
  await app.listen(options.port, options.host);
  const base = `http://${options.host}:${options.port}`;
  new Logger(options.name).log(`listening on ${base} — health ${base}/health, API docs ${base}/${API_DOCS_PATH}`);
  return app;
}
