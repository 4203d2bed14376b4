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
