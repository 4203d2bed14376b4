import { TEXT_LIMITS } from './field-values.js';
/**
 * The "Прикрепить документ" form (original-app.md §6.3), checked before anything is written (pure).
 * Messages are Russian and keyed by the form's field names.
 */
import { checkDateNotInFuture, cleanText, ruDate } from './form-values.js';

export interface IncomingLetterFields {
  ourNumber: string | null;
  ourDate: string | null;
  theirNumber: string | null;
  theirDate: string | null;
}

export interface AttachmentFields {
  orgAdmDocId: number;
  dateApproved: string;
  props: string | null;
  comment: string | null;
  /** "Это соглашение о сотрудничестве": the organization's agreement date becomes dateApproved. */
  isAgreement: boolean;
  /** The letter the document came with; null when none of its four fields is filled. */
  letter: IncomingLetterFields | null;
}

export type AttachmentCheck = { ok: true; value: AttachmentFields } | { ok: false; errors: Record<string, string> };

const LIMITS = {
  props: TEXT_LIMITS.OrganizationDocument!.props!,
  comment: TEXT_LIMITS.OrganizationDocument!.comment!,
  ourNumber: 70,
  theirNumber: 70,
} as const;
const TRUE_VALUES = new Set(['true', 'on', '1', 'yes']);

/** The letter's text, as the original wrote it. */
export const documentLetterText = (documentType: string): string => `о направлении документа «${documentType}»`;

export function checkAttachmentFields(raw: Record<string, unknown>, today: string): AttachmentCheck {
  const errors: Record<string, string> = {};
  const text = (field: keyof typeof LIMITS, label: string) => {
    const value = cleanText(raw[field]);
    if (value !== null && value.length > LIMITS[field]) errors[field] = `${label}: не длиннее ${LIMITS[field]} символов (сейчас ${value.length})`;
    return value;
  };
  const date = (field: string, label: string) => {
    const result = checkDateNotInFuture(raw[field], today, label);
    if ('error' in result) {
      errors[field] = result.error;
      return null;
    }
    return result.date;
  };

  const typeId = cleanText(raw.orgAdmDocId);
  if (typeId === null || !/^[1-9][0-9]{0,9}$/.test(typeId)) errors.orgAdmDocId = 'Выберите вид документа';
  const dateApproved = date('dateApproved', 'Дата утверждения документа');
  if (dateApproved === null && !errors.dateApproved) errors.dateApproved = 'Укажите дату утверждения (подписания) документа';
  const props = text('props', 'Реквизиты документа');
  const comment = text('comment', 'Комментарий');

  const ourNumber = text('ourNumber', 'Наш входящий номер');
  const theirNumber = text('theirNumber', 'Исходящий номер отправителя');
  const ourDate = date('ourDate', 'Дата регистрации письма');
  const theirDate = date('theirDate', 'Дата подписи письма отправителем');
  if (ourDate && theirDate && ourDate < theirDate) {
    errors.ourDate = `Дата регистрации письма (${ruDate(ourDate)}) не может быть раньше даты его подписи отправителем (${ruDate(theirDate)})`;
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const letter = ourNumber || ourDate || theirNumber || theirDate ? { ourNumber, ourDate, theirNumber, theirDate } : null;
  return {
    ok: true,
    value: {
      orgAdmDocId: Number(typeId),
      dateApproved: dateApproved as string,
      props,
      comment,
      isAgreement: TRUE_VALUES.has(String(raw.isAgreement ?? '').toLowerCase()),
      letter,
    },
  };
}
