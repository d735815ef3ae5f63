import { connect } from "node:net";
import { adminSocketOf } from "../../api/admin/admin-socket.js";
import { keyAnswerSchema, type KeyRequest, type KeyResult } from "../../api/admin/key-protocol.js";

/** A create, list or revoke answers in milliseconds; this only stops a hung service from hanging the CLI. */
const ANSWER_TIMEOUT_MS = 30_000;

/** The admin channel could not be reached (`unavailable`), or it answered with an error. */
export class AdminChannelError extends Error {
  override name = "AdminChannelError";
  constructor(
    message: string,
    readonly unavailable = false,
  ) {
    super(message);
  }
}

/**
 * Send one key request to the process that holds a PGlite data directory, through its admin
 * channel (api/admin/admin-channel.ts), and return the result it performed.
 */
export async function sendKeyRequest(dataDir: string, request: KeyRequest, timeoutMs = ANSWER_TIMEOUT_MS): Promise<KeyResult> {
  const address = adminSocketOf(dataDir);
  if ("unusable" in address) throw new AdminChannelError(address.unusable, true);
  const text = await exchange(address.path, `${JSON.stringify(request)}\n`, timeoutMs);
  if (!text) throw new AdminChannelError(`the admin channel at ${address.path} closed without answering (is the service shutting down?)`);
  let answer;
  try {
    answer = keyAnswerSchema.parse(JSON.parse(text));
  } catch (error) {
    throw new AdminChannelError(`the admin channel at ${address.path} answered something other than a key answer (${(error as Error).message.split("\n")[0]}): ${text.slice(0, 200)}`);
  }
  if (!answer.ok) throw new AdminChannelError(`the running service refused the request: ${answer.error}`);
  if (answer.result.action !== request.action) {
    throw new AdminChannelError(`the admin channel at ${address.path} answered a ${answer.result.action} request instead of ${request.action}`);
  }
  return answer.result;
}

/** Write the request line and read everything the service writes back until it closes. */
function exchange(path: string, line: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(path);
    let text = "";
    socket.setEncoding("utf8");
    socket.setTimeout(timeoutMs, () => {
      socket.destroy();
      reject(new AdminChannelError(`the admin channel at ${path} did not answer within ${timeoutMs / 1000} s`));
    });
    socket.once("connect", () => socket.write(line));
    socket.on("data", (chunk: string) => {
      text += chunk;
    });
    socket.once("end", () => resolve(text));
    socket.once("error", (error: NodeJS.ErrnoException) => reject(explainConnectError(path, error)));
  });
}

function explainConnectError(path: string, error: NodeJS.ErrnoException): AdminChannelError {
  if (error.code === "ENOENT" || error.code === "ECONNREFUSED") return new AdminChannelError(`no admin channel is open at ${path}`, true);
  if (error.code === "EACCES" || error.code === "EPERM") {
    return new AdminChannelError(`the admin channel at ${path} belongs to another user (${error.code}): run vangnet keys as the user that runs the service`, true);
  }
  return new AdminChannelError(`cannot talk to the admin channel at ${path}: ${error.message}`, true);
}
