import { FetchError, type Fetcher } from "../../scrapers/fetchers/types.js";

/**
 * The demo's fetcher. A URL on a public origin the demo replays (`https://stad.gent/…`) is fetched
 * from that origin's replay site on 127.0.0.1, and the answer carries the public URL again: pages,
 * links and documents get the identities they have online (a press release's canonical URL, or
 * the URL of its page), whichever port a replay site was given, so two demos store the same
 * documents. Any other URL is refused: the demo never reaches the internet.
 *
 * `replays` maps each public origin (`https://stad.gent`) to its replay site's origin
 * (`http://127.0.0.1:40123`). The replay sites redirect only within themselves.
 */
export function createReplayFetcher(fetcher: Fetcher, replays: ReadonlyMap<string, string>): Fetcher {
  // A local origin followed by a digit is another port (127.0.0.1:4012 is not 127.0.0.1:40123).
  const locals = [...replays].map(([publicOrigin, local]) => ({ pattern: new RegExp(`${escapeRegExp(local)}(?!\\d)`, "g"), publicOrigin }));
  /** A local URL, or a message naming local URLs, as the public origins read. */
  const toPublic = (text: string) => locals.reduce((result, { pattern, publicOrigin }) => result.replace(pattern, publicOrigin), text);

  return {
    async fetch(request) {
      let url: URL;
      try {
        url = new URL(request.url);
      } catch {
        throw new FetchError(request.url, "invalid-url", "not a valid URL");
      }
      const local = replays.get(url.origin);
      if (!local) {
        throw new FetchError(request.url, "network", `the demo fetches only from its replay sites (${[...replays.keys()].join(", ")}), not from ${url.origin}`);
      }
      const localUrl = `${local}${url.pathname}${url.search}`;
      try {
        const result = await fetcher.fetch({ ...request, url: localUrl });
        return { ...result, url: request.url, finalUrl: toPublic(result.finalUrl) };
      } catch (error) {
        if (!(error instanceof FetchError)) throw error;
        const message = toPublic(error.message.replace(`${localUrl}: `, ""));
        throw new FetchError(request.url, error.reason, message, error.status, error.retryable, { cause: error });
      }
    },
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
