// Small line icons for the node kinds (inline SVG: no icon font or network needed).
import type { NodeKind } from '../process/node-kinds';

const PATHS: Record<NodeKind, string> = {
  start: 'M8 5v14l11-7z',
  stage: 'M4 6h16v12H4z M4 10h16',
  decision: 'M12 3l9 9-9 9-9-9z',
  parallelSplit: 'M4 12h6 M10 12l8-6 M10 12l8 6',
  parallelJoin: 'M20 12h-6 M14 12L6 6 M14 12l-8 6',
  approval: 'M5 13l4 4L19 7',
  userTask: 'M12 12a4 4 0 100-8 4 4 0 000 8z M4 21c0-4 4-6 8-6s8 2 8 6',
  wait: 'M12 7v5l3 3 M12 21a9 9 0 110-18 9 9 0 010 18z',
  sendMail: 'M3 6h18v12H3z M3 6l9 7 9-7',
  updateRecord: 'M4 20h4L19 9l-4-4L4 16z',
  createTask: 'M5 4h14v16H5z M9 9h6 M9 13h6 M9 17h3',
  end: 'M6 6h12v12H6z',
};

export function KindIcon({ kind, size = 16 }: { kind: NodeKind; size?: number }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden
    >
      <path d={PATHS[kind]} />
    </svg>
  );
}
