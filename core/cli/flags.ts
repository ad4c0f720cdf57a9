/**
 * Argument parsing shared by the `blockplan` subcommands that take `--flag [value]` options.
 */
import { UsageError } from './types';

/**
 * Walk `args` as `--flag [value]` options. `on(flag, value)` handles one flag and returns false for
 * a flag it does not know (a usage error naming it); `value()` takes the flag's value, the next
 * argument (a usage error when there is none or it is another `--flag`). `--json`, every command's
 * switch for one JSON object on stdout, is taken here: the result says whether it was given.
 */
export function parseFlags(args: readonly string[], on: (flag: string, value: () => string) => boolean): { json: boolean } {
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const flag = args[i]!;
    const value = () => {
      const v = args[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (flag === '--json') json = true;
    else if (!on(flag, value)) throw new UsageError(`unexpected argument '${flag}'`);
  }
  return { json };
}
