/**
 * Templates write `<div property="besluit:heeftStemming" resource=".../stemmingen/X"
 * typeof="besluit:Stemming">` to introduce a vote, and RDFa types the linked resource and lets
 * the element's children describe it. Some add the subject explicitly: `<p about=".../behandelingen/X"
 * property="besluit:heeftStemming" resource=".../stemmingen/X" typeof="besluit:Stemming">`
 * (reported on real publications, 2026-11). RDFa 1.1 then types `about` instead: the treatment
 * becomes a vote, the children's counts land on it, and the page yields two votes where it has
 * one. The template means what it means without `about`, so an element of that shape is read as
 * two: the link, then the typed resource holding the children.
 */

/** Whether an element links `about` to another resource and also carries `typeof`. */
function linksTypedResource(attributes: Record<string, string>): boolean {
  const links = ("property" in attributes || "rel" in attributes) && !("rev" in attributes);
  const target = attributes.resource ?? attributes.href ?? attributes.src;
  return (
    links &&
    "about" in attributes &&
    "typeof" in attributes &&
    target !== undefined &&
    target !== attributes.about &&
    !("content" in attributes) &&
    !("datatype" in attributes) &&
    !("inlist" in attributes)
  );
}

/**
 * The attribute sets to hand the RDFa processor for one element, outermost first: the element
 * itself, or, for the shape above, the link without `typeof` and then an element about the
 * linked resource with the type.
 */
export function splitLinkedType(attributes: Record<string, string>): Record<string, string>[] {
  if (!linksTypedResource(attributes)) return [attributes];
  const { typeof: types, ...link } = attributes;
  const target = (attributes.resource ?? attributes.href ?? attributes.src) as string;
  return [link, { about: target, typeof: types as string }];
}
