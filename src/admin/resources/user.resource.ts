import { ValidationError, type ActionRequest, type Before } from 'adminjs';
import { USER_ROLES, User } from '../../../entities/user.entity.js';
import { hashPassword } from '../../auth/password.js';
import { ROLE_LABELS, validateNewUser } from '../../users/user.service.js';
import { adminOnly, isAdmin } from '../access.js';
import { NAVIGATION } from '../navigation.js';
import { defineResource } from './resource-definition.js';


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
      password: creating || typed !== '' ? typed : 'x'.repeat(64),
    });
    if (Object.keys(errors).length > 0) {
      throw new ValidationError(Object.fromEntries(Object.entries(errors).map(([field, message]) => [field, { message }])));
    }
    payload.email = String(payload.email).trim().toLowerCase();
    if (typed !== '') payload.passwordHash = await hashPassword(typed);
    request.payload = payload;
    return request;
  };

export const userResource = defineResource({
  entity: User,
  label: 'Пользователи',
  properties: {
    id: 'ID',
    email: 'Электронная почта',
    displayName: 'Имя',
    role: 'Роль',
    password: 'Пароль',
    passwordHash: 'Хеш пароля',
    isActive: 'Активен',
    lastLoginAt: 'Последний вход',
    createdAt: 'Создан',
    updatedAt: 'Изменен',
  },
  options: {
    navigation: NAVIGATION.administration,
    titleProperty: 'email',
    listProperties: ['email', 'displayName', 'role', 'isActive', 'lastLoginAt'],
    showProperties: ['email', 'displayName', 'role', 'isActive', 'lastLoginAt', 'createdAt', 'updatedAt'],
    editProperties: ['email', 'displayName', 'role', 'password', 'isActive'],
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
    },
    actions: {
      ...adminOnly,
      new: { isAccessible: isAdmin, before: [hashPasswordBeforeSave(true)] },
      edit: { isAccessible: isAdmin, before: [hashPasswordBeforeSave(false)] },
    },
  },
});
