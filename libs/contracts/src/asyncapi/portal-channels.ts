import { actingServiceOf } from '../catalog/portal-commands.events';
import { isPortalReplyType } from '../catalog/portal-replies.events';
import type { EventDefinition } from '../events/event-definition';
import { type ChannelsAndOperations, EXAMPLE_PORTAL, messageRefs, operationRefs } from './asyncapi-refs';

/** The templates of portalCommandsTopic(portalId) and portalRepliesTopic(portalId); the tests check they agree. */
export const PORTAL_COMMANDS_ADDRESS = 'sanshe.portal.{portalId}.commands';
export const PORTAL_REPLIES_ADDRESS = 'sanshe.portal.{portalId}.replies';

const portalIdParameter = {
  portalId: {
    description: 'The portal id assigned at registration: lowercase letters, digits and dashes.',
    examples: [EXAMPLE_PORTAL],
  },
};

const ACTING_SERVICES = ['governance', 'funding'] as const;

/** One receive operation per acting service, with the replies it answers on; and the replies' send operation. */
function portalOperations(commands: readonly EventDefinition[], replies: readonly EventDefinition[]) {
  const operations: ChannelsAndOperations['operations'] = {};
  for (const service of ACTING_SERVICES) {
    const acted = commands.filter((d) => actingServiceOf(d.type) === service);
    const answers = replies.filter((d) => d.context === service);
    if (acted.length === 0) continue;
    const name =
      service === 'governance'
        ? 'receivePortalCommands'
        : `receivePortalCommandsBy${service[0]?.toUpperCase()}${service.slice(1)}`;
    operations[name] = {
      action: 'receive',
      channel: { $ref: '#/channels/portalCommands' },
      summary: `Sanshe's ${service} service acts on these commands and answers each once on the portal's replies topic.`,
      messages: operationRefs('portalCommands', acted),
      ...(answers.length > 0
        ? {
            reply: { channel: { $ref: '#/channels/portalReplies' }, messages: operationRefs('portalReplies', answers) },
          }
        : {}),
    };
  }
  if (replies.length > 0) {
    operations.sendPortalReplies = {
      action: 'send',
      channel: { $ref: '#/channels/portalReplies' },
      summary: "Sanshe answers each portal command once, on the sending portal's own replies topic.",
      messages: operationRefs('portalReplies', replies),
    };
  }
  return operations;
}

/**
 * A portal's two channels: the commands it sends and the replies it reads. Each command type has one acting
 * service, which answers it with exactly one command-accepted or command-rejected (and governance a requested
 * report) on the portal's replies topic: one receive operation per acting service, with its replies.
 */
export function portalChannels(catalog: readonly EventDefinition[]): ChannelsAndOperations {
  const commands = catalog.filter((d) => d.context === 'portal');
  const replies = catalog.filter((d) => isPortalReplyType(d.type));
  return {
    channels: {
      portalCommands: {
        address: PORTAL_COMMANDS_ADDRESS,
        title: 'Portal commands',
        description:
          'Commands a government portal sends to Sanshe (vote, arbitrate an escalated decision, call a filing in, ' +
          'object to or claw back a tranche, cancel a grant, set a decision policy, request a report, open a funding ' +
          'program, confirm a payment), as CloudEvents with `source` = `portal/<portalId>` and an `id` of its own ' +
          'choosing (the reply names it). One topic per portal; a portal may write only its own.',
        parameters: portalIdParameter,
        messages: messageRefs(commands),
      },
      ...(replies.length > 0
        ? {
            portalReplies: {
              address: PORTAL_REPLIES_ADDRESS,
              title: 'Portal replies',
              description:
                "What Sanshe answers a portal's commands: exactly one command-accepted or command-rejected per " +
                "command (data.commandId = the command's id, subject too), from the one service that acts on its " +
                'type, and the reports a portal requested. One topic per portal; a portal may read only its own.',
              parameters: portalIdParameter,
              messages: messageRefs(replies),
            },
          }
        : {}),
    },
    operations: portalOperations(commands, replies),
  };
}
