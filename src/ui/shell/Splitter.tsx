// A drag handle between two panels; reports how far it moved. Arrow keys move it too.

import { useRef } from 'react';
import { setPanelSizes, useUi } from '../state/ui-store.ts';

export function Splitter({ direction, onDrag }: { direction: 'vertical' | 'horizontal'; onDrag: (dx: number, dy: number) => void }) {
  const last = useRef<{ x: number; y: number } | null>(null);
  const persist = () => {
    const { sideWidth, terminalHeight } = useUi.getState();
    setPanelSizes({ sideWidth, terminalHeight });
  };
  return (
    <div
      className={`splitter ${direction}`}
      role="separator"
      aria-orientation={direction}
      tabIndex={0}
      onPointerDown={(e) => {
        last.current = { x: e.clientX, y: e.clientY };
        e.currentTarget.setPointerCapture(e.pointerId);
      }}
      onPointerMove={(e) => {
        if (!last.current) return;
        onDrag(e.clientX - last.current.x, e.clientY - last.current.y);
        last.current = { x: e.clientX, y: e.clientY };
      }}
      onPointerUp={() => {
        last.current = null;
        persist();
      }}
      onKeyDown={(e) => {
        const step = 24;
        const d = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] }[e.key];
        if (d) {
          onDrag(d[0], d[1]);
          persist();
          e.preventDefault();
        }
      }}
    />
  );
}
