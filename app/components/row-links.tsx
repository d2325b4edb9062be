import { useNavigate } from "@remix-run/react";
import { useEffect, useRef, type CSSProperties, type ReactNode } from "react";

/**
 * A long list whose rows each link to a page of the app, navigated in the app by one listener on the
 * list rather than a <Link> on every row (docs/decisions/0030-row-links.md): a Link resolves its path
 * through the router as it renders, which on the engagement list was an eighth of the server's time
 * for the page. The rows' anchors are plain (RowLink) and carry `data-discover`, so the routes they lead
 * to are discovered as a Link's are; a click the browser should keep (another button, a modifier key,
 * another window, another site), or one before the page is interactive, is the browser's own.
 */
export function RowLinks({ className, style, children }: { className?: string; style?: CSSProperties; children: ReactNode }) {
  const list = useRef<HTMLDivElement>(null);
  const navigate = useNavigate();
  useEffect(() => {
    const element = list.current;
    if (!element) return;
    const onClick = (event: MouseEvent) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.altKey || event.ctrlKey || event.shiftKey) return;
      const anchor = event.target instanceof Element ? event.target.closest<HTMLAnchorElement>("a[data-row-link]") : null;
      if (!anchor || !element.contains(anchor) || (anchor.target && anchor.target !== "_self") || anchor.hasAttribute("download")) return;
      const url = new URL(anchor.href);
      if (url.origin !== window.location.origin) return;
      event.preventDefault();
      navigate(`${url.pathname}${url.search}${url.hash}`);
    };
    element.addEventListener("click", onClick);
    return () => element.removeEventListener("click", onClick);
  }, [navigate]);
  return (
    <div ref={list} className={className} style={style}>
      {children}
    </div>
  );
}

/** A row's link inside RowLinks: an absolute path of the app. */
export function RowLink({ to, children }: { to: `/${string}`; children: ReactNode }) {
  return (
    <a href={to} data-row-link="" data-discover="true">
      {children}
    </a>
  );
}
