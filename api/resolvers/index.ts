import { DateScalar, DateTimeScalar } from "../scalars.js";
import { changeResolvers } from "./changes.js";
import { documentResolvers } from "./documents.js";
import { governanceResolvers } from "./governance.js";
import { harvestResolvers } from "./harvest.js";
import { measureResolvers } from "./measures.js";
import { municipalityResolvers } from "./municipalities.js";
import { nodeResolvers } from "./node.js";
import { sourceResolvers } from "./sources.js";
import { webhookResolvers } from "./webhooks.js";

export const resolvers = [
  { Date: DateScalar, DateTime: DateTimeScalar },
  nodeResolvers,
  municipalityResolvers,
  documentResolvers,
  measureResolvers,
  sourceResolvers,
  governanceResolvers,
  changeResolvers,
  harvestResolvers,
  webhookResolvers,
];
