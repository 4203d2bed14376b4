/**
 * INN / OGRN / KPP checks (domain.md §3). Pure: no I/O, no framework imports.
 * Messages are Russian, name the field and say what is expected.
 */
export type CheckResult = { ok: true; value: string } | { ok: false; reason: string };

const INN10_WEIGHTS = [2, 4, 10, 3, 5, 9, 4, 6, 8];
const INN12_WEIGHTS_11 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
const INN12_WEIGHTS_12 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

function weightedCheckDigit(digits: string, weights: number[]): number {
  const sum = weights.reduce((acc, weight, i) => acc + weight * Number(digits[i]), 0);
  return (sum % 11) % 10;
}

export function innCheckDigits(firstDigits: string): string {
  if (firstDigits.length === 9) return String(weightedCheckDigit(firstDigits, INN10_WEIGHTS));
  const c11 = weightedCheckDigit(firstDigits, INN12_WEIGHTS_11);
  const c12 = weightedCheckDigit(firstDigits + c11, INN12_WEIGHTS_12);
  return `${c11}${c12}`;
}

export function checkInn(raw: string): CheckResult {
  const value = raw.trim();
  if (!/^\d+$/.test(value)) return { ok: false, reason: `ИНН должен состоять только из цифр, получено «${value}»` };
  if (value.length !== 10 && value.length !== 12) {
    return { ok: false, reason: `ИНН должен содержать 10 цифр (организация) или 12 цифр (ИП), получено ${value.length}` };
  }
  if (value.startsWith('00')) return { ok: false, reason: 'ИНН не может начинаться с 00' };
  const body = value.slice(0, value.length === 10 ? 9 : 10);
  if (innCheckDigits(body) !== value.slice(body.length)) {
    return { ok: false, reason: `ИНН ${value}: неверная контрольная сумма` };
  }
  return { ok: true, value };
}

export function ogrnCheckDigit(firstDigits: string): string {
  const modulus = firstDigits.length === 12 ? 11n : 13n;
  return String((BigInt(firstDigits) % modulus) % 10n);
}

export function checkOgrn(raw: string): CheckResult {
  const value = raw.trim();
  if (!/^\d+$/.test(value)) return { ok: false, reason: `ОГРН должен состоять только из цифр, получено «${value}»` };
  if (value.length !== 13 && value.length !== 15) {
    return { ok: false, reason: `ОГРН должен содержать 13 цифр (ОГРНИП — 15), получено ${value.length}` };
  }
  const body = value.slice(0, -1);
  if (ogrnCheckDigit(body) !== value.slice(-1)) return { ok: false, reason: `ОГРН ${value}: неверное контрольное число` };
  return { ok: true, value };
}

export function checkKpp(raw: string): CheckResult {
  const value = raw.trim().toUpperCase();
  if (!/^\d{4}[\dA-Z]{2}\d{3}$/.test(value)) {
    return { ok: false, reason: `КПП должен состоять из 9 символов вида NNNNPPXXX (P — цифра или латинская буква), получено «${value}»` };
  }
  return { ok: true, value };
}
