/**
 * Names for the controls the framework draws without one (issue 24, item 10: axe-core finds no critical or serious
 * violation): the pager's arrow buttons, the table's check boxes and row menus, and every form field whose label is
 * beside it rather than bound to it (AdminJS's labels point at the property's path, its selects and date pickers
 * use ids of their own). Also the page's `main` landmark. Our own components name their controls themselves; this
 * covers what AdminJS and its design system render. Runs on every change of the page (a MutationObserver).
 */

const FIXED_NAMES: [selector: string, name: (element: Element) => string][] = [
  ['button[data-testid=first]', () => 'Первая страница'],
  ['button[data-testid=previous]', () => 'Предыдущая страница'],
  ['button[data-testid=next]', () => 'Следующая страница'],
  ['button[data-testid=last]', () => 'Последняя страница'],
  ['thead input[type=checkbox]', () => 'Выбрать все записи на странице'],
  ['tbody tr input[type=checkbox]', (element) => `Выбрать: ${rowTitle(element)}`],
  ['[data-testid=actions-dropdown]', (element) => `Действия: ${rowTitle(element)}`],
  ['.react-datepicker__navigation--previous', () => 'Предыдущий месяц'],
  ['.react-datepicker__navigation--next', () => 'Следующий месяц'],
];

/** A row's name: its link to the card (the record's title), else its first cell with text. */
function rowTitle(element: Element): string {
  const row = element.closest('tr');
  const link = row?.querySelector('[data-testid=row-link]');
  const text = (link ?? Array.from(row?.querySelectorAll('td') ?? []).find((cell) => cell.textContent?.trim()))?.textContent?.trim() ?? '';
  return text.slice(0, 80) || 'запись';
}

function hasName(control: HTMLElement): boolean {
  if (control.getAttribute('aria-label')?.trim() || control.getAttribute('aria-labelledby')) return true;
  const labels = (control as HTMLInputElement).labels;
  return Boolean(labels && Array.from(labels).some((label) => label.textContent?.trim()));
}

/** The text of the label drawn beside a field: the nearest <label> in the field's group (up to four levels up). */
function besideLabel(control: HTMLElement): string | null {
  let group: HTMLElement | null = control.parentElement;
  for (let level = 0; group && level < 5; level += 1, group = group.parentElement) {
    const label = Array.from(group.querySelectorAll('label')).find((l) => !l.contains(control) && l.textContent?.trim());
    if (label) return label.textContent!.replace(/\*/g, '').trim();
  }
  return null;
}

function nameControls(root: ParentNode): void {
  // the row menu is a link without an address: a button to assistive technology
  for (const menu of Array.from(root.querySelectorAll('a[data-testid=actions-dropdown]:not([href])'))) menu.setAttribute('role', 'button');
  for (const [selector, name] of FIXED_NAMES) {
    for (const element of Array.from(root.querySelectorAll(selector))) {
      if (!element.getAttribute('aria-label')) element.setAttribute('aria-label', name(element));
    }
  }
  for (const control of Array.from(root.querySelectorAll<HTMLElement>('input:not([type=hidden]), textarea, select'))) {
    if (hasName(control)) continue;
    const name = besideLabel(control) ?? control.getAttribute('placeholder') ?? control.getAttribute('title');
    if (name) control.setAttribute('aria-label', name);
  }
  const content = document.querySelector('[data-css=app-content]');
  if (content && content.getAttribute('role') !== 'main') content.setAttribute('role', 'main');
  const sidebar = document.querySelector('[data-css=sidebar]');
  if (sidebar && !sidebar.getAttribute('aria-label')) {
    sidebar.setAttribute('role', 'navigation');
    sidebar.setAttribute('aria-label', 'Разделы реестра');
  }
}

let observing = false;

/** Names the page's controls now and after each change of the page (once per page). */
export function nameControlsOnChange(): void {
  if (observing) return;
  observing = true;
  let scheduled = false;
  const run = () => {
    scheduled = false;
    nameControls(document);
  };
  new MutationObserver(() => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(run);
  }).observe(document.body, { childList: true, subtree: true });
  run();
}
