import type { ButtonHTMLAttributes, MouseEvent } from "react";

/**
 * A form's submit button that waits while the page answers without leaving the keyboard's place.
 * A `disabled` button loses focus in the browser, so a keyboard user who saved a row found themselves
 * back at the top of the page. While `busy` this button stays focusable and says it is unavailable
 * (`aria-disabled`), and a click on it — pressed again, or Enter in one of its form's fields —
 * is refused, so a second press sends nothing. Without JavaScript it is a plain submit button.
 */
export function SubmitButton({ busy, onClick, ...button }: Omit<ButtonHTMLAttributes<HTMLButtonElement>, "type" | "disabled"> & { busy: boolean }) {
  return <button type="submit" {...button} aria-disabled={busy || undefined} onClick={busy ? refuse : onClick} />;
}

function refuse(event: MouseEvent<HTMLButtonElement>) {
  event.preventDefault();
}
