/** Where typing is kept in the browser: session storage, under this prefix, the person, the page and the form. */
export const PREFIX = "planner:typed:";

export const storage = (): Storage | null => {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
};

/** Forgets everything kept for anyone in this tab: on signing out. */
export function forgetAllTyped() {
  const store = storage();
  if (!store) return;
  for (const key of Object.keys(store)) if (key.startsWith(PREFIX)) store.removeItem(key);
}
