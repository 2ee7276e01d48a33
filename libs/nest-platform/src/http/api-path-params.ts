import { applyDecorators } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import type { TObject } from '@sinclair/typebox';
import { openApiSchema } from '../openapi';

/**
 * Documents a route's path parameters from the TypeBox object its handler checks them with, so that the
 * document says exactly what the check enforces; needed where a handler takes `@Param()` whole (Nest then
 * documents none of them) and useful wherever a parameter has a pattern.
 */
export const ApiPathParams = (params: TObject) =>
  applyDecorators(
    ...Object.entries(params.properties).map(([name, schema]) =>
      ApiParam({ name, required: true, schema: openApiSchema(schema) }),
    ),
  );
