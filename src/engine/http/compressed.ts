import zlib from 'node:zlib';
import type { Request, Response } from 'express';
import { chooseEncoding } from './panel-assets.js';

/** Below this a body goes as it is: compressing it saves less than its headers cost. */
const WORTH_COMPRESSING = 2048;

/**
 * A text body compressed as the browser accepts (brotli at a quick level, else gzip), with its type: the panel's page
 * (~300 KB of AdminJS's state, 17 KB in brotli) and the API's answers (a list page of 45–56 KB, about a tenth
 * compressed). A few milliseconds of CPU per answer, on the request's own turn.
 */
export function compressedBody(req: Request, res: Response, text: string, type: 'html' | 'json'): string | Buffer {
  res.vary('Accept-Encoding');
  res.type(type);
  const encoding = Buffer.byteLength(text) >= WORTH_COMPRESSING ? chooseEncoding(req.headers['accept-encoding']) : null;
  if (!encoding) return text;
  res.setHeader('Content-Encoding', encoding);
  return encoding === 'br'
    ? zlib.brotliCompressSync(text, {
        params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5, [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT },
      })
    : zlib.gzipSync(text, { level: 6 });
}
