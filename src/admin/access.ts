import type { ActionContext, ResourceOptions } from 'adminjs';
import type { UserRole } from '../../entities/user.entity.js';

/** The logged-in user as kept in the session (see src/admin/auth.ts). */
export interface CurrentUser {
  id: number;
  email: string;
  title: string;
  role: UserRole;
}

export const isAdmin = ({ currentAdmin }: ActionContext): boolean => (currentAdmin as CurrentUser | undefined)?.role === 'admin';

/** Everyone reads; only admins create, edit and delete (reference data, document types). */
export const adminOnlyWrites: ResourceOptions['actions'] = {
  new: { isAccessible: isAdmin },
  edit: { isAccessible: isAdmin },
  delete: { isAccessible: isAdmin },
  bulkDelete: { isAccessible: isAdmin },
};

/** Visible and usable by admins only (users). */
export const adminOnly: ResourceOptions['actions'] = {
  list: { isAccessible: isAdmin },
  show: { isAccessible: isAdmin },
  search: { isAccessible: isAdmin },
  new: { isAccessible: isAdmin },
  edit: { isAccessible: isAdmin },
  delete: { isAccessible: isAdmin },
  bulkDelete: { isAccessible: isAdmin },
};

/** Read-only for everyone (e.g. postal indexes, loaded by `cert index update`). */
export const readOnly: ResourceOptions['actions'] = {
  new: { isAccessible: false },
  edit: { isAccessible: false },
  delete: { isAccessible: false },
  bulkDelete: { isAccessible: false },
};

/** Never hard-deleted from the panel (organizations). */
export const noDelete: ResourceOptions['actions'] = {
  delete: { isAccessible: false },
  bulkDelete: { isAccessible: false },
};
