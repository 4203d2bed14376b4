import { ForbiddenError, type ActionContext, type ActionRequest, type Before, type CurrentAdmin, type BaseRecord } from 'adminjs';
import type { SessionUser } from '../http/kit.js';

/** The logged-in user as kept in the session (the HTTP kit's SessionUser). */
export type CurrentUser = SessionUser;

/** Who may run an action; spread into a resource's `actions`. */
type AccessRules = Record<string, { isAccessible: boolean | ((context: ActionContext) => boolean) }>;

export const isAdmin = ({ currentAdmin }: ActionContext): boolean => (currentAdmin as CurrentUser | undefined)?.role === 'admin';

/** Everyone reads; only admins create, edit and delete (reference data, document types). */
export const adminOnlyWrites: AccessRules = {
  new: { isAccessible: isAdmin },
  edit: { isAccessible: isAdmin },
  delete: { isAccessible: isAdmin },
  bulkDelete: { isAccessible: isAdmin },
};

/** Visible and usable by admins only (users). */
export const adminOnly: AccessRules = {
  list: { isAccessible: isAdmin },
  show: { isAccessible: isAdmin },
  search: { isAccessible: isAdmin },
  new: { isAccessible: isAdmin },
  edit: { isAccessible: isAdmin },
  delete: { isAccessible: isAdmin },
  bulkDelete: { isAccessible: isAdmin },
};

/** Read-only for everyone (e.g. postal indexes, loaded by `cert index update`). */
export const readOnly: AccessRules = {
  new: { isAccessible: false },
  edit: { isAccessible: false },
  delete: { isAccessible: false },
  bulkDelete: { isAccessible: false },
};

/** Never hard-deleted from the panel (organizations). */
export const noDelete: AccessRules = {
  delete: { isAccessible: false },
  bulkDelete: { isAccessible: false },
};

/** Hard deletes by admins only (letters, outsourcing records: clerks edit them but do not erase them). */
export const adminOnlyDelete: AccessRules = {
  delete: { isAccessible: isAdmin },
  bulkDelete: { isAccessible: isAdmin },
};

/**
 * The panel's answer to an action this user may not run: AdminJS's message key, which its front end shows in
 * Russian (locale/ru.ts); the API answers it with 403 and no record data.
 */
export const FORBIDDEN_ACTION = 'forbiddenError';

/**
 * The first `before` hook of every action of every section (src/app/admin-options.ts): the action's own
 * `isAccessible` for this user and record, decided before any other hook runs. AdminJS itself checks access only
 * after the `before` hooks, so a hook's validation error, a parser or a password hash could otherwise run (and
 * answer with the record) for a user who may not run the action at all.
 */
export const accessFirst: Before = async (request: ActionRequest, context: ActionContext) => {
  const action = context.action as unknown as { isAccessible(admin?: CurrentAdmin, record?: BaseRecord): boolean };
  const { record, records, currentAdmin } = context;
  const allowed = record
    ? action.isAccessible(currentAdmin, record)
    : records
      ? records.every((each) => action.isAccessible(currentAdmin, each))
      : action.isAccessible(currentAdmin);
  if (!allowed) throw new ForbiddenError(FORBIDDEN_ACTION);
  return request;
};
