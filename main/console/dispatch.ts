/**
 * Every shell (Electron IPC, the headless HTTP server) calls the console through `dispatch`: the input is
 * validated against the contract, and whatever happens comes back as a `Result`. Nothing thrown crosses.
 */
import {
  consoleCalls,
  type CallArgs,
  type CallOutput,
  type ConsoleCallName,
  type ConsoleErrorCode,
  type Result,
} from '../../preload/api';

/** The core's side of the contract, derived from it: one handler per call. */
export type ConsoleHandlers = {
  [K in ConsoleCallName]: (args: CallArgs<K>) => Promise<CallOutput<K>> | CallOutput<K>;
};

/** An expected failure with words for the user (not found, conflict, ...), as opposed to a bug. */
export class ConsoleProblem extends Error {
  override name = 'ConsoleProblem';
  constructor(
    readonly code: ConsoleErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function isConsoleCall(name: string): name is ConsoleCallName {
  return Object.hasOwn(consoleCalls, name);
}

export async function dispatch(
  handlers: ConsoleHandlers,
  name: string,
  input: unknown,
  onBug: (error: unknown) => void = () => {},
): Promise<Result<unknown>> {
  if (!isConsoleCall(name)) {
    return { ok: false, error: { code: 'not_found', message: `There is no console call "${name}".` } };
  }
  const parsed = consoleCalls[name].input.safeParse(input ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.length ? issue.path.join('.') : 'input';
    return { ok: false, error: { code: 'invalid_input', message: `${name}: ${field}: ${issue.message}` } };
  }
  try {
    const handler = handlers[name] as (args: unknown) => unknown;
    return { ok: true, value: await handler(parsed.data) };
  } catch (error) {
    if (error instanceof ConsoleProblem) return { ok: false, error: { code: error.code, message: error.message } };
    onBug(error);
    return {
      ok: false,
      error: { code: 'internal', message: `Keel hit an unexpected problem in ${name}: ${(error as Error)?.message ?? error}. It has been logged.` },
    };
  }
}
