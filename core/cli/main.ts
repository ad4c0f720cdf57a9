import { commands } from './commands/index';
import { UsageError, type CliIO } from './types';

const defaultIO: CliIO = {
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : t + '\n'),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : t + '\n'),
  cwd: process.cwd(),
};

async function help(): Promise<string> {
  const names = Object.keys(commands).sort();
  const width = Math.max(...names.map((n) => n.length));
  const lines = await Promise.all(names.map(async (n) => `  ${n.padEnd(width)}  ${(await commands[n]!()).summary}`));
  return ['usage: blockplan <command> [options]', '', 'commands:', ...lines, '', 'blockplan <command> --help for details.'].join('\n');
}

/** Entry point: returns the process exit status (0 ok, 1 some input failed, 2 usage error). */
export async function main(argv: string[], io: CliIO = defaultIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    (name ? io.out : io.err)(await help());
    return name ? 0 : 2;
  }
  const load = commands[name];
  if (!load) {
    io.err(`error: unknown command '${name}'\n${await help()}`);
    return 2;
  }
  const cmd = await load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(cmd.usage);
    return 0;
  }
  try {
    return await cmd.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`error: ${e.message}\n${cmd.usage}`);
      return 2;
    }
    // Never a stack trace: one line naming the problem.
    io.err(`error: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}
