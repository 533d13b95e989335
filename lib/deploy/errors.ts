// A deploy that failed, with the service and the exact reason; the executor has already put the
// previous revision back when this is thrown.
export class DeployError extends Error {
  constructor(
    message: string,
    readonly service?: string,
  ) {
    super(message);
  }
}
