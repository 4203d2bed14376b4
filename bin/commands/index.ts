import type { CommandModule } from 'yargs';
import { audit } from './audit/index.js';
import { backup, restore } from './backup/index.js';
import { db } from './db/index.js';
import { egrul } from './egrul/index.js';
import { demo } from './demo/index.js';
import { files } from './files/index.js';
import { importCommand } from './import/index.js';
import { postalIndex } from './index/index.js';
import { user } from './user/index.js';

/** Every command group, listed explicitly (yargs' commandDir does not work under ESM). */
export const commands = [
  db,
  user,
  demo,
  postalIndex,
  files,
  audit,
  egrul,
  importCommand,
  backup as unknown as CommandModule,
  restore as unknown as CommandModule,
];
