import { describe, expect, it } from 'vitest';
import { loginPageHtml } from '../../src/engine/admin/login-page.js';
import { returnPath } from '../../src/engine/http/login-gate.js';

describe('the login comes back to where it was asked for, and never elsewhere', () => {
  it('accepts a path of the panel, with its query', () => {
    expect(returnPath('/admin/resources/Message/actions/new', '/admin')).toBe('/admin/resources/Message/actions/new');
    expect(returnPath('/admin/resources/Organization?filters.q=ромашка', '/admin')).toBe('/admin/resources/Organization?filters.q=ромашка');
    expect(returnPath('/admin', '/admin')).toBe('/admin');
  });

  it('refuses another site, a scheme, the login and logout pages, and what is not text', () => {
    for (const bad of [
      'https://evil.example/admin',
      '//evil.example/admin/x',
      '/adminx/resources',
      '/other',
      '/admin/login',
      '/admin/login?next=/admin',
      '/admin/logout',
      '/admin/\\\\evil',
      '/admin/a b',
      `/admin/${'x'.repeat(2000)}`,
      undefined,
      ['/admin/x'],
    ]) {
      expect(returnPath(bad, '/admin'), String(bad).slice(0, 40)).toBeNull();
    }
  });

  it('the login page says why it is shown and keeps a refused email, escaped', () => {
    const page = (extra: Partial<Parameters<typeof loginPageHtml>[0]>) =>
      loginPageHtml({ action: '/admin/login', messages: {}, title: 'Реестр', fontStylesheetHref: '/f.css', faviconHref: '/f.svg', ...extra });
    expect(page({ notice: 'Сессия истекла — войдите снова, введённое сохранено' })).toContain(
      '<div class="notice" role="status" data-testid="login-notice">Сессия истекла — войдите снова, введённое сохранено</div>',
    );
    const refused = page({ errorMessage: 'Неверный пароль', email: '"><script>x</script>@cert.test' });
    expect(refused).toContain('value="&quot;&gt;&lt;script&gt;x&lt;/script&gt;@cert.test"');
    expect(refused).not.toContain('<script>x');
    expect(page({})).not.toContain('value=');
  });
});
