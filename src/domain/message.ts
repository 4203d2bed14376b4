/**
 * Rules of a letter (domain.md §1, original-app.md §5.3), pure. Messages are Russian, keyed by field.
 */
import { checkDateNotInFuture, cleanText, isIsoDate, ruDate } from './form-values.js';

export interface MessageFields {
  direction: 'incoming' | 'outgoing';
  ourNumber: string | null;
  ourDate: string | null;
  theirNumber: string | null;
  theirDate: string | null;
  information: string;
  organizationIds: number[];
  parentId: number | null;
  /** Who answers it (a user). */
  executorId: number | null;
  /** Incoming only: the date an answer is due. */
  dueDate: string | null;
}

export type MessageCheck = { ok: true; value: MessageFields } | { ok: false; errors: Record<string, string> };

const MIN_INFORMATION = 10;

/** `input` holds the form's flat values (`organizations.0 = 5` or an `organizations` array); `today` is 'YYYY-MM-DD'. */
export function checkMessage(input: Record<string, unknown>, today: string, ownId: number | null = null): MessageCheck {
  const errors: Record<string, string> = {};
  const direction = cleanText(input.direction);
  if (direction !== 'incoming' && direction !== 'outgoing') errors.direction = 'Выберите тип письма: входящее или исходящее';

  const date = (field: string, label: string) => {
    const result = checkDateNotInFuture(input[field], today, label);
    if ('error' in result) {
      errors[field] = result.error;
      return null;
    }
    return result.date;
  };
  const ourNumber = cleanText(input.ourNumber);
  const theirNumber = cleanText(input.theirNumber);
  const ourDate = date('ourDate', direction === 'outgoing' ? 'Дата подписи письма' : 'Дата регистрации письма');
  const theirDate = date('theirDate', 'Дата подписи входящего письма');
  for (const [field, value] of [
    ['ourNumber', ourNumber],
    ['theirNumber', theirNumber],
  ] as const) {
    if (value && value.length > 70) errors[field] = `Номер письма: не длиннее 70 символов (сейчас ${value.length})`;
  }
  if (direction === 'outgoing') {
    if (theirNumber) errors.theirNumber = 'У исходящего письма нет номера отправителя: оставьте поле пустым';
    if (theirDate) errors.theirDate = 'У исходящего письма нет даты подписи отправителем: оставьте поле пустым';
  }
  if (direction === 'incoming' && ourDate && theirDate && ourDate < theirDate) {
    errors.ourDate = `Дата регистрации (${ruDate(ourDate)}) не может быть раньше даты подписи письма отправителем (${ruDate(theirDate)})`;
  }

  const information = cleanText(input.information) ?? '';
  if (information.length < MIN_INFORMATION) {
    errors.information = `Опишите письмо: не короче ${MIN_INFORMATION} символов (сейчас ${information.length})`;
  }

  const organizationIds = organizationIdsOf(input);
  if (organizationIds.length === 0) errors.organizations = 'Выберите хотя бы одну организацию';

  const parent = cleanText(input.parentId);
  const parentId = parent === null ? null : Number(parent);
  if (parentId !== null && (!Number.isInteger(parentId) || parentId <= 0)) errors.parentId = 'Выберите письмо-основание из списка';
  else if (parentId !== null && parentId === ownId) errors.parentId = 'Письмо не может быть основанием самого себя';

  const executor = cleanText(input.executorId);
  const executorId = executor === null ? null : Number(executor);
  if (executorId !== null && (!Number.isInteger(executorId) || executorId <= 0)) errors.executorId = 'Выберите исполнителя из списка';

  const dueText = cleanText(input.dueDate)?.slice(0, 10) ?? null;
  let dueDate: string | null = null;
  if (dueText !== null && !isIsoDate(dueText)) errors.dueDate = `Срок ответа: нужна дата вида ДД.ММ.ГГГГ, получено «${dueText}»`;
  else dueDate = dueText;
  if (dueDate && direction === 'outgoing') errors.dueDate = 'У исходящего письма нет срока ответа: оставьте поле пустым';
  else if (dueDate && ourDate && dueDate < ourDate) {
    errors.dueDate = `Срок ответа (${ruDate(dueDate)}) не может быть раньше даты регистрации письма (${ruDate(ourDate)})`;
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      direction: direction as MessageFields['direction'],
      ourNumber,
      ourDate,
      theirNumber,
      theirDate,
      information,
      organizationIds,
      parentId,
      executorId,
      dueDate,
    },
  };
}

function organizationIdsOf(input: Record<string, unknown>): number[] {
  const values: unknown[] = Array.isArray(input.organizations)
    ? input.organizations
    : Object.entries(input)
        .filter(([key]) => /^organizations\.\d+$/.test(key))
        .sort(([a], [b]) => Number(a.split('.')[1]) - Number(b.split('.')[1]))
        .map(([, value]) => value);
  return [...new Set(values.map(Number).filter((n) => Number.isInteger(n) && n > 0))];
}
