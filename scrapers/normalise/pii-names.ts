import { endsInTitle, handsAidTo, hasOfficeBeside, isFollowedByPersonalDetails, isMunicipalityName, isOrganisationalWord, opensNoName, speaksOfAid } from "./pii-name-context.js";
import { indexSentences, type TextSpan } from "./pii-text.js";

/**
 * Names of people who receive (or ask for) individual social aid, as BCSD decisions, OCMW minutes,
 * vote subjects, decision titles and press texts write them. A name is a run of capitalised words,
 * words in capitals and initials, with Dutch and Arabic particles in any case ("Maria PEETERS",
 * "WOUTERS Sofie", "M. Peeters", "J.-P. Claes", "mevrouw van den Broeck", "Ahmed El Amrani").
 * It belongs to a recipient when the sentence is about aid and the name stands
 *   - after a title ("mevrouw", "de heer", "cliënt", "betrokkene"…),
 *   - after a word that hands aid to someone ("toegekend aan X", "verleent X", "de aanvraag van X",
 *     "Leefloon - X", "Aanvraag huurwaarborg X"),
 *   - at the start of the sentence before "krijgt", "ontvangt", "vraagt"…,
 * or, in any sentence, when a birth date or an address follows it ("X, geboren op …").
 * Office holders named with their office stay, as minutes name them on purpose ("de heer X,
 * burgemeester", "schepen X"), and so do staff in their role ("maatschappelijk werker X") and
 * organisations ("Rode Kruis Vlaanderen", "Welzijnsschakels Eeklo").
 */

const GAP = String.raw`[^\S\n]+`;
const PARTICLE = String.raw`(?:[Vv]an(?:de[nr]?)?|VAN(?:DE[NR]?)?|[Dd]e[nr]?|DE[NR]?|[Tt]e[nr]|TE[NR]|[Ee]l|EL|[Aa]l|AL|[Bb]en|BEN|[Ll][ea]|L[EA]|[Dd][uai]|D[UAI]|[Vv]on|VON)`;
const INITIAL = String.raw`\p{Lu}\.(?:-?\p{Lu}\.)*`;
const CAPITALISED = String.raw`\p{Lu}(?:['’]\p{Lu})?\p{Ll}+(?:-\p{Lu}\p{Ll}+)*`;
const CAPITALS = String.raw`\p{Lu}(?:['’]?\p{Lu})+(?:-\p{Lu}+)*`;
const WORD = String.raw`(?:${INITIAL}|${CAPITALISED}|${CAPITALS})(?![\p{L}\p{N}])`;
/** A run of name-like words, particles only between or before them; at most five words. */
const candidate = new RegExp(String.raw`(?<![\p{L}\p{N}'’.\-])(?:${PARTICLE}${GAP})*${WORD}(?:${GAP}(?:${PARTICLE}${GAP})*${WORD}){0,4}`, "gu");

/** How much of the sentence before and after a name its context is read from: the cues are a few words long. */
const CONTEXT = 120;

const particles = new Set(["van", "vande", "vanden", "vander", "de", "den", "der", "ter", "ten", "el", "al", "ben", "le", "la", "du", "da", "di", "von"]);

interface Token extends TextSpan {
  text: string;
  particle: boolean;
}

function tokensOf(match: string, offset: number): Token[] {
  return [...match.matchAll(/\S+/g)].map((m) => ({
    text: m[0],
    start: offset + m.index,
    end: offset + m.index + m[0].length,
    particle: particles.has(m[0].toLowerCase()),
  }));
}

const isInitial = (t: Token) => /^\p{Lu}\.(?:-?\p{Lu}\.)*$/u.test(t.text);
const isOrganisational = (t: Token) => isOrganisationalWord(t.text);

/**
 * The name inside a candidate run: leading titles, offices and sentence openers dropped, cut
 * before the first word of an organisation or a new sentence ("Els V. Het comité…").
 */
function trimName(tokens: Token[]): Token[] {
  let first = 0;
  while (first < tokens.length && opensNoName((tokens[first] as Token).text)) first++;
  const rest = tokens.slice(first);
  const cut = rest.findIndex((t, i) => i > 0 && isOrganisational(t));
  const name = cut < 0 ? rest : rest.slice(0, cut);
  while (name.length > 0 && (name.at(-1) as Token).particle) name.pop();
  return name;
}

/**
 * Whether a name ends in a municipality: the municipality itself ("Nazareth-De Pinte", "De Panne")
 * or an organisation's local branch ("Okra Aalst"). A single place word after a particle is part
 * of a surname ("Lieve Van Gent").
 */
function endsInMunicipality(name: Token[]): boolean {
  return name.some((token, i) => {
    const tail = name.slice(i).map((t) => t.text).join(" ");
    return isMunicipalityName(tail) && !(i === name.length - 1 && name[i - 1]?.particle);
  });
}

/**
 * Whether tokens look like a person's name: a real word among them, and, without a title, a given
 * name and a surname, not ending in a municipality.
 */
function isPersonShaped(name: Token[], titled: boolean): boolean {
  const words = name.filter((t) => !t.particle);
  if (!words.some((t) => !isInitial(t) && /\p{L}{2}/u.test(t.text))) return false;
  if (words.some(isOrganisational)) return false;
  return titled || (words.length >= 2 && !endsInMunicipality(name));
}

/** Names of aid recipients in a text, as spans of the name only (titles stay). */
export function findAidRecipientNames(text: string): TextSpan[] {
  const spans: TextSpan[] = [];
  const sentences = indexSentences(text);
  for (const match of text.matchAll(candidate)) {
    let name = trimName(tokensOf(match[0], match.index));
    if (name.length === 0) continue;
    const sentence = sentences.around({ start: (name[0] as Token).start, end: (name.at(-1) as Token).end });
    // A lower-case particle opens a name only after a title ("mevrouw van den Broeck"); elsewhere
    // it is a preposition ("de aanvraag van Jan Peeters", "aan de Wolf").
    if (!endsInTitle(text.slice(Math.max(sentence.start, (name[0] as Token).start - CONTEXT), (name[0] as Token).start))) {
      while (name.length > 0 && (name[0] as Token).particle && /^\p{Ll}/u.test((name[0] as Token).text)) name = name.slice(1);
      if (name.length === 0) continue;
    }
    const span = { start: (name[0] as Token).start, end: (name.at(-1) as Token).end };
    const before = text.slice(Math.max(sentence.start, span.start - CONTEXT), span.start);
    const after = text.slice(span.end, Math.min(sentence.end, span.end + CONTEXT));
    // The cheap tests first: most capitalised words in minutes stand in sentences about other things.
    const identified = isFollowedByPersonalDetails(after);
    if (!identified && !speaksOfAid(text.slice(sentence.start, sentence.end))) continue;
    if (hasOfficeBeside(before, after)) continue;
    const titled = endsInTitle(before);
    if (!isPersonShaped(name, titled)) continue;
    if (identified || titled || handsAidTo(before, after)) spans.push(span);
  }
  return spans;
}

/**
 * The forms under which a found name returns elsewhere in the same document: the name as found
 * and, for a given name with a surname, the surname alone ("Fatima Benali" → "Benali",
 * "Marieke van der Linden" → "van der Linden", "WOUTERS Sofie" → "WOUTERS").
 */
export function deriveNameForms(name: string): string[] {
  const tokens = tokensOf(name, 0);
  const forms = [name];
  const words = tokens.filter((t) => !t.particle);
  if (words.length < 2) return forms;
  // The surname is the word in capitals when there is one ("WOUTERS Sofie"), else what follows the given name.
  const inCapitals = words.filter((t) => /^\p{Lu}(?:['’]?\p{Lu})+(?:-\p{Lu}+)*$/u.test(t.text));
  const capitals = inCapitals.length < words.length ? inCapitals[0] : undefined;
  const head = capitals ?? (words[1] as Token);
  const from = tokens.indexOf(head) - countParticlesBefore(tokens, head);
  const surname = capitals ? tokens.slice(from, tokens.indexOf(capitals) + 1) : tokens.slice(from);
  const form = surname.map((t) => t.text).join(" ");
  if (form.replace(/[^\p{L}]/gu, "").length >= 3 && !surname.every(isInitial)) forms.push(form);
  return forms;
}

function countParticlesBefore(tokens: Token[], word: Token): number {
  let count = 0;
  for (let i = tokens.indexOf(word) - 1; i >= 0 && (tokens[i] as Token).particle; i--) count++;
  return count;
}
