/**
 * Writes a synthetic PIndx file: `npm run pindx:generate -- FILE [--rows 61000] [--odd] [--seed 42]`.
 * Regions come from the reference data in migrations/reference-data.ts (no database needed).
 */
import { parseArgs } from 'node:util';
import { REGIONS } from '../migrations/reference-data.js';
import { generatePindx } from '../src/postal-index/pindx-generator.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { rows: { type: 'string', default: '61000' }, odd: { type: 'boolean', default: false }, seed: { type: 'string', default: '42' } },
});
const file = positionals[0];
if (!file) {
  process.stderr.write('Использование: generate-pindx ФАЙЛ [--rows N] [--odd] [--seed N]\n');
  process.exit(1);
}
const started = performance.now();
await generatePindx(file, { rows: Number(values.rows), regions: REGIONS, withOddRows: values.odd, seed: Number(values.seed) });
process.stdout.write(`${file}: ${values.rows} строк${values.odd ? ' и странные строки' : ''}, ${Math.round(performance.now() - started)} мс\n`);
