/** What a call that must fail failed with, for tests that look inside the SDK's error; fails if it succeeds. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Record<string, any>> {
  try {
    await promise;
  } catch (error) {
    return error as Record<string, any>;
  }
  throw new Error('expected the call to fail');
}
