import {
  type ArgumentsHost,
  Catch,
  Controller,
  type ExceptionFilter,
  Get,
  HttpStatus,
  Param,
  UseFilters,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Type } from '@sinclair/typebox';
import { Access } from '@sanshe/auth';
import { Id, schemaProblems } from '@sanshe/contracts';
import { ApiPathParams, inputInvalidResponse, openApiSchema } from '@sanshe/nest-platform';
import { OrganizationNotFound, ReadCapacityHandler } from '../../application/read-capacity';

class CapacityInputInvalid extends Error {
  readonly code = 'capacity-input-invalid';
  constructor(readonly problems: { path: string; message: string }[]) {
    super(`invalid request: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`);
  }
}

/** The profile's two errors: a malformed id (400 naming it) and an unknown organization (404). */
@Catch(OrganizationNotFound, CapacityInputInvalid)
export class CapacityErrorFilter implements ExceptionFilter<OrganizationNotFound | CapacityInputInvalid> {
  catch(error: OrganizationNotFound | CapacityInputInvalid, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<{ status(code: number): { json(body: unknown): void } }>();
    if (error instanceof CapacityInputInvalid) {
      const status = HttpStatus.BAD_REQUEST;
      response.status(status).json({ statusCode: status, message: error.message, problems: error.problems });
      return;
    }
    const status = HttpStatus.NOT_FOUND;
    response.status(status).json({ statusCode: status, code: error.code, message: error.message });
  }
}

const Params = Type.Object({ organizationId: Id });
const Count = Type.Integer({ minimum: 0 });
const Fen = Type.Integer({ minimum: 0, description: 'integer fen (分)' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

const CapacityView = Type.Object({
  organizationId: Type.String(),
  staff: Type.Object({
    certifiedSocialWorkers: Count,
    byLevel: Type.Record(Type.String(), Count),
    interns: Count,
    volunteers: Count,
    communityStaff: Count,
  }),
  funding: Type.Object({
    securedFen: Fen,
    receivedFen: Fen,
    currency: Type.String(),
    nextTranche: Nullable(
      Type.Object({
        grantId: Type.String(),
        trancheNo: Type.Integer({ minimum: 1 }),
        amountFen: Fen,
        dueDate: Type.String({ format: 'date' }),
        overdue: Type.Boolean(),
      }),
    ),
  }),
  evaluation: Nullable(
    Type.Object({ averageScore: Type.Number({ description: '2 decimals' }), activitiesEvaluated: Count }),
  ),
  activities: Type.Object({ scheduled: Count, running: Count, completed: Count }),
  asOf: Nullable(Type.String({ format: 'date-time', description: 'The time of the latest event applied' })),
});

/** An organization's capacity profile, kept current from talent's, funding's and the community's events. */
@ApiTags('organizations')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No bearer token, or one that is expired, future-dated or badly signed' })
@Controller()
@Access({ action: 'read capacity profiles' })
@UseFilters(CapacityErrorFilter)
export class CapacityController {
  constructor(private readonly read: ReadCapacityHandler) {}

  @Get('organizations/:organizationId/capacity')
  @ApiPathParams(Params)
  @ApiOperation({
    summary: 'Certified staff, interns, volunteers; funding secured, received and the next tranche; rating; activities',
    description:
      'A read model from events (talent worker.*, funding grant.*/tranche.paid, community rating.updated); ' +
      'asOf is the time of the latest one applied. Money in integer fen.',
  })
  @ApiOkResponse({ schema: openApiSchema(CapacityView) })
  @ApiBadRequestResponse(inputInvalidResponse())
  @ApiNotFoundResponse({ description: 'No such organization' })
  capacity(@Param('organizationId') organizationId: string) {
    const problems = schemaProblems(Params, { organizationId }, '/params');
    if (problems.length > 0) throw new CapacityInputInvalid(problems);
    return this.read.execute(organizationId);
  }
}
