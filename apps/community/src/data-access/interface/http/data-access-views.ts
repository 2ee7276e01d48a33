import type { LoggedAccess } from '../../domain/access-log';
import type { StoredRequest } from '../../domain/data-access.repository';

/** A request as GET /data-access-requests/{id} shows it: resident ids counted, not listed. */
export function requestView({ request, grant }: StoredRequest) {
  const { residentIds, expiresAt, requestedAt, decision, ...rest } = request;
  return {
    ...rest,
    residentCount: residentIds.length,
    expiresAt: expiresAt.toISOString(),
    requestedAt: requestedAt.toISOString(),
    decision: decision && { ...decision, decidedAt: decision.decidedAt.toISOString() },
    grant: grant && {
      grantId: grant.grantId,
      fields: grant.fields,
      residentsCovered: grant.residentsCovered,
      expiresAt: grant.expiresAt.toISOString(),
    },
  };
}

export const accessLogView = (rows: LoggedAccess[]) => rows.map((row) => ({ ...row, at: row.at.toISOString() }));
