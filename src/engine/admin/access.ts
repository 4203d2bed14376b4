import type { ActionContext } from 'adminjs';
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
