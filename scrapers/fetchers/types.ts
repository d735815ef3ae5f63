/** A page to fetch, with the validators of the copy we already hold (for a conditional request). */
export interface FetchRequest {
  url: string;
  etag?: string | null;
  lastModified?: string | null;
  /** Keep the raw bytes (for PDF attachments) besides the decoded text. */
  binary?: boolean;
}

/** A page fetched with status 2xx, its body decoded to text with the right character set. */
export interface FetchedPage {
  kind: "ok";
  /** The URL asked for. */
  url: string;
  /** The URL after redirects. */
  finalUrl: string;
  status: number;
  etag: string | null;
  lastModified: string | null;
  contentType: string | null;
  body: string;
  /** Size of the body in bytes as received (after content decoding). */
  byteSize: number;
  /** Hex SHA-256 of the decoded body text. */
  contentHash: string;
  /** The raw body, when the request asked for `binary`. */
  bytes?: Uint8Array;
  fetchedAt: Date;
}

/** The server said 304: our copy is current; nothing to parse. */
export interface NotModified {
  kind: "not-modified";
  url: string;
  finalUrl: string;
  status: 304;
  fetchedAt: Date;
}

export type FetchResult = FetchedPage | NotModified;

export type FetchFailure =
  | "robots-disallowed"
  | "timeout"
  | "too-large"
  | "not-text"
  | "too-many-redirects"
  | "http-status"
  | "network"
  | "invalid-url";

/**
 * A page could not be fetched. The message says which URL and why; `retryable` tells whether a
 * later run may succeed (the fetcher has already retried what it retries itself).
 */
export class FetchError extends Error {
  override name = "FetchError";
  constructor(
    readonly url: string,
    readonly reason: FetchFailure,
    message: string,
    readonly status: number | null = null,
    readonly retryable = false,
    options?: { cause?: unknown },
  ) {
    super(`${url}: ${message}`, options);
  }
}

export interface Fetcher {
  fetch(request: FetchRequest): Promise<FetchResult>;
}
