/**
 * `npm run deps:registry` (run by .ci/run after npm ci): prints `npm outdated` for the direct dependencies and fails
 * when the registry marks an installed direct dependency deprecated, unless it is listed below with its reason.
 * A registry that cannot be asked is reported, not a failure (nothing was said to be deprecated).
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Deprecated dependencies we keep on purpose, with the reason. */
const KEPT_DEPRECATED: Record<string, string> = {
  'express-formidable': '@adminjs/express 6 requires it as its body parser (a peer dependency); our own parsing uses formidable 3',
};

const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
const direct = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies }).sort();
const installed = (name: string): string => (JSON.parse(readFileSync(`node_modules/${name}/package.json`, 'utf8')) as { version: string }).version;

// npm outdated exits 1 when anything is outdated: that is information here, not a failure
const outdated = await run('npm', ['outdated', '--json'], { maxBuffer: 16 * 1024 * 1024 }).catch((error: { stdout?: string }) => ({
  stdout: error.stdout ?? '{}',
}));
const rows = Object.entries(JSON.parse(outdated.stdout || '{}') as Record<string, { current?: string; wanted: string; latest: string }>);
process.stdout.write(rows.length === 0 ? 'npm outdated: every direct dependency is at its latest version\n' : 'npm outdated (direct dependencies):\n');
for (const [name, v] of rows) {
  process.stdout.write(`  ${name.padEnd(32)} ${String(v.current ?? '-').padEnd(18)} wanted ${v.wanted.padEnd(18)} latest ${v.latest}\n`);
}

// the registry npm is configured with (none is named here), asked for each package's abbreviated metadata, which
// carries every version's deprecation message
const registry = (await run('npm', ['config', 'get', 'registry'])).stdout.trim().replace(/\/?$/, '/');
const deprecated: string[] = [];
const unasked: string[] = [];
await Promise.all(
  direct.map(async (name) => {
    const version = installed(name);
    try {
      const response = await fetch(`${registry}${name.replace('/', '%2f')}`, {
        headers: { Accept: 'application/vnd.npm.install-v1+json' },
        signal: AbortSignal.timeout(30_000),
      });
      if (!response.ok) throw new Error(String(response.status));
      const message = ((await response.json()) as { versions?: Record<string, { deprecated?: string }> }).versions?.[version]?.deprecated;
      if (message) deprecated.push(`${name}@${version}: ${message}`);
    } catch {
      unasked.push(`${name}@${version}`);
    }
  }),
);
if (unasked.length) process.stdout.write(`not asked (registry unreachable): ${unasked.join(', ')}\n`);
const kept = deprecated.filter((line) => Object.keys(KEPT_DEPRECATED).some((name) => line.startsWith(`${name}@`)));
const refused = deprecated.filter((line) => !kept.includes(line));
for (const line of kept) process.stdout.write(`deprecated, kept: ${line} (${KEPT_DEPRECATED[line.slice(0, line.lastIndexOf('@', line.indexOf(':')))]})\n`);
for (const line of refused) process.stdout.write(`DEPRECATED: ${line}\n`);
process.stdout.write(`direct dependencies checked: ${direct.length}, deprecated: ${refused.length}\n`);
process.exitCode = refused.length > 0 ? 1 : 0;
