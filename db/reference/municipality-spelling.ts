/**
 * How people spell a municipality's name, and how to compare spellings. Official names are
 * hyphenated ("Sint-Niklaas", "Oud-Turnhout"); people also write spaces ("Sint Niklaas"), "St.-",
 * "St. ", "St-" or "St ", capitals ("SINT-NIKLAAS"), accents or none, and en dashes from word
 * processors. Every spelling folds to one key: lower case, no accents, "st" read as "sint", words
 * joined by single hyphens ("sint-niklaas").
 */

/** A text folded for comparison, with the offset in the original of every folded character. */
export interface FoldedText {
  /** Lower case without accents; every letter in it is a-z, a letter of no Latin base ("ø", "ß") being "x". */
  folded: string;
  /** `offsets[i]` is where folded character i starts in the original; one extra entry for the end. Null when every character folds to one. */
  offsets: number[] | null;
}

const dashes = /[\u2010-\u2015\u2212]/gu;
const nonAscii = /\P{ASCII}/u;

/** Folded non-ASCII characters: a text repeats the few it has (é, ë, non-breaking spaces, quotes) many times. */
const foldedCharacters = new Map<string, string>();

/**
 * One character as compared: accents dropped ("ë" → "e"), lower case, any dash a hyphen, and a
 * letter with no Latin base an "x", so that a name pattern needs to know only a-z as letters.
 */
function foldCharacter(character: string): string {
  if (!nonAscii.test(character)) return character.toLowerCase();
  let folded = foldedCharacters.get(character);
  if (folded === undefined) {
    folded = character
      .normalize("NFD")
      .replace(/\p{M}/gu, "")
      .toLowerCase()
      .replace(dashes, "-")
      .replace(/\P{ASCII}/gu, (rest) => (/\p{L}/u.test(rest) ? "x" : rest));
    foldedCharacters.set(character, folded);
  }
  return folded;
}

/**
 * Fold a whole text for matching names in it, remembering where each folded character came from,
 * so that a match in the folded text points back at the written text (a combining accent or a
 * ligature changes the length).
 */
export function foldText(text: string): FoldedText {
  let sameLength = true;
  // Per UTF-16 unit, without the u flag: several times faster on long texts, and a character
  // outside the BMP never belongs to a municipality's name (its halves are kept as they are).
  const quick = text.replace(/[\u0080-\uffff]/g, (character) => {
    const result = foldCharacter(character);
    if (result.length !== character.length) sameLength = false;
    return result;
  });
  if (sameLength) return { folded: quick.toLowerCase(), offsets: null };
  let folded = "";
  const offsets: number[] = [];
  let index = 0;
  for (const character of text) {
    const result = foldCharacter(character);
    for (let i = 0; i < result.length; i++) offsets.push(index);
    folded += result;
    index += character.length;
  }
  offsets.push(index);
  return { folded, offsets };
}

/** Where folded position `at` lies in the original text. */
export function originalOffset(text: FoldedText, at: number): number {
  return text.offsets === null ? at : (text.offsets[at] ?? text.offsets.at(-1) ?? at);
}

/**
 * The key of a written name: "St.-Niklaas", "Sint Niklaas", "SINT-NIKLAAS" and "Sint–Niklaas"
 * are all "sint-niklaas"; "Oud Turnhout" is "oud-turnhout".
 */
export function foldMunicipalityName(written: string): string {
  return foldText(written)
    .folded.split(/[\s._-]+/u)
    .filter((word) => word.length > 0)
    .map((word) => (word === "st" ? "sint" : word))
    .join("-");
}

/** Between two words of a name: a hyphen (spaced or not, or at a line end) or spaces on one line. */
const WORD_BREAK = String.raw`(?:[ \t\u00a0]*-\s*|[ \t\u00a0]+)`;
/** "Sint" as written before the next word: "Sint-", "Sint ", "St.-", "St. ", "St.", "St-", "St ". */
const SINT = String.raw`(?:sint${WORD_BREAK}|st\.[ \t\u00a0]*(?:-\s*)?|st${WORD_BREAK})`;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&");
}

/** The pattern pieces of one key, in order: a letter, a word break, or "Sint" with its break. */
function piecesOf(key: string): string[] {
  const words = key.split("-");
  return words.flatMap((word, i) => {
    const last = i === words.length - 1;
    if (word === "sint" && !last) return [SINT];
    return [...[...word].map(escapeRegExp), ...(last ? [] : [WORD_BREAK])];
  });
}

interface PieceTree {
  /** A key ends here. */
  ends: boolean;
  next: Map<string, PieceTree>;
}

/** The pattern of a tree of keys sharing their beginnings; a longer key is tried before a key it extends. */
function patternOf(tree: PieceTree): string {
  const branches = [...tree.next].map(([piece, subtree]) => piece + patternOf(subtree));
  if (branches.length === 0) return "";
  const choice = branches.length === 1 ? (branches[0] as string) : `(?:${branches.join("|")})`;
  return tree.ends ? `(?:${choice})?` : choice;
}

/**
 * One pattern that finds every spelling of the given keys in folded text (see foldText). Keys
 * sharing a beginning share a branch, and a longer key is tried first, so that "Oud Turnhout" is
 * one name and not Turnhout, and "Tielt-Winge" not Tielt. A name counts only as a whole word: no
 * letter may touch it, but a digit may, because tables flattened into text glue cells together
 * ("Bewoners Opwijk67,55 euro"). Folded text has no letters but a-z, so the pattern needs no
 * Unicode mode, which makes it several times faster on long minutes.
 */
export function createSpellingPattern(keys: Iterable<string>): RegExp {
  const root: PieceTree = { ends: false, next: new Map() };
  for (const key of keys) {
    let tree = root;
    for (const piece of piecesOf(key)) {
      let subtree = tree.next.get(piece);
      if (!subtree) tree.next.set(piece, (subtree = { ends: false, next: new Map() }));
      tree = subtree;
    }
    tree.ends = true;
  }
  return new RegExp(`(?<![a-z])(?:${patternOf(root)})(?![a-z])`, "g");
}
