import readline from 'node:readline';
import { UserInputError } from '../errors.js';
import { cliIo, type CliIo } from './io.js';

/**
 * Reads a password: on a terminal it asks twice without echo; otherwise it takes the first line of stdin
 * (`echo "$PASSWORD" | cert user create ...`).
 */
export async function readPassword(input: CliIo['stdin'] = cliIo().stdin, output: CliIo['stderr'] = cliIo().stderr): Promise<string> {
  if (!input.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of input) chunks.push(Buffer.from(chunk as Buffer));
    const firstLine = Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
    if (firstLine === '') throw new UserInputError('Пароль не передан: укажите его в первой строке стандартного ввода.');
    return firstLine;
  }
  const first = await askHidden('Пароль: ', input, output);
  const second = await askHidden('Повторите пароль: ', input, output);
  if (first !== second) throw new UserInputError('Пароли не совпадают.');
  return first;
}

function askHidden(question: string, input: CliIo['stdin'], output: CliIo['stderr']): Promise<string> {
  return new Promise((resolve) => {
    const rl = readline.createInterface({ input, output, terminal: true });
    const writeOriginal = (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput;
    output.write(question);
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => undefined;
    rl.question('', (answer) => {
      (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = writeOriginal;
      rl.close();
      output.write('\n');
      resolve(answer);
    });
  });
}
