import type { HarvestProgress } from "../../schema/harvest.js";
import { dbToEnum } from "../arguments.js";
import type { ApiContext } from "../context.js";

/** The first harvest's progress as this process knows it: the same reading `/healthz` shows. */
export const harvestResolvers = {
  Query: {
    harvest: (_: unknown, __: unknown, ctx: ApiContext): HarvestProgress => ctx.harvest(),
  },
  Harvest: {
    state: (progress: HarvestProgress) => dbToEnum(progress.state),
  },
};
