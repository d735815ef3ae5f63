// Loaded with `node --import` by tests that check what a command loads: every module URL the
// process resolves is appended to the file named by VANGNET_IMPORT_LOG.
import { register } from "node:module";

register(new URL("./import-log-hooks.mjs", import.meta.url));
