import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, scriptSafeJson, withSafeInlineState, withScriptNonce } from '../../src/engine/http/inline-state.js';

describe('script-safe inline state', () => {
  const hostile = { session: { title: '</script><script>alert(1)</script><!-- \u2028\u2029 & "q"', email: 'a@b.ru' }, n: 1 };

  it('writes JSON with no <, >, & or line separators, meaning the same value', () => {
    const json = scriptSafeJson(hostile);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(json)).toEqual(hostile);
  });

  it('rewrites AdminJS’s state in a page, even when a string in it holds the THEME marker', () => {
    const trap = { session: { title: '; window.THEME = </script>' } };
    const page = `<head><script>\n        window.REDUX_STATE = ${JSON.stringify(trap)};\n        window.THEME = {"a":1};\n      </script><title>Реестр</title>`;
    const safe = withSafeInlineState(page);
    expect(safe).not.toContain('</script>;');
    expect(safe.match(/<\/script>/g)).toHaveLength(1);
    const state = /window\.REDUX_STATE = (.*);\s*window\.THEME = \{"a":1\}/s.exec(safe)![1]!;
    expect(JSON.parse(state)).toEqual(trap);
  });

  it('leaves pages without AdminJS state alone', () => {
    expect(withSafeInlineState('<p>x</p>')).toBe('<p>x</p>');
  });
});

describe('local fonts', () => {
  it('replaces the link to Google Fonts with our own stylesheet', async () => {
    const { withLocalFonts } = await import('../../src/engine/http/inline-state.js');
    const page = '<head><link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto:300,400,500,700" type="text/css"></head>';
    const local = withLocalFonts(page, '/admin/fonts/5.3.0/roboto.css');
    expect(local).not.toContain('googleapis');
    expect(local).toContain('<link rel="stylesheet" href="/admin/fonts/5.3.0/roboto.css" type="text/css">');
    // and the panel's own rules after it (table cells wrap between words)
    expect(local).toContain('<style>td[class],th[class]{word-break:normal;');
  });
});

describe('login page and menu groups', () => {
  it('renders the login form as escaped HTML with the translated refusal', async () => {
    const { loginPageHtml } = await import('../../src/engine/admin/login-page.js');
    const html = loginPageHtml({
      action: '/admin/login',
      errorMessage: 'invalidCredentials',
      messages: { invalidCredentials: 'Неверный адрес электронной почты или пароль' },
      title: 'Реестр <организаций>',
      fontStylesheetHref: '/admin/fonts/x/roboto.css',
      faviconHref: '/admin/favicon.svg',
    });
    expect(html).toContain('role="alert">Неверный адрес электронной почты или пароль<');
    expect(html).toContain('Реестр &lt;организаций&gt;');
    expect(html).not.toMatch(/<script/);
    const raw = loginPageHtml({ action: '/admin/login', errorMessage: '<img src=x>', messages: {}, title: 'Р', fontStylesheetHref: '/f', faviconHref: '/i' });
    expect(raw).toContain('&lt;img src=x&gt;');
  });

  it('opens the menu groups a user has not closed, before the panel reads them', async () => {
    const { withOpenMenuGroups } = await import('../../src/engine/http/inline-state.js');
    const html = withOpenMenuGroups('<head><title>x</title></head>', ['nav.letters', '</script>']);
    expect(html).toContain('if(!(g in s))s[g]=true');
    expect(html).toContain('["nav.letters","\\u003c/script\\u003e"]');
    expect(html.indexOf('<script>')).toBeLessThan(html.indexOf('</head>'));
  });

  it('gives every script of a page the nonce its Content-Security-Policy allows, and no other inline script may run', () => {
    const html = '<head><script>window.A = 1</script><script src="/admin/x.js"></script><scripts-not>';
    expect(withScriptNonce(html, 'n0nce')).toBe(
      '<head><script nonce="n0nce">window.A = 1</script><script nonce="n0nce" src="/admin/x.js"></script><scripts-not>',
    );
    expect(contentSecurityPolicy('n0nce')).toContain("script-src 'self' 'nonce-n0nce'");
    expect(contentSecurityPolicy()).toContain("script-src 'self';");
    expect(contentSecurityPolicy()).toContain("frame-ancestors 'none'");
  });
});
