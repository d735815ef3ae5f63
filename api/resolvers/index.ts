import { DateScalar } from "../scalars.js";
import { municipalityResolvers } from "./municipalities.js";

export const resolvers = [{ Date: DateScalar }, municipalityResolvers];
