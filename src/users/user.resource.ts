import { ValidationError, type ActionContext, type ActionRequest, type ActionResponse, type After, type Before } from 'adminjs';
import { USER_ROLES, User } from '../../entities/user.entity.js';
import { hashPassword } from './password.js';
import { ROLE_LABELS, validateNewUser } from './user.service.js';
import { adminOnly, isAdmin, type CurrentUser } from '../engine/admin/access.js';
import { NAVIGATION } from '../engine/admin/navigation.js';
import { historySection } from '../engine/admin/history-section.js';
import { defineResource } from '../engine/admin/resource-definition.js';

/** Validates the form and turns the virtual `password` field into `passwordHash` (never stored in clear). */
const hashPasswordBeforeSave =
  (creating: boolean): Before =>
  async (request: ActionRequest) => {
    if (request.method !== 'post' || !request.payload) return request;
    const { password, passwordHash: _ignored, ...payload } = request.payload as Record<string, unknown>;
    const typed = typeof password === 'string' ? password : '';
    const errors = validateNewUser({
      email: String(payload.email ?? ''),
      role: String(payload.role ?? ''),
      password: creating || typed !== '' ? typed : null,
    });
    if (Object.keys(errors).length > 0) {
      throw new ValidationError(Object.fromEntries(Object.entries(errors).map(([field, message]) => [field, { message }])));
    }
    payload.email = String(payload.email).trim().toLowerCase();
    if (creating && (typeof payload.displayName !== 'string' || payload.displayName.trim() === '')) payload.displayName = payload.email;
    if (typed !== '') payload.passwordHash = await hashPassword(typed);
    request.payload = payload;
    return request;
  };

/**
 * The password hash never leaves the server, not even in the answer to the form that set it (lists and cards never
 * read it: the column is not selected by default).
 */
const withoutPasswordHash: After<ActionResponse> = async (response) => {
  for (const record of [response.record, ...(response.records ?? [])] as ({ params?: Record<string, unknown> } | undefined)[]) {
    if (record?.params) delete record.params.passwordHash;
  }
  return response;
};

/** An admin does not delete their own account (the database also keeps one active admin in every case). */
const notOneself: Before = async (request: ActionRequest, context: ActionContext) => {
  const me = (context.currentAdmin as CurrentUser | undefined)?.id;
  const ids = [context.record?.id(), ...(context.records ?? []).map((r) => r.id()), ...String(request.query?.recordIds ?? '').split(',')].map(String);
  if (me !== undefined && ids.includes(String(me))) {
    throw new ValidationError({}, { message: 'Нельзя удалить собственную учётную запись — это может сделать другой администратор.' });
  }
  return request;
};

export const userResource = defineResource({
  entity: User,
  label: 'Пользователи',
  newLabel: 'Новый пользователь',
  constraintMessages: {
    ck_users_keep_active_admin: { field: 'role', message: 'Это последний действующий администратор: сначала назначьте администратором другого пользователя' },
    uq_users_email: { field: 'email', message: 'Пользователь с таким адресом уже есть' },
  },
  properties: {
    id: 'ID',
    email: 'Электронная почта',
    displayName: 'Имя',
    role: 'Роль',
    password: 'Пароль',
    passwordHash: 'Хеш пароля',
    isActive: 'Активен',
    lastLoginAt: 'Последний вход',
    passwordChangeRequired: 'Сменить пароль при входе',
    createdAt: 'Создан',
    updatedAt: 'Изменен',
    history: 'История',
  },
  // a user by name (a letter's executor, the history); the email when there is none
  titleOf: (params) => (typeof params.displayName === 'string' && params.displayName.trim() ? params.displayName : null),
  options: {
    navigation: NAVIGATION.administration,
    titleProperty: 'email',
    listProperties: ['email', 'displayName', 'role', 'isActive', 'lastLoginAt'],
    showProperties: ['email', 'displayName', 'role', 'isActive', 'passwordChangeRequired', 'lastLoginAt', 'createdAt', 'updatedAt', 'history'],
    // an admin who gives someone a password may ask them to replace it at their next login
    editProperties: ['email', 'displayName', 'role', 'password', 'passwordChangeRequired', 'isActive'],
    filterProperties: ['email', 'displayName', 'role', 'isActive'],
    properties: {
      passwordHash: { isVisible: false },
      password: {
        type: 'password',
        isVisible: { list: false, show: false, filter: false, edit: true },
        description: 'Не менее 10 символов. При редактировании оставьте пустым, чтобы не менять пароль.',
      },
      role: { isRequired: true, availableValues: USER_ROLES.map((value) => ({ value, label: ROLE_LABELS[value] })) },
      email: { isRequired: true },
      passwordChangeRequired: { description: 'При следующем входе пользователь сначала придумает свой пароль' },
      history: historySection('users'),
    },
    actions: {
      ...adminOnly,
      new: { isAccessible: isAdmin, before: [hashPasswordBeforeSave(true)], after: [withoutPasswordHash] },
      edit: { isAccessible: isAdmin, before: [hashPasswordBeforeSave(false)], after: [withoutPasswordHash] },
      delete: { isAccessible: isAdmin, before: [notOneself] },
      bulkDelete: { isAccessible: isAdmin, before: [notOneself] },
    },
  },
});
