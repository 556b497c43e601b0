// What jsdom lacks and React Flow reaches for, after React Flow's own testing guide: a
// ResizeObserver that reports each observed element once, DOMMatrixReadOnly, element sizes (jsdom
// lays nothing out, and a node of size 0 is measured again and again) and SVG bounding boxes.
// Imported first by every *.test.tsx of the designer.
class ResizeObserverShim {
  constructor(private readonly callback: ResizeObserverCallback) {}
  observe(target: Element): void {
    this.callback([{ target } as ResizeObserverEntry], this as unknown as ResizeObserver);
  }
  unobserve(): void {}
  disconnect(): void {}
}

/** Enough of DOMMatrixReadOnly for React Flow to read a CSS transform's scale (m22). */
class DOMMatrixReadOnlyShim {
  readonly m22: number;
  constructor(transform?: string) {
    const scale = /scale\(([\d.]+)\)/.exec(transform ?? '');
    this.m22 = scale ? Number(scale[1]) : 1;
  }
}

const scope = globalThis as Record<string, unknown>;
scope.ResizeObserver ??= ResizeObserverShim;
scope.DOMMatrixReadOnly ??= DOMMatrixReadOnlyShim;
scope.DOMMatrix ??= DOMMatrixReadOnlyShim;

if (typeof HTMLElement !== 'undefined') {
  Object.defineProperties(HTMLElement.prototype, {
    offsetHeight: {
      configurable: true,
      get(this: HTMLElement) {
        return parseFloat(this.style.height) || 1;
      },
    },
    offsetWidth: {
      configurable: true,
      get(this: HTMLElement) {
        return parseFloat(this.style.width) || 1;
      },
    },
  });
}
if (typeof SVGElement !== 'undefined')
  Object.assign(SVGElement.prototype, { getBBox: () => ({ x: 0, y: 0, width: 0, height: 0 }) });
