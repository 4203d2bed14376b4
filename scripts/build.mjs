// `npm run build`: transpiles the TypeScript sources to dist/ with esbuild (one file in, one file out; no bundling)
// and prebuilds the panel's component bundle. Type checking is `npm run typecheck` (tsc), run by CI.
// Entities state every column type, so no decorator metadata is needed (stack-notes P12).
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIRECTORIES = ['src', 'entities', 'migrations', 'bin', 'scripts'];

const files = (dir) =>
  readdirSync(path.join(root, dir)).flatMap((name) => {
    const relative = path.join(dir, name);
    if (statSync(path.join(root, relative)).isDirectory()) return files(relative);
    return /\.ts$/.test(name) && !name.endsWith('.d.ts') ? [relative] : [];
  });

const started = performance.now();
for (const dir of DIRECTORIES) rmSync(path.join(root, 'dist', dir), { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: DIRECTORIES.flatMap(files),
  outdir: 'dist',
  outbase: '.',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  tsconfig: 'tsconfig.build.json',
  logLevel: 'warning',
});
process.stdout.write(`compiled to dist/ in ${Math.round(performance.now() - started)} ms\n`);

const bundle = spawnSync(process.execPath, [path.join(root, 'dist/scripts/build-admin-bundle.js')], { cwd: root, stdio: 'inherit' });
process.exit(bundle.status ?? 2);
