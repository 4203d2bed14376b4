/**
 * Runs the test stand-in for egrul_fts_api (test/support/egrul-stub.ts) to try the EGRUL import by hand:
 *   npx tsx scripts/egrul-stub.ts [port]      then   EGRUL_SERVICE_URL=http://127.0.0.1:<port>/ npm start
 */
import { startEgrulStub } from '../test/support/egrul-stub.js';

const stub = await startEgrulStub(Number(process.argv[2] ?? 28961));
process.stdout.write(`egrul_fts_api stub at ${stub.url} (samples from test/fixtures/egrul-samples); Ctrl+C stops it\n`);
process.on('SIGINT', () => void stub.close().then(() => process.exit(0)));
