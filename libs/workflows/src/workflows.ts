/**
 * The workflows that governance's Temporal worker runs. This file is bundled by webpack into the
 * worker's deterministic sandbox: import only @temporalio/workflow, type-only @sanshe/contracts and pure code.
 */
export { decisionWorkflow } from './decision/decision.workflow';
export { hoursConfirmationWorkflow } from './hours/hours-confirmation.workflow';
export { disbursementWorkflow } from './disbursement/disbursement.workflow';
