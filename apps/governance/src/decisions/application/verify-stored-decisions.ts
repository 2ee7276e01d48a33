import { auditProblem } from '../domain/decision-audit';
import type { DecisionAuditRepository } from '../domain/decision-audit.repository';

export interface BrokenTrail {
  decisionId: string;
  problem: string;
}

const BATCH = 500;

/**
 * Re-verifies every stored trail against its closed decision (`npm run decisions:verify`): catches an
 * edit made behind the append-only trigger's back, or a row lost. Reports each broken one as it goes.
 */
export async function verifyStoredDecisions(
  audits: DecisionAuditRepository,
  onBroken: (broken: BrokenTrail) => void,
): Promise<{ checked: number; broken: number }> {
  let checked = 0;
  let broken = 0;
  let after = '';
  for (;;) {
    const ids = await audits.closedIds(after, BATCH);
    for (const decisionId of ids) {
      const [closed, trail] = await Promise.all([audits.closed(decisionId), audits.trail(decisionId)]);
      const problem = closed ? auditProblem(closed, trail) : 'its closed row is gone';
      checked += 1;
      if (problem) {
        broken += 1;
        onBroken({ decisionId, problem });
      }
    }
    if (ids.length < BATCH) return { checked, broken };
    after = ids.at(-1) ?? after;
  }
}
