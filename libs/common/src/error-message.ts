/** What to log or report for anything thrown: an Error's message, or the thrown value as text. */
export const errorMessage = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** The same with the error's class name (`TypeError: …`), where the kind of failure matters to a reader. */
export const errorSummary = (err: unknown): string =>
  err instanceof Error ? `${err.name}: ${err.message}` : String(err);

/** The stack where there is one (for logs read by developers), else the message. */
export const errorStack = (err: unknown): string => (err instanceof Error ? (err.stack ?? err.message) : String(err));

/** Anything thrown, as an Error (a non-Error value becomes its text). */
export const asError = (err: unknown): Error => (err instanceof Error ? err : new Error(String(err)));
