import { ValidationError } from 'adminjs';
import type { EntityMetadata } from 'typeorm/metadata/EntityMetadata.js';
import { databaseRefusal, type ConstraintMessages } from './write-checks.js';

/** The write checks' and the database's refusals as AdminJS's ValidationError: the form shows each under its field. */

/** Russian messages by field as a ValidationError. */
export const fieldErrorsAsValidationError = (errors: Record<string, string>): ValidationError =>
  new ValidationError(Object.fromEntries(Object.entries(errors).map(([path, message]) => [path, { type: 'invalid', message }])));

/** A database refusal as a message on the field it concerns (P4); anything else is returned as it is, to be rethrown (P3). */
export function refusalAsValidationError(error: unknown, metadata: EntityMetadata, constraintMessages?: ConstraintMessages): unknown {
  const refusal = databaseRefusal(error, metadata, constraintMessages);
  if (!refusal) return error;
  const problem = { type: 'database', message: refusal.message };
  if (!refusal.field) return new ValidationError({}, problem);
  return new ValidationError({ [refusal.field]: problem }, refusal.byConstraint ? problem : undefined);
}
