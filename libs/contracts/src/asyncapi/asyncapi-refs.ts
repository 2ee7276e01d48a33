import type { EventDefinition } from '../events/event-definition';

/** The pieces of the AsyncAPI document shared by its channel builders. */
export type Json = Record<string, unknown>;
export type ChannelsAndOperations = { channels: Record<string, Json>; operations: Record<string, Json> };

export const KAFKA_BINDING_VERSION = '0.5.0';
/** The portal the document's examples speak as. */
export const EXAMPLE_PORTAL = 'xuhui-civil-affairs';

export const pascal = (words: string[]) => words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
export const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1).replace(/-/g, ' ');

/** `sanshe.organization.proposal.submitted.v1` → `OrganizationProposalSubmittedV1`. */
export const messageName = (type: string) => pascal(type.split('.').slice(1).join('-').split('-'));

export const messageRefs = (definitions: readonly EventDefinition[]) =>
  Object.fromEntries(
    definitions.map((d) => [messageName(d.type), { $ref: `#/components/messages/${messageName(d.type)}` }]),
  );

export const operationRefs = (channel: string, definitions: readonly EventDefinition[]) =>
  definitions.map((d) => ({ $ref: `#/channels/${channel}/messages/${messageName(d.type)}` }));
