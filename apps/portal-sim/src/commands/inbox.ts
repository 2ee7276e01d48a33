import { errorMessage } from '@sanshe/common';
import { EXIT, type ExitCode, type InboxRequest, UsageError } from '../cli/portal-sim-request';
import type { PortalSimIo } from '../portal-sim-io';

/** One open decision as governance's GET /parties/{partyId}/pending lists it. */
interface PendingDecision {
  decisionId: string;
  kind: string;
  title: string;
  round: number;
  stage: string;
  deadline: string;
  overdue: boolean;
}

export const inboxLine = (partyId: string, d: PendingDecision) =>
  [
    d.deadline,
    d.overdue ? 'OVERDUE' : undefined,
    partyId,
    d.decisionId,
    `kind=${d.kind}`,
    `stage=${d.stage}`,
    `round=${d.round}`,
    JSON.stringify(d.title),
  ]
    .filter(Boolean)
    .join('  ');

/** Why governance said no, from its error body ({message} or {reason}) or the status alone. */
async function refusal(response: Response): Promise<string> {
  const text = await response.text();
  try {
    const body = JSON.parse(text) as { message?: unknown; reason?: unknown };
    const why = body.message ?? body.reason;
    if (why !== undefined) return `${response.status} ${Array.isArray(why) ? why.join('; ') : String(why)}`;
  } catch {
    // not JSON: the text itself
  }
  return `${response.status} ${text.slice(0, 200)}`;
}

/**
 * `inbox`: the open decisions waiting on this portal's party (and each `--party` it speaks for), earliest deadline
 * first, from governance's approver inbox. The token must speak for each party (403 otherwise).
 */
export async function inbox(request: InboxRequest, io: PortalSimIo): Promise<ExitCode> {
  if (!request.token) {
    throw new UsageError(
      `give --token or SANSHE_TOKEN: a bearer token that speaks for ${request.parties.join(', ')} ` +
        `(locally: npm run -s token -- --sub <you> --party portal:${request.portalId})`,
    );
  }
  const rows: { partyId: string; decision: PendingDecision }[] = [];
  for (const partyId of request.parties) {
    const url = `${request.governanceUrl}/parties/${encodeURIComponent(partyId)}/pending`;
    const response = await io.fetch(url, { headers: { authorization: `Bearer ${request.token}` } }).catch((err) => {
      // fetch says only "fetch failed"; its cause says why (ECONNREFUSED, a DNS error…).
      const cause = (err as { cause?: unknown }).cause;
      throw new Error(`governance at ${request.governanceUrl} unreachable: ${errorMessage(cause ?? err)}`, {
        cause: err,
      });
    });
    if (!response.ok) {
      io.err(`portal-sim: governance refused ${url}: ${await refusal(response)}`);
      return EXIT.failure;
    }
    for (const decision of (await response.json()) as PendingDecision[]) rows.push({ partyId, decision });
  }
  rows.sort((a, b) => a.decision.deadline.localeCompare(b.decision.deadline));
  if (rows.length === 0) io.err(`portal-sim: nothing waits on ${request.parties.join(', ')}`);
  for (const { partyId, decision } of rows) {
    io.out(request.json ? JSON.stringify({ partyId, ...decision }) : inboxLine(partyId, decision));
  }
  return EXIT.ok;
}
