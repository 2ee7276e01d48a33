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
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Type } from '@sinclair/typebox';
import { Access, AccessDenied, CurrentIdentity, type Identity } from '@sanshe/auth';
import { type FieldProblem, GAP_KIND_CODES, Id, literalUnion, schemaProblems } from '@sanshe/contracts';
import { ApiPathParams, inputInvalidResponse, openApiSchema } from '@sanshe/nest-platform';
import {
  actsForOrganization,
  funderPartiesOf,
  isAuditor,
  organizationParty,
  ROLES,
} from '../../../access/funding-access';
import { ReadOrganizationFundingHandler } from '../../application/read-organization-funding';

/** The feature's one HTTP error: a malformed organization id (400 naming it). */
export class FundingViewInputInvalid extends Error {
  readonly code = 'funding-view-input-invalid';
  constructor(readonly problems: FieldProblem[]) {
    super(`invalid request: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`);
  }
}

@Catch(FundingViewInputInvalid)
export class FundingViewErrorFilter implements ExceptionFilter<FundingViewInputInvalid> {
  catch(error: FundingViewInputInvalid, host: ArgumentsHost): void {
    const status = HttpStatus.BAD_REQUEST;
    host
      .switchToHttp()
      .getResponse<{ status(code: number): { json(body: unknown): void } }>()
      .status(status)
      .json({ statusCode: status, message: error.message, problems: error.problems });
  }
}

const Params = Type.Object({ organizationId: Id });
const Fen = Type.Union([Type.Integer(), Type.String({ pattern: '^-?[0-9]+$' })], {
  description: 'fen: an integer, or its digits as a string beyond Number.MAX_SAFE_INTEGER',
});
const Totals = Type.Array(Type.Object({ currency: Type.String(), amountFen: Fen }));
const Day = Type.String({ format: 'date' });
const Days = Type.Union([Type.Integer(), Type.Null()]);

const FundingViewBody = Type.Object({
  organizationId: Type.String(),
  today: Day,
  secured: Totals,
  received: Totals,
  clawedBack: Totals,
  nextTranche: Type.Union([
    Type.Object({
      ...{ grantId: Type.String(), programId: Type.String(), trancheNo: Type.Integer() },
      amount: Type.Object({ amountFen: Type.Integer(), currency: Type.String() }),
      ...{ milestone: Type.String(), dueDate: Day, daysUntilDue: Type.Integer({ description: '< 0: late' }) },
    }),
    Type.Null(),
  ]),
  fundedUntil: Type.Union([Day, Type.Null()]),
  daysLeft: Days,
  warnDays: Type.Integer(),
  gaps: Type.Array(
    Type.Object({
      kind: literalUnion(GAP_KIND_CODES),
      episode: Type.Integer({ minimum: 1 }),
      since: Type.String({ format: 'date-time' }),
      detectedOn: Type.Object({}, { additionalProperties: true }),
    }),
  ),
});

function readerRefusal(who: Identity, organizationId: string): string | null {
  if (actsForOrganization(who, organizationId) || funderPartiesOf(who).length > 0 || isAuditor(who)) return null;
  return (
    `${who.sub} may not read the funding of ${organizationId}: it needs the role ${ROLES.orgAdmin} or ` +
    `${ROLES.orgStaff} for ${organizationParty(organizationId)}, ${ROLES.funderAdmin} or ${ROLES.funderStaff} ` +
    `for a funder:* or portal:* party, or ${ROLES.auditor}`
  );
}

/** An organization's funding chain: the early warning the study asks for (a broken chain loses the talent). */
@ApiTags('funding gaps')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No bearer token, or an invalid one' })
@Controller()
@Access({ action: 'read an organization’s funding' })
@UseFilters(FundingViewErrorFilter)
export class OrganizationFundingController {
  constructor(private readonly read: ReadOrganizationFundingHandler) {}

  @Get('organizations/:organizationId/funding')
  @ApiPathParams(Params)
  @ApiOperation({
    summary: 'Secured, received and clawed-back funding, the next tranche, the runway and open gaps',
    description:
      'Secured = the active and completed grants; fundedUntil = the latest due date of their tranches; an open ' +
      'gap is one sanshe.funding.gap.detected.v1 announced and no gap.cleared has closed yet. Days are Asia/Shanghai.',
  })
  @ApiOkResponse({ schema: openApiSchema(FundingViewBody) })
  @ApiBadRequestResponse(inputInvalidResponse())
  @ApiForbiddenResponse({
    description: 'Not the organization’s admin or staff, a funder’s admin or staff, or an auditor',
  })
  funding(@Param('organizationId') organizationId: string, @CurrentIdentity() who: Identity) {
    const problems = schemaProblems(Params, { organizationId }, '/params');
    if (problems.length > 0) throw new FundingViewInputInvalid(problems);
    const refusal = readerRefusal(who, organizationId);
    if (refusal) throw new AccessDenied(refusal);
    return this.read.execute(organizationId);
  }
}
