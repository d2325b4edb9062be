import { useEffect, useId, useRef, useState } from "react";
import { MERMAID_THEME_VARIABLES } from "~/lib/mermaid-theme";

type Status = "drawing" | "drawn" | "failed";

/**
 * Draws generated mermaid source in the browser. Mermaid is loaded only on the pages that draw
 * diagrams (a lazy chunk), runs with securityLevel "strict", and is only ever given source that
 * app/domain generated from the structured model, never text a user typed.
 */
export function MermaidView({ source, label, className }: { source: string; label: string; className?: string }) {
  // A wide drawing scrolls inside its frame: the frame takes focus so the arrow keys can scroll it.
  const scrolls = /\bdiagram--wide\b/.test(className ?? "");
  const ref = useRef<HTMLDivElement>(null);
  const [status, setStatus] = useState<Status>("drawing");
  const id = `mermaid-${useId().replace(/[^a-zA-Z0-9]/g, "")}`;

  useEffect(() => {
    let cancelled = false;
    setStatus("drawing");
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
          gantt: { useMaxWidth: true },
        });
        const { svg } = await mermaid.render(`${id}-${Date.now()}`, source);
        if (cancelled || !ref.current) return;
        ref.current.innerHTML = svg;
        setStatus("drawn");
      } catch {
        if (!cancelled) setStatus("failed");
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [source, id]);

  return (
    <figure className={className ?? "diagram"} aria-label={label} data-diagram-status={status} tabIndex={scrolls ? 0 : undefined}>
      <div ref={ref} className="diagram__canvas" role="img" aria-label={label} />
      {status === "drawing" ? <p className="muted small">Drawing the diagram…</p> : null}
      {status === "failed" ? <p className="field-error">The diagram could not be drawn. The table shows the same content.</p> : null}
    </figure>
  );
}
