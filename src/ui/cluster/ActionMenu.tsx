// A small menu of actions behind a "⋯" button (and the right mouse button on its owner).

import { useEffect, useRef } from 'react';

export interface MenuItem {
  label: string;
  command: string;
}

export function ActionMenu({ label, items, open, setOpen, onAction }: { label: string; items: MenuItem[]; open: boolean; setOpen: (o: boolean) => void; onAction: (command: string) => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: Event) => {
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !ref.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', close, true);
    document.addEventListener('keydown', close, true);
    (ref.current?.querySelector('[role=menuitem]') as HTMLElement | null)?.focus();
    return () => {
      document.removeEventListener('pointerdown', close, true);
      document.removeEventListener('keydown', close, true);
    };
  }, [open, setOpen]);
  return (
    <div className="action-menu nodrag" ref={ref}>
      <button
        type="button"
        className="menu-button"
        aria-label={label}
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={(e) => {
          e.stopPropagation();
          setOpen(!open);
        }}
      >
        ⋯
      </button>
      {open && (
        <ul role="menu" aria-label={label}>
          {items.map((it) => (
            <li key={it.label} role="none">
              <button
                type="button"
                role="menuitem"
                onClick={(e) => {
                  e.stopPropagation();
                  setOpen(false);
                  onAction(it.command);
                }}
              >
                {it.label}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
