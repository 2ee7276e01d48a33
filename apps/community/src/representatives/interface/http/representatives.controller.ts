import { Body, Controller, Delete, Get, Param, Post, Query, UseFilters } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Access, AccessDenied, CurrentIdentity, type Identity } from '@sanshe/auth';
import { REPRESENTATIVE_REMOVAL_REASONS, StrictCommunityCode } from '@sanshe/contracts';
import { ApiRuleBrokenResponse, openApiSchema } from '@sanshe/nest-platform';
import { areaAdminRefusal, jurisdictionsOf } from '../../../access/community-access';
import { codeProblem } from '../../../areas/domain/administrative-area';
import { AppointmentBody, AppointRepresentativeHandler } from '../../application/appoint-representative';
import { RemoveRepresentativeHandler } from '../../application/remove-representative';
import { RepresentativeInputInvalid } from '../../domain/representative-errors';
import { RepresentativeRepository } from '../../domain/representative.repository';
import { RepresentativeErrorFilter } from './representative-error.filter';

function checkedCommunity(code: string): string {
  const problem = codeProblem('community', code);
  if (problem) throw new RepresentativeInputInvalid([{ path: '/params/communityCode', message: problem }]);
  return code;
}

/** Only the street or district office (area-admin) appoints: the committee must not pick the residents' voice. */
function requireAppointer(who: Identity, communityCode: string, action: string): void {
  const refusal = areaAdminRefusal(who, jurisdictionsOf(communityCode).slice(1), action);
  if (refusal) throw new AccessDenied(refusal);
}

/**
 * A community's representatives: its residents' committee members and its elected residents'
 * representatives, appointed and removed by the area-admin of its street or district; anyone with a
 * token lists them.
 */
@ApiTags('representatives')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No bearer token, or an invalid one' })
@ApiBadRequestResponse({ description: 'A malformed code or body; `problems` names each field' })
@ApiParam({ name: 'communityCode', example: '310104-005-001', schema: openApiSchema(StrictCommunityCode) })
@Controller('communities/:communityCode/representatives')
@Access({ action: 'use representatives' })
@UseFilters(RepresentativeErrorFilter)
export class RepresentativesController {
  constructor(
    private readonly appointHandler: AppointRepresentativeHandler,
    private readonly removeHandler: RemoveRepresentativeHandler,
    private readonly representatives: RepresentativeRepository,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Appoint a committee member or a residents’ representative' })
  @ApiBody({ schema: openApiSchema(AppointmentBody) })
  @ApiCreatedResponse({ description: 'Appointed; one representative.appointed event' })
  @ApiForbiddenResponse({ description: 'Not an area-admin of the community’s street or district' })
  @ApiNotFoundResponse({ description: 'No such community' })
  @ApiConflictResponse({ description: '`already-represents`: the person sits in a body of this community (named)' })
  @ApiRuleBrokenResponse('termTo before termFrom')
  async appoint(@Param('communityCode') code: string, @Body() body: unknown, @CurrentIdentity() who: Identity) {
    requireAppointer(who, checkedCommunity(code), `appoint representatives of ${code}`);
    return this.appointHandler.execute({ communityCode: code, body, appointedBy: who.sub });
  }

  @Delete(':representativeId')
  @ApiOperation({ summary: 'End a representative’s seat' })
  @ApiQuery({ name: 'reason', required: false, enum: [...REPRESENTATIVE_REMOVAL_REASONS] })
  @ApiForbiddenResponse({ description: 'Not an area-admin of the community’s street or district' })
  @ApiNotFoundResponse({ description: 'No such representative in this community' })
  @ApiConflictResponse({ description: '`already-ended`' })
  async remove(
    @Param('communityCode') code: string,
    @Param('representativeId') representativeId: string,
    @Query('reason') reason: string | undefined,
    @CurrentIdentity() who: Identity,
  ) {
    requireAppointer(who, checkedCommunity(code), `remove representatives of ${code}`);
    return this.removeHandler.execute({ communityCode: code, representativeId, reason, endedBy: who.sub });
  }

  @Get()
  @ApiOperation({ summary: 'The community’s representatives (active ones; ?status=all for those who left too)' })
  @ApiQuery({ name: 'status', required: false, enum: ['active', 'all'] })
  list(@Param('communityCode') code: string, @Query('status') status?: unknown) {
    checkedCommunity(code);
    // Anything but the two documented values (a repeated parameter arrives as an array) is refused, not ignored.
    if (status !== undefined && status !== 'active' && status !== 'all') {
      throw new RepresentativeInputInvalid([{ path: '/query/status', message: 'must be active or all' }]);
    }
    return this.representatives.list(code, status === 'all');
  }
}
