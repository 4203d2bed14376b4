import type { Request, Response } from 'express';

/** Whether a request wants JSON: the panel's API and data routes, or a client that prefers it to HTML. */
export const wantsJson = (req: Request): boolean =>
  req.originalUrl.includes('/api/') || req.originalUrl.includes('/data/') || req.accepts(['html', 'json']) === 'json';

/**
 * A refusal or failure with a Russian message: JSON (`message`, a `notice` AdminJS's front end shows, field
 * `errors` when given) for the API and data routes, plain text for pages.
 */
export function answerMessage(req: Request, res: Response, status: number, message: string, errors?: Record<string, string>): void {
  res.status(status);
  if (errors || wantsJson(req)) res.json({ message, notice: { message, type: 'error' }, ...(errors ? { errors } : {}) });
  else res.type('text/plain; charset=utf-8').send(message);
}
