import type { EntityManager } from 'typeorm';
import { USER_ROLES, User, type UserRole } from '../../entities/user.entity.js';
import { hashPassword, verifyPassword } from './password.js';
import { DomainValidationError } from '../errors.js';
import type { SessionUser } from '../engine/http/kit.js';

export const MIN_PASSWORD_LENGTH = 10;
/** A plain address: latin local part, a domain of letters, digits and hyphens with a dot (no quotes, spaces, <>). */
const EMAIL_PATTERN = /^[A-Za-z0-9._%+-]{1,64}@(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+[\p{L}]{2,63}$/u;
/** Passwords anyone would try first. */
const COMMON_PASSWORDS = new Set([
  '1234567890',
  '0123456789',
  'qwertyuiop',
  'password12',
  'password123',
  'administrator',
  'qwerty1234',
  '1q2w3e4r5t',
  'йцукенгшщз',
]);

/** Why a password is too weak, or null (pure): length, blank, one repeated character, a sequence, a known one, the email. */
export function passwordWeakness(password: string, email = ''): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `Пароль должен содержать не менее ${MIN_PASSWORD_LENGTH} символов, получено ${password.length}`;
  if (password.trim().length < MIN_PASSWORD_LENGTH) {
    return `Пароль не может состоять из пробелов: нужно не менее ${MIN_PASSWORD_LENGTH} символов кроме пробелов по краям`;
  }
  if (new Set(password).size < 4) return 'Пароль слишком простой: в нём должно быть не меньше 4 разных символов';
  if (COMMON_PASSWORDS.has(password.toLowerCase())) return 'Этот пароль слишком распространён — выберите другой';
  const local = email.split('@')[0]?.toLowerCase() ?? '';
  if (local.length >= 4 && password.toLowerCase().includes(local)) return 'Пароль не должен содержать имя из адреса почты';
  return null;
}

export interface NewUserInput {
  email: string;
  displayName?: string;
  role: string;
  /** null: the password is not being set (an edit that leaves it as it is), so it is not checked. */
  password: string | null;
}

export const ROLE_LABELS: Record<UserRole, string> = { admin: 'Администратор', clerk: 'Делопроизводитель' };

/** What the session keeps; `title` is shown under the email in the panel's top bar. */
/**
 * The session's user. The header shows `name` (the person) over `title` (the role, and the email when the name is
 * not the email): «Иванова Анна» / «Делопроизводитель · anna@cert.local» — each once, never «Администратор ·
 * Администратор».
 */
export function toSessionUser(user: Pick<User, 'id' | 'email' | 'displayName' | 'role'>): SessionUser {
  const name = user.displayName.trim() || user.email;
  const role = ROLE_LABELS[user.role];
  return { id: user.id, email: user.email, name, title: name === user.email ? role : `${role} · ${user.email}`, role: user.role };
}

/** Checks a new user's fields; Russian messages keyed by field. */
export function validateNewUser(input: NewUserInput): Record<string, string> {
  const errors: Record<string, string> = {};
  const email = input.email.trim();
  if (!EMAIL_PATTERN.test(email) || email.length > 254) {
    errors.email = `Email должен иметь вид имя@домен.рф (латинские буквы, цифры и . _ % + - до @), получено «${email.slice(0, 80)}»`;
  }
  if (!(USER_ROLES as readonly string[]).includes(input.role)) {
    errors.role = `Роль должна быть одной из: ${USER_ROLES.join(', ')}; получено «${input.role}»`;
  }
  if ((input.displayName ?? '').trim().length > 200) errors.displayName = `Имя не длиннее 200 символов (введено ${(input.displayName ?? '').trim().length})`;
  const weakness = input.password === null ? null : passwordWeakness(input.password, email);
  if (weakness) errors.password = weakness;
  return errors;
}

/** Creates a user, or sets a new password/role for an existing email when `updateExisting` is set. */
export async function createUser(
  manager: EntityManager,
  input: NewUserInput & { password: string },
  options: { updateExisting?: boolean; hashCost?: number; passwordChangeRequired?: boolean } = {},
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
  user.passwordHash = await hashPassword(input.password, options.hashCost);
  user.passwordChangeRequired = options.passwordChangeRequired ?? false;
  user.isActive = true;
  try {
    await repository.save(user);
  } catch (error) {
    if ((error as { driverError?: { constraint?: string } }).driverError?.constraint === 'ck_users_keep_active_admin') {
      throw new DomainValidationError({ role: 'Это последний действующий администратор: сначала назначьте администратором другого пользователя' });
    }
    throw error;
  }
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
