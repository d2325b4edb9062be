import { useEffect, useId, useRef, useState } from "react";
import { fitGanttLabels, fitGanttMarks, LEAST_SECTION_COLUMN, sectionColumn, widestSectionName } from "~/components/gantt-labels";
import { MERMAID_THEME_VARIABLES } from "~/lib/mermaid-theme";

type Status = "drawing" | "drawn" | "failed";

/**
 * Draws generated mermaid source in the browser. Mermaid is loaded only on the pages that draw
 * diagrams (a lazy chunk), runs with securityLevel "strict", and is only ever given source that
 * app/domain generated from the structured model, never text a user typed.
 */
export function MermaidView({
  source,
  label,
  className,
  minWidth,
  minScale,
  scrollHint,
}: {
  source: string;
  label: string;
  className?: string;
  /**
   * A gantt is laid out to the width of its frame, its labels beside their bars: narrower than this (a
   * phone), it is drawn this wide instead and scrolls inside its frame, so that no label is cut off or
   * drawn over another.
   */
  minWidth?: number;
  /**
   * A flowchart is shrunk to the width of its frame, but never below this share of its own size: on a
   * phone its words would otherwise be too small to read, so it keeps this size and scrolls inside its frame.
   */
  minScale?: number;
  /** Said above a drawing wider than its frame, as a table's box says it ("Scroll sideways to see…"). */
  scrollHint?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [status, setStatus] = useState<Status>("drawing");
  const [wider, setWider] = useState(false);
  const id = `mermaid-${useId().replace(/[^a-zA-Z0-9]/g, "")}`;

  useEffect(() => {
    let cancelled = false;
    setStatus("drawing");
    // Measured before drawing: the frame's own width, which a gantt's layout would otherwise take.
    const frame = ref.current?.clientWidth ?? 0;
    const narrow = minWidth !== undefined && frame < minWidth;
    // A gantt's streams are named in a column of their own at its left, as wide as their longest name allows.
    const column = /^\s*gantt\b/.test(source) ? sectionColumn(widestSectionName(source, document), narrow ? minWidth! : frame) : null;
    (async () => {
      try {
        const { default: mermaid } = await import("mermaid");
        mermaid.initialize({
          startOnLoad: false,
          securityLevel: "strict",
          layout: "dagre",
          theme: "neutral",
          // The neutral theme draws critical-path bars in #d42 under white text (4.3:1); our danger red gives 7.8:1.
          themeVariables: MERMAID_THEME_VARIABLES,
          // Mermaid 11 reads the top-level setting for node labels: SVG text, never HTML in a foreignObject.
          htmlLabels: false,
          flowchart: { htmlLabels: false, useMaxWidth: true },
          gantt: {
            ...(narrow ? { useMaxWidth: false, useWidth: minWidth } : { useMaxWidth: true }),
            leftPadding: column ?? LEAST_SECTION_COLUMN,
          },
        });
        const { svg } = await mermaid.render(`${id}-${Date.now()}`, source);
        if (cancelled || !ref.current) return;
        ref.current.innerHTML = svg;
        const drawn = ref.current.querySelector("svg");
        // Mermaid's own places for a gantt's words may cut them off at its edge: each is put where it shows whole.
        if (drawn && column !== null) {
          fitGanttLabels(drawn, column);
          fitGanttMarks(drawn, column);
        }
        const natural = drawn?.viewBox.baseVal?.width;
        if (drawn && natural && minScale !== undefined) drawn.style.minWidth = `${Math.ceil(natural * minScale)}px`;
        setStatus("drawn");
      } catch {
        if (!cancelled) setStatus("failed");
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [source, id, minWidth, minScale]);

  // Whether the drawing is wider than its frame, kept up to date as either changes size, for the hint.
  useEffect(() => {
    const canvas = ref.current;
    if (!scrollHint || !canvas || status !== "drawn" || typeof ResizeObserver === "undefined") return;
    const measure = () => setWider(canvas.scrollWidth > canvas.clientWidth + 1);
    const observer = new ResizeObserver(measure);
    observer.observe(canvas);
    // The drawing can grow without its frame changing (a diagram's "Full size").
    const drawing = canvas.querySelector("svg");
    if (drawing) observer.observe(drawing);
    measure();
    return () => observer.disconnect();
  }, [scrollHint, status]);

  // A drawing that scrolls inside its frame: the frame takes focus so the arrow keys can scroll it.
  const scrolls = /\bdiagram--wide\b/.test(className ?? "") || wider;
  return (
    <figure className={className ?? "diagram"} aria-label={label} data-diagram-status={status} tabIndex={scrolls ? 0 : undefined}>
      {scrollHint && wider && status === "drawn" ? (
        <p className="table-scroll-hint small muted" data-scroll-hint>
          {scrollHint}
          <span aria-hidden="true"> →</span>
        </p>
      ) : null}
      <div ref={ref} className="diagram__canvas" role="img" aria-label={label} />
      {status === "drawing" ? <p className="muted small">Drawing the diagram…</p> : null}
      {status === "failed" ? <p className="field-error">The diagram could not be drawn. The table shows the same content.</p> : null}
    </figure>
  );
}
