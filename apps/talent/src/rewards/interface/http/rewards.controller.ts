import { Body, Controller, Get, Param, Post, UseFilters } from '@nestjs/common';
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
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Type } from '@sinclair/typebox';
import { Access, CurrentIdentity, type Identity } from '@sanshe/auth';
import { Id } from '@sanshe/contracts';
import { ApiPathParams, inputInvalidResponse, openApiSchema } from '@sanshe/nest-platform';
import { AwardRecognitionBody, AwardRecognitionHandler } from '../../application/award-recognition';
import { ReadRewardsHandler } from '../../application/read-rewards';
import { RedeemPointsBody, RedeemPointsHandler } from '../../application/redeem-points';
import { REWARD_RULES } from '../../domain/reward-rules';
import { RewardErrorFilter } from './reward-error.filter';

/**
 * The rewards ledger (apps/talent/README.md, "Rewards"): points earned by confirmed hours, completed
 * training and good evaluations, redemptions, and recognitions — each entry naming its cause.
 */
@ApiTags('rewards')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No bearer token, or an invalid one' })
@ApiBadRequestResponse(inputInvalidResponse())
@Controller()
@Access({ action: 'use the rewards ledger' })
@UseFilters(RewardErrorFilter)
export class RewardsController {
  constructor(
    private readonly reader: ReadRewardsHandler,
    private readonly redemptions: RedeemPointsHandler,
    private readonly recognitions: AwardRecognitionHandler,
  ) {}

  @Get('rewards/rules')
  @ApiOperation({ summary: 'The rules in force (REWARD_RULES): points per hour by kind, training, evaluation, stars' })
  @ApiOkResponse({ description: 'The rules as data, with their version' })
  rules() {
    return REWARD_RULES;
  }

  @Get('workers/:workerId/rewards')
  @ApiOperation({ summary: "A worker's balance and ledger entries, oldest first, each naming its cause" })
  @ApiForbiddenResponse({ description: "Not of the worker's organization, a talent-admin or an auditor" })
  @ApiNotFoundResponse({ description: 'No such worker' })
  @ApiPathParams(Type.Object({ workerId: Id }))
  account(@Param('workerId') workerId: string, @CurrentIdentity() who: Identity) {
    return this.reader.account(workerId, who);
  }

  @Post('workers/:workerId/redemptions')
  @ApiOperation({
    summary: "Redeem a worker's points for an item (the admin of its organization, or a talent-admin)",
    description: 'Concurrent redemptions are serialized per worker: the balance is never overdrawn.',
  })
  @ApiBody({ schema: openApiSchema(RedeemPointsBody) })
  @ApiCreatedResponse({ description: 'The redemption entry (negative points)' })
  @ApiForbiddenResponse({ description: "Not organization-admin of the worker's organization nor a talent-admin" })
  @ApiNotFoundResponse({ description: 'No such worker' })
  @ApiConflictResponse({ description: '`insufficient-points`, with the balance' })
  @ApiPathParams(Type.Object({ workerId: Id }))
  redeem(@Param('workerId') workerId: string, @Body() body: unknown, @CurrentIdentity() who: Identity) {
    return this.redemptions.execute({ workerId, body }, who);
  }

  @Post('recognitions')
  @ApiOperation({ summary: 'Name a certified social worker social worker of the year (talent-admin)' })
  @ApiBody({ schema: openApiSchema(AwardRecognitionBody) })
  @ApiCreatedResponse({ description: 'Awarded: a ledger entry and sanshe.talent.recognition.awarded.v1' })
  @ApiForbiddenResponse({ description: 'Not a talent-admin of a district' })
  @ApiNotFoundResponse({ description: 'No such worker' })
  @ApiConflictResponse({ description: '`not-a-social-worker`, or `already-recognized` for that year' })
  award(@Body() body: unknown, @CurrentIdentity() who: Identity) {
    return this.recognitions.execute(body, who);
  }
}
