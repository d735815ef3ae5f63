/**
 * A document's search terms (documents.search_terms), as schema/dutch-compounds.ts `searchTermsOf`
 * gives them, but from the tokens the seed wrote instead of by reading the text again: the seed's
 * texts are made of a few thousand distinct tokens, so each token's terms are computed once and a
 * document only joins them (reading each text would cost about 1 ms a document). `searchTermsOf`
 * skips the parts of capitalised words inside a sentence (names); the writer says which tokens are
 * names. The terms are the same words, but for the rare word whose first use in a text differs
 * from its first use in the token cache (a name later written in lower case); their order may
 * differ, which no search reads.
 */
import { searchTermsOf } from "../../schema/dutch-compounds.js";

interface TokenTerms {
  /** The token's words in lower case, as `searchTermsOf` finds them (runs of letters). */
  words: string[];
  /** What `searchTermsOf` adds for the token on its own (compound parts, other number, completed ellipses). */
  terms: string[];
}

const WORD = /\p{L}+/gu;
const cache = new Map<string, TokenTerms>();

/**
 * The terms of a token as written. A name is read inside a sentence (after a word), where its
 * capitalised words count as names and its lower-case ones (`op`, `den` in Heist-op-den-Berg) do not.
 */
function termsOfToken(token: string, isName: boolean): TokenTerms {
  const key = isName ? `\u0000${token}` : token;
  let known = cache.get(key);
  if (!known) {
    const terms = isName ? searchTermsOf(`x ${token}`).split(" ").filter((term) => term !== "x") : searchTermsOf(token).split(" ");
    known = { words: token.toLowerCase().match(WORD) ?? [], terms: terms.filter(Boolean) };
    cache.set(key, known);
  }
  return known;
}

/** Collects the tokens of one document (title first, then text) in writing order. */
export class SearchTermsCollector {
  private readonly seen = new Set<string>();
  private readonly terms = new Set<string>();

  /**
   * A token as written: a word, a fixed phrase (read as a whole, so that `beleids- en
   * beheerscyclus` gives `beleidscyclus`), or a name inside a sentence (`isName`).
   */
  add(token: string, isName = false): void {
    const { words, terms } = termsOfToken(token, isName);
    let unseen = false;
    for (const word of words) {
      if (!this.seen.has(word)) {
        this.seen.add(word);
        unseen = true;
      }
    }
    if (unseen) for (const term of terms) this.terms.add(term);
  }

  /** The terms, space-separated; words the document itself holds are left out, as `searchTermsOf` does. */
  result(): string {
    const out: string[] = [];
    for (const term of this.terms) if (!this.seen.has(term)) out.push(term);
    return out.join(" ");
  }
}
