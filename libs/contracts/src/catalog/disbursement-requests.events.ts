import { type Static, Type } from '@sinclair/typebox';
import { defineEvent } from '../events/event-definition';
import { PartyId } from '../governance/decision-policy';
import { EVIDENCE_KIND_CODES } from '../vocabulary/organization-vocabulary';
import { Id, literalUnion, MoneyFen, Sha256 } from './common';

/*
 * What the parties ask of a grant's disbursement (`disbursement/<grantId>`, docs/decisions.md "Grant
 * disbursement"), each on its own channel, as votes are: an objection during a tranche's public notice, a
 * clawback of a paid tranche, a cancellation of the grant, and an evidence package for a milestone that is not
 * one activity. Governance checks the channel and the identity, then applies it to the workflow as an Update; a
 * refused request gets a sanshe.governance.disbursement.request-refused.v1 naming the request's event id.
 */

const TrancheNo = Type.Integer({ minimum: 1, maximum: 24 });

/** A substantiated reason: a code and a text long enough to say what is wrong. */
export const SubstantiatedReason = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 60, pattern: '^[a-z-]+$', description: 'e.g. evidence-false' }),
    text: Type.String({ minLength: 10, maxLength: 2000 }),
  },
  { additionalProperties: true },
);
export type SubstantiatedReason = Static<typeof SubstantiatedReason>;

/** The contexts whose services and portals speak for seated parties of a grant's decisions. */
type RequestingContext = 'community' | 'talent' | 'funding' | 'portal';

const channelOf = (context: RequestingContext) =>
  context === 'portal' ? 'its own `sanshe.portal.<portalId>.commands` topic' : `sanshe.${context}.events`;

export const DisbursementObjectionData = Type.Object(
  {
    grantId: Id,
    /** The tranche whose public notice is open. */
    trancheNo: TrancheNo,
    /** Whose objection: a party seated in the tranche's verification decision, or a `portal:*`. */
    partyId: PartyId,
    /** The authenticated identity that sent it; only a party objects for itself. */
    castBy: PartyId,
    reason: SubstantiatedReason,
  },
  { additionalProperties: true },
);
export type DisbursementObjectionData = Static<typeof DisbursementObjectionData>;

/** `sanshe.<context>.disbursement.objection-raised.v1`, the same data schema for every context. */
export function defineDisbursementObjection<const Context extends RequestingContext>(
  context: Context,
  who: string,
  example: DisbursementObjectionData,
) {
  return defineEvent(`sanshe.${context}.disbursement.objection-raised.v1`, {
    description:
      `${who} objected, on ${channelOf(context)}, to a tranche payment during its public notice (公示期). ` +
      'Governance applies it to `disbursement/<grantId>`: a substantiated objection from a party seated in the ' +
      "tranche's verification (or a portal) pauses the payment and reopens verification, at most once per " +
      'party per tranche (sanshe.governance.disbursement.objection-upheld.v1). Subject: the grantId.',
    data: DisbursementObjectionData,
    example,
    subjectField: 'grantId',
  });
}

export const ClawbackProposalData = Type.Object(
  {
    grantId: Id,
    /** The paid tranche whose milestone was found false. */
    trancheNo: TrancheNo,
    /** How much to recover, at most what the tranche paid. */
    amount: MoneyFen,
    partyId: PartyId,
    castBy: PartyId,
    reason: SubstantiatedReason,
  },
  { additionalProperties: true },
);
export type ClawbackProposalData = Static<typeof ClawbackProposalData>;

/** `sanshe.<context>.disbursement.clawback-proposed.v1`, the same data schema for every context. */
export function defineClawbackProposal<const Context extends RequestingContext>(
  context: Context,
  who: string,
  example: ClawbackProposalData,
) {
  return defineEvent(`sanshe.${context}.disbursement.clawback-proposed.v1`, {
    description:
      `${who} proposed, on ${channelOf(context)}, recovering (part of) a paid tranche whose milestone was found ` +
      'false. Never on its say alone: governance opens a grant-clawback decision ' +
      '(`decision/grant-clawback/<grantId>.t<n>`); only if it approves is funding asked to claw back ' +
      '(sanshe.governance.disbursement.clawback-requested.v1). Subject: the grantId.',
    data: ClawbackProposalData,
    example,
    subjectField: 'grantId',
  });
}

export const CancellationRequestData = Type.Object(
  {
    grantId: Id,
    /** The grant's funder (`funder:*`) or a portal that speaks for it. */
    partyId: PartyId,
    castBy: PartyId,
    reason: SubstantiatedReason,
  },
  { additionalProperties: true },
);
export type CancellationRequestData = Static<typeof CancellationRequestData>;

/** `sanshe.<context>.disbursement.cancellation-requested.v1`: the funder's request, by funding or its portal. */
export function defineCancellationRequest<const Context extends 'funding' | 'portal'>(
  context: Context,
  who: string,
  example: CancellationRequestData,
) {
  return defineEvent(`sanshe.${context}.disbursement.cancellation-requested.v1`, {
    description:
      `${who} asked, on ${channelOf(context)}, that a grant be cancelled. Never on its say alone: governance ` +
      'opens a grant-cancellation decision (`decision/grant-cancellation/<grantId>`); if it approves, no further ' +
      'tranche is paid and the unspent reservation is released (sanshe.governance.disbursement.cancelled.v1). ' +
      "An organization's deregistration asks the same, by governance itself. Subject: the grantId.",
    data: CancellationRequestData,
    example,
    subjectField: 'grantId',
  });
}

const reason = { code: 'evidence-false', text: '签到表与现场照片不符，服务人次存疑' };

export const communityDisbursementObjectionRaised = defineDisbursementObjection(
  'community',
  'A community (`community:<code>`) or its residents (`residents:<code>`), through its representatives,',
  {
    grantId: 'grant-2026-0007',
    trancheNo: 2,
    partyId: 'residents:310104-005-001',
    castBy: 'residents:310104-005-001',
    reason,
  },
);
export const talentDisbursementObjectionRaised = defineDisbursementObjection(
  'talent',
  'The independent assessor seated for the tranche (`talent:independent-assessor`), a certified social worker,',
  {
    grantId: 'grant-2026-0007',
    trancheNo: 2,
    partyId: 'talent:independent-assessor',
    castBy: 'talent:independent-assessor',
    reason,
  },
);
export const fundingDisbursementObjectionRaised = defineDisbursementObjection(
  'funding',
  "The grant's funder (`funder:*`), through the funding service,",
  {
    grantId: 'grant-2026-0007',
    trancheNo: 2,
    partyId: 'funder:district-civil-affairs-fund',
    castBy: 'funder:district-civil-affairs-fund',
    reason,
  },
);
export const portalDisbursementObjectionRaised = defineDisbursementObjection(
  'portal',
  'A government portal (`portal:<portalId>`, e.g. a street office),',
  {
    grantId: 'grant-2026-0007',
    trancheNo: 2,
    partyId: 'portal:street-310104-005',
    castBy: 'portal:street-310104-005',
    reason,
  },
);

const clawback = {
  grantId: 'grant-2026-0007',
  trancheNo: 1,
  amount: { amountFen: 720_000, currency: 'CNY' },
  reason,
};
export const communityClawbackProposed = defineClawbackProposal('community', 'A community or its residents', {
  ...clawback,
  partyId: 'community:310104-005-001',
  castBy: 'community:310104-005-001',
});
export const talentClawbackProposed = defineClawbackProposal('talent', 'The independent assessor', {
  ...clawback,
  partyId: 'talent:independent-assessor',
  castBy: 'talent:independent-assessor',
});
export const fundingClawbackProposed = defineClawbackProposal('funding', "The grant's funder", {
  ...clawback,
  partyId: 'funder:district-civil-affairs-fund',
  castBy: 'funder:district-civil-affairs-fund',
});
export const portalClawbackProposed = defineClawbackProposal('portal', 'A government portal', {
  ...clawback,
  partyId: 'portal:xuhui-civil-affairs',
  castBy: 'portal:xuhui-civil-affairs',
});

export const fundingCancellationRequested = defineCancellationRequest('funding', "The grant's funder", {
  grantId: 'grant-2026-0007',
  partyId: 'funder:district-civil-affairs-fund',
  castBy: 'funder:district-civil-affairs-fund',
  reason: { code: 'budget-withdrawn', text: '区财政年中调整，该项目剩余资金收回' },
});
export const portalCancellationRequested = defineCancellationRequest('portal', 'A portal that speaks for the funder', {
  grantId: 'grant-2026-0007',
  partyId: 'portal:xuhui-civil-affairs',
  castBy: 'portal:xuhui-civil-affairs',
  reason: { code: 'budget-withdrawn', text: '区财政年中调整，该项目剩余资金收回' },
});

export const milestoneEvidenceSubmitted = defineEvent('sanshe.organization.milestone.evidence-submitted.v1', {
  description:
    "An organization submitted an evidence package for a grant tranche's milestone that is not one activity's " +
    'completion (e.g. a quarterly service report): the evidence by hash, the file staying with the organization. ' +
    "Governance applies it to `disbursement/<grantId>` as the tranche's evidence (hashes claimed for this grant " +
    'only; sanshe.governance.disbursement.evidence-accepted.v1, or request-refused naming this event). ' +
    'Subject: the grantId.',
  data: Type.Object(
    {
      packageId: Id,
      grantId: Id,
      trancheNo: TrancheNo,
      organizationId: Id,
      /** Always `organization:<organizationId>`: the party whose evidence it is. */
      submittedBy: PartyId,
      /** The authenticated identity that sent it, as asserted by the organization service. */
      castBy: PartyId,
      summary: Type.String({ minLength: 1, maxLength: 2000 }),
      evidence: Type.Array(
        Type.Object(
          {
            sha256: Sha256,
            title: Type.String({ minLength: 1, maxLength: 200 }),
            kind: literalUnion(EVIDENCE_KIND_CODES, { description: 'one of EVIDENCE_KINDS' }),
          },
          { additionalProperties: true },
        ),
        { minItems: 1, maxItems: 200 },
      ),
    },
    { additionalProperties: true },
  ),
  example: {
    packageId: 'evp-2026-0042',
    grantId: 'grant-2026-0007',
    trancheNo: 2,
    organizationId: 'org-xinhua-elderly-care',
    submittedBy: 'organization:org-xinhua-elderly-care',
    castBy: 'organization:org-xinhua-elderly-care',
    summary: '第二季度助餐服务报告：服务 1,240 人次，附签到表与回访记录',
    evidence: [
      {
        sha256: '9f2c4e1a7b3d5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8',
        title: '第二季度服务报告',
        kind: 'report',
      },
    ],
  },
  subjectField: 'grantId',
});

/** The disbursement requests, in EVENT_CATALOG's order. */
export const DISBURSEMENT_REQUEST_EVENTS = [
  communityDisbursementObjectionRaised,
  communityClawbackProposed,
  milestoneEvidenceSubmitted,
  talentDisbursementObjectionRaised,
  talentClawbackProposed,
  fundingDisbursementObjectionRaised,
  fundingClawbackProposed,
  fundingCancellationRequested,
  portalDisbursementObjectionRaised,
  portalClawbackProposed,
  portalCancellationRequested,
] as const;
