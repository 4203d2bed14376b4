import { describe, expect, it } from 'vitest';
import { scriptSafeJson, withSafeInlineState } from '../../src/http/inline-state.js';

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
    const { withLocalFonts } = await import('../../src/http/inline-state.js');
    const page = '<head><link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto:300,400,500,700" type="text/css"></head>';
    const local = withLocalFonts(page, '/admin/fonts/5.3.0/roboto.css');
    expect(local).not.toContain('googleapis');
    expect(local).toContain('<link rel="stylesheet" href="/admin/fonts/5.3.0/roboto.css" type="text/css">');
    // and the panel's own rules after it (table cells wrap between words)
    expect(local).toContain('<style>td[class],th[class]{word-break:normal;');
  });
});
