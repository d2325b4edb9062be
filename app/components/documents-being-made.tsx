import { useEffect } from "react";
import { useLocation, useRevalidator } from "@remix-run/react";
import { Notice } from "./ui";

/** How often the page asks whether the documents are ready: with JavaScript it asks quietly, without it reloads. */
const POLL_SECONDS = 3;
const RELOAD_SECONDS = 5;

/**
 * Says that a version's documents are still being made, and keeps asking until they are ready
 * (docs/domain.md §9.4): with JavaScript by reloading the page's data, without it by reloading the
 * page, and by a link to do so at once.
 */
export function DocumentsBeingMade({ which }: { which: string[] }) {
  const revalidator = useRevalidator();
  const here = useLocation();
  const pending = which.length > 0;
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, POLL_SECONDS * 1000);
    return () => clearInterval(timer);
  }, [pending, revalidator]);
  if (!pending) return null;
  return (
    <Notice>
      <noscript>
        <meta httpEquiv="refresh" content={String(RELOAD_SECONDS)} />
      </noscript>
      <strong>Documents being made:</strong> {which.join(", ")}. This page updates itself when they are ready; a download asked for now waits for its document,
      or says when to ask again. <a href={here.pathname + here.search}>Refresh now</a>
    </Notice>
  );
}
