/** mamori policy check FILE — validates a policy file and explains every problem (issue 4). */
import { readFile } from 'node:fs/promises';
import { parsePolicy } from '../../engine/index.ts';
import { InputError } from '../../errors.ts';
import type { CliIo } from '../io.ts';

export async function runCheck(opts: { file: string }, io: CliIo): Promise<number> {
  let text: string;
  try {
    text = await readFile(opts.file, 'utf8');
  } catch (error) {
    throw new InputError(
      'file_unreadable',
      `cannot read ${opts.file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  const result = parsePolicy(text);
  if (result.errors) {
    io.stdout.write(
      `${opts.file}: ${result.errors.length} problem(s)\n${result.errors.map((e) => `  ${e}`).join('\n')}\n`,
    );
    return 1;
  }
  const b = result.policy.bands;
  io.stdout.write(`${opts.file}: valid (challenge ≥ ${b.challenge}, hold ≥ ${b.hold}, lock ≥ ${b.lock})\n`);
  return 0;
}
