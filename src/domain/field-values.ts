/**
 * Checks the values a form or an API client sends for a record's columns before anything is written (pure):
 * types, lengths, required fields. Every refusal is a Russian message for its field; nothing is coerced silently
 * («maybe» is not a boolean, «abc» is not a region).
 */
import { isIsoDate } from './form-values.js';

export type FieldKind = 'text' | 'integer' | 'boolean' | 'date' | 'timestamp' | 'uuid' | 'other';

export interface FieldRule {
  path: string;
  kind: FieldKind;
  /** Characters allowed (the column's varchar length, or the registry's limit for free text). */
  maxLength?: number;
  /** Integer range (smallint, int). */
  min?: number;
  max?: number;
  nullable: boolean;
  /** The database fills it when it is not given (a default). */
  hasDefault: boolean;
}

/** Free text without a column length gets this many characters unless the registry sets its own limit. */
export const DEFAULT_TEXT_LIMIT = 2000;

/** Text fields of the registry with limits of their own (by entity name, then property). */
export const TEXT_LIMITS: Record<string, Record<string, number>> = {
  Organization: { fullName: 1000, shortName: 500, factualAddress: 1000, contacts: 4000, agreementUnit: 500 },
  Message: { information: 10_000 },
  Resource: { name: 1000, factualAddresses: 4000, respWorker: 1000, ipPool: 10_000, dnsPool: 10_000 },
  OrganizationDocument: { props: 500, comment: 2000 },
  OrgAdmDoc: { name: 500 },
  Industry: { name: 500 },
};

export const textLimit = (entity: string, path: string, columnLength?: number): number => columnLength ?? TEXT_LIMITS[entity]?.[path] ?? DEFAULT_TEXT_LIMIT;

export interface CheckedValues {
  values: Record<string, unknown>;
  errors: Record<string, string>;
}

const INT_RANGES = { smallint: [-32768, 32767], int: [-2147483648, 2147483647] } as const;
export const integerRange = (columnType: string): readonly [number, number] => (columnType === 'smallint' ? INT_RANGES.smallint : INT_RANGES.int);

const isEmpty = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/**
 * Checks the given fields only (an edit sends those it changes); `creating` also reports required fields that are
 * missing. Returns the values converted to the columns' types (empty → null).
 */
export function checkFieldValues(rules: readonly FieldRule[], params: Record<string, unknown>, creating: boolean): CheckedValues {
  const values: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const rule of rules) {
    const given = Object.prototype.hasOwnProperty.call(params, rule.path);
    if (!given) {
      if (creating && !rule.nullable && !rule.hasDefault) errors[rule.path] = 'Обязательное поле — заполните его';
      continue;
    }
    const raw = params[rule.path];
    if (isEmpty(raw)) {
      if (!rule.nullable && !rule.hasDefault) errors[rule.path] = 'Обязательное поле — заполните его';
      else if (!rule.nullable) errors[rule.path] = 'Поле не может быть пустым';
      else values[rule.path] = null;
      continue;
    }
    const checked = checkOne(rule, raw);
    if ('error' in checked) errors[rule.path] = checked.error;
    else values[rule.path] = checked.value;
  }
  return { values, errors };
}

function checkOne(rule: FieldRule, raw: unknown): { value: unknown } | { error: string } {
  // AdminJS's parameter conversion turns date fields into Date objects (a date's midnight UTC)
  if (raw instanceof Date) {
    if (Number.isNaN(raw.getTime()) || (rule.kind !== 'date' && rule.kind !== 'timestamp')) return { error: 'Нужна корректная дата' };
    return { value: rule.kind === 'date' ? raw.toISOString().slice(0, 10) : raw };
  }
  if (typeof raw === 'object') return { error: 'Ожидается одно значение, а не список или объект' };
  const text = String(raw);
  switch (rule.kind) {
    case 'text': {
      const max = rule.maxLength ?? DEFAULT_TEXT_LIMIT;
      const length = [...text].length;
      if (length > max) return { error: `Не длиннее ${max} символов (введено ${length})` };
      return { value: text };
    }
    case 'integer': {
      if (!/^-?[0-9]{1,10}$/.test(text.trim())) return { error: `Ожидается целое число, получено «${preview(text)}»` };
      const n = Number(text.trim());
      if ((rule.min !== undefined && n < rule.min) || (rule.max !== undefined && n > rule.max)) {
        return { error: `Число вне допустимого диапазона (${rule.min}…${rule.max})` };
      }
      return { value: n };
    }
    case 'boolean': {
      if (raw === true || text === 'true') return { value: true };
      if (raw === false || text === 'false') return { value: false };
      return { error: `Ожидается «да» или «нет» (true/false), получено «${preview(text)}»` };
    }
    case 'date': {
      const day = text.slice(0, 10);
      if (!isIsoDate(day)) return { error: `Нужна дата вида ДД.ММ.ГГГГ, получено «${preview(text)}»` };
      return { value: day };
    }
    case 'timestamp': {
      const time = Date.parse(text);
      if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(time)) return { error: `Нужны дата и время, получено «${preview(text)}»` };
      return { value: new Date(time) };
    }
    case 'uuid':
      if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text)) return { error: 'Ожидается UUID' };
      return { value: text.toLowerCase() };
    default:
      return { value: raw };
  }
}

/** A value quoted in a message: at most 40 characters. */
const preview = (text: string) => (text.length > 40 ? `${text.slice(0, 40)}…` : text);

/** A string cut to `max` characters with «…» (for list answers: whatever is stored, a row stays small). */
export function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
