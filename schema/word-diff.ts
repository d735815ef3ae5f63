import { diffWordsWithSpace } from "diff";

/** One run of a word-level diff: text kept, inserted or deleted. */
export interface DiffPart {
  op: "equal" | "insert" | "delete";
  text: string;
}

/** Word-level difference between two texts (whitespace kept), as consecutive runs. */
export function wordDiff(before: string, after: string): DiffPart[] {
  return diffWordsWithSpace(before, after).map((change) => ({
    op: change.added ? "insert" : change.removed ? "delete" : "equal",
    text: change.value,
  }));
}
