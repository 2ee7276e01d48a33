import { Body, Controller, Get, HttpStatus, Inject, Param, Put, Query, Res, UseFilters } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Access, authorize, CurrentIdentity, type Identity } from '@sanshe/auth';
import { DecisionPolicyInput } from '@sanshe/contracts';
import { ReadPoliciesHandler } from '../../application/read-policies';
import { SetPolicyHandler } from '../../application/set-policy';
import { GOVERNANCE_CONFIG } from '../../../config/governance-config.module';
import type { GovernanceConfig } from '../../../config/governance-config';
import { PolicyInputInvalid } from '../../domain/policy-errors';
import { jurisdictionsOver, scopeFieldsOf, scopeProblems } from '../../domain/policy-jurisdiction';
import type { StoredPolicy } from '../../domain/stored-policy';
import { CONFLICT, NOT_FOUND, PolicyView, RESOLVED_VIEW, RULES_BROKEN } from './openapi-schemas';
import { inputInvalidResponse, openApiSchema } from '@sanshe/nest-platform';
import { PolicyErrorFilter } from './policy-error.filter';
import { listQuery, POLICY_QUERY_SCHEMAS, resolveQuery, versionParam } from './policy-query';

const VIEW = openApiSchema(PolicyView);
const invalid = inputInvalidResponse();
const notFound = { description: 'Nothing matches; the message says what was looked for', schema: NOT_FOUND };
const querySchema = (name: keyof typeof POLICY_QUERY_SCHEMAS) => openApiSchema(POLICY_QUERY_SCHEMAS[name]);
const decisionKindQuery = { name: 'decisionKind', example: 'activity-proposal', schema: querySchema('decisionKind') };
const communityQuery = {
  name: 'communityCode',
  required: false,
  example: '310104-005-001',
  schema: querySchema('communityCode'),
  description: 'Empty means district-wide (the default: no community, street or district)',
};
const streetQuery = { name: 'streetCode', required: false, example: '310104-005', schema: querySchema('streetCode') };
const districtQuery = { name: 'districtCode', required: false, example: '310104', schema: querySchema('districtCode') };
const programQuery = {
  name: 'programId',
  required: false,
  example: 'prog-2026-elderly-care',
  schema: querySchema('programId'),
  description: "A funding program's own policies (they come before any area's)",
};

const view = ({ policy, createdAt, createdBy }: StoredPolicy) => ({
  ...policy,
  createdAt: createdAt.toISOString(),
  createdBy,
});

const SET_POLICIES = 'set decision policies';

/**
 * Decision policies as data: thin HTTP over the SetPolicy and ReadPolicies handlers. Anyone with a
 * valid token may read them (the rules of a decision are public to its parties); setting one takes the
 * `policy-admin` role for the policy's jurisdiction (community, street or district; a program's: the district's).
 */
@ApiTags('policies')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No bearer token, or one that is expired, future-dated or badly signed' })
@Controller('policies')
@Access({ action: 'read decision policies' })
@UseFilters(PolicyErrorFilter)
export class PoliciesController {
  constructor(
    private readonly setPolicy: SetPolicyHandler,
    private readonly read: ReadPoliciesHandler,
    @Inject(GOVERNANCE_CONFIG) private readonly config: Pick<GovernanceConfig, 'GOVERNANCE_DISTRICT_CODE'>,
  ) {}

  // Declared before GET :policyId, which would otherwise take "resolve" for a policy id.
  @Get('resolve')
  @ApiOperation({
    summary:
      'The policy a new decision would use: the community’s, else its street’s, else its district’s, else the default',
    description:
      '`resolvedFrom` says which (community, street, district or default); `bindings` are the codes its ' +
      '{communityCode}, {streetCode} and {districtCode} bind to there (null when governance does not know them).',
  })
  @ApiQuery({ ...decisionKindQuery, required: true })
  @ApiQuery(communityQuery)
  @ApiQuery(programQuery)
  @ApiOkResponse({ schema: RESOLVED_VIEW })
  @ApiBadRequestResponse(invalid)
  @ApiNotFoundResponse(notFound)
  async resolve(@Query() query: Record<string, unknown>) {
    const { decisionKind, communityCode, programId } = resolveQuery(query);
    const { resolved, bindings } = await this.read.resolve(decisionKind, communityCode, programId);
    return { ...view(resolved), resolvedFrom: resolved.resolvedFrom, bindings };
  }

  @Get()
  @ApiOperation({
    summary:
      'The latest version of every policy, optionally of one decision kind and/or program, community, street, district',
  })
  @ApiQuery({ ...decisionKindQuery, required: false })
  @ApiQuery(communityQuery)
  @ApiQuery(streetQuery)
  @ApiQuery(districtQuery)
  @ApiQuery(programQuery)
  @ApiOkResponse({ schema: { type: 'array', items: VIEW } })
  @ApiBadRequestResponse(invalid)
  async list(@Query() query: Record<string, unknown>) {
    return (await this.read.list(listQuery(query))).map(view);
  }

  @Put(':policyId')
  @ApiOperation({
    summary: 'Set a policy: stored as its next version (201), or, if unchanged, the latest version is returned (200)',
    description:
      'Refused, with nothing stored, when a field is malformed (400), when one party — or one controller, the ' +
      'context or portal speaking for several seats — could block or approve alone (422, naming it), or when ' +
      'it would move the policy to another scope or give a scope a second policy (409).',
  })
  @ApiParam({ name: 'policyId', example: 'activity-proposal.310104-005-001' })
  @ApiBody({ schema: openApiSchema(DecisionPolicyInput) })
  @ApiCreatedResponse({ description: 'A new version was stored', schema: VIEW })
  @ApiOkResponse({ description: 'Same as the latest version: nothing new was stored', schema: VIEW })
  @ApiBadRequestResponse(invalid)
  @ApiUnprocessableEntityResponse({ description: 'Breaks the no-single-veto rules', schema: RULES_BROKEN })
  @ApiConflictResponse({ description: 'Contradicts a stored policy', schema: CONFLICT })
  @ApiForbiddenResponse({ description: 'The token lacks policy-admin for the policy’s community, street or district' })
  @Access({ action: SET_POLICIES, roles: ['policy-admin'] })
  async set(
    @Param('policyId') policyId: string,
    @Body() body: unknown,
    @CurrentIdentity() identity: Identity,
    @Res({ passthrough: true }) response: { status(code: number): unknown },
  ) {
    // The scope comes from the body, checked before anything else about it: a policy's scope never
    // changes (a PUT that tried would be refused with 409), so this is the scope the policy governs.
    // A body naming two scopes has no jurisdiction to check: refused as malformed, whoever sends it.
    const scope = scopeFieldsOf(body);
    const problems = scopeProblems(scope);
    if (problems.length > 0) throw new PolicyInputInvalid(problems, `policy ${policyId}`);
    const jurisdictions = jurisdictionsOver(scope, this.config.GOVERNANCE_DISTRICT_CODE);
    authorize(identity, { action: SET_POLICIES, parties: () => jurisdictions }, { params: {}, query: {}, body });
    const { stored, created } = await this.setPolicy.execute({ policyId, body, createdBy: identity.sub });
    response.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return view(stored);
  }

  @Get(':policyId')
  @ApiOperation({ summary: 'The latest version of a policy' })
  @ApiOkResponse({ schema: VIEW })
  @ApiNotFoundResponse(notFound)
  async latest(@Param('policyId') policyId: string) {
    return view(await this.read.latest(policyId));
  }

  @Get(':policyId/versions/:version')
  @ApiOperation({ summary: 'One version of a policy, as decisions pinned to it see it' })
  @ApiParam({ name: 'version', schema: { type: 'integer', minimum: 1, maximum: 999_999_999 }, example: 1 })
  @ApiOkResponse({ schema: VIEW })
  @ApiBadRequestResponse(invalid)
  @ApiNotFoundResponse(notFound)
  async version(@Param('policyId') policyId: string, @Param('version') version: string) {
    return view(await this.read.version(policyId, versionParam(version)));
  }
}
