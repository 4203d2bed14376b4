import { randomBytes } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { compressedBody } from './compressed.js';

/**
 * JSON that is safe inside an HTML <script> whatever its strings hold: `<`, `>` and `&` as \u escapes (no
 * `</script>` or `<!--` can end or change the script), U+2028/U+2029 escaped too. The same value for JavaScript.
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const STATE_START = 'window.REDUX_STATE = ';
const STATE_END = /;\s*window\.THEME = /g;

/**
 * AdminJS writes its state into every page as `window.REDUX_STATE = ${JSON.stringify(state)};` followed by
 * `window.THEME = …` (layout-template.js, login-template.js), so a user's name holding `</script><script>…`
 * ran as script. The state is the only place user text reaches before THEME, so the last THEME marker ends it:
 * the JSON between is parsed and written again script-safe. Pure.
 */
export function withSafeInlineState(html: string): string {
  const start = html.indexOf(STATE_START);
  if (start < 0) return html;
  const from = start + STATE_START.length;
  let end = -1;
  for (const match of html.matchAll(STATE_END)) if (match.index !== undefined && match.index >= from) end = match.index;
  if (end < 0) throw new Error('AdminJS page without the THEME marker after its state');
  const state: unknown = JSON.parse(html.slice(from, end));
  return html.slice(0, from) + scriptSafeJson(state) + html.slice(end);
}

const GOOGLE_FONTS = /<link rel="stylesheet" href="https:\/\/fonts\.googleapis\.com\/[^"]*" type="text\/css">/g;

/**
 * The panel's own rules over AdminJS's: a table cell wraps between words only. The design system gives every cell
 * `word-break: break-word`, which lets a table squeeze a column below its longest word and break it anywhere
 * («Республи/ка», «Скача/ть», «Ис/х»); `overflow-wrap` still breaks a word longer than the whole line. The
 * attribute selector outranks the design system's single class.
 */
export const PANEL_STYLE =
  'td[class],th[class]{word-break:normal;overflow-wrap:break-word}' +
  // a column's heading wraps between its words, so a long label («Дата подписания соглашения») does not widen it
  'thead td[class],thead td[class] *{white-space:normal}' +
  // a record's page: its name on a line of its own, the record's buttons under it (a long name pushed them off)
  '[data-css$="-action-header"]>section:last-child{flex-wrap:wrap}' +
  '[data-css$="-action-header"]>section:last-child>section:last-child{flex-shrink:1;min-width:0}' +
  '[data-css$="-show-action-header"]>section:last-child>section:first-child,' +
  '[data-css$="-edit-action-header"]>section:last-child>section:first-child{flex-basis:100%}';

/**
 * The page's link to Google Fonts replaced by our own stylesheet (a panel page fetches nothing from the internet),
 * followed by the panel's own rules. Pure.
 */
export function withLocalFonts(html: string, stylesheetHref: string): string {
  return html.replace(GOOGLE_FONTS, `<link rel="stylesheet" href="${stylesheetHref}" type="text/css"><style>${PANEL_STYLE}</style>`);
}

/**
 * The menu's groups open unless the user closed them: AdminJS keeps each group's state in localStorage
 * (`sidebarElements`) and starts every group closed, so «Письма» took two clicks. A group already in the store
 * keeps its state. Pure; the names go in as JSON.
 */
export function withOpenMenuGroups(html: string, groups: readonly string[]): string {
  const script =
    `<script>try{var k='sidebarElements',s=JSON.parse(localStorage.getItem(k)||'{}');` +
    `${scriptSafeJson(groups)}.forEach(function(g){if(!(g in s))s[g]=true});localStorage.setItem(k,JSON.stringify(s))}catch(e){}</script>`;
  return html.replace('</head>', `${script}</head>`);
}

/**
 * The Content-Security-Policy of the panel: scripts, styles, fonts, images and requests from the panel itself only
 * (styles also inline: the design system writes its style elements at run time); a page's inline scripts run by the
 * nonce it carries (`withScriptNonce`); nothing frames the panel, forms post only to it. Pure.
 */
export function contentSecurityPolicy(scriptNonce?: string): string {
  return [
    "default-src 'self'",
    `script-src 'self'${scriptNonce ? ` 'nonce-${scriptNonce}'` : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Every script element of a page gets the nonce (the page's user text is script-safe, so no «<script» is in it). Pure. */
export function withScriptNonce(html: string, nonce: string): string {
  return html.replace(/<script(?=[\s>])/g, `<script nonce="${nonce}"`);
}

/**
 * Rewrites every HTML page the panel sends (res.send of a string holding AdminJS's state): the state script-safe,
 * the fonts from our own server, then `assets` (the bundles under their hashed names, the favicon); sent compressed.
 */
export function panelPageRewrites(fontStylesheetHref: string, assets: (html: string) => string, menuGroups: readonly string[] = []) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const send = res.send.bind(res);
    res.send = ((body?: unknown) => {
      if (typeof body === 'string' && body.includes(STATE_START)) {
        const nonce = randomBytes(16).toString('base64');
        res.setHeader('Content-Security-Policy', contentSecurityPolicy(nonce));
        const html = withScriptNonce(withOpenMenuGroups(assets(withLocalFonts(withSafeInlineState(body), fontStylesheetHref)), menuGroups), nonce);
        return send(compressedBody(req, res, html, 'html'));
      }
      return send(body);
    }) as Response['send'];
    next();
  };
}
