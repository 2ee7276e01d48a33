/** A problem with the local infrastructure that a person can act on; printed without a stack. */
export class InfraError extends Error {
  constructor(
    readonly server: string,
    message: string,
    readonly logFile?: string,
  ) {
    super(`[${server}] ${message}${logFile ? `\n  log: ${logFile}` : ''}`);
    this.name = 'InfraError';
  }
}
