import type { ChildProcess } from "node:child_process";

/**
 * Wait for something to happen (a line on a child's output, a request on a replay site, a row in
 * the database), however long a loaded machine takes: no deadline of its own, the test's timeout
 * is the guard. Fails at once, with the exit code, when the child it waits on has exited.
 */
export async function waitFor(condition: () => boolean | Promise<boolean>, options: { child?: ChildProcess; what?: string } = {}): Promise<void> {
  while (!(await condition())) {
    const { child } = options;
    if (child && child.exitCode !== null) {
      throw new Error(`the process exited with code ${child.exitCode} before ${options.what ?? "the condition was met"}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
