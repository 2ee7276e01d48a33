import { type DynamicModule, Module, type OnModuleInit } from '@nestjs/common';
import { InboxService, OutboxWriter } from '@sanshe/messaging';
import { BridgeEventRegistry } from '../decisions/application/bridge-event-registry';
import { ChannelCheck } from '../decisions/application/channel-check';
import { PoliciesModule } from '../policies/policies.module';
import { AnswerInvalidCommandHandler } from './application/answer-invalid-command';
import { IssueReportHandler } from './application/issue-report';
import { commandingPortal } from './application/portal-replies';
import { resendReply } from './application/resend-reply';
import { PortalJurisdictionCheck } from './application/jurisdiction-check';
import { SetPolicyByPortalHandler } from './application/set-policy-by-portal';
import { DecisionReportSource } from './domain/decision-report';
import { SubjectAreas } from './domain/subject-areas';
import { GovernanceSubjectAreas } from './infrastructure/governance-subject-areas';
import { HEARD_PORTAL_REPLIES, HeardPortalReplies } from './infrastructure/heard-portal-replies';
import { PostgresDecisionReportSource } from './infrastructure/postgres-decision-report-source';
import { portalCommandEventHandlers } from './interface/events/portal-command-events';
import { gatePortalCommands } from './interface/events/portal-command-gate';

/**
 * Portals' commands with replies (docs/events.md, "Portal commands and replies"): the set-policy and report
 * commands, and — around every handler of the bridge — the jurisdiction check of a registered portal's
 * commands and the topic their replies go to, and a schema-invalid command answered (the inbox's answerInvalidData), a command sent twice answered twice (answerDuplicates). Needs the registry's PortalRepository (PortalsModule, global)
 * and the decisions module instance the app built (its bridge registry, channel check and Temporal client).
 */
@Module({})
export class PortalCommandsModule implements OnModuleInit {
  constructor(
    private readonly registry: BridgeEventRegistry,
    private readonly channels: ChannelCheck,
    private readonly outbox: OutboxWriter,
    private readonly jurisdiction: PortalJurisdictionCheck,
    private readonly setPolicy: SetPolicyByPortalHandler,
    private readonly report: IssueReportHandler,
    private readonly invalid: AnswerInvalidCommandHandler,
    private readonly inbox: InboxService,
  ) {}

  /** `heardPortalIds`: the portals the bridge hears from boot, whose replies topics it makes (HeardPortalReplies). */
  static forRoot(decisions: DynamicModule, heardPortalIds: readonly string[] = []): DynamicModule {
    return {
      module: PortalCommandsModule,
      imports: [decisions, PoliciesModule],
      providers: [
        { provide: SubjectAreas, useClass: GovernanceSubjectAreas },
        { provide: DecisionReportSource, useClass: PostgresDecisionReportSource },
        PortalJurisdictionCheck,
        SetPolicyByPortalHandler,
        IssueReportHandler,
        AnswerInvalidCommandHandler,
        { provide: HEARD_PORTAL_REPLIES, useValue: heardPortalIds },
        HeardPortalReplies,
      ],
    };
  }

  /** Before the consumer starts (Nest connects microservices after init). */
  onModuleInit(): void {
    const { channels, outbox, setPolicy, report } = this;
    this.registry.register(portalCommandEventHandlers({ channels, outbox, setPolicy, report }));
    this.registry.decorate(gatePortalCommands(this.jurisdiction, this.outbox));
    // A portal's vote parked before its decision opened: checked when the opening applies it (its area known).
    this.registry.checkParkedWith(async (manager, event) => {
      const portalId = commandingPortal(event);
      return portalId ? this.jurisdiction.refusal(manager, portalId, event) : null;
    });
    this.inbox.processor.answerInvalidData((event, reason, manager, delivery) =>
      this.invalid.answer(event, reason, manager, delivery),
    );
    this.inbox.processor.answerDuplicates(async (event, manager, delivery) => {
      await resendReply(this.outbox, manager, event, delivery);
    });
  }
}
