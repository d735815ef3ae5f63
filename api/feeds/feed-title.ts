import type { MunicipalityRegister } from "../../db/reference/municipality-register.js";
import { findProvince } from "../../db/reference/provinces.js";
import { actionWord, documentKindWord } from "../../schema/change-wording.js";
import { themeLabelOf } from "./change-entry.js";
import type { FeedFilterParameter } from "./feed-query.js";

/**
 * What a feed follows, in Dutch, from its (checked) filter parameters: "Gent, wonen en
 * huursubsidie"; and the HTML page it belongs to: a municipality's or theme's page when that is
 * the whole filter, else the landing page.
 */

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

function describeValue(parameter: FeedFilterParameter, value: string, register: Pick<MunicipalityRegister, "get">): string {
  switch (parameter) {
    case "municipality":
      return register.get(value)?.name ?? value;
    case "province":
      return `provincie ${findProvince(value)?.name ?? value}`;
    case "theme":
      return lowerFirst(themeLabelOf(value));
    case "kind":
      return documentKindWord(value.toLowerCase(), 2);
    case "action":
      return actionWord(value.toLowerCase());
    case "search":
      return `„${value}”`;
    default:
      return value;
  }
}

/** "Gent, wonen en huursubsidie", or undefined for the feed of every change. */
export function describeFeedFilter(filterParameters: readonly [FeedFilterParameter, string][], register: Pick<MunicipalityRegister, "get">): string | undefined {
  const parts = filterParameters.flatMap(([parameter, values]) => (parameter === "search" ? [values] : values.split(",")).map((value) => describeValue(parameter, value, register)));
  return parts.length > 0 ? parts.join(", ") : undefined;
}

/** The page a feed is the feed of: `/gemeenten/44021` for `?municipality=44021`, `/themas/housing` for `?theme=housing`, else `/`. */
export function feedHomePath(filterParameters: readonly [FeedFilterParameter, string][]): string {
  const [only] = filterParameters;
  if (filterParameters.length !== 1 || !only || only[1].includes(",")) return "/";
  if (only[0] === "municipality") return `/gemeenten/${only[1]}`;
  if (only[0] === "theme") return `/themas/${encodeURIComponent(only[1])}`;
  return "/";
}
