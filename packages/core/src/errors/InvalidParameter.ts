import { PolyvTaggedError } from "./PolyvError.js"

/**
 * A parameter given to the client is not one Polyv would accept (a non-digit channel ID, say).
 * Raised before anything is sent, naming the parameter and the expected form.
 */
export class InvalidParameter extends PolyvTaggedError("InvalidParameter")<{
  readonly endpoint: string
  /** Why the parameters were refused, naming the parameter. */
  readonly message: string
}> {}
