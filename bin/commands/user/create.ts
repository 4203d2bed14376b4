import type { CommandModule } from 'yargs';
import { createCommandContext, withDatabase } from '../../../src/cli/context.js';
import { processOutput, runCommand } from '../../../src/cli/exit.js';
import { readPassword } from '../../../src/cli/password-input.js';
import { setExitCode } from '../exit-code.js';

interface CreateArgs {
  email: string;
  role: string;
  name?: string;
  update: boolean;
}

export const create: CommandModule<object, CreateArgs> = {
  command: 'create',
  describe: 'Создать пользователя (пароль — с клавиатуры или первой строкой stdin)',
  builder: (yargs) =>
    yargs
      .option('email', { type: 'string', demandOption: 'Укажите --email', describe: 'адрес электронной почты (логин)' })
      .option('role', { type: 'string', default: 'clerk', describe: 'роль: admin или clerk' })
      .option('name', { type: 'string', describe: 'имя для отображения' })
      .option('update', { type: 'boolean', default: false, describe: 'если пользователь есть — сменить ему пароль и роль' }),
  handler: async (args) =>
    setExitCode(
      await runCommand(async () => {
        const context = createCommandContext();
        const password = await readPassword();
        const { createUser } = await import('../../../src/users/user.service.js');
        const { user, created } = await withDatabase(context, ({ dataSource }) =>
          createUser(
            dataSource.manager,
            { email: args.email, role: args.role, displayName: args.name, password },
            { updateExisting: args.update, hashCost: context.config.passwordHashCost },
          ),
        );
        processOutput.out(`${created ? 'Создан' : 'Обновлён'} пользователь ${user.email} (роль: ${user.role}, id ${user.id})`);
      }),
    ),
};
