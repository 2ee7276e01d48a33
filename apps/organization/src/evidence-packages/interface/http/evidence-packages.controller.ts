import { Body, Controller, Get, Headers, Param, Post, Query, UseFilters } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Access, CurrentIdentity, type Identity } from '@sanshe/auth';
import { Type } from '@sinclair/typebox';
import { Id } from '@sanshe/contracts';
import { FieldProblemBody, inputInvalidResponse, openApiSchema } from '@sanshe/nest-platform';
import { ROLES } from '../../../access/organization-access';
import { ReadEvidencePackagesHandler } from '../../application/read-evidence-packages';
import { SubmitEvidencePackageHandler } from '../../application/submit-evidence-package';
import { type EvidencePackage, EvidencePackageBody, IDEMPOTENCY_KEY } from '../../domain/evidence-package';
import { EvidencePackageErrorFilter } from './evidence-package-error.filter';

// The ids as the handlers check them (contracts' Id), so that the document says what is refused 400.
const GRANT_ID = { name: 'grantId', example: 'grant-2026-0007', schema: openApiSchema(Id) };
const EvidenceRepeatedBody = Type.Object({
  statusCode: Type.Literal(422),
  message: Type.String(),
  problems: Type.Array(FieldProblemBody),
});

/** A package as the API shows it: whether governance refused it, and why (the fingerprint stays inside). */
const packageView = (p: EvidencePackage) => ({
  ...{ packageId: p.packageId, eventId: p.eventId, grantId: p.grantId, trancheNo: p.trancheNo },
  ...{ organizationId: p.organizationId, summary: p.summary, evidence: p.evidence },
  ...{ idempotencyKey: p.idempotencyKey, submittedBy: p.submittedBySub, createdAt: p.createdAt },
  ...{ status: p.status, refusal: p.refusal },
});

/**
 * Evidence packages for grant tranches' milestones that are not one activity's completion (a quarterly report,
 * say): sanshe.organization.milestone.evidence-submitted.v1, submittedBy organization:<id>. Governance applies
 * it to the grant's disbursement; a refusal shows on GET.
 */
@ApiTags('evidence packages')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No bearer token, or an invalid one' })
@ApiBadRequestResponse(inputInvalidResponse())
@Controller('grants')
@UseFilters(EvidencePackageErrorFilter)
export class EvidencePackagesController {
  constructor(
    private readonly submit: SubmitEvidencePackageHandler,
    private readonly read: ReadEvidencePackagesHandler,
  ) {}

  @Post(':grantId/evidence-packages')
  @ApiOperation({
    summary: 'Submit an evidence package for a tranche’s milestone (organization-admin of organization:<id>)',
    description:
      'evidence: 1–200 items {sha256 (64 lower-case hex, each once), title (1–200), kind ∈ EVIDENCE_KINDS}; ' +
      'the files stay with the organization. Governance refuses evidence already used for another tranche.',
  })
  @ApiParam(GRANT_ID)
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    schema: { type: 'string', pattern: IDEMPOTENCY_KEY.source },
    description: 'The same key with the same package returns the package sent, no second event; another: 409',
  })
  @ApiBody({ schema: openApiSchema(EvidencePackageBody) })
  @ApiCreatedResponse({ description: 'Sent to governance (or the package this Idempotency-Key sent)' })
  @ApiForbiddenResponse({ description: 'Not organization-admin of organization:<organizationId>' })
  @ApiConflictResponse({ description: '`idempotency-key-reused`: the key sent another package (packageId)' })
  @ApiUnprocessableEntityResponse({
    description: 'A sha256 repeats an earlier item’s (a rule across items no schema states); problems names each',
    schema: openApiSchema(EvidenceRepeatedBody),
  })
  @Access({ action: 'submit evidence packages', roles: [ROLES.orgAdmin] })
  async submitPackage(
    @Param('grantId') grantId: string,
    @Body() body: unknown,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @CurrentIdentity() who: Identity,
  ) {
    return packageView(await this.submit.execute(grantId, body, idempotencyKey, who));
  }

  @Get(':grantId/evidence-packages')
  @ApiOperation({ summary: 'The organization’s evidence packages for a grant, oldest first, refused ones with why' })
  @ApiParam(GRANT_ID)
  @ApiQuery({ name: 'organizationId', required: true, example: 'org-xinhua-elderly-care', schema: openApiSchema(Id) })
  @ApiOkResponse({ description: 'status sent or refused (with refusal {code, reason})' })
  @ApiForbiddenResponse({ description: 'Not organization-admin/-staff of organization:<organizationId>, nor auditor' })
  @Access({ action: 'read evidence packages', roles: [ROLES.orgAdmin, ROLES.orgStaff, ROLES.auditor] })
  async list(
    @Param('grantId') grantId: string,
    @Query('organizationId') organizationId: string | undefined,
    @CurrentIdentity() who: Identity,
  ) {
    return (await this.read.of(grantId, organizationId, who)).map(packageView);
  }
}
