import { PDFArray, type PDFDict, PDFHexString, PDFName, PDFNumber, PDFOperator, PDFOperatorNames, PDFString, type PDFDocument, type PDFPage, type PDFRef } from 'pdf-lib';

/**
 * A tagged PDF (PDF 1.7 §14.8, the structure PDF/UA builds on), built with pdf-lib's low-level API
 * since pdf-lib has no tagging of its own: every piece of text or image is a marked-content sequence
 * (BDC … EMC with an MCID) that belongs to a structure element (H1, H2, P, L/LI/LBody,
 * Table/TR/TH/TD, Figure with /Alt, Caption); rules, backgrounds and footers are /Artifact. The
 * catalog gets /StructTreeRoot, /MarkInfo << /Marked true >>, /Lang and the page /StructParents with
 * a /ParentTree so a screen reader maps content back to its element.
 */

export type StructType = 'Document' | 'Sect' | 'H1' | 'H2' | 'P' | 'L' | 'LI' | 'LBody' | 'Table' | 'TR' | 'TH' | 'TD' | 'Figure' | 'Caption';

interface MarkedRef {
  page: PDFPage;
  pageIndex: number;
  mcid: number;
}

/** One structure element; children are elements or marked content on a page. */
export class StructElem {
  readonly kids: (StructElem | MarkedRef)[] = [];
  constructor(
    readonly type: StructType,
    readonly ref: PDFRef,
    readonly alt?: string,
  ) {}
}

export class TagTree {
  readonly root: StructElem;
  private readonly mcids = new Map<PDFPage, { index: number; next: number; elems: StructElem[] }>();

  constructor(private readonly pdf: PDFDocument) {
    this.root = new StructElem('Document', pdf.context.nextRef());
  }

  /** A new element under `parent`. */
  add(parent: StructElem, type: StructType, alt?: string): StructElem {
    const e = new StructElem(type, this.pdf.context.nextRef(), alt);
    parent.kids.push(e);
    return e;
  }

  /** Registers a page (its index is its StructParents key). */
  addPage(page: PDFPage): void {
    const index = this.mcids.size;
    this.mcids.set(page, { index, next: 0, elems: [] });
    page.node.set(PDFName.of('StructParents'), PDFNumber.of(index));
    // Tab order follows the structure (PDF/UA).
    page.node.set(PDFName.of('Tabs'), PDFName.of('S'));
  }

  /** Draws `draw` on `page` as marked content of `elem`. */
  mark(page: PDFPage, elem: StructElem, draw: () => void): void {
    const p = this.mcids.get(page)!;
    const mcid = p.next++;
    p.elems[mcid] = elem;
    elem.kids.push({ page, pageIndex: p.index, mcid });
    page.pushOperators(PDFOperator.of(PDFOperatorNames.BeginMarkedContentSequence, [PDFName.of(elem.type), this.props({ MCID: mcid })]));
    draw();
    page.pushOperators(PDFOperator.of(PDFOperatorNames.EndMarkedContent));
  }

  /** Draws `draw` as an artifact (not read aloud): rules, backgrounds, page furniture. */
  artifact(page: PDFPage, draw: () => void, pagination = false): void {
    if (pagination) page.pushOperators(PDFOperator.of(PDFOperatorNames.BeginMarkedContentSequence, [PDFName.of('Artifact'), this.props({ Type: 'Pagination' })]));
    else page.pushOperators(PDFOperator.of(PDFOperatorNames.BeginMarkedContent, [PDFName.of('Artifact')]));
    draw();
    page.pushOperators(PDFOperator.of(PDFOperatorNames.EndMarkedContent));
  }

  /**
   * A property list for BDC. pdf-lib's operator type lists no dictionaries, but a PDFDict serialises
   * inline (`<< /MCID 0 >>`) exactly as the operator needs.
   */
  private props(d: Record<string, number | string>): PDFArray {
    return this.pdf.context.obj(d) as unknown as PDFArray;
  }

  /** Writes the structure tree and marks the document as tagged, in `lang` (BCP 47, e.g. "en-GB"). */
  finish(lang: string, title: string): void {
    const ctx = this.pdf.context;
    const rootRef = ctx.nextRef();
    const write = (e: StructElem, parent: PDFRef): void => {
      const kids = PDFArray.withContext(ctx);
      for (const k of e.kids) {
        if (k instanceof StructElem) {
          write(k, e.ref);
          kids.push(k.ref);
        } else kids.push(ctx.obj({ Type: 'MCR', Pg: k.page.ref, MCID: k.mcid }));
      }
      const d = ctx.obj({ Type: 'StructElem', S: e.type, P: parent, K: kids }) as PDFDict;
      if (e.alt !== undefined) d.set(PDFName.of('Alt'), PDFHexString.fromText(e.alt));
      ctx.assign(e.ref, d);
    };
    write(this.root, rootRef);
    const nums = PDFArray.withContext(ctx);
    for (const p of this.mcids.values()) {
      nums.push(PDFNumber.of(p.index));
      nums.push(ctx.obj(p.elems.map((e) => e.ref)));
    }
    const parentTree = ctx.register(ctx.obj({ Nums: nums }));
    ctx.assign(rootRef, ctx.obj({ Type: 'StructTreeRoot', K: [this.root.ref], ParentTree: parentTree, ParentTreeNextKey: this.mcids.size }));
    const cat = this.pdf.catalog;
    cat.set(PDFName.of('StructTreeRoot'), rootRef);
    cat.set(PDFName.of('MarkInfo'), ctx.obj({ Marked: true }));
    cat.set(PDFName.of('Lang'), PDFString.of(lang));
    cat.set(PDFName.of('ViewerPreferences'), ctx.obj({ DisplayDocTitle: true }));
    this.pdf.setTitle(title, { showInWindowTitleBar: true });
  }
}
