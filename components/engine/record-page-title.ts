/**
 * A record page's heading: the title on its card, what is being done to it on its other pages — «Редактирование —
 * ПАО Сбербанк» (the form says what it is; the button «Редактировать» says what to do), «Действие — title» otherwise.
 */
export function recordPageTitle(actionName: string, actionLabel: string, title: string): string {
  if (actionName === 'show') return title;
  return `${actionName === 'edit' ? 'Редактирование' : actionLabel} — ${title}`;
}
