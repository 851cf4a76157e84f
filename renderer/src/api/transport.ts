/**
 * Builds the typed `ConsoleApi` from any transport, generically: one function per name in the contract's
 * `consoleCallNames`. Adding a call to `preload/api.ts` therefore needs no edit here or in the transports.
 */
import { consoleCallNames, type ConsoleApi, type ConsoleCallName, type Result } from '../../../preload/api';
import { describeThrown, failure } from './result';

/** Carries one call to the core; may resolve to any Result (typed by the contract) and should not throw. */
export type Transport = (name: ConsoleCallName, input: unknown) => Promise<Result<unknown>>;

export function createApi(transport: Transport): ConsoleApi {
  const api: Partial<Record<ConsoleCallName, (input: unknown) => Promise<Result<unknown>>>> = {};
  for (const name of consoleCallNames) {
    api[name] = async (input: unknown) => {
      try {
        return await transport(name, input ?? {});
      } catch (error) {
        // The UI only ever handles Results: a transport bug must show up as a message, not an unhandled rejection.
        return failure('internal', `The call "${name}" failed unexpectedly: ${describeThrown(error)}`);
      }
    };
  }
  // The mapped type cannot be built key by key in a loop; the loop covers every key of ConsoleApi by construction.
  return Object.freeze(api) as unknown as ConsoleApi;
}
