import { describe, expect, it } from 'vitest';
import { checkAttachmentFields } from '../../src/domain/document-attachment.js';
import { contentDisposition, looksLikePdf, scanDownloadName } from '../../src/domain/document-file.js';
import { makePdf, PNG_BYTES } from '../support/pdf.js';

const TODAY = '2026-11-27';
const edges = (b: Buffer) => [b.subarray(0, 1024), b.subarray(-1024)] as const;

describe('looksLikePdf', () => {
  it('accepts a real PDF, small or large', () => {
    expect(looksLikePdf(...edges(makePdf()))).toBe(true);
    expect(looksLikePdf(...edges(makePdf(200_000)))).toBe(true);
  });
  it('refuses a PNG, text, a PDF cut off before %%EOF and a header later in the file', () => {
    expect(looksLikePdf(...edges(PNG_BYTES))).toBe(false);
    expect(looksLikePdf(...edges(Buffer.from('hello %PDF-1.4 %%EOF')))).toBe(false);
    const pdf = makePdf(100_000);
    expect(looksLikePdf(...edges(pdf.subarray(0, 60_000)))).toBe(false);
  });
});

describe('download names', () => {
  it('uses the document date, the organization and the type, without unsafe characters', () => {
    expect(scanDownloadName({ date: '2025-03-01', organizationName: 'ООО "РОМАШКА" / филиал', documentType: 'Соглашение: о сотрудничестве?' })).toBe(
      '2025-03-01 ООО РОМАШКА филиал - Соглашение о сотрудничестве.pdf',
    );
    expect(scanDownloadName({ date: null, organizationName: 'АО "Ёлка"', documentType: 'Устав' })).toBe('АО Ёлка - Устав.pdf');
  });
  it('writes Content-Disposition with an ASCII fallback and the RFC 5987 UTF-8 name', () => {
    expect(contentDisposition('2025-03-01 АО Ёлка - Устав.pdf')).toBe(
      `attachment; filename="2025-03-01 __ ____ - _____.pdf"; filename*=UTF-8''2025-03-01%20%D0%90%D0%9E%20%D0%81%D0%BB%D0%BA%D0%B0%20-%20%D0%A3%D1%81%D1%82%D0%B0%D0%B2.pdf`,
    );
  });
});

describe('checkAttachmentFields', () => {
  const valid = { orgAdmDocId: '3', dateApproved: '2026-11-20' };

  it('accepts the minimum and reads the agreement flag', () => {
    expect(checkAttachmentFields({ ...valid, isAgreement: 'true', props: ' № 5 ', comment: '' }, TODAY)).toEqual({
      ok: true,
      value: { orgAdmDocId: 3, dateApproved: '2026-11-20', props: '№ 5', comment: null, isAgreement: true, letter: null },
    });
  });

  it('builds the incoming letter from any of its fields', () => {
    const check = checkAttachmentFields({ ...valid, theirNumber: 'ЛПУ-16' }, TODAY);
    expect(check.ok && check.value.letter).toEqual({ ourNumber: null, ourDate: null, theirNumber: 'ЛПУ-16', theirDate: null });
  });

  it.each([
    [{ orgAdmDocId: '' }, 'orgAdmDocId', 'Выберите вид документа'],
    [{ orgAdmDocId: 'abc' }, 'orgAdmDocId', 'Выберите вид документа'],
    [{ dateApproved: '' }, 'dateApproved', 'Укажите дату утверждения (подписания) документа'],
    [{ dateApproved: '2026-11-28' }, 'dateApproved', 'Дата утверждения документа не может быть позже сегодняшнего дня (27.11.2026), указано 28.11.2026'],
    [{ dateApproved: '2026-02-30' }, 'dateApproved', 'Дата утверждения документа: нужна дата вида ДД.ММ.ГГГГ, получено «2026-02-30»'],
    [{ ourDate: '2026-12-01' }, 'ourDate', 'Дата регистрации письма не может быть позже сегодняшнего дня (27.11.2026), указано 01.12.2026'],
    [
      { ourDate: '2026-11-01', theirDate: '2026-11-05' },
      'ourDate',
      'Дата регистрации письма (01.11.2026) не может быть раньше даты его подписи отправителем (05.11.2026)',
    ],
    [{ ourNumber: '1'.repeat(71) }, 'ourNumber', 'Наш входящий номер: не длиннее 70 символов (сейчас 71)'],
    [{ props: 'x'.repeat(501) }, 'props', 'Реквизиты документа: не длиннее 500 символов (сейчас 501)'],
  ])('refuses %j on the field %s', (change, field, message) => {
    const check = checkAttachmentFields({ ...valid, ...change }, TODAY);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.errors[field]).toBe(message);
  });
});
