import React, { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { useLocation } from 'react-router-dom';
import { Box, CurrentUserNav, Icon } from '@adminjs/design-system';
import { useTranslation } from 'adminjs';
import { dropAllDrafts, goToLogin } from './form-draft';
import { nameControlsOnChange } from './accessible-names';
import { panelErrorOf, PanelErrorPage, refusedRecordAction } from './panel-error';
import { UndoBar } from './undo-bar';

/**
 * A section or action this person may not open (403) or that does not exist (404): the page says which, in the
 * panel's content area (AdminJS itself says «not found» for both).
 */
function usePanelError(): React.ReactNode {
  const { pathname } = useLocation();
  const { translateLabel } = useTranslation();
  const sectionName = (resourceId: string) => translateLabel(resourceId, resourceId);
  // AdminJS's «no such action» box for a record's action that exists: this person may not run it
  const [refused, setRefused] = useState(false);
  useEffect(() => {
    const area = document.querySelector('[data-css=app-content]');
    if (!area) return undefined;
    const look = () => setRefused(Boolean(area.querySelector('[data-testid=NoActionError]')));
    look();
    const observer = new MutationObserver(look);
    observer.observe(area, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [pathname]);
  const error = panelErrorOf(pathname, sectionName) ?? (refused ? refusedRecordAction(pathname, sectionName) : null);
  const [content, setContent] = useState<Element | null>(null);
  const code = error?.code;
  const title = error?.title;
  useEffect(() => {
    const area = document.querySelector('[data-css=app-content]');
    setContent(area);
    if (!area) return undefined;
    if (code) area.setAttribute('data-panel-error', String(code));
    else area.removeAttribute('data-panel-error');
    return undefined;
  }, [code]);
  useEffect(() => {
    if (title) document.title = `${title} — Реестр`;
  }, [title]);
  return error && content ? createPortal(<PanelErrorPage error={error} />, content) : null;
}

interface LoggedInProps {
  session: { email: string; name?: string; title?: string; avatarUrl?: string };
  paths: { logoutPath: string; loginPath: string };
}

/**
 * When the panel's reading of the API meets an ended session (401: the server's login gate), the page goes to the
 * login page, which says why and comes back here after the login. A form's «Сохранить» handles its own 401 (it
 * keeps the draft first: record-form.tsx). Installed once per page.
 */
function comeBackAfterLogin(loginPath: string): void {
  const marked = XMLHttpRequest.prototype as XMLHttpRequest & { certLoginWatch?: boolean };
  if (marked.certLoginWatch) return;
  marked.certLoginWatch = true;
  const open = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (this: XMLHttpRequest, method: string, url: string | URL, ...rest: unknown[]) {
    if (String(method).toUpperCase() === 'GET' && String(url).includes('/api/')) {
      this.addEventListener('loadend', () => {
        if (this.status === 401) goToLogin(loginPath, 'session');
      });
    }
    return (open as (...args: unknown[]) => void).call(this, method, url, ...rest);
  } as typeof XMLHttpRequest.prototype.open;
}

const SIDEBAR_KEY = 'cert.sidebar';

/** Whether the menu is hidden: the clerk's last choice, kept in the browser (the stylesheet reads the attribute). */
function useSidebarCollapsed(): [boolean, () => void] {
  const [collapsed, setCollapsed] = useState(() => localStorage.getItem(SIDEBAR_KEY) === 'collapsed');
  useEffect(() => {
    if (collapsed) document.documentElement.setAttribute('data-sidebar', 'collapsed');
    else document.documentElement.removeAttribute('data-sidebar');
  }, [collapsed]);
  const toggle = () =>
    setCollapsed((was) => {
      localStorage.setItem(SIDEBAR_KEY, was ? 'open' : 'collapsed');
      return !was;
    });
  return [collapsed, toggle];
}

/** «/» anywhere but in a field puts the cursor into the page's search box (as in GitHub, Gmail, Linear). */
function focusSearchOnSlash(event: KeyboardEvent): void {
  if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
  const target = event.target as HTMLElement | null;
  if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
  const search = document.querySelector<HTMLInputElement>('[data-testid=list-search] input, input[type=search]');
  if (!search) return;
  event.preventDefault();
  search.focus();
  search.select();
}

/**
 * The user's menu in the top bar, as AdminJS's own, but «Выйти» is a POST from the panel's page (the server
 * refuses a logout from anywhere else, and a GET of the logout address only asks to confirm), and it forgets the
 * tab's unsaved form drafts.
 */
const LoggedIn: React.FC<LoggedInProps> = ({ session, paths }) => {
  const { translateButton } = useTranslation();
  useEffect(() => comeBackAfterLogin(paths.loginPath), [paths.loginPath]);
  useEffect(nameControlsOnChange, []);
  const [sidebarCollapsed, toggleSidebar] = useSidebarCollapsed();
  const panelError = usePanelError();
  useEffect(() => {
    document.addEventListener('keydown', focusSearchOnSlash);
    return () => document.removeEventListener('keydown', focusSearchOnSlash);
  }, []);
  const logout = (event: React.MouseEvent) => {
    event.preventDefault();
    dropAllDrafts();
    const form = document.createElement('form');
    form.method = 'post';
    form.action = paths.logoutPath;
    document.body.appendChild(form);
    form.submit();
  };
  return (
    <Box flexShrink={0} data-css="logged-in" flex flexDirection="row" alignItems="center">
      {panelError}
      <UndoBar />
      <button
        type="button"
        data-css="sidebar-toggle"
        onClick={toggleSidebar}
        aria-pressed={sidebarCollapsed}
        aria-label={sidebarCollapsed ? 'Показать меню' : 'Скрыть меню'}
        title={sidebarCollapsed ? 'Показать меню' : 'Скрыть меню'}
      >
        <Icon icon={sidebarCollapsed ? 'ChevronsRight' : 'ChevronsLeft'} />
      </button>
      <CurrentUserNav
        name={session.name || session.email}
        title={session.title}
        avatarUrl={session.avatarUrl}
        dropActions={[{ label: translateButton('logout'), onClick: logout, icon: 'LogOut' }]}
      />
    </Box>
  );
};

export default LoggedIn;
