// What jsdom lacks and React Flow (and other layout-aware components) reach for: ResizeObserver
// and DOMMatrixReadOnly. Imported first by every *.test.tsx of the designer.
class ResizeObserverShim {
  observe(): void {}
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
