import {
  activityCancelled,
  activityCompleted,
  activityScheduled,
  DECISION_CALL_IN_EVENTS,
  DecisionCallInData,
  decisionDecided,
  EVENT_CATALOG,
  EventValidationError,
  exampleEvent,
  filingCalledIn,
  filingNoticed,
  filingWithdrawn,
  grantActivated,
  grantVoided,
  organizationRegistered,
  organizationUpdated,
  proposalAmended,
  proposalFiled,
  proposalSubmitted,
  proposalWithdrawn,
  tranchePaid,
  validateEvent,
  workerRegistered,
  workerUpdated,
} from '../src';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- walking a JSON document
type Definition = (typeof EVENT_CATALOG)[number];

/** The example event of `definition` with its data changed by `change`. */
const withData = (definition: Definition, change: (data: Json) => void) => {
  const data = structuredClone(definition.example) as Json;
  change(data);
  return { ...(exampleEvent(definition) as Json), data };
};

/** The distinct fields `event` is refused for (fails when it is accepted). */
function refusedFields(event: unknown): string[] {
  try {
    validateEvent(event);
  } catch (err) {
    expect(err).toBeInstanceOf(EventValidationError);
    return [...new Set((err as EventValidationError).problems.map((p) => p.path))];
  }
  throw new Error('expected the event to be refused');
}

describe('proposal events (issue 13, additive)', () => {
  it('proposal.submitted still accepts the issue-11 shape: title, summary, nothing else', () => {
    const minimal = withData(proposalSubmitted, (d) => {
      for (const key of Object.keys(d)) {
        if (!['proposalId', 'organizationId', 'communityCode', 'title', 'summary'].includes(key)) delete d[key];
      }
    });
    expect(validateEvent(minimal)).toBeDefined();
    expect(refusedFields(withData(proposalSubmitted, (d) => delete d.title))).toEqual(['/data/title']);
  });

  it('proposal.submitted refuses a bad content field, naming it', () => {
    const broken = withData(proposalSubmitted, (d) => {
      d.revisionNo = 2;
      d.category = 'sports';
      d.expectedParticipants = 0;
      d.staffingPlan = [{ role: 'certified-social-worker', count: 1, minLevel: 'master' }];
      d.schedule.timeZone = '';
    });
    expect(refusedFields(broken).sort()).toEqual(
      [
        '/data/revisionNo',
        '/data/category',
        '/data/expectedParticipants',
        '/data/staffingPlan/0/minLevel',
        '/data/schedule/timeZone',
      ].sort(),
    );
  });

  it('proposal.amended carries only what changed, from revision 2 on', () => {
    expect(validateEvent(withData(proposalAmended, (d) => delete d.summary))).toBeDefined();
    expect(refusedFields(withData(proposalAmended, (d) => (d.revisionNo = 1)))).toEqual(['/data/revisionNo']);
    expect(
      refusedFields(withData(proposalAmended, (d) => (d.requestedFunding = { amountFen: -1, currency: 'CNY' }))),
    ).toEqual(['/data/requestedFunding/amountFen']);
  });

  it('proposal.filed names the filing rule version and when, with title and summary', () => {
    const missing = withData(proposalFiled, (d) => {
      delete d.filingRuleVersion;
      delete d.filedAt;
      delete d.summary;
    });
    expect(refusedFields(missing).sort()).toEqual(['/data/filedAt', '/data/filingRuleVersion', '/data/summary']);
    expect(exampleEvent(proposalFiled).subject).toBe('prop-2026-0002');
  });

  it('proposal.withdrawn says from what, with a reason', () => {
    expect(refusedFields(withData(proposalWithdrawn, (d) => (d.withdrawnFrom = 'draft')))).toEqual([
      '/data/withdrawnFrom',
    ]);
    expect(refusedFields(withData(proposalWithdrawn, (d) => delete d.reason))).toEqual(['/data/reason']);
  });
});

describe('registry events', () => {
  it.each([organizationRegistered, organizationUpdated].map((d) => [d.type, d] as const))(
    '%s is keyed by the organizationId and takes a credit code only in the 18-character charset',
    (_type, definition) => {
      expect(exampleEvent(definition).subject).toBe('org-xinhua-elderly-care');
      for (const code of ['52310104MJ0000I189', '5231010MJ00000189', '52310104mj00000189']) {
        expect(refusedFields(withData(definition, (d) => (d.creditCode = code)))).toEqual(['/data/creditCode']);
      }
      expect(validateEvent(withData(definition, (d) => delete d.creditCode))).toBeDefined();
      expect(refusedFields(withData(definition, (d) => (d.grade = { grade: '6A' })))).toEqual(
        expect.arrayContaining(['/data/grade/grade', '/data/grade/assessedOn']),
      );
    },
  );
});

describe('activity events', () => {
  it('activity.completed still accepts the issue-11 shape', () => {
    const minimal = withData(activityCompleted, (d) => {
      for (const key of ['basis', 'decisionId', 'sessionsPlanned', 'report', 'evidence', 'groups', 'milestone']) {
        delete d[key];
      }
    });
    expect(validateEvent(minimal)).toBeDefined();
  });

  it('activity.completed takes evidence by SHA-256 only, and a milestone tranche from 1', () => {
    const broken = withData(activityCompleted, (d) => {
      d.evidence[0].sha256 = 'A3F1';
      d.evidence[1].kind = 'selfie';
      d.milestone.trancheNo = 0;
    });
    expect(refusedFields(broken)).toEqual([
      '/data/evidence/0/sha256',
      '/data/evidence/1/kind',
      '/data/milestone/trancheNo',
    ]);
  });

  it('activity.scheduled says on what basis; activity.cancelled why', () => {
    expect(refusedFields(withData(activityScheduled, (d) => (d.basis = 'pending')))).toEqual(['/data/basis']);
    expect(refusedFields(withData(activityCancelled, (d) => (d.reason = 'weather')))).toEqual(['/data/reason']);
  });
});

describe('call-ins and filings', () => {
  it('a call-in type exists for every voting context, each in the catalog with the one schema', () => {
    expect(DECISION_CALL_IN_EVENTS.map((d) => d.type)).toEqual([
      'sanshe.community.filing.call-in-requested.v1',
      'sanshe.organization.filing.call-in-requested.v1',
      'sanshe.talent.filing.call-in-requested.v1',
      'sanshe.funding.filing.call-in-requested.v1',
      'sanshe.portal.filing.call-in-requested.v1',
    ]);
    for (const definition of DECISION_CALL_IN_EVENTS) {
      expect(EVENT_CATALOG).toContain(definition);
      expect(definition.data).toBe(DecisionCallInData);
      expect(exampleEvent(definition).subject).toBe('decision/activity-proposal/prop-2026-0002');
    }
  });

  it('a call-in needs a reason, and names a decision of the activity-proposal form', () => {
    const [callIn] = DECISION_CALL_IN_EVENTS;
    expect(refusedFields(withData(callIn, (d) => delete d.reason))).toEqual(['/data/reason']);
    expect(refusedFields(withData(callIn, (d) => (d.decisionId = 'prop-2026-0002')))).toEqual(['/data/decisionId']);
  });

  it('filing events are keyed by the decisionId; a notice needs two controllers at least', () => {
    expect(exampleEvent(filingNoticed).subject).toBe('decision/activity-proposal/prop-2026-0002');
    expect(exampleEvent(filingCalledIn).subject).toBe('decision/activity-proposal/prop-2026-0002');
    expect(refusedFields(withData(filingNoticed, (d) => (d.callInControllers = 1)))).toEqual([
      '/data/callInControllers',
    ]);
    expect(refusedFields(withData(filingCalledIn, (d) => (d.cause = 'timeout')))).toEqual(['/data/cause']);
  });

  it('filing.withdrawn: its example is valid, keyed by the decisionId, and says why, as the organization did', () => {
    expect(EVENT_CATALOG).toContain(filingWithdrawn);
    const example = exampleEvent(filingWithdrawn);
    expect(validateEvent(example)).toBeDefined();
    expect(example.subject).toBe('decision/activity-proposal/prop-2026-0002');
    expect(refusedFields(withData(filingWithdrawn, (d) => delete d.reason))).toEqual(['/data/reason']);
    expect(refusedFields(withData(filingWithdrawn, (d) => (d.withdrawnAt = 'yesterday')))).toEqual([
      '/data/withdrawnAt',
    ]);
  });

  it('decision.decided may be withdrawn by the proposer', () => {
    const withdrawn = withData(decisionDecided, (d) => {
      d.result = 'withdrawn';
      d.decidedBy = 'proposer';
    });
    expect(validateEvent(withdrawn)).toBeDefined();
    expect(refusedFields(withData(decisionDecided, (d) => (d.decidedBy = 'organization')))).toEqual([
      '/data/decidedBy',
    ]);
  });
});

describe('talent and funding facts (minimal; issues 14 and 15 extend them additively)', () => {
  it.each([workerRegistered, workerUpdated].map((d) => [d.type, d] as const))(
    '%s: a worker of any organization or none, by role and level, active or left',
    (_type, definition) => {
      expect(exampleEvent(definition).subject).toBe('sw-2019-0457');
      expect(validateEvent(withData(definition, (d) => (d.organizationId = null)))).toBeDefined();
      expect(validateEvent(withData(definition, (d) => delete d.level))).toBeDefined();
      const broken = withData(definition, (d) => {
        d.kind = 'manager';
        d.status = 'retired';
        d.revision = 0;
      });
      expect(refusedFields(broken)).toEqual(['/data/kind', '/data/status', '/data/revision']);
    },
  );

  it('grant.activated needs its decision and one tranche at least; all three are keyed by the grantId', () => {
    expect(refusedFields(withData(grantActivated, (d) => (d.tranches = [])))).toEqual(['/data/tranches']);
    expect(refusedFields(withData(grantActivated, (d) => delete d.decisionId))).toEqual(['/data/decisionId']);
    expect(validateEvent(withData(grantActivated, (d) => delete d.proposalId))).toBeDefined();
    expect([grantActivated, grantVoided, tranchePaid].map((d) => exampleEvent(d).subject)).toEqual([
      'grant-2026-0007',
      'grant-2026-0008',
      'grant-2026-0007',
    ]);
    expect(refusedFields(withData(tranchePaid, (d) => (d.trancheNo = 0)))).toEqual(['/data/trancheNo']);
  });

  it('the example tranches sum exactly to the amount', () => {
    const { amount, tranches } = grantActivated.example;
    expect(tranches.reduce((sum, tranche) => sum + tranche.amount.amountFen, 0)).toBe(amount.amountFen);
  });
});
