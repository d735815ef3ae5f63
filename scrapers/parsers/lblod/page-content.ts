import type { LblodPage } from "../../../schema/lblod.js";

/**
 * Why a parsed page holds nothing of LBLOD, or null when it holds something: sessions, agenda
 * items, decisions, or links to publications (a session index holds only links). A maintenance
 * page or a page built by JavaScript reads as nothing.
 */
export function missingLblodContent(page: LblodPage): string | null {
  const records = page.sessions.length + page.agendaItems.length + page.decisions.length;
  if (records > 0 || page.links.length > 0) return null;
  return "no LBLOD content: expected RDFa sessions, agenda items, decisions or publication links, found none";
}
