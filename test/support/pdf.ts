import { randomBytes } from 'node:crypto';

/**
 * A real, minimal PDF (one blank A4 page, valid cross-reference table), padded with a binary stream object
 * to `size` bytes when asked (for size limits and throughput).
 */
export function makePdf(size = 0, label = 'scan'): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << >> /Contents 4 0 R >>`,
  ];
  const content = `% ${label}\n`;
  let body = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  offsets.push(Buffer.byteLength(body, 'latin1'));
  body += `4 0 obj\n<< /Length ${content.length} >>\nstream\n${content}\nendstream\nendobj\n`;
  const head = Buffer.from(body, 'latin1');
  const noise = randomBytes(Math.max(0, size));
  const build = (paddingLength: number) => {
    const padding =
      paddingLength > 0
        ? Buffer.concat([
            Buffer.from(`5 0 obj\n<< /Length ${paddingLength} >>\nstream\n`, 'latin1'),
            noise.subarray(0, paddingLength),
            Buffer.from('\nendstream\nendobj\n', 'latin1'),
          ])
        : Buffer.alloc(0);
    const all = padding.length > 0 ? [...offsets, head.length] : offsets;
    const count = all.length + 1;
    const entries = all.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
    const tail = Buffer.from(
      `xref\n0 ${count}\n0000000000 65535 f \n${entries}trailer\n<< /Size ${count} /Root 1 0 R >>\nstartxref\n${head.length + padding.length}\n%%EOF\n`,
      'latin1',
    );
    return Buffer.concat([head, padding, tail]);
  };
  const plain = build(0);
  if (plain.length >= size) return plain;
  let paddingLength = size - plain.length - 60;
  let pdf = build(paddingLength);
  while (pdf.length < size) {
    paddingLength += size - pdf.length;
    pdf = build(paddingLength);
  }
  return pdf;
}

/** The first bytes of a PNG image: what a renamed picture looks like. */
export const PNG_BYTES = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(2048)]);
