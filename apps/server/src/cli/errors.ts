// Turns any error that reaches the top of the command line into the one line an operator reads:
// the server's description (see operator-error.ts), plus the command line's own input errors.
import { AppError } from '../app-error.ts';
import { describeError as describeOperatorError, OperatorError } from '../operator-error.ts';

/** A failure the operator can fix from its message alone (bad input, missing user, ...). */
export class CliError extends OperatorError {}

function appErrorMessage(error: AppError): string {
  const fields = Object.entries(error.fields ?? {}).map(([field, problem]) => `${field}: ${problem}`);
  return fields.length > 0 ? `${error.message} (${fields.join('; ')})` : error.message;
}

export function describeError(error: unknown): { message: string; expected: boolean } {
  if (error instanceof AppError) return { message: appErrorMessage(error), expected: true };
  return describeOperatorError(error);
}
