import { Body, Controller, Get, Param, Post, Put, UseFilters } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Access, AccessDenied, CurrentIdentity, type Identity } from '@sanshe/auth';
import { StrictCommunityCode } from '@sanshe/contracts';
import { communityParty, jurisdictionsOf, ROLES } from '../../../access/community-access';
import { ReadEvaluationsHandler } from '../../application/read-evaluations';
import { RecordEvaluationHandler } from '../../application/record-evaluation';
import { SetEvaluationWeightsHandler } from '../../application/set-evaluation-weights';
import { EvaluationErrorFilter } from './evaluation-error.filter';
import {
  ActivityEvaluationView,
  ActivityIdParam,
  checked,
  checkedEvaluation,
  CODED,
  CommunityCodeParam,
  EvaluationBody,
  EvaluationView,
  OrganizationIdParam,
  RatingView,
  WeightsBody,
  WeightsView,
} from './evaluation-schemas';
import { activityEvaluationView, evaluationView, ratingView } from './evaluation-views';
import { ApiPathParams, ApiRuleBrokenResponse, inputInvalidResponse, openApiSchema } from '@sanshe/nest-platform';

const schema = openApiSchema;
const invalid = inputInvalidResponse();
const SET_WEIGHTS = 'set evaluation weights';

/** A committee member of the community, or an area administrator of its street or district. */
function checkMaySetWeights(identity: Identity, communityCode: string): void {
  const holds = (role: string, parties: string[]) =>
    identity.roles.includes(role) && parties.some((party) => identity.parties.includes(party));
  const overseers = jurisdictionsOf(communityCode).slice(1); // its street and district, not itself
  if (holds(ROLES.committeeMember, [communityParty(communityCode)]) || holds(ROLES.areaAdmin, overseers)) return;
  throw new AccessDenied(
    `${identity.sub} may not ${SET_WEIGHTS} of ${communityCode}: it needs ${ROLES.committeeMember} for ` +
      `${communityParty(communityCode)}, or ${ROLES.areaAdmin} for ${overseers.join(' or ')}`,
  );
}

/**
 * Evaluation on the whole of the service: weights per community, evaluations of completed activities
 * by residents, the committee and peer organizations, and each organization's rating. Anyone with a
 * token reads them.
 */
@ApiTags('evaluations')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No bearer token, or one that is expired, future-dated or badly signed' })
@Controller()
@Access({ action: 'read evaluations' })
@UseFilters(EvaluationErrorFilter)
export class EvaluationsController {
  constructor(
    private readonly setWeights: SetEvaluationWeightsHandler,
    private readonly recordEvaluation: RecordEvaluationHandler,
    private readonly read: ReadEvaluationsHandler,
  ) {}

  @Put('communities/:communityCode/evaluation-weights')
  @ApiOperation({
    summary: "Set the community's evaluation weights, for activities completed from now on",
    description:
      'Integers 0–100. Refused (422, naming the field, nothing written) when they sum to 0, when efficiency ' +
      'exceeds any other dimension, or when it exceeds a quarter of the total. Activities already completed ' +
      'keep the weights pinned when they completed.',
  })
  @ApiParam({ name: 'communityCode', example: '310104-005-001', schema: openApiSchema(StrictCommunityCode) })
  @ApiBody({ schema: schema(WeightsBody) })
  @ApiOkResponse({ schema: schema(WeightsView) })
  @ApiBadRequestResponse(invalid)
  @ApiNotFoundResponse({ schema: schema(CODED(404, ['community-not-found'])) })
  @ApiRuleBrokenResponse('Weights summing to 0, or efficiency above another weight or a quarter of the total')
  @ApiForbiddenResponse({
    description: 'Not committee-member of the community, nor area-admin of its street or district',
  })
  @Access({ action: SET_WEIGHTS, roles: [ROLES.committeeMember, ROLES.areaAdmin] })
  async putWeights(
    @Param('communityCode') communityCode: string,
    @Body() body: unknown,
    @CurrentIdentity() identity: Identity,
  ) {
    checked(CommunityCodeParam, { communityCode }, '/params');
    checkMaySetWeights(identity, communityCode);
    const weights = await this.setWeights.execute({
      communityCode,
      weights: checked(WeightsBody, body),
      updatedBy: identity.sub,
    });
    return { communityCode, ...weights, isDefault: false };
  }

  @Get('communities/:communityCode/evaluation-weights')
  @ApiOperation({ summary: "The community's evaluation weights (the default 3/3/3/1 when it set none)" })
  @ApiOkResponse({ schema: schema(WeightsView) })
  @ApiBadRequestResponse(invalid)
  @ApiPathParams(CommunityCodeParam)
  async getWeights(@Param('communityCode') communityCode: string) {
    checked(CommunityCodeParam, { communityCode }, '/params');
    const { weights, isDefault } = await this.read.weights(communityCode);
    return { communityCode, ...weights, isDefault };
  }

  @Post('activities/:activityId/evaluations')
  @ApiOperation({
    summary: 'Evaluate a completed activity: a resident (satisfaction), the committee (outcome) or a peer (efficiency)',
    description:
      "resident: a residents-representative of the activity's community enters a participating resident's " +
      'score under their pseudonym (rp-…), once per resident. committee: a committee-member, once. peer: ' +
      'organization-staff of another organization, once per organization. Publishes evaluation.recorded ' +
      '(no resident id). Evaluations count until the window closes: once all four dimensions are in, each one ' +
      'rescores the activity provisionally and publishes rating.updated (the next revision); at the close the ' +
      'score becomes final, and later evaluations are refused (409 evaluation-closed).',
  })
  @ApiPathParams(ActivityIdParam)
  @ApiBody({ schema: schema(EvaluationBody) })
  @ApiCreatedResponse({ schema: schema(EvaluationView) })
  @ApiBadRequestResponse(invalid)
  @ApiForbiddenResponse({ schema: schema(CODED(403, ['evaluator-not-allowed', 'own-organization'])) })
  @ApiNotFoundResponse({ schema: schema(CODED(404, ['activity-not-found'])) })
  @ApiConflictResponse({
    schema: schema(CODED(409, ['evaluation-closed', 'already-evaluated', 'not-a-participant'])),
  })
  @Access({ action: 'evaluate activities', roles: [ROLES.residentsRep, ROLES.committeeMember, ROLES.orgStaff] })
  async evaluate(
    @Param('activityId') activityId: string,
    @Body() body: unknown,
    @CurrentIdentity() identity: Identity,
  ) {
    checked(ActivityIdParam, { activityId }, '/params');
    const input = checkedEvaluation(body);
    const { evaluation } = await this.recordEvaluation.execute({ activityId, input, caller: identity });
    return evaluationView(evaluation);
  }

  @Get('activities/:activityId/evaluation')
  @ApiOperation({
    summary: "A completed activity's evaluations, dimensions so far, and its provisional or final score",
  })
  @ApiOkResponse({ schema: schema(ActivityEvaluationView) })
  @ApiBadRequestResponse(invalid)
  @ApiNotFoundResponse({ schema: schema(CODED(404, ['activity-not-found'])) })
  @ApiPathParams(ActivityIdParam)
  async activity(@Param('activityId') activityId: string) {
    checked(ActivityIdParam, { activityId }, '/params');
    return activityEvaluationView(await this.read.activity(activityId));
  }

  @Get('organizations/:organizationId/rating')
  @ApiOperation({ summary: "An organization's rating: the mean of its activities' current scores" })
  @ApiOkResponse({ schema: schema(RatingView) })
  @ApiBadRequestResponse(invalid)
  @ApiNotFoundResponse({ schema: schema(CODED(404, ['organization-not-rated'])) })
  @ApiPathParams(OrganizationIdParam)
  async rating(@Param('organizationId') organizationId: string) {
    checked(OrganizationIdParam, { organizationId }, '/params');
    return ratingView(await this.read.rating(organizationId));
  }
}
