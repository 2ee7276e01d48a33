/*
 * A milestone verification's subject, as the disbursement names it (docs/decisions.md, "Grant
 * disbursement"): `<grantId>.t<n>` for tranche n, `<grantId>.t<n>.r<k>` for its k-th re-verification.
 */

export interface VerificationSubject {
  grantId: string;
  trancheNo: number;
  /** 1 for the first verification of the tranche, k for `.r<k>`. */
  verification: number;
}

/** The suffix is anchored at the end, so a grant id holding `.t` itself still parses. */
const SUBJECT = /^([A-Za-z0-9][A-Za-z0-9._:-]*)\.t([1-9][0-9]{0,2})(?:\.r([1-9][0-9]{0,3}))?$/;

/** The grant and tranche a verification is about, or null when the subject is not of that form. */
export function parseVerificationSubject(subjectId: string): VerificationSubject | null {
  const match = SUBJECT.exec(subjectId);
  if (!match) return null;
  const [, grantId, tranche, reverification] = match;
  return { grantId, trancheNo: Number(tranche), verification: reverification ? Number(reverification) : 1 };
}
