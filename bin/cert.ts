#!/usr/bin/env node
import 'dotenv/config';
import { processIo } from '../src/cli/io.js';
import { runCli } from './cli.js';

/** `cert <group> <command>`: loads .env and runs the command on the process's own arguments and streams. */
process.exitCode = await runCli(processIo());
