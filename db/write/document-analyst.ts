import type { NewDocumentTheme } from "../queries/document-themes.js";
import type { NewExchange } from "../queries/exchanges.js";
import type { MeasureWrite } from "../queries/measures.js";

/**
 * What the write path needs from the normalisation, passed in (scrapers/normalise/document-analyst.ts
 * makes one): the analysis of a stored document, ready to store, and the score of a backing link.
 * The database layer never imports the rules themselves.
 */
export interface DocumentAnalyst {
  /** Version of the rules: a document analysed by these rules is not analysed again when its content did not change. */
  rulesVersion: string;
  /** Analyse a stored document; throws with the reason when it cannot (over its time budget). */
  analyse(subject: AnalysisSubject): Promise<StoredAnalysis>;
  /** How likely a decision backs a press release (0–1). */
  scoreBacking(release: LinkableDocument, decision: LinkableDocument): number;
  backing: {
    /** A release may be backed by a decision taken up to this many days before it… */
    daysBefore: number;
    /** …or announced up to this many days before the decision. */
    daysAfter: number;
    /** Links below this confidence are not stored. */
    threshold: number;
    /** At most this many decisions back one release. */
    maxLinks: number;
  };
}

/** A stored document as the analysis reads it. */
export interface AnalysisSubject {
  documentId: number;
  title: string;
  text: string;
  /** The document's Brussels day (YYYY-MM-DD). */
  date: string | null;
  publisher: string | null;
  /** Offset of a decision's operative part: measures are read from there on. */
  measuresFrom: number;
}

export interface LinkableDocument {
  title: string;
  text: string;
  date: string | null;
  themeCodes: readonly string[];
}

/** An analysis as it is stored: rows keyed by theme code, and the hash that tells whether it changed. */
export interface StoredAnalysis {
  hash: string;
  rulesVersion: string;
  themes: (Omit<NewDocumentTheme, "themeId"> & { code: string })[];
  municipalities: { nis: string; mentions: number }[];
  measures: (Omit<MeasureWrite, "themeId"> & { themeCode: string })[];
  exchanges: NewExchange[];
  /** Counts for the `document.analysed` event. */
  measureCount: number;
}
