import type { Page } from 'playwright-core';

/**
 * Words the browser broke across lines inside `root` (a CSS selector): for every word of every text, the lines its
 * letters sit on (a word broken mid-way sits on two). A number or code (anything with a digit) is one piece; a
 * hyphenated word may break after its hyphen («КУЛЬТУРНО-/ДОСУГОВЫЙ»), as in print, but not inside a part.
 */
export const brokenWords = (page: Page, root = 'tbody') =>
  page.evaluate((selector) => {
    const broken: string[] = [];
    const walker = document.createTreeWalker(document.querySelector(selector) ?? document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of (node.textContent ?? '').matchAll(/\S+/g)) {
        const pieces = /\d/.test(match[0]) ? [{ at: 0, piece: match[0] }] : [...match[0].matchAll(/[^-]+-?/g)].map((m) => ({ at: m.index!, piece: m[0] }));
        for (const { at, piece } of pieces) {
          const range = document.createRange();
          range.setStart(node, match.index! + at);
          range.setEnd(node, match.index! + at + piece.length);
          if (new Set(Array.from(range.getClientRects(), (r) => Math.round(r.top))).size > 1) broken.push(match[0]);
        }
      }
    }
    return broken;
  }, root);
