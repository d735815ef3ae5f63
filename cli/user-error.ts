/**
 * A failure the user can fix, told in one line without a stack trace (exit status 1): a port in
 * use, a file that cannot be read. Programming errors keep their stack.
 */
export class UserError extends Error {
  override name = "UserError";
}

/** The port the API should listen on is taken: name it, and how to choose another. */
export function portInUse(port: number, host: string): UserError {
  return new UserError(`port ${port} on ${host} is already in use by another process; choose another with --port N (or the PORT variable), or stop that process`);
}
