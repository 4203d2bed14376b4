import type { NextFunction, Request, Response } from 'express';
import { answerMessage } from './answer.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface OriginHeaders {
  method: string;
  origin: string | undefined;
  secFetchSite: string | undefined;
  /** The panel's own origins: PUBLIC_URL's and the one the request was addressed to (scheme://host). */
  ownOrigins: readonly string[];
}

/**
 * Whether a request may change state (pure). A browser says where a request comes from: Sec-Fetch-Site
 * (every current browser) and Origin (on every POST). A form auto-submitted or a fetch(no-cors) from another
 * port of the host or a sibling subdomain carries `same-site`/`cross-site` and a foreign Origin, a sandboxed
 * frame `Origin: null`: all refused. A request with neither header is not a browser's (a browser cannot be made
 * to drop them), so it cannot carry a victim's cookie by itself: allowed (scripts, supertest).
 */
export function isSameOriginWrite(h: OriginHeaders): boolean {
  if (SAFE_METHODS.has(h.method.toUpperCase())) return true;
  if (h.secFetchSite !== undefined && h.secFetchSite !== 'same-origin' && h.secFetchSite !== 'none') return false;
  if (h.origin === undefined) return true;
  let origin: string;
  try {
    origin = new URL(h.origin).origin;
  } catch {
    return false; // "null" and anything else that is not an origin
  }
  return h.ownOrigins.includes(origin);
}

/** Refuses (403, Russian) every state-changing request that does not come from the panel's own pages. */
export function sameOriginWrites(publicUrl: string) {
  const configured = new URL(publicUrl).origin;
  return (req: Request, res: Response, next: NextFunction): void => {
    const ownOrigins = [configured, `${req.protocol}://${req.get('host') ?? ''}`];
    if (isSameOriginWrite({ method: req.method, origin: req.get('origin'), secFetchSite: req.get('sec-fetch-site'), ownOrigins })) return next();
    res.set('Connection', 'close');
    answerMessage(req, res, 403, 'Запрос отклонён: изменять данные можно только со страниц самой панели.');
  };
}
