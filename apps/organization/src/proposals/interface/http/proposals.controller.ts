import { Body, Controller, Delete, Get, Param, Patch, Post, Query, UseFilters } from '@nestjs/common';
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
import { Access, authorize, CurrentIdentity, type Identity } from '@sanshe/auth';
import { FILING_RULE } from '@sanshe/contracts';
import { ApiPathParams, inputInvalidResponse, openApiSchema } from '@sanshe/nest-platform';
import { organizationParty, ROLES } from '../../../access/organization-access';
import { CreateDraftHandler } from '../../application/create-draft';
import { DiscardDraftHandler } from '../../application/discard-draft';
import { EditDraftHandler } from '../../application/edit-draft';
import { ReadProposalsHandler } from '../../application/read-proposals';
import type { Proposal } from '../../domain/proposal';
import { ProposalNotFound } from '../../domain/proposal-errors';
import { ProposalErrorFilter } from './proposal-error.filter';
import {
  checked,
  checkedEdit,
  CONFLICT,
  CreateProposalBody,
  EditProposalBody,
  NOT_FOUND,
  OrganizationIdParam,
  ProposalIdParam,
  ProposalQuery,
  ProposalView,
  RevisionView,
} from './proposal-schemas';
import { checkedView, isUnsent, mayReadUnsent, proposalView, revisionView } from './proposal-views';

const schema = openApiSchema;
const VIEW = schema(ProposalView);
const notFound = {
  description: 'No such proposal or organization (a draft is not found by others)',
  schema: schema(NOT_FOUND),
};
const conflict = { description: 'The status does not allow it (allowed named)', schema: schema(CONFLICT) };
const DRAFTERS = [ROLES.orgAdmin, ROLES.orgStaff];
const EDIT = 'edit proposals';

/**
 * An organization's proposals while they are its own: drafts its admin or staff create, edit and
 * discard; and every read (any token; drafts only to the organization and the auditor).
 */
@ApiTags('proposals')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No bearer token, or one that is expired, future-dated or badly signed' })
@Controller()
@Access({ action: 'read proposals' })
@UseFilters(ProposalErrorFilter)
export class ProposalsController {
  constructor(
    private readonly createDraft: CreateDraftHandler,
    private readonly editDraft: EditDraftHandler,
    private readonly discardDraft: DiscardDraftHandler,
    private readonly read: ReadProposalsHandler,
  ) {}

  @Get('filing-rule')
  @ApiOperation({ summary: 'The filing rule in force: what makes an activity low-risk enough to file instead' })
  filingRule() {
    return FILING_RULE;
  }

  @Post('organizations/:organizationId/proposals')
  @ApiPathParams(OrganizationIdParam)
  @ApiOperation({
    summary: 'Start a draft proposal (admin or staff of the organization); no event until submitted or filed',
  })
  @ApiBody({ schema: schema(CreateProposalBody) })
  @ApiCreatedResponse({ schema: VIEW })
  @ApiBadRequestResponse(inputInvalidResponse())
  @ApiNotFoundResponse(notFound)
  @ApiForbiddenResponse({ description: 'The token is not organization-admin or -staff of organization:<id>' })
  @Access({
    action: 'draft proposals',
    roles: DRAFTERS,
    parties: ({ params }) => [organizationParty(params.organizationId ?? '')],
  })
  async create(
    @Param('organizationId') organizationId: string,
    @Body() body: unknown,
    @CurrentIdentity() identity: Identity,
  ) {
    checked(OrganizationIdParam, { organizationId }, '/params');
    const { communityCode, ...content } = checked(CreateProposalBody, body);
    return checkedView(
      await this.createDraft.execute({ organizationId, communityCode, content, createdBy: identity.sub }),
    );
  }

  @Patch('proposals/:proposalId')
  @ApiPathParams(ProposalIdParam)
  @ApiOperation({ summary: "Change a draft's content (a merge patch: null removes a field); only a draft" })
  @ApiBody({ schema: schema(EditProposalBody) })
  @ApiOkResponse({ schema: VIEW })
  @ApiBadRequestResponse(inputInvalidResponse())
  @ApiNotFoundResponse(notFound)
  @ApiConflictResponse(conflict)
  @Access({ action: EDIT, roles: DRAFTERS })
  async edit(@Param('proposalId') proposalId: string, @Body() body: unknown, @CurrentIdentity() identity: Identity) {
    await this.ownDraft(proposalId, identity, body);
    const changes = checkedEdit(body) as Parameters<EditDraftHandler['execute']>[0]['changes'];
    return checkedView(await this.editDraft.execute({ proposalId, changes }));
  }

  @Delete('proposals/:proposalId')
  @ApiPathParams(ProposalIdParam)
  @ApiOperation({ summary: 'Discard a draft (kept, shown only to the organization and the auditor)' })
  @ApiOkResponse({ schema: VIEW })
  @ApiNotFoundResponse(notFound)
  @ApiConflictResponse(conflict)
  @Access({ action: EDIT, roles: DRAFTERS })
  async discard(@Param('proposalId') proposalId: string, @CurrentIdentity() identity: Identity) {
    await this.ownDraft(proposalId, identity, {});
    return checkedView(await this.discardDraft.execute(proposalId));
  }

  @Get('proposals/:proposalId')
  @ApiPathParams(ProposalIdParam)
  @ApiOperation({ summary: 'One proposal: status (from governance only), content in force, decision, withdrawal' })
  @ApiOkResponse({ schema: VIEW })
  @ApiNotFoundResponse(notFound)
  async one(@Param('proposalId') proposalId: string, @CurrentIdentity() identity: Identity) {
    return proposalView(await this.visible(proposalId, identity));
  }

  @Get('proposals/:proposalId/revisions')
  @ApiPathParams(ProposalIdParam)
  @ApiOperation({ summary: "Every revision, with governance's answer (accepted in a round, or refused with its code)" })
  @ApiOkResponse({ schema: { type: 'array', items: schema(RevisionView) } })
  @ApiNotFoundResponse(notFound)
  async revisions(@Param('proposalId') proposalId: string, @CurrentIdentity() identity: Identity) {
    return (await this.visible(proposalId, identity)).revisions.map(revisionView);
  }

  @Get('organizations/:organizationId/proposals')
  @ApiPathParams(OrganizationIdParam)
  @ApiOperation({ summary: "An organization's proposals, newest first (drafts only to it and the auditor)" })
  @ApiOkResponse({ schema: { type: 'array', items: VIEW } })
  @ApiBadRequestResponse(inputInvalidResponse())
  async list(
    @Param('organizationId') organizationId: string,
    @Query() query: Record<string, unknown>,
    @CurrentIdentity() identity: Identity,
  ) {
    checked(OrganizationIdParam, { organizationId }, '/params');
    const { status } = checked(ProposalQuery, query, '/query');
    const includeUnsent = mayReadUnsent(identity, organizationId);
    return (await this.read.list({ organizationId, status, includeUnsent })).map(proposalView);
  }

  private async visible(proposalId: string, identity: Identity): Promise<Proposal> {
    checked(ProposalIdParam, { proposalId }, '/params');
    const proposal = await this.read.one(proposalId);
    if (isUnsent(proposal) && !mayReadUnsent(identity, proposal.organizationId)) {
      throw new ProposalNotFound(`proposal ${proposalId} is not known`);
    }
    return proposal;
  }

  /** 403 unless the caller drafts for the proposal's organization (read from the stored proposal). */
  private async ownDraft(proposalId: string, identity: Identity, body: unknown): Promise<void> {
    checked(ProposalIdParam, { proposalId }, '/params');
    const { organizationId } = await this.read.one(proposalId);
    const parties = () => [organizationParty(organizationId)];
    authorize(identity, { action: EDIT, roles: DRAFTERS, parties }, { params: {}, query: {}, body });
  }
}
