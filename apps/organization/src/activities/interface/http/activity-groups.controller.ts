import { Body, Controller, Delete, Get, Param, Post, Put, UseFilters } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Access, authorize, CurrentIdentity, type Identity } from '@sanshe/auth';
import { ApiPathParams, inputInvalidResponse, openApiSchema } from '@sanshe/nest-platform';
import { organizationParty, ROLES } from '../../../access/organization-access';
import { ManageGroupsHandler } from '../../application/manage-groups';
import { ReadActivitiesHandler } from '../../application/read-activities';
import { ActivityErrorFilter } from './activity-error.filter';
import { ActivityIdParam, checked, GroupParams, MeetingBody, MemberBody, MemberParams } from './activity-schemas';
import { GroupView, InvalidTransitionBody } from './activity-view-schemas';
import { groupView, seesResidents } from './activity-views';

const invalid = inputInvalidResponse();
const ADMIN_OR_STAFF = [ROLES.orgAdmin, ROLES.orgStaff];
const MANAGE = 'manage the groups of';
const GROUP = { schema: openApiSchema(GroupView) };

/**
 * An activity's three groups (participants: residents; staff: workers; volunteers: either), their
 * members (who leave rather than being deleted) and their meetings and trainings, counted in the report.
 */
@ApiTags('activities')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No bearer token, or one that is expired, future-dated or badly signed' })
// Every route names an activity (or an organization) that may not exist: 404 (Schemathesis found it undocumented).
@ApiNotFoundResponse({ description: 'No such activity (or organization)' })
@Controller('activities/:activityId/groups')
@Access({ action: 'read activities' })
@UseFilters(ActivityErrorFilter)
export class ActivityGroupsController {
  constructor(
    private readonly read: ReadActivitiesHandler,
    private readonly manage: ManageGroupsHandler,
  ) {}

  @Get()
  @ApiPathParams(ActivityIdParam)
  @ApiOperation({
    summary: 'The three groups with members, meetings and counts (resident members counted only, unless yours)',
  })
  @ApiOkResponse({ schema: { type: 'array', items: openApiSchema(GroupView) } })
  @ApiNotFoundResponse({ description: 'No such activity' })
  async groups(@Param('activityId') activityId: string, @CurrentIdentity() identity: Identity) {
    checked(ActivityIdParam, { activityId }, '/params');
    const activity = await this.read.one(activityId);
    const residents = seesResidents(identity, activity.organizationId);
    return (await this.read.groups(activityId)).map((g) => groupView(g, residents));
  }

  @Put(':kind/members/:memberId')
  @ApiPathParams(MemberParams)
  @ApiOperation({ summary: 'Add a member (or change its role); participants are residents, staff are workers' })
  @ApiBody({ schema: openApiSchema(MemberBody) })
  @ApiBadRequestResponse(invalid)
  @ApiOkResponse(GROUP)
  @ApiConflictResponse({
    description: 'invalid-transition: the activity is completed or cancelled',
    schema: openApiSchema(InvalidTransitionBody),
  })
  @ApiForbiddenResponse({ description: "Not organization-admin or organization-staff of the activity's organization" })
  @Access({ action: MANAGE, roles: ADMIN_OR_STAFF })
  async join(@Param() params: Record<string, string>, @Body() body: unknown, @CurrentIdentity() identity: Identity) {
    const { activityId, kind, memberId } = checked(MemberParams, params, '/params');
    await this.authorize(activityId, identity, body);
    const { memberKind, role } = checked(MemberBody, body);
    return groupView(await this.manage.join(activityId, kind, { memberId, memberKind, role: role ?? null }), true);
  }

  @Delete(':kind/members/:memberId')
  @ApiPathParams(MemberParams)
  @ApiOperation({ summary: 'A member leaves the group (kept with left_at, counted no more)' })
  @ApiOkResponse(GROUP)
  @ApiNotFoundResponse({ description: 'No such activity, or not a current member' })
  @Access({ action: MANAGE, roles: ADMIN_OR_STAFF })
  async leave(@Param() params: Record<string, string>, @CurrentIdentity() identity: Identity) {
    const { activityId, kind, memberId } = checked(MemberParams, params, '/params');
    await this.authorize(activityId, identity, {});
    return groupView(await this.manage.leave(activityId, kind, memberId), true);
  }

  @Post(':kind/meetings')
  @ApiPathParams(GroupParams)
  @ApiOperation({ summary: 'Record a meeting or training of the group (no more attendees than current members)' })
  @ApiBody({ schema: openApiSchema(MeetingBody) })
  @ApiOkResponse(GROUP)
  @ApiBadRequestResponse(invalid)
  @Access({ action: MANAGE, roles: ADMIN_OR_STAFF })
  async meet(@Param() params: Record<string, string>, @Body() body: unknown, @CurrentIdentity() identity: Identity) {
    const { activityId, kind } = checked(GroupParams, params, '/params');
    await this.authorize(activityId, identity, body);
    return groupView(await this.manage.meet(activityId, kind, checked(MeetingBody, body)), true);
  }

  private async authorize(activityId: string, identity: Identity, body: unknown): Promise<void> {
    const activity = await this.read.one(activityId);
    const parties = () => [organizationParty(activity.organizationId)];
    authorize(identity, { action: MANAGE, roles: ADMIN_OR_STAFF, parties }, { params: {}, query: {}, body });
  }
}
