import type { Payment } from './payment';

/** A portal's payment confirmation as the event carries it (sanshe.portal.payment.confirmed.v1). */
export interface PortalConfirmation {
  paymentId: string;
  grantId: string;
  trancheNo: number;
  /** The portal party that confirms, `portal:<id>`. */
  portalId: string;
  castBy: string;
  railReference: string;
  confirmedAt: string;
}

/** Where the confirmation really came from: the topic it was read from and its envelope's source. */
export interface ConfirmationArrival {
  topic: string;
  source: string;
}

/** How a confirmation applies: settle the payment, nothing (a repeat of the one that settled it), or refuse why. */
export type ConfirmationStep =
  { kind: 'settle' } | { kind: 'already' } | { kind: 'refuse'; code: string; reason: string };

/**
 * Judges a portal's confirmation of `payment` (pure). It counts only from the payment's own confirming portal,
 * on that portal's commands topic with its source (`portal/<id>`), for the same grant and tranche, on the
 * portal-confirmed rail; a confirmation of a settled payment with its rail reference is a repeat.
 */
export function confirmationStep(
  payment: Payment,
  confirmation: PortalConfirmation,
  arrival: ConfirmationArrival,
  commandsTopicOf: (portalId: string) => string,
): ConfirmationStep {
  const refuse = (code: string, reason: string): ConfirmationStep => ({ kind: 'refuse', code, reason });
  if (payment.rail !== 'portal-confirmed' || payment.confirmingParty === null) {
    return refuse('not-portal-confirmed', `payment ${payment.paymentId} is on the ${payment.rail} rail`);
  }
  const expected = payment.confirmingParty;
  const portal = expected.slice('portal:'.length);
  const channel = { topic: commandsTopicOf(portal), source: `portal/${portal}` };
  if (confirmation.portalId !== expected || arrival.topic !== channel.topic || arrival.source !== channel.source) {
    return refuse(
      'wrong-channel',
      `payment ${payment.paymentId} is confirmed only by ${expected} (topic ${channel.topic}, source ` +
        `${channel.source}); this came from ${confirmation.portalId} on ${arrival.topic}, source ${arrival.source}`,
    );
  }
  if (confirmation.grantId !== payment.grantId || confirmation.trancheNo !== payment.trancheNo) {
    return refuse(
      'payment-mismatch',
      `payment ${payment.paymentId} pays grant ${payment.grantId} tranche ${payment.trancheNo}, not grant ` +
        `${confirmation.grantId} tranche ${confirmation.trancheNo}`,
    );
  }
  if (payment.status === 'settled') {
    return payment.railReference === confirmation.railReference
      ? { kind: 'already' }
      : refuse('already-settled', `payment ${payment.paymentId} was settled as ${payment.railReference}`);
  }
  if (payment.status === 'failed') return refuse('payment-failed', `payment ${payment.paymentId} failed`);
  return { kind: 'settle' };
}
