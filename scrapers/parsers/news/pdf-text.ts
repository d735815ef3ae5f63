
/**
 * The text of a PDF attachment, page by page (pages separated by blank lines), with pdf.js. No
 * fonts or workers are loaded and no code in the document runs.
 */
export async function extractPdfText(bytes: Uint8Array): Promise<string> {
  // pdf.js is loaded with the first PDF: most runs read none.
  const { getDocument } = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const document = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
  try {
    const pages: string[] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      const text = content.items
        .map((item) => ("str" in item ? item.str + (item.hasEOL ? "\n" : "") : ""))
        .join("")
        .replace(/[ \t]+/g, " ")
        .trim();
      if (text) pages.push(text);
    }
    return pages.join("\n\n");
  } finally {
    await document.destroy();
  }
}
