import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { cruise, type ICruiseResult, type IViolation } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';

/** The layers of .dependency-cruiser.cjs, checked on the whole tree by `npm test`. */
const require = createRequire(import.meta.url);
const config = require('../.dependency-cruiser.cjs') as { forbidden: unknown[]; options: Record<string, unknown> };

async function violations(paths: string[], baseDir = process.cwd()): Promise<IViolation[]> {
  const result = await cruise(paths, { ...config.options, baseDir, tsConfig: undefined, validate: true, ruleSet: { forbidden: config.forbidden } } as never);
  return (result.output as ICruiseResult).summary.violations;
}

const describeViolation = (v: IViolation) => `${v.rule.name}: ${v.from} → ${v.to}`;

describe('layers', () => {
  it('no import runs against the layers (domain pure, engine knows no feature, features through services, CLI and migrations apart)', async () => {
    const found = await violations(['src', 'bin', 'migrations', 'entities', 'components', 'scripts']);
    expect(found.map(describeViolation)).toEqual([]);
  }, 60_000);

  it('refuses a back-import: the engine importing a feature, a feature another’s internals, a migration src/, the domain a framework', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'cert-layers-'));
    const write = (file: string, text: string) => {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), text);
    };
    try {
      write('src/letters/letter.filters.ts', 'export const filters = 1;\n');
      write('src/letters/letters.service.ts', 'export const service = 1;\n');
      write('src/engine/admin/probe.ts', "import { filters } from '../../letters/letter.filters.js';\nexport const probe = filters;\n");
      write(
        'src/dashboard/probe.ts',
        "import { filters } from '../letters/letter.filters.js';\nimport { service } from '../letters/letters.service.js';\nexport const probe = filters + service;\n",
      );
      write('migrations/1-Probe.ts', "import { service } from '../src/letters/letters.service.js';\nexport const probe = service;\n");
      write('src/domain/probe.ts', "import express from 'express';\nexport const probe = express;\n");
      // (no node_modules there: that express cannot be resolved is beside the point)
      const found = (await violations(['src', 'migrations'], root))
        .filter((v) => v.rule.name !== 'not-to-unresolvable')
        .map(describeViolation)
        .sort();
      expect(found).toEqual([
        'domain-is-pure: src/domain/probe.ts → express',
        'engine-knows-no-feature: src/engine/admin/probe.ts → src/letters/letter.filters.ts',
        'feature-internals: src/dashboard/probe.ts → src/letters/letter.filters.ts',
        'migrations-are-frozen: migrations/1-Probe.ts → src/letters/letters.service.ts',
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 60_000);
});
