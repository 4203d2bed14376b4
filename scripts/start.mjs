// `npm start`: builds only when a source is newer than the last build, then runs the compiled server in
// this same process. Plain JavaScript, so that it runs before anything is compiled.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stamp = path.join(root, 'dist', '.build-stamp');
const SOURCES = ['src', 'entities', 'migrations', 'bin', 'scripts', 'components', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json'];

function newestMtime(entry) {
  const full = path.join(root, entry);
  if (!existsSync(full)) return 0;
  const stat = statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(full).reduce((newest, child) => Math.max(newest, newestMtime(path.join(entry, child))), stat.mtimeMs);
}

const stale = !existsSync(stamp) || SOURCES.some((entry) => newestMtime(entry) > statSync(stamp).mtimeMs);
if (stale) {
  process.stdout.write('Сборка (npm run build)...\n');
  const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 2);
  writeFileSync(stamp, new Date().toISOString());
}
process.chdir(root);
await import(pathToFileURL(path.join(root, 'dist', 'src', 'server.js')).href);
