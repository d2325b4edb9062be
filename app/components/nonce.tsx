import { createContext, useContext, type ReactNode } from "react";

const NonceContext = createContext<string | undefined>(undefined);

export function NonceProvider({ value, children }: { value: string | undefined; children: ReactNode }) {
  return <NonceContext.Provider value={value}>{children}</NonceContext.Provider>;
}

/** The per-request CSP nonce on the server; empty in the browser, where scripts already run. */
export function useNonce() {
  return useContext(NonceContext);
}
