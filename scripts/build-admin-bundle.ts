/**
 * Prebuilds the panel's component bundle (.adminjs/bundle.js) so that the server never bundles at request
 * time. NODE_ENV must be 'production' before AdminJS is imported (it reads it at import). Needs no database.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

process.env.NODE_ENV = 'production';
const output = path.resolve(process.env.ADMIN_JS_TMP_DIR ?? '.adminjs', 'bundle.js');
const componentsDir = path.resolve('components');
const newestSource = Math.max(...readdirSync(componentsDir, { recursive: true, encoding: 'utf8' }).map((f) => statSync(path.join(componentsDir, f)).mtimeMs));
if (existsSync(output) && statSync(output).mtimeMs > newestSource && !process.argv.includes('--force')) {
  process.stdout.write(`AdminJS bundle is up to date: ${output}\n`);
} else {
  const { default: AdminJS } = await import('adminjs');
  const { componentLoader } = await import('../src/engine/admin/component-loader.js');
  const started = performance.now();
  await new AdminJS({ componentLoader }).initialize();
  process.stdout.write(`AdminJS bundle built in ${Math.round(performance.now() - started)} ms: ${output}\n`);
}
