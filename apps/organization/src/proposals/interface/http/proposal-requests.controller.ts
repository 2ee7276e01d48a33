import { Body, Controller, HttpCode, HttpStatus, Param, Post, UseFilters } from '@nestjs/common';
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
import { AmendProposalHandler } from '../../application/amend-proposal';
import { FileProposalHandler } from '../../application/file-proposal';
import { ReadProposalsHandler } from '../../application/read-proposals';
import { SubmitProposalHandler } from '../../application/submit-proposal';
import { WithdrawProposalHandler } from '../../application/withdraw-proposal';
import { ProposalErrorFilter } from './proposal-error.filter';
import {
  AmendProposalBody,
  checked,
  CONFLICT,
  NOT_FOUND,
  ProposalIdParam,
  ProposalView,
  WithdrawProposalBody,
} from './proposal-schemas';
import { checkedView } from './proposal-views';

const schema = openApiSchema;
const VIEW = schema(ProposalView);
const notFound = { description: 'No such proposal', schema: schema(NOT_FOUND) };
const conflict = {
  description:
    'invalid-transition (allowed named), organization-not-registered, community-not-served, not-low-risk (violations)',
  schema: schema(CONFLICT),
};
const forbidden = { description: "The token is not organization-admin of the proposal's organization (staff never)" };
const ADMIN = [ROLES.orgAdmin];

/**
 * What only the organization's responsible person (organization-admin) does with a proposal: submit it
 * for a decision, file it (low-risk), amend it, withdraw it. Each writes its event in the same
 * transaction; after that, the status follows governance's events only.
 */
@ApiTags('proposals')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No bearer token, or one that is expired, future-dated or badly signed' })
@ApiNotFoundResponse(notFound)
@ApiConflictResponse(conflict)
@ApiForbiddenResponse(forbidden)
@ApiOkResponse({ schema: VIEW })
@Controller('proposals/:proposalId')
@ApiPathParams(ProposalIdParam)
@UseFilters(ProposalErrorFilter)
export class ProposalRequestsController {
  constructor(
    private readonly read: ReadProposalsHandler,
    private readonly submitProposal: SubmitProposalHandler,
    private readonly fileProposal: FileProposalHandler,
    private readonly amendProposal: AmendProposalHandler,
    private readonly withdrawProposal: WithdrawProposalHandler,
  ) {}

  @Post('submit')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Submit a complete draft for a decision: proposal.submitted (every field, revision 1)',
    description: 'Refused with nothing written: 400 naming each missing field; 409 unregistered or not served.',
  })
  @ApiBadRequestResponse(inputInvalidResponse())
  @Access({ action: 'submit proposals', roles: ADMIN })
  async submit(@Param('proposalId') proposalId: string, @CurrentIdentity() identity: Identity) {
    await this.speaksFor(proposalId, identity, 'submit proposals');
    return checkedView(await this.submitProposal.execute(proposalId));
  }

  @Post('file')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'File a low-risk draft instead (GET /filing-rule): proposal.filed, and the activity is scheduled',
    description: 'Parties of two controllers may call it in within the window; one alone cannot.',
  })
  @ApiBadRequestResponse(inputInvalidResponse())
  @Access({ action: 'file proposals', roles: ADMIN })
  async file(@Param('proposalId') proposalId: string, @CurrentIdentity() identity: Identity) {
    await this.speaksFor(proposalId, identity, 'file proposals');
    return checkedView(await this.fileProposal.execute(proposalId));
  }

  @Post('amend')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Amend a proposal under decision: proposal.amended (a new revision, only the changed fields)',
    description:
      'Governance opens a new round with it, or refuses it (no-deliberation, amendment-limit): see /revisions.',
  })
  @ApiBody({ schema: schema(AmendProposalBody) })
  @ApiBadRequestResponse(inputInvalidResponse())
  @Access({ action: 'amend proposals', roles: ADMIN })
  async amend(@Param('proposalId') proposalId: string, @Body() body: unknown, @CurrentIdentity() identity: Identity) {
    await this.speaksFor(proposalId, identity, 'amend proposals', body);
    const { revision, changes } = checked(AmendProposalBody, body);
    return checkedView(
      await this.amendProposal.execute({ proposalId, revisionText: revision, changes, createdBy: identity.sub }),
    );
  }

  @Post('withdraw')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Withdraw: proposal.withdrawn; a filed one at once (activity cancelled), else when decided withdrawn',
  })
  @ApiBody({ schema: schema(WithdrawProposalBody) })
  @ApiBadRequestResponse(inputInvalidResponse())
  @Access({ action: 'withdraw proposals', roles: ADMIN })
  async withdraw(
    @Param('proposalId') proposalId: string,
    @Body() body: unknown,
    @CurrentIdentity() identity: Identity,
  ) {
    await this.speaksFor(proposalId, identity, 'withdraw proposals', body);
    const { reason } = checked(WithdrawProposalBody, body);
    return checkedView(await this.withdrawProposal.execute({ proposalId, reason }));
  }

  /** 403 unless the caller is organization-admin of the proposal's organization (read from the stored proposal). */
  private async speaksFor(proposalId: string, identity: Identity, action: string, body: unknown = {}): Promise<void> {
    checked(ProposalIdParam, { proposalId }, '/params');
    const { organizationId } = await this.read.one(proposalId);
    const parties = () => [organizationParty(organizationId)];
    authorize(identity, { action, roles: ADMIN, parties }, { params: {}, query: {}, body });
  }
}
