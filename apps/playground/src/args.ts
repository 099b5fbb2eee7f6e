import { FoveaError } from '@fovea/core';

export interface ParsedArgs {
  positional: string[];
  flags: Map<string, string | true>;
}

/**
 * Parses `--name value`, `--name=value` and bare `--switch` flags. `switches` lists the flags that take no value,
 * so `--json file.json` is never misread.
 */
export function parseArgs(args: string[], switches: readonly string[] = []): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    if (eq !== -1) flags.set(name, arg.slice(eq + 1));
    else if (switches.includes(name)) flags.set(name, true);
    else if (i + 1 < args.length && !args[i + 1].startsWith('--')) flags.set(name, args[++i]);
    else throw new FoveaError('E_INVALID_ARGUMENT', `--${name} needs a value`);
  }
  return { positional, flags };
}

/** The string value of a required flag, or a FoveaError naming it. */
export function requireFlag(parsed: ParsedArgs, name: string, usage: string): string {
  const value = parsed.flags.get(name);
  if (typeof value !== 'string' || value === '') {
    throw new FoveaError('E_INVALID_ARGUMENT', `missing --${name}\n${usage}`);
  }
  return value;
}

/** Rejects flags the command does not know, so a typo is not silently ignored. */
export function rejectUnknown(parsed: ParsedArgs, known: readonly string[], usage: string): void {
  for (const name of parsed.flags.keys()) {
    if (!known.includes(name)) throw new FoveaError('E_INVALID_ARGUMENT', `unknown option --${name}\n${usage}`);
  }
}
