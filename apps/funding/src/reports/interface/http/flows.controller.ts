import { type ArgumentsHost, Catch, Controller, type ExceptionFilter, Get, Query, UseFilters } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Type } from '@sinclair/typebox';
import { Access, AccessDenied, CurrentIdentity, type Identity } from '@sanshe/auth';
import { FieldProblemBody, inputInvalidResponse, openApiSchema } from '@sanshe/nest-platform';
import { flowFilterFor } from '../../application/flow-scope';
import { ReadFlowsHandler } from '../../application/read-flows';
import { FLOW_GROUPINGS } from '../../domain/flow-report';
import { flowQueryOf, FlowQueryInvalid, FlowQuerySchema } from './flow-query';

/** A query parameter as the check reads it (FlowQuerySchema). */
const QUERY = (name: 'from' | 'to' | 'programId' | 'funderId') => ({
  name,
  schema: openApiSchema(FlowQuerySchema.properties[name]),
});

@Catch(FlowQueryInvalid)
export class FlowQueryErrorFilter implements ExceptionFilter<FlowQueryInvalid> {
  catch(error: FlowQueryInvalid, host: ArgumentsHost): void {
    const status = error.status;
    host
      .switchToHttp()
      .getResponse<{ status(code: number): { json(body: unknown): void } }>()
      .status(status)
      .json({ statusCode: status, message: error.message, problems: error.problems });
  }
}

const Fen = Type.Union([Type.Integer(), Type.String({ pattern: '^-?[0-9]+$' })], {
  description: 'fen: an integer, or its digits as a string beyond Number.MAX_SAFE_INTEGER',
});
const RangeInvalidBody = Type.Object({
  statusCode: Type.Literal(422),
  message: Type.String(),
  problems: Type.Array(FieldProblemBody),
});
const Listed = Type.Union([Type.Array(Type.String()), Type.Null()]);
const FlowReportBody = Type.Object({
  groupBy: Type.String(),
  from: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
  to: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
  programId: Type.Union([Type.String(), Type.Null()]),
  funderIds: Listed,
  organizationIds: Listed,
  rows: Type.Array(
    Type.Object({
      key: Type.String(),
      label: Type.Optional(Type.String({ description: 'zh label of a mode or category' })),
      currency: Type.String(),
      ...{ awardedFen: Fen, reservedFen: Fen, paidFen: Fen, clawedBackFen: Fen, releasedFen: Fen },
      grants: Type.Integer({ minimum: 1 }),
    }),
  ),
});

/** Funding flows by mode, category, community, organization or month: what was awarded, reserved, paid, clawed back, released. */
@ApiTags('reports')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No bearer token, or an invalid one' })
@Controller('reports')
@Access({ action: 'read funding reports' })
@UseFilters(FlowQueryErrorFilter)
export class FlowsController {
  constructor(private readonly read: ReadFlowsHandler) {}

  @Get('flows')
  @ApiOperation({
    summary: 'Flows grouped by mode, category, community, organization or month (Asia/Shanghai), per currency',
    description:
      'awarded: grants not voided, in their award month; reserved, paid (settled), clawedBack (requested) and ' +
      'released: the ledger lines on the grants’ accounts, in the month posted. from/to (inclusive) filter both. ' +
      'A funder’s admin or staff sees its programs; an organization’s admin or staff its own grants; an auditor all.',
  })
  @ApiQuery({ name: 'groupBy', enum: FLOW_GROUPINGS })
  @ApiQuery({ ...QUERY('from'), required: false, description: 'YYYY-MM-DD, inclusive' })
  @ApiQuery({ ...QUERY('to'), required: false, description: 'YYYY-MM-DD, inclusive' })
  @ApiQuery({ ...QUERY('programId'), required: false })
  @ApiQuery({ ...QUERY('funderId'), required: false, description: 'funder:… or portal:…' })
  @ApiOkResponse({ schema: openApiSchema(FlowReportBody) })
  @ApiBadRequestResponse(inputInvalidResponse())
  @ApiUnprocessableEntityResponse({
    description: 'to is before from, each well formed (a rule between two parameters); problems names /query/to',
    schema: openApiSchema(RangeInvalidBody),
  })
  @ApiForbiddenResponse({
    description: 'Not a funder’s or organization’s admin or staff, nor an auditor; or another funder',
  })
  flows(@Query() query: Record<string, unknown>, @CurrentIdentity() who: Identity) {
    const { groupBy, ...filters } = flowQueryOf(query);
    const scope = flowFilterFor(who, filters);
    if ('refusal' in scope) throw new AccessDenied(scope.refusal);
    return this.read.execute(groupBy, scope.filter);
  }
}
