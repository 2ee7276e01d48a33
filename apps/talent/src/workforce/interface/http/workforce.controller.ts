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
  ApiBearerAuth,
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Type } from '@sinclair/typebox';
import { Access, AccessDenied, CurrentIdentity, type Identity } from '@sanshe/auth';
import { type FieldProblem, Id, schemaProblems } from '@sanshe/contracts';
import { ApiPathParams, inputInvalidResponse, openApiSchema } from '@sanshe/nest-platform';
import { actsFor, isAuditor, isTalentAdmin, organizationParty } from '../../../access/talent-access';
import { ReadWorkforceHandler } from '../../application/read-workforce';

/** The feature's one error: a malformed organization id (400 naming it). */
export class WorkforceInputInvalid extends Error {
  readonly code = 'workforce-input-invalid';
  constructor(readonly problems: FieldProblem[]) {
    super(`invalid request: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`);
  }
}

@Catch(WorkforceInputInvalid)
export class WorkforceErrorFilter implements ExceptionFilter<WorkforceInputInvalid> {
  catch(error: WorkforceInputInvalid, host: ArgumentsHost): void {
    const status = HttpStatus.BAD_REQUEST;
    host
      .switchToHttp()
      .getResponse<{ status(code: number): { json(body: unknown): void } }>()
      .status(status)
      .json({ statusCode: status, message: error.message, problems: error.problems });
  }
}

const Params = Type.Object({ organizationId: Id });
const Count = Type.Integer({ minimum: 0 });
const Ratio = Type.Union([Type.Number({ minimum: 0, description: '4 decimals' }), Type.Null()]);
const Indicator = Type.Union([Type.Literal('intern-ratio'), Type.Literal('turnover')]);

const WorkforceView = Type.Object({
  organizationId: Type.String(),
  figures: Type.Object({
    ...{ certified: Count, communityStaff: Count, interns: Count, volunteers: Count },
    ...{ left12Months: Count, headcount12MonthsAgo: Count, retainedInterns: Count },
  }),
  indicators: Type.Object({
    ...{ staff: Count, internRatio: Ratio, certifiedCoverage: Ratio, turnover12Months: Ratio },
    retainedInterns: Count,
  }),
  thresholds: Type.Object({
    ...{ version: Type.Integer(), internRatioAbove: Type.Number(), turnoverAbove: Type.Number() },
    minStaff: Count,
  }),
  judged: Type.Boolean({ description: 'false below minStaff: no indicator is judged' }),
  status: Type.Array(
    Type.Object({
      indicator: Indicator,
      status: Type.Union([Type.Literal('ok'), Type.Literal('at-risk')]),
      crossings: Count,
      changedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
      aboveThreshold: Type.Union([Type.Boolean(), Type.Null()]),
    }),
  ),
  asOf: Type.String({ format: 'date-time' }),
});

function readerRefusal(who: Identity, organizationId: string): string | null {
  if (actsFor(who, organizationId) || isTalentAdmin(who) || isAuditor(who)) return null;
  return (
    `${who.sub} may not read the workforce health of ${organizationId}: it needs the role organization-admin or ` +
    `organization-staff for ${organizationParty(organizationId)}, talent-admin for a district, or auditor`
  );
}

/** Workforce health per organization: the early warning the study asks for (interns, coverage, turnover). */
@ApiTags('workforce')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No bearer token, or an invalid one' })
@Controller()
@Access({ action: 'read workforce health' })
@UseFilters(WorkforceErrorFilter)
export class WorkforceController {
  constructor(private readonly read: ReadWorkforceHandler) {}

  @Get('organizations/:organizationId/workforce')
  @ApiOperation({
    summary: 'Intern ratio, certified coverage, 12-month turnover, interns retained; thresholds and status',
    description:
      'Staff = certified social workers + community staff + interns (volunteers are not staff). A crossing of ' +
      'a threshold publishes sanshe.talent.workforce.risk-detected.v1 once; its recovery risk-cleared.',
  })
  @ApiOkResponse({ schema: openApiSchema(WorkforceView) })
  @ApiBadRequestResponse(inputInvalidResponse())
  @ApiForbiddenResponse({ description: 'Not its organization’s admin or staff, a talent-admin or an auditor' })
  @ApiPathParams(Params)
  workforce(@Param('organizationId') organizationId: string, @CurrentIdentity() who: Identity) {
    const problems = schemaProblems(Params, { organizationId }, '/params');
    if (problems.length > 0) throw new WorkforceInputInvalid(problems);
    const refusal = readerRefusal(who, organizationId);
    if (refusal) throw new AccessDenied(refusal);
    return this.read.execute(organizationId);
  }
}
