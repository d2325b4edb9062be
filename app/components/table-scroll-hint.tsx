import { useEffect, useRef, useState, type ReactNode, type RefObject } from "react";
import { TableScroll } from "./ui";

/**
 * A TableScroll that says so in words, `hint`, whenever the table is wider than its box (on a phone,
 * say): a sideways scroll otherwise shows nothing of the columns beyond the edge. Apart from ui.tsx, so
 * that only the pages that use it load it.
 */
export function HintedTableScroll({ hint, children, ...box }: { label?: string; labelledBy?: string; className?: string; hint: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const wider = useWiderThanBox(ref);
  return (
    <TableScroll {...box} boxRef={ref}>
      {wider ? (
        <p className="table-scroll-hint small muted" data-scroll-hint>
          {hint}
          <span aria-hidden="true"> →</span>
        </p>
      ) : null}
      {children}
    </TableScroll>
  );
}

/** Whether what the box holds is wider than the box, kept up to date as either changes size. */
export function useWiderThanBox(box: RefObject<HTMLElement>): boolean {
  const [wider, setWider] = useState(false);
  useEffect(() => {
    const element = box.current;
    if (!element || typeof ResizeObserver === "undefined") return;
    const measure = () => setWider(element.scrollWidth > element.clientWidth + 1);
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    for (const child of Array.from(element.children)) observer.observe(child);
    measure();
    return () => observer.disconnect();
  }, [box]);
  return wider;
}
