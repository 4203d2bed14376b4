/**
 * Test helper process: starts the embedded PostgreSQL on a data directory, commits a row, prints READY and
 * then waits, connected, until it is killed (the tests kill it with SIGKILL to simulate a crashed server).
 */
import pg from 'pg';
import { startEmbeddedPostgres } from '../../src/engine/db/embedded-postgres.js';
import { createLogger } from '../../src/logger.js';

const [dataDir, port, value] = process.argv.slice(2);
const embedded = await startEmbeddedPostgres({ dataDir: String(dataDir), port: Number(port), database: 'crash', logger: createLogger('silent') });
const client = new pg.Client({ connectionString: embedded.url });
await client.connect();
await client.query('CREATE TABLE IF NOT EXISTS marks (value text NOT NULL)');
await client.query('INSERT INTO marks (value) VALUES ($1)', [value]);
process.stdout.write('READY\n');
setInterval(() => undefined, 60_000);
