/**
 * The workflows that governance's Temporal worker runs. This file is bundled by webpack into the
 * worker's deterministic sandbox: import only @temporalio/workflow, @sanshe/contracts and pure code.
 * Empty until the decision and disbursement workflows arrive (governance issue).
 */
export {};
