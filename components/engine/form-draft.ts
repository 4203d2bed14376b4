/**
 * What was typed into a form and not yet saved, kept in the tab's sessionStorage (gone when the tab is closed or the
 * user logs out): a form whose «Сохранить» met an expired session comes back filled after the login.
 */
const PREFIX = 'cert.draft:';

export interface FormDraft {
  params: Record<string, unknown>;
  savedAt: number;
}

export const draftKey = (location: { pathname: string; search: string }): string => `${PREFIX}${location.pathname}${location.search}`;

export function readDraft(key: string): FormDraft | null {
  try {
    const raw = window.sessionStorage.getItem(key);
    if (!raw) return null;
    const draft = JSON.parse(raw) as FormDraft;
    return draft && typeof draft.params === 'object' ? draft : null;
  } catch {
    return null;
  }
}

export function writeDraft(key: string, params: Record<string, unknown>): void {
  try {
    window.sessionStorage.setItem(key, JSON.stringify({ params, savedAt: Date.now() } satisfies FormDraft));
  } catch {
    // storage full or refused: the form still works, only the draft is not kept
  }
}

export function dropDraft(key: string): void {
  try {
    window.sessionStorage.removeItem(key);
  } catch {
    // nothing kept
  }
}

/** On logout: no draft outlives its user. */
export function dropAllDrafts(): void {
  try {
    for (const key of Object.keys(window.sessionStorage)) if (key.startsWith(PREFIX)) window.sessionStorage.removeItem(key);
  } catch {
    // nothing kept
  }
}

/** Whether two sets of form values differ (what the form opened with and what it holds now). */
export const sameValues = (a: Record<string, unknown>, b: Record<string, unknown>): boolean => {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) if (String(a[key] ?? '') !== String(b[key] ?? '')) return false;
  return true;
};

let leavingForLogin = false;

/** Whether the page is on its way to the login page (a form then keeps its draft and does not ask before leaving). */
export const isLeavingForLogin = (): boolean => leavingForLogin;

/**
 * To the login page, which says why (`expired`: «1» — a form's «Сохранить», its draft kept; «session» — a page's
 * reading) and comes back to this page after the login. The one way the panel's pages leave for the login.
 */
export function goToLogin(loginPath: string, expired: '1' | 'session'): void {
  leavingForLogin = true;
  window.location.assign(`${loginPath}?${new URLSearchParams({ next: `${window.location.pathname}${window.location.search}`, expired })}`);
}
