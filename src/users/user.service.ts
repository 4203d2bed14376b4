import type { EntityManager } from 'typeorm';
import { USER_ROLES, User, type UserRole } from '../../entities/user.entity.js';
import { hashPassword, verifyPassword } from '../auth/password.js';
import { DomainValidationError } from '../errors.js';

export const MIN_PASSWORD_LENGTH = 10;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+$/;

export interface NewUserInput {
  email: string;
  displayName?: string;
  role: string;
  password: string;
}

export interface SessionUser {
  id: number;
  email: string;
  title: string;
  role: UserRole;
}

export const ROLE_LABELS: Record<UserRole, string> = { admin: 'Администратор', clerk: 'Делопроизводитель' };

/** What the session keeps; `title` is shown under the email in the panel's top bar. */
export function toSessionUser(user: User): SessionUser {
  return { id: user.id, email: user.email, title: `${user.displayName} · ${ROLE_LABELS[user.role]}`, role: user.role };
}

/** Checks a new user's fields; Russian messages keyed by field. */
export function validateNewUser(input: NewUserInput): Record<string, string> {
  const errors: Record<string, string> = {};
  const email = input.email.trim();
  if (!EMAIL_PATTERN.test(email) || email.length > 254) {
    errors.email = `Email должен иметь вид имя@домен, получено «${email}»`;
  }
  if (!(USER_ROLES as readonly string[]).includes(input.role)) {
    errors.role = `Роль должна быть одной из: ${USER_ROLES.join(', ')}; получено «${input.role}»`;
  }
  if (input.password.length < MIN_PASSWORD_LENGTH) {
    errors.password = `Пароль должен содержать не менее ${MIN_PASSWORD_LENGTH} символов, получено ${input.password.length}`;
  }
  return errors;
}

/** Creates a user, or sets a new password/role for an existing email when `updateExisting` is set. */
export async function createUser(
  manager: EntityManager,
  input: NewUserInput,
  options: { updateExisting?: boolean } = {},
): Promise<{ user: User; created: boolean }> {
  const errors = validateNewUser(input);
  if (Object.keys(errors).length > 0) throw new DomainValidationError(errors);
  const email = input.email.trim().toLowerCase();
  const repository = manager.getRepository(User);
  const existing = await repository.findOneBy({ email });
  if (existing && !options.updateExisting) {
    throw new DomainValidationError({ email: `Пользователь с email ${email} уже существует` });
  }
  const user = existing ?? repository.create({ email });
  user.displayName = input.displayName?.trim() || user.displayName || email;
  user.role = input.role as UserRole;
  user.passwordHash = await hashPassword(input.password);
  user.isActive = true;
  await repository.save(user);
  return { user, created: !existing };
}

/** The user for a login, or null: unknown email, inactive user and wrong password look the same. */
export async function authenticateUser(manager: EntityManager, email: string, password: string): Promise<User | null> {
  const user = await findWithPasswordHash(manager, email);
  if (!user || !user.isActive) {
    // Spend the same time as a real check so that response timing does not reveal which emails exist.
    await verifyPassword(password, DUMMY_HASH);
    return null;
  }
  if (!(await verifyPassword(password, user.passwordHash))) return null;
  await manager.getRepository(User).update(user.id, { lastLoginAt: new Date() });
  return user;
}

export function findWithPasswordHash(manager: EntityManager, email: string): Promise<User | null> {
  return manager
    .getRepository(User)
    .createQueryBuilder('user')
    .addSelect('user.passwordHash')
    .where('user.email = :email', { email: email.trim().toLowerCase() })
    .getOne();
}

const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
