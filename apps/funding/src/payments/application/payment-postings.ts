import type { Posting } from '../../ledger/domain/postings';
import { failPayment, instructPayment, settlePayment } from '../../ledger/domain/postings';
import { attemptSuffix, type Payment } from '../domain/payment';

type Builder = typeof instructPayment;

/** The ledger's posting for this attempt of the payment: a retry's keys name the attempt (see attemptSuffix). */
function forAttempt(build: Builder, payment: Payment): Posting {
  const posting = build(payment.grantId, payment.trancheNo, {
    amountFen: payment.amountFen,
    currency: payment.currency,
  });
  return { ...posting, idempotencyKey: `${posting.idempotencyKey}${attemptSuffix(payment.attempt)}` };
}

/** reserved → payable, when the payment is instructed (again). */
export const instructPosting = (payment: Payment) => forAttempt(instructPayment, payment);
/** payable → paid, when the rail settles it. */
export const settlePosting = (payment: Payment) => forAttempt(settlePayment, payment);
/** payable → reserved, when the rail refuses it. */
export const failPosting = (payment: Payment) => forAttempt(failPayment, payment);
