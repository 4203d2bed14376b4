/**
 * Scans of organizations' documents: what counts as a PDF, and the name a download gets (pure).
 */

const PDF_HEADER = /^%PDF-[12]\.[0-9]/;

/**
 * A PDF by its content: the file starts with `%PDF-1.x` / `%PDF-2.x` and has an `%%EOF` marker in its
 * last kilobyte (a cut-off upload has none). The browser's MIME type and the file name are not evidence.
 */
export function looksLikePdf(head: Buffer, tail: Buffer): boolean {
  return PDF_HEADER.test(head.subarray(0, 16).toString('latin1')) && tail.includes('%%EOF', 0, 'latin1');
}

const UNSAFE_IN_FILE_NAME = /[\u0000-\u001f\u007f"*/:<>?\\|]+/g;

function fileNamePart(text: string, maxLength: number): string {
  const cleaned = text.replace(UNSAFE_IN_FILE_NAME, ' ').replace(/\s+/g, ' ').trim();
  return cleaned.length > maxLength ? cleaned.slice(0, maxLength).trim() : cleaned;
}

/**
 * `2026-11-27 ООО РОМАШКА - Соглашение о сотрудничестве.pdf`: the document's date (not today's, as the
 * original did), the organization's short name (or full name) and the document type, without characters
 * that file systems or headers refuse.
 */
export function scanDownloadName(parts: { date: string | null; organizationName: string; documentType: string }): string {
  const name = [parts.date, fileNamePart(parts.organizationName, 60), '-', fileNamePart(parts.documentType, 60)].filter((part) => part).join(' ');
  return `${name}.pdf`;
}

/** Content-Disposition with an ASCII fallback and the UTF-8 name per RFC 5987/6266 (Cyrillic). */
export function contentDisposition(fileName: string, disposition: 'attachment' | 'inline' = 'attachment'): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
