/**
 * An incoming letter's answer status (issue 15), derived, never stored. Pure.
 * - отвечено: an outgoing letter names it as its «Основание»;
 * - просрочено: no answer, and its answer date («срок ответа») has passed;
 * - ждёт ответа: no answer yet, the date is today or later;
 * - an incoming letter with no date and no answer expects none; an outgoing letter has no status.
 */
export type LetterStatus = 'answered' | 'waiting' | 'overdue';

export const LETTER_STATUS_LABELS: Record<LetterStatus, string> = {
  waiting: 'Ждёт ответа',
  answered: 'Отвечено',
  overdue: 'Просрочено',
};

export function letterStatus(letter: { direction: string; dueDate: string | null; answered: boolean }, today: string): LetterStatus | null {
  if (letter.direction !== 'incoming') return null;
  if (letter.answered) return 'answered';
  if (!letter.dueDate) return null;
  return letter.dueDate < today ? 'overdue' : 'waiting';
}

/** 'YYYY-MM-DD' plus `days` calendar days. Pure. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
