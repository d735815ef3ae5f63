/**
 * A fetched body that cannot hold an article (a PDF or an image served as `text/html`). The
 * message is the reason, recorded as the page's error; nothing is parsed or stored.
 */
export class NotAnArticleError extends Error {
  override name = "NotAnArticleError";
}
