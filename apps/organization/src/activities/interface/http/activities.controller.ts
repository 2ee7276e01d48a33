import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Put,
  Query,
  UseFilters,
} from '@nestjs/common';
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
import { ChangeActivityHandler } from '../../application/change-activity';
import { CompleteActivityHandler } from '../../application/complete-activity';
import { ReadActivitiesHandler } from '../../application/read-activities';
import {
  applyAttendance,
  applyCancel,
  applyCancelSession,
  applyExtraSession,
  applyStart,
  type Applied,
  type Activity,
} from '../../domain/activity';
import { ActivityErrorFilter } from './activity-error.filter';
import {
  ActivityIdParam,
  ActivityQuery,
  AddSessionBody,
  AttendanceBody,
  CancelBody,
  checked,
  CompleteBody,
  OrganizationIdParam,
  SessionParams,
} from './activity-schemas';
import { ActivityView, InvalidTransitionBody, ReportView, SessionView } from './activity-view-schemas';
import { activityView, reportView, seesResidents, sessionView } from './activity-views';

const invalid = inputInvalidResponse();
const notFound = { description: 'No such activity (or session, organization, report)' };
const conflict = {
  description: 'invalid-transition {status, attempted, allowed}, no-session-held, session-status-conflict',
  schema: openApiSchema(InvalidTransitionBody),
};
const ACTIVITY = { schema: openApiSchema(ActivityView) };
const ADMIN_OR_STAFF = [ROLES.orgAdmin, ROLES.orgStaff];
const RECORD = 'record the activity of';

/**
 * An organization's activities: anyone with a token reads them (resident pseudonyms only for its admin
 * and staff, and auditors); its admin and staff record sessions and attendance; only its admin
 * completes or cancels. Scheduling, pausing and resuming come from its proposal, never from here.
 */
@ApiTags('activities')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No bearer token, or one that is expired, future-dated or badly signed' })
// Every route names an activity (or an organization) that may not exist: 404 (Schemathesis found it undocumented).
@ApiNotFoundResponse({ description: 'No such activity (or organization)' })
@Controller()
@Access({ action: 'read activities' })
@UseFilters(ActivityErrorFilter)
export class ActivitiesController {
  constructor(
    private readonly read: ReadActivitiesHandler,
    private readonly change: ChangeActivityHandler,
    private readonly complete: CompleteActivityHandler,
  ) {}

  @Get('activities/:activityId')
  @ApiPathParams(ActivityIdParam)
  @ApiOperation({ summary: 'One activity: status, sessions planned and held, attendance' })
  @ApiOkResponse(ACTIVITY)
  @ApiNotFoundResponse(notFound)
  async one(@Param('activityId') activityId: string, @CurrentIdentity() identity: Identity) {
    checked(ActivityIdParam, { activityId }, '/params');
    const activity = await this.read.one(activityId);
    return activityView(activity, seesResidents(identity, activity.organizationId));
  }

  @Get('organizations/:organizationId/activities')
  @ApiPathParams(OrganizationIdParam)
  @ApiOperation({ summary: "An organization's activities, newest first (at most 500), optionally of one status" })
  @ApiOkResponse({ schema: { type: 'array', items: openApiSchema(ActivityView) } })
  @ApiBadRequestResponse(invalid)
  @ApiNotFoundResponse(notFound)
  async list(
    @Param('organizationId') organizationId: string,
    @Query() query: Record<string, unknown>,
    @CurrentIdentity() identity: Identity,
  ) {
    checked(OrganizationIdParam, { organizationId }, '/params');
    const { status } = checked(ActivityQuery, query, '/query');
    const residents = seesResidents(identity, organizationId);
    return (await this.read.ofOrganization(organizationId, status)).map((a) => activityView(a, residents));
  }

  @Get('activities/:activityId/sessions')
  @ApiPathParams(ActivityIdParam)
  @ApiOperation({ summary: "The activity's sessions, in order, with attendance" })
  @ApiOkResponse({ schema: { type: 'array', items: openApiSchema(SessionView) } })
  @ApiNotFoundResponse(notFound)
  async sessions(@Param('activityId') activityId: string, @CurrentIdentity() identity: Identity) {
    checked(ActivityIdParam, { activityId }, '/params');
    const activity = await this.read.one(activityId);
    const residents = seesResidents(identity, activity.organizationId);
    return activity.sessions.map((s) => sessionView(s, residents));
  }

  @Get('activities/:activityId/report')
  @ApiPathParams(ActivityIdParam)
  @ApiOperation({ summary: 'The completion report: summary, outcomes, evidence (reused hashes flagged), milestone' })
  @ApiOkResponse({ schema: openApiSchema(ReportView) })
  @ApiNotFoundResponse(notFound)
  async report(@Param('activityId') activityId: string) {
    checked(ActivityIdParam, { activityId }, '/params');
    return reportView(activityId, await this.read.report(activityId));
  }

  @Post('activities/:activityId/start')
  @ApiPathParams(ActivityIdParam)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Start a scheduled activity (the first attendance also starts it): activity.started' })
  @ApiOkResponse(ACTIVITY)
  @ApiConflictResponse(conflict)
  @ApiForbiddenResponse({ description: "Not organization-admin or organization-staff of the activity's organization" })
  @Access({ action: RECORD, roles: ADMIN_OR_STAFF })
  start(@Param('activityId') activityId: string, @CurrentIdentity() identity: Identity) {
    return this.apply(activityId, identity, ADMIN_OR_STAFF, {}, (a, at) => applyStart(a, at));
  }

  @Post('activities/:activityId/sessions')
  @ApiPathParams(ActivityIdParam)
  @ApiOperation({ summary: 'Add a session the schedule did not plan (numbered after the last)' })
  @ApiBody({ schema: openApiSchema(AddSessionBody) })
  @ApiBadRequestResponse(invalid)
  @ApiOkResponse(ACTIVITY)
  @ApiConflictResponse(conflict)
  @Access({ action: RECORD, roles: ADMIN_OR_STAFF })
  addSession(@Param('activityId') activityId: string, @Body() body: unknown, @CurrentIdentity() identity: Identity) {
    return this.apply(activityId, identity, ADMIN_OR_STAFF, body, (a) =>
      applyExtraSession(a, checked(AddSessionBody, body)),
    );
  }

  @Put('activities/:activityId/sessions/:sessionId/attendance')
  @ApiPathParams(SessionParams)
  @ApiOperation({
    summary: 'Record (or correct, until completion) who came to a session: planned → held',
    description: 'Resident pseudonyms (rp-…), each once; anonymousCount for people without one.',
  })
  @ApiBody({ schema: openApiSchema(AttendanceBody) })
  @ApiBadRequestResponse(invalid)
  @ApiOkResponse(ACTIVITY)
  @ApiConflictResponse(conflict)
  @Access({ action: RECORD, roles: ADMIN_OR_STAFF })
  attendance(
    @Param('activityId') activityId: string,
    @Param('sessionId') sessionId: string,
    @Body() body: unknown,
    @CurrentIdentity() identity: Identity,
  ) {
    checked(SessionParams, { activityId, sessionId }, '/params');
    return this.apply(activityId, identity, ADMIN_OR_STAFF, body, (a, at) =>
      applyAttendance(a, sessionId, checked(AttendanceBody, body), at),
    );
  }

  @Delete('activities/:activityId/sessions/:sessionId')
  @ApiPathParams(SessionParams)
  @ApiOperation({ summary: 'Cancel a planned session (a held one keeps its attendance)' })
  @ApiOkResponse(ACTIVITY)
  @ApiConflictResponse(conflict)
  @Access({ action: RECORD, roles: ADMIN_OR_STAFF })
  cancelSession(
    @Param('activityId') activityId: string,
    @Param('sessionId') sessionId: string,
    @CurrentIdentity() identity: Identity,
  ) {
    checked(SessionParams, { activityId, sessionId }, '/params');
    return this.apply(activityId, identity, ADMIN_OR_STAFF, {}, (a) => applyCancelSession(a, sessionId));
  }

  @Post('activities/:activityId/complete')
  @ApiPathParams(ActivityIdParam)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Complete a running activity with its report: one activity.completed',
    description:
      'Evidence by SHA-256 (lowercase hex, once per report); a hash in another report is flagged, not refused.',
  })
  @ApiBody({ schema: openApiSchema(CompleteBody) })
  @ApiBadRequestResponse(invalid)
  @ApiOkResponse(ACTIVITY)
  @ApiConflictResponse(conflict)
  @ApiForbiddenResponse({ description: "Not organization-admin of the activity's organization" })
  @Access({ action: 'complete the activity of', roles: [ROLES.orgAdmin] })
  async completeActivity(
    @Param('activityId') activityId: string,
    @Body() body: unknown,
    @CurrentIdentity() identity: Identity,
  ) {
    const activity = await this.authorized(activityId, identity, [ROLES.orgAdmin], body);
    const { summary, outcomes, evidence, milestone } = checked(CompleteBody, body);
    const completed = await this.complete.execute({
      activityId,
      report: { summary, outcomes, milestone: milestone ?? null },
      evidence,
      submittedBy: identity.sub,
    });
    return activityView(completed, seesResidents(identity, activity.organizationId));
  }

  @Post('activities/:activityId/cancel')
  @ApiPathParams(ActivityIdParam)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Cancel the activity (its organization): activity.cancelled' })
  @ApiBody({ schema: openApiSchema(CancelBody) })
  @ApiBadRequestResponse(invalid)
  @ApiOkResponse(ACTIVITY)
  @ApiConflictResponse(conflict)
  @Access({ action: 'cancel the activity of', roles: [ROLES.orgAdmin] })
  cancel(@Param('activityId') activityId: string, @Body() body: unknown, @CurrentIdentity() identity: Identity) {
    return this.apply(activityId, identity, [ROLES.orgAdmin], body, (a, at) => {
      const { reason, note } = checked(CancelBody, body);
      return applyCancel(a, reason, note ?? null, at);
    });
  }

  /** The activity, once the caller is shown to speak for its organization in one of `roles`. */
  private async authorized(activityId: string, identity: Identity, roles: string[], body: unknown): Promise<Activity> {
    checked(ActivityIdParam, { activityId }, '/params');
    const activity = await this.read.one(activityId);
    const parties = () => [organizationParty(activity.organizationId)];
    authorize(identity, { action: RECORD, roles, parties }, { params: {}, query: {}, body });
    return activity;
  }

  private async apply(
    activityId: string,
    identity: Identity,
    roles: string[],
    body: unknown,
    rule: (activity: Activity, at: string) => Applied,
  ) {
    await this.authorized(activityId, identity, roles, body);
    const changed = await this.change.execute(activityId, identity.sub, rule);
    return activityView(changed, true);
  }
}
