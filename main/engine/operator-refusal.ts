/** An operator's request that cannot be carried out as asked; the message says why and what to do. */
export class OperatorRefusal extends Error {
  override name = 'OperatorRefusal';
  constructor(
    readonly code: 'not_found' | 'conflict' | 'invalid_input',
    message: string,
  ) {
    super(message);
  }
}
