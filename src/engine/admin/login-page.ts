/**
 * The login page as plain HTML, rendered on the server: a form that works before (and without) any script.
 * AdminJS's own login page is a React application that needs the panel's 3.3 MB of scripts first; on a slow
 * office computer that took more than 2 s before the email field appeared. The form posts to the same address
 * with the same field names, so AdminJS's login handler, its throttle and its error answers are unchanged. Pure.
 */
export interface LoginPageProps {
  action: string;
  /** AdminJS passes a translation key (invalidCredentials, tooManyRequests) or the text of a refusal. */
  errorMessage?: string | null;
  messages: Record<string, string>;
  title: string;
  fontStylesheetHref: string;
  faviconHref: string;
  /** Why the login is asked for («Сессия истекла — войдите снова, введённое сохранено»). */
  notice?: string | null;
  /** The email typed before a refused login, kept in its field. */
  email?: string | null;
}

/** The style of the panel's plain pages (the login, the password change): one card in the middle of the screen. */
const FORM_PAGE_STYLE = `*{box-sizing:border-box}
body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;background:#f6f7fb;font-family:Roboto,'Segoe UI',Arial,sans-serif;color:#0c1e29}
main{width:380px;max-width:calc(100vw - 32px);background:#fff;border-radius:8px;box-shadow:0 8px 24px rgba(12,30,41,.08);padding:40px 36px}
h1{margin:0 0 4px;font-size:22px;font-weight:500}
p.lead{margin:0 0 28px;color:#454655;font-size:14px}
label{display:block;margin:0 0 6px;font-size:13px;font-weight:500;color:#454655}
input{display:block;width:100%;height:40px;margin:0 0 18px;padding:0 12px;border:1px solid #c0c0ca;border-radius:4px;font:inherit;font-size:15px;color:inherit}
input:focus{outline:none;border-color:#3040d6;box-shadow:0 0 0 2px rgba(48,64,214,.2)}
button{width:100%;height:42px;margin-top:8px;border:0;border-radius:4px;background:#3040d6;color:#fff;font:inherit;font-size:15px;font-weight:500;cursor:pointer}
button:hover{background:#2435b8}
.error{margin:0 0 20px;padding:10px 12px;border-radius:4px;background:#fde8e8;color:#9b1c1c;font-size:14px}
.notice{margin:0 0 20px;padding:10px 12px;border-radius:4px;background:#e8ecfd;color:#1c2a8a;font-size:14px}
`;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A plain page of the panel: the head (the fonts, the favicon, the card's style) around `main`. Pure. */
function formPage(page: { heading: string; title: string; fontStylesheetHref: string; faviconHref: string; style?: string; main: string }): string {
  return `<!DOCTYPE html>
<html lang=ru>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.heading} — ${escapeHtml(page.title)}</title>
<link rel="stylesheet" href="${escapeHtml(page.fontStylesheetHref)}" type="text/css">
<link rel="icon" type="image/svg+xml" href="${escapeHtml(page.faviconHref)}">
<style>
${FORM_PAGE_STYLE}${page.style ?? ''}</style>
</head>
<body>
<main>
${page.main}
</main>
</body>
</html>`;
}

export function loginPageHtml(props: LoginPageProps): string {
  const error = props.errorMessage ? (props.messages[props.errorMessage] ?? props.errorMessage) : null;
  const title = escapeHtml(props.title);
  return formPage({
    heading: 'Вход',
    title: props.title,
    fontStylesheetHref: props.fontStylesheetHref,
    faviconHref: props.faviconHref,
    main: `<h1>${title}</h1>
<p class="lead">Вход для сотрудников</p>
${props.notice && !error ? `<div class="notice" role="status" data-testid="login-notice">${escapeHtml(props.notice)}</div>` : ''}
${error ? `<div class="error" role="alert">${escapeHtml(error)}</div>` : ''}
<form method="post" action="${escapeHtml(props.action)}">
<label for="email">Электронная почта</label>
<input id="email" name="email" type="email" autocomplete="username" required${props.email ? ` value="${escapeHtml(props.email)}"` : ' autofocus'}>
<label for="password">Пароль</label>
<input id="password" name="password" type="password" autocomplete="current-password" required${props.email ? ' autofocus' : ''}>
<button type="submit">Войти</button>
</form>`,
  });
}

export interface PasswordPageProps {
  action: string;
  /** Where to go after the change (a path of the panel). */
  next: string;
  /** The refusal of the last attempt, naming the field. */
  errorMessage?: string | null;
  /** The password was generated: it must be changed before anything else. */
  required: boolean;
  title: string;
  fontStylesheetHref: string;
  faviconHref: string;
  logoutAction: string;
}

/** «Смена пароля»: the current password, the new one twice. Plain HTML, as the login page. Pure. */
export function passwordPageHtml(props: PasswordPageProps): string {
  const title = escapeHtml(props.title);
  return formPage({
    heading: 'Смена пароля',
    title: props.title,
    fontStylesheetHref: props.fontStylesheetHref,
    faviconHref: props.faviconHref,
    style: `.secondary{display:block;margin-top:16px;background:none;color:#3040d6;height:auto;font-weight:400;font-size:14px}
.secondary:hover{background:none;text-decoration:underline}
`,
    main: `<h1>Смена пароля</h1>
<p class="lead">${title}</p>
${props.required && !props.errorMessage ? '<div class="notice" role="status" data-testid="password-required">Пароль был выдан при установке реестра. Придумайте свой, чтобы продолжить: не короче 10 символов.</div>' : ''}
${props.errorMessage ? `<div class="error" role="alert" data-testid="password-error">${escapeHtml(props.errorMessage)}</div>` : ''}
<form method="post" action="${escapeHtml(props.action)}">
<input type="hidden" name="next" value="${escapeHtml(props.next)}">
<label for="current">Текущий пароль</label>
<input id="current" name="current" type="password" autocomplete="current-password" required autofocus>
<label for="password">Новый пароль</label>
<input id="password" name="password" type="password" autocomplete="new-password" minlength="10" required>
<label for="repeat">Новый пароль ещё раз</label>
<input id="repeat" name="repeat" type="password" autocomplete="new-password" minlength="10" required>
<button type="submit">Сменить пароль</button>
</form>
<form method="post" action="${escapeHtml(props.logoutAction)}"><button type="submit" class="secondary">Выйти</button></form>`,
  });
}
