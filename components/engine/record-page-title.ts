/** A record page's heading: the title on its card, «Действие — title» on its other pages. */
export function recordPageTitle(actionName: string, actionLabel: string, title: string): string {
  return actionName === 'show' ? title : `${actionLabel} — ${title}`;
}
