import type { Judgement, WorkforceIndicator } from './indicators';

/*
 * Crossings (pure): per (organization, indicator) a state ok ↔ at-risk. Going ok → at-risk is a new
 * crossing (its number counts up) and raises risk-detected once; at-risk → ok raises risk-cleared for that
 * crossing. Staying on one side raises nothing, however often it is evaluated.
 */

export type WorkforceStatus = 'ok' | 'at-risk';

export interface IndicatorState {
  organizationId: string;
  indicator: WorkforceIndicator;
  status: WorkforceStatus;
  /** How many times the indicator has crossed into at-risk (the current or last crossing's number). */
  crossings: number;
  lastValue: number | null;
  changedAt: string;
}

export type CrossingKind = 'risk-detected' | 'risk-cleared';

export interface Crossing {
  kind: CrossingKind;
  crossing: number;
  judgement: Judgement;
}

/** A state never evaluated: ok, no crossing yet. */
export const initialState = (organizationId: string, indicator: WorkforceIndicator, at: string): IndicatorState => ({
  organizationId,
  indicator,
  status: 'ok',
  crossings: 0,
  lastValue: null,
  changedAt: at,
});

/**
 * The indicator's state after `judgement` at `at`, and the crossing it makes, if any. `changedAt` moves
 * only when the status does; the value is kept for reading either way.
 */
export function afterJudgement(
  organizationId: string,
  known: IndicatorState | null,
  judgement: Judgement,
  at: string,
): { state: IndicatorState; crossing: Crossing | null } {
  const current = known ?? initialState(organizationId, judgement.indicator, at);
  const state = { ...current, lastValue: judgement.value };
  if (judgement.atRisk && current.status === 'ok') {
    const crossings = current.crossings + 1;
    return {
      state: { ...state, status: 'at-risk', crossings, changedAt: at },
      crossing: { kind: 'risk-detected', crossing: crossings, judgement },
    };
  }
  if (!judgement.atRisk && current.status === 'at-risk') {
    return {
      state: { ...state, status: 'ok', changedAt: at },
      crossing: { kind: 'risk-cleared', crossing: current.crossings, judgement },
    };
  }
  return { state, crossing: null };
}

/** The event id of a crossing: once per (type, organization, indicator, crossing number), so a replay publishes nothing new. */
export const crossingEventId = (
  type: string,
  organizationId: string,
  indicator: WorkforceIndicator,
  crossing: number,
) => `${type}:${organizationId}:${indicator}:${crossing}`;
